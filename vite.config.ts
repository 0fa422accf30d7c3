import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest, { extensionTarget } from './manifest.config.ts';

/** One source tree, two builds: EXTENSION_TARGET=firefox|chrome picks the manifest flavour and the out dir. */
const target = extensionTarget();

export default defineConfig({
  plugins: [preact(), crx({ manifest, browser: target })],
  build: {
    outDir: `dist/${target}`,
    emptyOutDir: true,
    // crxjs builds side_panel's page for Chrome, but not sidebar_action's page for Firefox.
    rolldownOptions: target === 'firefox' ? { input: { sidebar: 'extension/sidebar/index.html' } } : {},
  },
});
