import { mountPage } from '../lib/mount-page.tsx';
import { OptionsApp } from './OptionsApp.tsx';

mountPage(OptionsApp);
