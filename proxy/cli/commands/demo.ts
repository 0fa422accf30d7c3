import { InvalidArgumentError, type Command } from 'commander';
import { demoBanner } from '../../demo/banner.ts';
import { demoConfig, DEMO_PORTAL_PORT } from '../../demo/demo-config.ts';
import { DemoStartError, startDemo } from '../../demo/start-demo.ts';
import { formatSteps, listenersFromPortals, runDemoTraffic } from '../../demo/traffic.ts';

const portOffset = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 50_000) throw new InvalidArgumentError('expected a whole number from 0 to 50000');
  return n;
};

/** `portal-audit demo` (npm start) and `portal-audit demo traffic` (npm run demo:traffic). */
export function addDemoCommand(program: Command): void {
  const demo = program
    .command('demo')
    .description('start the demo gym portal with Portal Audit in front of it (bundled config)')
    .option('--data-dir <dir>', 'where the demo log is kept', 'data/demo')
    .option('--port-offset <n>', `add n to every demo port (portal ${DEMO_PORTAL_PORT}, portals 8081-8083, admin 7070)`, portOffset, 0)
    .action(async (options: { dataDir: string; portOffset: number }) => {
      let running;
      try {
        running = await startDemo(options);
      } catch (err) {
        if (!(err instanceof DemoStartError)) throw err;
        const { code, port } = err.cause as NodeJS.ErrnoException & { port?: number };
        const hint = `Start it on other ports with: npm start -- --port-offset ${options.portOffset + 100}`;
        const problem = code === 'EADDRINUSE' ? `Port ${port} (${err.what}) is already in use.` : code === 'EACCES' ? `Not allowed to listen on port ${port} (${err.what}).` : null;
        console.error(problem ? `${problem} ${hint}` : `Could not start ${err.what}: ${err.cause.message}`);
        process.exitCode = 1;
        return;
      }
      console.log(demoBanner(running, options.portOffset));
      const stop = () => {
        running.close().then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(`The demo did not stop cleanly: ${(err as Error).message}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  demo
    .command('traffic')
    .description('play a burst of realistic actions through the running demo (all six sources)')
    .action(async () => {
      // --port-offset belongs to `demo` (commander gives it to the parent): the one the demo was started with.
      const options = demo.opts<{ portOffset: number }>();
      const config = demoConfig({ portalUrl: `http://127.0.0.1:${DEMO_PORTAL_PORT + options.portOffset}`, portOffset: options.portOffset });
      const portals = config.portals.map((p) => ({ source: p.source, url: `http://${p.listen.replace(/^0\.0\.0\.0:/, '127.0.0.1:')}` }));
      try {
        const steps = await runDemoTraffic(listenersFromPortals(portals));
        console.log(formatSteps(steps));
        console.log(`${steps.length} actions sent through Portal Audit.`);
      } catch (err) {
        if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') throw err;
        console.error(`The demo is not running at ${portals[0]?.url ?? 'its ports'}. Start it first with: npm start (same --port-offset)`);
        process.exitCode = 1;
      }
    });
}
