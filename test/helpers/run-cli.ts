import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DATABASE_URL_ENV } from '../../proxy/store/create-store.ts';

const BIN = fileURLToPath(new URL('../../bin/portal-audit.mjs', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `portal-audit …args` in `cwd` and answers its exit code and output, failed or not. Run it from a
 * scratch folder so that no config file of the checkout is picked up. The developer's
 * PORTAL_AUDIT_DATABASE_URL is cleared likewise: a postgres driver gets only the URL the test gives it.
 */
export async function runCli(cwd: string, ...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, [DATABASE_URL_ENV]: '' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as CliRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
