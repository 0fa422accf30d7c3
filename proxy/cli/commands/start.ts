import type { Command } from 'commander';
import { startPortalAudit } from '../../app.ts';
import { loadConfig } from '../../config/load.ts';

/** `portal-audit start`: the capturing listeners (and what app.ts starts beside them), until SIGINT/SIGTERM. */
export function addStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the capture proxy: one listener per portal in the config')
    .action(async () => {
      const config = loadConfig(program.opts().config);
      const audit = await startPortalAudit({ config });
      const { writable, reason } = audit.store.status();
      console.log(writable ? `Portal Audit is recording to ${config.dataDir}` : `Portal Audit cannot record to ${config.dataDir} right now (${reason}): mutations get 503 until it can, reads pass`);
      for (const { source, url } of audit.portals) console.log(`  ${source.padEnd(18)} ${url}`);
      console.log(`  ${'Admin API'.padEnd(18)} ${audit.admin.url}`);
      if (audit.publicKey) console.log(`  ${'Log public key'.padEnd(18)} ${audit.publicKey.verifierKey}\n  ${'Key fingerprint'.padEnd(18)} ${audit.publicKey.fingerprint}   (compare it on the extension's options page)`);
      if (audit.admin.initialToken) {
        console.log(`\nFirst start: an admin token was created (shown once, also in ${config.dataDir}/initial-admin-token):\n  ${audit.admin.initialToken}`);
      }
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        console.log(`Stopping: requests in flight get up to ${config.shutdownGraceMs} ms to finish`);
        // Requests in flight finish (or are cut short, answered and logged), then the store is flushed.
        await audit.close({ graceMs: config.shutdownGraceMs });
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
