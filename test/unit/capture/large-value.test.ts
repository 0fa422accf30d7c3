import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { LARGE_VALUE_BYTES } from '../../../proxy/capture/body-limits.ts';
import { summariseLarge } from '../../../proxy/capture/large-value.ts';

it('keeps strings up to LARGE_VALUE_BYTES (UTF-8 bytes) and summarises longer ones as size and sha256', () => {
  const limit = 'a'.repeat(LARGE_VALUE_BYTES);
  expect(summariseLarge(limit)).toBe(limit);
  const wide = 'é'.repeat(LARGE_VALUE_BYTES / 2 + 1);
  expect(summariseLarge(wide)).toBe(`[${LARGE_VALUE_BYTES + 2} bytes, sha256 ${createHash('sha256').update(wide).digest('hex')}]`);
});
