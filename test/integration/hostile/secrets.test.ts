import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHostileRig, type HostileRig } from '../../helpers/hostile-rig.ts';

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

function multipart(fields: Array<[string, string]>) {
  const boundary = 'SecretBoundary42';
  const body = fields.map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') + `--${boundary}--\r\n`;
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body };
}

/** Fails naming the file when any secret is in any file under the data dir. */
async function expectNowhereOnDisk(rig: HostileRig, secrets: string[]) {
  const files = await rig.files();
  expect(files.length).toBeGreaterThan(0);
  for (const { path, text } of files) for (const secret of secrets) expect(text.includes(secret), `${JSON.stringify(secret)} in ${path}`).toBe(false);
}

/** The portal answers a JSON body with the record as saved (the body itself), as many do. */
const echo = {
  handler: (req: { method: string; body: Buffer; headers: IncomingHttpHeaders }, res: ServerResponse) => {
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(isJson && req.body.length > 0 ? req.body : '{"ok":true}');
  },
};

describe('the secrets issue 7 found on disk in clear', () => {
  let rig: HostileRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('card numbers with dots, double spaces, no-break spaces; pwd, passphrase, cvv2, securityCode, otp, socialSecurityNumber, accessKey, authorization; name/value pairs; a token in a path', async () => {
    rig = await startHostileRig({
      ...echo,
      config: {
        records: [
          { method: 'POST', path: '/api/payments', type: 'payment' },
          { method: 'POST', path: '/reset/:token', type: 'password reset', redactPath: ['token'] },
        ],
      },
    });
    const secrets = {
      dotted: '4111.1111.1111.1111',
      doubleSpaced: '5500  0000  0000  0004',
      noBreak: '4012\u00a08888\u00a08888\u00a01881',
      pwd: 'Pwd-Value-9931',
      passphrase: 'correct horse battery staple 77',
      cvv2: '9876',
      securityCode: 'SecCode-5512',
      otp: '771203',
      socialSecurityNumber: '078-05-1120',
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig',
      pairPassword: 'Pair-Password-4410',
      pairToken: 'Pair-Token-8812',
      pathToken: 'rst-8f14e45fceea167a5a36dedd4bea2543',
    };
    await rig.send('/api/payments', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        memo: `card ${secrets.dotted}`,
        note: `or ${secrets.doubleSpaced}`,
        backup: secrets.noBreak,
        pwd: secrets.pwd,
        Passphrase: secrets.passphrase,
        CVV2: secrets.cvv2,
        billing: { securityCode: secrets.securityCode, 'social-security-number': secrets.socialSecurityNumber },
        otp: secrets.otp,
        aws: { access_key: secrets.accessKey },
        authorization: secrets.authorization,
        params: [
          { name: 'password', value: secrets.pairPassword },
          { name: 'color', value: 'blue' },
        ],
        headers: [{ key: 'X-Api-Token', value: secrets.pairToken }],
      }),
    });
    await rig.send(`/reset/${secrets.pathToken}`, { method: 'POST', headers: form, body: `new_password=${encodeURIComponent(secrets.pwd)}` });
    const [payment, reset] = await rig.entries();
    expect(payment!.records[0]!.changes.find((c) => c.field === 'params')!.after).toEqual([
      { name: 'password', value: '[redacted]' },
      { name: 'color', value: 'blue' },
    ]);
    expect(reset!.path).toBe('/reset/[redacted]');
    expect(reset!.records[0]!.id).toBe('[redacted]');
    await expectNowhereOnDisk(
      rig,
      Object.values(secrets).flatMap((s) => [s, s.replace(/\D/g, '').length >= 13 ? s.replace(/\D/g, '') : s]),
    );
  });

  it('full-width, Arabic-Indic and mathematical digits, ideographic spaces and zero-width joins never reach the data dir', async () => {
    rig = await startHostileRig({ ...echo, config: { records: [{ method: 'POST', path: '/api/payments', type: 'payment' }] } });
    const secrets = {
      fullWidth: '４１１１ １１１１ １１１１ １１１１',
      ideographic: '５５００　００００　００００　０００４',
      arabicIndic: '٤٠١٢-٨٨٨٨-٨٨٨٨-١٨٨١',
      mathBold: '𝟒𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏',
      zeroWidth: '4111\u200b1111\u200b1111\u200b1111',
      fullWidthName: 'Fw-Secret-6610',
    };
    const answer = await rig.send('/api/payments', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        memo: `カード ${secrets.fullWidth}`,
        note: secrets.ideographic,
        other: secrets.arabicIndic,
        fancy: secrets.mathBold,
        pasted: secrets.zeroWidth,
        ｐａｓｓｗｏｒｄ: secrets.fullWidthName,
      }),
    });
    expect(answer.status).toBe(201);
    const [payment] = await rig.entries();
    expect(payment?.records[0]?.changes.find((c) => c.field === 'memo')?.after).toBe('カード [redacted]');
    const ascii = (text: string) => text.normalize('NFKC').replace(/\p{Nd}/gu, (d) => String((d.codePointAt(0) ?? 0) - (/[٠-٩]/.test(d) ? 0x660 : 0x30)));
    await expectNowhereOnDisk(rig, [...Object.values(secrets), ...['fullWidth', 'ideographic', 'arabicIndic', 'mathBold'].map((k) => ascii(secrets[k as keyof typeof secrets]).replace(/\D/g, ''))]);
  });

  it('field names spelt with Cyrillic or Greek look-alike letters keep their name as sent and lose their value', async () => {
    rig = await startHostileRig({ ...echo, config: { records: [{ method: 'POST', path: '/api/accounts', type: 'account' }] } });
    const names = { cyrillic: 'p\u0430ssword', greek: '\u03a1\u0399N', mixed: 'n\u0435w_\u0430pi_k\u0435y' };
    const secrets = { cyrillic: 'Cyr-Secret-3141', greek: 'Greek-Pin-5926', mixed: 'Mixed-Secret-5358' };
    const answer = await rig.send('/api/accounts', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ [names.cyrillic]: secrets.cyrillic, [names.greek]: secrets.greek, [names.mixed]: secrets.mixed, имя: 'Ирина', όνομα: 'Ελένη' }),
    });
    expect(answer.status).toBe(201);
    const [account] = await rig.entries();
    // A name that is not a plain ASCII name is written as a quoted key (`["pаssword"]`), exactly as sent.
    const after = Object.fromEntries((account?.records[0]?.changes ?? []).map((c) => [JSON.parse(c.field.slice(1, -1)), c.after]));
    expect(after).toEqual({ [names.cyrillic]: '[redacted]', [names.greek]: '[redacted]', [names.mixed]: '[redacted]', имя: 'Ирина', όνομα: 'Ελένη' });
    await expectNowhereOnDisk(rig, Object.values(secrets));
  });
});

