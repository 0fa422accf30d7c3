import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/portal-audit.mjs', import.meta.url));

/** Runs `portal-audit tail --json` from `cwd` (where a config file would be read), collecting what it prints. */
export function runTail(cwd: string, args: readonly string[]) {
  const tail = spawn(process.execPath, [bin, 'tail', '--json', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  tail.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  tail.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  // Whole lines only: a chunk may end mid-line.
  const seqs = () =>
    out.stdout
      .split('\n')
      .slice(0, -1)
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
  return { tail, out, seqs };
}
