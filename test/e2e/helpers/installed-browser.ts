import { existsSync } from 'node:fs';

/** The first of `paths` that exists; none: how to install the Debian package `name`. */
export function installedBrowser(name: string, paths: readonly string[]): string {
  const found = paths.find((path) => existsSync(path));
  if (!found) throw new Error(`${name} is not installed: run \`bash .ci/install-browsers\` (apt-get install -y ${name})`);
  return found;
}
