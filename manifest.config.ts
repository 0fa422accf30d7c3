import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };
import { CHROME_EXTENSION_KEY } from './shared/extension-identity.ts';

/** Which browser the build is for; vite.config.ts sets it from EXTENSION_TARGET. */
export type ExtensionTarget = 'chrome' | 'firefox';

export function extensionTarget(): ExtensionTarget {
  return process.env.EXTENSION_TARGET === 'firefox' ? 'firefox' : 'chrome';
}

const SIDEBAR_PAGE = 'extension/sidebar/index.html';
/** Drawn by scripts/make-icons.ts and committed. */
const ICONS = Object.fromEntries([16, 32, 48, 128].map((size) => [String(size), `extension/icons/icon-${size}.png`]));

export default defineManifest(() => {
  const target = extensionTarget();
  const common = {
    manifest_version: 3,
    name: 'Portal Audit',
    version: pkg.version,
    description: 'Search, drill into and copy the audit log of your portals.',
    icons: ICONS,
    action: { default_title: 'Portal Audit', default_popup: 'extension/popup/index.html', default_icon: ICONS },
    options_ui: { page: 'extension/options/index.html', open_in_tab: true },
    // tabs: "This record" reads the active tab's URL even when the admin did not click the toolbar button.
    // downloads: a large CSV export streams from the server to a file through the browser, with progress.
    permissions: ['storage', 'tabs', 'clipboardWrite', 'downloads'],
    // The admin API's URL is only known once the admin types it: the options page asks for that one origin.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
  };
  if (target === 'firefox') {
    return {
      ...common,
      background: { scripts: ['extension/background/index.ts'] },
      // crxjs has no type for sidebar_action; the page itself is an extra build input in vite.config.ts.
      ...({ sidebar_action: { default_title: 'Portal Audit', default_panel: SIDEBAR_PAGE, default_icon: ICONS, open_at_install: false } } as object),
      browser_specific_settings: {
        gecko: {
          id: 'portal-audit@portal-audit.local',
          strict_min_version: '142.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    };
  }
  return {
    ...common,
    // Pins the extension's id wherever it is loaded from, so the admin API can allow exactly this origin.
    key: CHROME_EXTENSION_KEY,
    permissions: [...common.permissions, 'sidePanel'],
    background: { service_worker: 'extension/background/index.ts', type: 'module' },
    side_panel: { default_path: SIDEBAR_PAGE },
  };
});
