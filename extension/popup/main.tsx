import { render } from 'preact';
import '../styles.css';
import { PopupApp } from './PopupApp.tsx';

render(<PopupApp />, document.getElementById('app')!);
