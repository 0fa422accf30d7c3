import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest, { extensionTarget } from './manifest.config.ts';
import { zodWithoutEvalProbe } from './scripts/vite-zod-no-eval.ts';

/** One source tree, two builds: EXTENSION_TARGET=firefox|chrome picks the manifest flavour and the out dir. */
const target = extensionTarget();

export default defineConfig({
  plugins: [preact(), zodWithoutEvalProbe(), crx({ manifest, browser: target })],
  build: {
    outDir: `dist/${target}`,
    emptyOutDir: true,
    rolldownOptions: {
      // crxjs builds side_panel's page for Chrome, but not sidebar_action's page for Firefox.
      ...(target === 'firefox' ? { input: { sidebar: 'extension/sidebar/index.html' } } : {}),
      // Preact's runtime in a chunk of its own, so a linter's finding in it (innerHTML, for
      // dangerouslySetInnerHTML, which we never use) is told apart from our code's.
      output: { codeSplitting: { groups: [{ name: 'vendor-preact', test: /[\\/]node_modules[\\/]preact[\\/]/ }] } },
    },
  },
});
