// The portal side of bench:proxy, in its own process as a real portal would be: the fake school
// portal of the integration tests (PUT answers with the record, GET with the snapshot).
import { startFakePortal } from '../../helpers/fake-portal.ts';

const portal = await startFakePortal();
// The fake portal keeps every request for tests to inspect; a bench sends tens of thousands.
setInterval(() => (portal.received.length = 0), 1000).unref();
process.send!({ url: portal.url });
// The bench that started this portal is gone: there is no one left to tell about a failed close.
process.on('disconnect', () => {
  portal.close().catch(() => undefined);
});
