import { Option, type Command } from 'commander';
import { startPortalAudit } from '../../app.ts';
import { initialTokenFile } from '../../admin/initial-token.ts';
import { loadConfig } from '../../config/load.ts';
import { createLogger, type LogFormat } from '../../log/logger.ts';

/** `portal-audit start`: the capturing listeners (and what app.ts starts beside them), until SIGINT/SIGTERM. */
export function addStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the capture proxy: one listener per portal in the config')
    .addOption(new Option('--log-format <format>', 'json: one JSON object per line; pretty: readable lines').choices(['json', 'pretty']).default('pretty'))
    .action(async ({ logFormat }: { logFormat: LogFormat }) => {
      const config = loadConfig(program.opts<{ config: string }>().config);
      const log = createLogger({ format: logFormat });
      const audit = await startPortalAudit({ config, logger: log });
      const { writable, reason } = audit.store.status();
      const head = audit.store.head();
      const listeners = [...audit.portals, { source: 'Admin API', url: audit.admin.url }];
      log.info(
        {
          event: 'start',
          listeners,
          store: { dataDir: config.dataDir, writable, reason },
          head: `${head.seq}:${head.hash}`,
          ...(audit.publicKey && logFormat === 'json' ? { publicKey: audit.publicKey.verifierKey, keyFingerprint: audit.publicKey.fingerprint } : {}),
        },
        writable ? `Portal Audit is recording to ${config.dataDir}` : `Portal Audit cannot record to ${config.dataDir} right now (${reason}): mutations get 503 until it can, reads pass`,
      );
      // The readable form keeps the key on lines of its own, to compare on the extension's options page.
      if (audit.publicKey && logFormat === 'pretty')
        console.log(`  ${'Log public key'.padEnd(18)} ${audit.publicKey.verifierKey}\n  ${'Key fingerprint'.padEnd(18)} ${audit.publicKey.fingerprint}   (compare it on the extension's options page)`);
      if (audit.admin.initialToken) {
        // A terminal shows the new token once; a JSON log (shipped elsewhere) only says where it is kept.
        if (logFormat === 'pretty') console.log(`\nFirst start: an admin token was created (shown once, also in ${config.dataDir}/initial-admin-token):\n  ${audit.admin.initialToken}`);
        else log.info({ event: 'initial-token', file: initialTokenFile(config.dataDir) }, 'First start: an admin token was created; read it from the file');
      }
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        log.info({ event: 'stop', graceMs: config.shutdownGraceMs }, `Stopping: requests in flight get up to ${config.shutdownGraceMs} ms to finish`);
        // Requests in flight finish (or are cut short, answered and logged), then the store is flushed.
        audit.close({ graceMs: config.shutdownGraceMs }).then(
          () => process.exit(0),
          (err: unknown) => {
            log.error({ event: 'stop', err }, `Stopped with an error: ${(err as Error).message}`);
            process.exit(1);
          },
        );
      };
      // New certificates without a restart; a file that cannot be read keeps the old ones serving.
      process.on('SIGHUP', () => {
        try {
          audit.reloadTls();
          log.info({ event: 'tls-reload' }, 'Reloaded the TLS certificates');
        } catch (err) {
          log.error({ event: 'tls-reload', err }, `Kept the old TLS certificates: ${(err as Error).message}`);
        }
      });
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
