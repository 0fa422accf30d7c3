import { mountPage } from '../lib/mount-page.tsx';
import { SidebarApp } from './SidebarApp.tsx';

mountPage(SidebarApp);
