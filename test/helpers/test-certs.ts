import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { onTestFinished } from 'vitest';

export interface TestCa {
  dir: string;
  /** The CA certificate file (PEM). */
  caFile: string;
  /** Issues a certificate for IP 127.0.0.1 signed by this CA into `<name>.crt` / `<name>.key`; resolves with both paths. */
  issue(name: string): Promise<{ cert: string; key: string }>;
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A private CA made with the openssl CLI (P-256 keys, valid one day) in a fresh temp folder, removed when the test ends. */
export async function makeTestCa(): Promise<TestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'pa-certs-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=Portal Audit Test CA']);
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    async issue(name) {
      openssl(dir, ['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
      openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', 'san.ext']);
      return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
    },
  };
}

export const readPem = (file: string) => readFile(file, 'utf8');

/**
 * A test CA that issued 'first' and 'second', and fixed live files, as a config names them, holding
 * 'first'; `renew` copies 'second' over them, as a renewal would.
 */
export async function liveCertificates() {
  const ca = await makeTestCa();
  const first = await ca.issue('first');
  const second = await ca.issue('second');
  const live = { cert: join(ca.dir, 'live.crt'), key: join(ca.dir, 'live.key') };
  const put = async ({ cert, key }: { cert: string; key: string }) => {
    await copyFile(cert, live.cert);
    await copyFile(key, live.key);
  };
  await put(first);
  return { live, caPem: await readPem(ca.caFile), renew: () => put(second) };
}

/** An HTTPS request trusting only `ca`; resolves with the status, body and the server certificate's CN. */
export function httpsCall(url: string, ca: string, options: { method?: string; body?: string } = {}) {
  return new Promise<{ status: number; text: string; cn: string }>((resolve, reject) => {
    const req = httpsRequest(url, { method: options.method ?? 'GET', ca, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      const cn = String((res.socket as TLSSocket).getPeerCertificate().subject.CN);
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text, cn }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
