import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Runs the TypeScript child `script` (crash-writer.ts, pg-crash-writer.ts) with `args`, waits until it
 * prints "ready", and kills it with SIGKILL: a crash at exactly that point, with no chance to clean up.
 */
export async function killWhenReady(script: string, args: ReadonlyArray<string | number>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args.map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  while (!out.includes('ready')) await once(child.stdout, 'data');
  child.kill('SIGKILL');
  await once(child, 'exit');
}
