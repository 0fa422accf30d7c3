import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const repoRoot = resolve(import.meta.dirname, '..');
export const chromeDist = join(repoRoot, 'dist', 'chrome');
export const firefoxDist = join(repoRoot, 'dist', 'firefox');

/** What the extension build reads; dist/ is rebuilt when any of these is newer than the last build. */
const SOURCES = ['extension', 'shared', 'manifest.config.ts', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Why dist/ must be (re)built, or null when it is fresh. */
export function staleReason(): string | null {
  const builtAt: number[] = [];
  for (const dir of [chromeDist, firefoxDist]) {
    const manifest = join(dir, 'manifest.json');
    if (!existsSync(manifest)) return `${manifest} is missing`;
    // `npm run dev` leaves a loader that fetches the code from a local dev server: not a build to test.
    const text = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    if (/http:\/\/localhost:\d+\/@vite|@crx\/client/.test(text)) return `${dir} holds a dev-server loader`;
    builtAt.push(statSync(manifest).mtimeMs);
  }
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(repoRoot, s))));
  if (sources > Math.min(...builtAt)) return 'sources are newer than dist/';
  return null;
}

/**
 * Builds dist/chrome and dist/firefox with `npm run build` when missing or older than the sources (CI starts from a
 * clean clone, and `npm start` must leave a fresh dist/chrome for the admin to load). Both e2e files may call this at once in parallel workers: a lock file makes the second one wait
 * for the first build instead of building over the files a browser is loading.
 */
export async function ensureExtensionBuilt(): Promise<void> {
  const lock = join(tmpdir(), `portal-audit-e2e-build-${Buffer.from(repoRoot).toString('hex').slice(-16)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      // A lock older than 3 minutes belongs to a run that died.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { force: true });
      } catch {
        // The lock went away between the two calls: the next mkdir takes it.
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the extension build lock ${lock}`);
      await sleep(250);
    }
  }
  try {
    const reason = staleReason();
    if (!reason) return;
    const started = Date.now();
    const r = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8', timeout: 170_000 });
    if (r.status !== 0) {
      throw new Error(`npm run build failed (${reason}):\n${r.stdout}\n${r.stderr}`);
    }
    const still = staleReason();
    if (still) throw new Error(`npm run build finished but dist/ is still not usable: ${still}`);
    console.log(`Built the browser extension in ${Date.now() - started} ms (${reason})`);
  } finally {
    rmSync(lock, { force: true });
  }
}

// `node --import tsx scripts/extension-build.ts` (npm's prestart): build only when needed.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const reason = staleReason();
  if (reason) console.log(`Building the browser extension (${reason}) …`);
  await ensureExtensionBuilt();
}
