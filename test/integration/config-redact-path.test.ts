import { afterEach, describe, expect, it } from 'vitest';
import { startHostileRig, type HostileRig } from '../helpers/hostile-rig.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const TOKEN = 'rst-5f0c8d6b2a9e41c7b3d1e0f9a8c7b6d5';

describe('redactPath in the config', () => {
  let rig: HostileRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('a name that is no :param of the path stops the start with the key named, instead of logging the token in clear', async () => {
    const started = startHostileRig({ config: { records: [{ method: 'POST', path: '/reset/:token', type: 'password reset', redactPath: ['tokn'] }] } });
    // On the old code the proxy started: close it so the failure below is the only thing left.
    rig = await started.catch((err: unknown) => {
      expect(String(err)).toMatch(/records\[0\]\.redactPath\[0\]: "tokn" is not a :param of \/reset\/:token/);
      return undefined;
    });
    if (rig) {
      await rig.send(`/reset/${TOKEN}`, { method: 'POST', headers: form, body: 'password=x' });
      const leaked = (await rig.files()).filter(({ text }) => text.includes(TOKEN)).map(({ path }) => path);
      expect.fail(`the proxy started with redactPath "tokn"; the token reached ${leaked.join(', ')}`);
    }
  });

  it("a :param whose name has a dash (quoted, in path-to-regexp's syntax) is masked by that name", async () => {
    rig = await startHostileRig({ config: { records: [{ method: 'POST', path: '/reset/:"reset-token"', type: 'password reset', redactPath: ['reset-token'] }] } });
    await rig.send(`/reset/${TOKEN}`, { method: 'POST', headers: form, body: 'password=x' });
    const [entry] = await rig.entries();
    expect(entry?.path).toBe('/reset/[redacted]');
    expect((await rig.files()).filter(({ text }) => text.includes(TOKEN)).map(({ path }) => path)).toEqual([]);
  });
});
