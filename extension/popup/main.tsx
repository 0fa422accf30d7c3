import { mountPage } from '../lib/mount-page.tsx';
import { PopupApp } from './PopupApp.tsx';

mountPage(PopupApp);
