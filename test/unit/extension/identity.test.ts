import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import manifest from '../../../manifest.config.ts';
import { CHROME_EXTENSION_ID, CHROME_EXTENSION_KEY } from '../../../shared/extension-identity.ts';

it('the pinned Chrome id is the one Chrome derives from the manifest key', async () => {
  const digest = createHash('sha256').update(Buffer.from(CHROME_EXTENSION_KEY, 'base64')).digest('hex').slice(0, 32);
  expect([...digest].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('')).toBe(CHROME_EXTENSION_ID);
  const built = await (manifest as unknown as (env: object) => Promise<{ key?: string }>)({ command: 'build', mode: 'production' });
  expect(built.key).toBe(CHROME_EXTENSION_KEY);
});
