import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import { closeServer, listenOn } from '../server/listen-address.ts';
import { createAdminApp, type AdminApp, type AdminAppOptions } from './app.ts';

export type AdminServerOptions = AdminAppOptions;

export interface AdminServer {
  server: Server;
  /** The hono app the server serves; tests call it without a socket (`app.request`). */
  app: AdminApp['app'];
  /** Listens on host:port (port 0 picks a free one) and resolves with the base URL, e.g. http://127.0.0.1:7070. */
  listen(hostPort: string): Promise<string>;
  close(): Promise<void>;
}

/** The admin API (app.ts) served over node:http by @hono/node-server. */
export function createAdminServer(options: AdminServerOptions): AdminServer {
  const { app, close } = createAdminApp(options);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  return {
    server,
    app,
    listen: (hostPort) => listenOn(server, hostPort),
    async close() {
      await closeServer(server);
      // Searches still waiting for their pause are logged before the store closes.
      await close();
    },
  };
}
