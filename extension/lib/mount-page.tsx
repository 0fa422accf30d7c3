import { render, type ComponentType } from 'preact';
import '../styles.css';

/**
 * Renders a page's app into its body, with the one stylesheet (which also sets the color scheme): a page's HTML
 * holds only what differs between pages, its title.
 */
export function mountPage(App: ComponentType): void {
  render(<App />, document.body);
}
