import { render } from 'preact';
import '../styles.css';
import { SidebarApp } from './SidebarApp.tsx';

render(<SidebarApp />, document.getElementById('app')!);