describe('property: a generated secret anywhere in a generated body never reaches the data dir', () => {
  let rig: HostileRig;
  beforeAll(async () => {
    rig = await startHostileRig({ ...echo, config: { records: [{ method: 'POST', path: '/api/things', type: 'thing' }], redact: ['medicalNotes'] } });
  });
  afterAll(() => rig.close());

  const BASE_NAMES = [
    'password',
    'pwd',
    'passphrase',
    'cvv2',
    'cvv',
    'securityCode',
    'otp',
    'socialSecurityNumber',
    'accessKey',
    'authorization',
    'apiKey',
    'pin',
    'token',
    'secret',
    'ssn',
    'privateKey',
    'refreshToken',
    'medicalNotes',
  ];
  const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  /** Secret names as portals write them: any case, snake, kebab, SCREAMING, with a prefix word. */
  const secretName = fc
    .tuple(fc.constantFrom(...BASE_NAMES), fc.constantFrom('asIs', 'snake', 'kebab', 'upper', 'lower', 'title'), fc.constantFrom('', 'new', 'user', 'current'))
    .map(([base, style, prefix]) => {
      const words = snake(prefix ? `${prefix}${base[0]!.toUpperCase()}${base.slice(1)}` : base);
      if (style === 'snake') return words;
      if (style === 'kebab') return words.replace(/_/g, '-');
      if (style === 'upper') return words.toUpperCase();
      if (style === 'lower') return prefix ? words : words.replace(/_/g, '');
      if (style === 'title')
        return words
          .split('_')
          .map((w) => w[0]!.toUpperCase() + w.slice(1))
          .join('');
      return prefix ? `${prefix}${base[0]!.toUpperCase()}${base.slice(1)}` : base;
    });
  const token = fc.stringMatching(/^[A-Za-z0-9]{14,24}$/).map((s) => `Sx${s}`);
  /** A Luhn-valid card number written with arbitrary separators between arbitrary digit groups. */
  const card = fc
    .tuple(
      fc.constantFrom('4', '51', '37', '6011'),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 14 }),
      fc.constantFrom(' ', '  ', '-', '.', '\u00a0', '\u202f', ' - ', '', '/'),
      fc.integer({ min: 3, max: 5 }),
    )
    .map(([prefix, rest, sep, group]) => {
      const body = prefix + rest.join('');
      let sum = 0;
      for (let i = 0; i < body.length; i++) {
        let d = Number(body[body.length - 1 - i]);
        if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
      }
      const digits = body + String((10 - (sum % 10)) % 10);
      return { digits, written: digits.match(new RegExp(`.{1,${group}}`, 'g'))!.join(sep) };
    });
  const filler = fc.oneof(
    fc.string({ maxLength: 12 }).filter((s) => !/\d{4}/.test(s)),
    fc.integer({ min: -999, max: 999 }),
    fc.boolean(),
    fc.constant(null),
  );
  const plainName = fc.constantFrom('title', 'color', 'level', 'note', 'items', 'meta', 'address', 'tags', 'description');
  /** Where the secret goes: a secret-named field, a card inside any text, or a name/value pair. */
  const placement = fc.oneof(
    fc.record({ kind: fc.constant('named' as const), name: secretName, secret: token }),
    fc.record({ kind: fc.constant('card' as const), name: plainName, card, before: fc.constantFrom('', 'paid with ', 'card: '), after: fc.constantFrom('', ' thanks', ' exp 12/29') }),
    fc.record({ kind: fc.constant('pair' as const), name: secretName, secret: token }),
  );
  /** Wraps a value in `depth` generated containers (objects under plain names, or arrays). */
  const path = fc.array(fc.oneof(plainName, fc.constant(0)), { maxLength: 5 });

  function nest(value: unknown, at: Array<string | number>): unknown {
    return at.reduceRight<unknown>((inner, step) => (typeof step === 'number' ? [inner] : { [step]: inner }), value);
  }

  it('in JSON, form and multipart bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('json', 'form', 'multipart'), placement, path, fc.dictionary(plainName, filler, { maxKeys: 4 }), async (kind, place, at, extra) => {
        const secrets = place.kind === 'card' ? [place.card.written, place.card.digits] : [place.secret];
        const text = place.kind === 'card' ? `${place.before}${place.card.written}${place.after}` : place.secret;
        let sent;
        if (kind === 'json') {
          const leaf = place.kind === 'pair' ? [{ name: place.name, value: text }] : { [place.name]: text };
          const tree = nest(leaf, at);
          sent = { headers: json, body: JSON.stringify({ ...extra, ...(Array.isArray(tree) ? { list: tree } : (tree as object)) }) };
        } else {
          const key = place.kind === 'pair' ? place.name : place.name;
          const fields: Array<[string, string]> = [...Object.entries(extra).map(([k, v]): [string, string] => [k, String(v)]), [key, text]];
          sent = kind === 'form' ? { headers: form, body: new URLSearchParams(fields).toString() } : multipart(fields);
        }
        const answer = await rig.send('/api/things', { method: 'POST', ...sent });
        expect(answer.status).toBe(201);
        await expectNowhereOnDisk(rig, secrets);
      }),
      { numRuns: 60, endOnFailure: true },
    );
    expect((await rig.entries()).length).toBeGreaterThanOrEqual(60);
  });
});
