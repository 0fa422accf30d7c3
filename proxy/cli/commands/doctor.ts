import type { Command } from 'commander';
import { createSessionCookieTest } from '../../capture/credentials.ts';
import { createLoginJudge } from '../../capture/login-success.ts';
import { loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { unreachable } from '../../server/reachable.ts';
import { fillPathPattern } from '../../../shared/path-pattern.ts';

interface Finding {
  ok: boolean;
  text: string;
}

/** Checks the config against the running portal: targets, rule paths, a sample login. */
async function diagnose(config: Config, options: { username?: string; password?: string; sampleId: string }): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { source, target } of config.portals) {
    const reason = await unreachable(target);
    findings.push(reason ? { ok: false, text: `${source}: ${target} is not reachable (${reason}); check portals[].target` } : { ok: true, text: `${source}: ${target} accepts connections` });
  }
  // The config schema asks for at least one portal; the rule paths are tried on the first.
  const [first] = config.portals;
  if (!first) return findings;
  const target = first.target.replace(/\/+$/, '');
  const rules = [...config.records.map((r, i) => ({ key: `records[${i}]`, path: r.path })), ...config.recordReads.map((r, i) => ({ key: `recordReads[${i}]`, path: r.path }))];
  for (const { key, path } of rules) {
    // The sample id in every param, so a GET can tell whether the portal knows the path at all.
    const sample = fillPathPattern(path, options.sampleId);
    const status = await fetch(`${target}${sample}`, { redirect: 'manual', signal: AbortSignal.timeout(5000) }).then(
      (res) => (void res.body?.cancel(), String(res.status)),
      (err: Error) => err.message,
    );
    findings.push(
      status === '404' || !/^\d+$/.test(status)
        ? { ok: false, text: `${key} ${path}: GET ${sample} answered ${status}; is the path right (or try --sample-id)?` }
        : { ok: true, text: `${key} ${path}: GET ${sample} answered ${status}` },
    );
  }
  if (options.username && options.password) {
    const isSessionCookie = createSessionCookieTest(config.actors.sessionCookies);
    for (const login of config.actors.login) {
      const res = await fetch(`${target}${fillPathPattern(login.path, options.username)}`, {
        method: login.method ?? 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ [login.usernameField]: options.username, password: options.password }),
        redirect: 'manual',
        signal: AbortSignal.timeout(5000),
      }).catch(() => null);
      const text = res ? await res.text() : '';
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      const headers = res ? { ...Object.fromEntries(res.headers), 'set-cookie': res.headers.getSetCookie() } : {};
      const judged = res ? createLoginJudge(login, { isSessionCookie })({ status: res.status, headers, body, requestPath: login.path }) : null;
      findings.push(
        judged?.outcome === 'success'
          ? { ok: true, text: `login ${login.path}: ${options.username} signed in and would be named (${judged.credentials.length} credential(s))` }
          : {
              ok: false,
              text: `login ${login.path}: the sample login did not identify ${options.username} (status ${res?.status ?? 'none'}, no session cookie or token); check the credentials, actors.login usernameField, tokenField or success`,
            },
      );
    }
  }
  return findings;
}

/** `portal-audit doctor`: what in the config does not fit the running portal, and what to fix. */
export function addDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the config against the running portal: targets reachable, rule paths known, a sample login identified')
    .option('--username <name>', 'a sample login to try (with --password)')
    .option('--password <password>', 'its password (sent to the portal only, never printed)')
    .option('--sample-id <id>', 'the value put in each rule path :param', '1')
    .action(async (options: { username?: string; password?: string; sampleId: string }) => {
      const config = loadConfig(program.opts<{ config: string }>().config);
      const findings = await diagnose(config, options);
      for (const { ok, text } of findings) console.log(`${ok ? 'ok ' : 'FIX'}  ${text}`);
      const problems = findings.filter((f) => !f.ok).length;
      console.log(problems ? `\n${problems} problem${problems > 1 ? 's' : ''} to fix` : '\nNo problems found');
      process.exitCode = problems ? 1 : 0;
    });
}
