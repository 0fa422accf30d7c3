import { render } from 'preact';
import '../styles.css';
import { OptionsApp } from './OptionsApp.tsx';

render(<OptionsApp />, document.getElementById('app')!);
