import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../shared/entry.ts';
import { createSecretMatcher, maskCardNumbers, passesLuhn } from '../../../proxy/capture/secrets.ts';

describe('secret field names', () => {
  const isSecret = createSecretMatcher({ extra: ['medicalNotes'] });
  it.each([
    'password',
    'newPassword',
    'password_confirmation',
    'current-password',
    'Passcode',
    'pin',
    'kioskPin',
    'PIN_CODE',
    'clientSecret',
    'accessToken',
    'csrf_token',
    'apiKey',
    'api_key',
    'cvv',
    'cardNumber',
    'card-number',
    'ssn',
    'medical_notes',
    'MedicalNotes',
  ])('%s is secret', (name) => expect(isSecret(name)).toBe(true));
  it.each(['firstName', 'shipping', 'className', 'spinner', 'level', 'status', 'tokens_used_count'])('%s is not', (name) => expect(isSecret(name)).toBe(false));
});

describe('card numbers', () => {
  it('checks Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it('masks Luhn-valid runs of 13-19 digits typed with spaces or dashes, and leaves other numbers', () => {
    expect(maskCardNumbers('paid with 4111 1111 1111 1111 today')).toBe(`paid with ${REDACTED} today`);
    expect(maskCardNumbers('5500-0000-0000-0004')).toBe(REDACTED);
    expect(maskCardNumbers('4111111111111112')).toBe('4111111111111112');
    expect(maskCardNumbers('call 555-123-4567, order 18')).toBe('call 555-123-4567, order 18');
  });
});

describe('the broad built-in list, any case, dashes or underscores', () => {
  const isSecret = createSecretMatcher();
  it.each([
    'pwd',
    'PWD',
    'passphrase',
    'pass_phrase',
    'cvv2',
    'CVC2',
    'securityCode',
    'security-code',
    'otp',
    'OTP_CODE',
    'socialSecurityNumber',
    'social_security_number',
    'accessKey',
    'AWS_ACCESS_KEY_ID',
    'authorization',
    'Authorization',
    'privateKey',
    'refresh_token',
    'sessionId',
    'X-Auth-Token',
    'APIKey',
    'pinCode',
    'PINCode',
  ])('%s is secret', (name) => expect(isSecret(name)).toBe(true));
  it.each(['author', 'passenger', 'otpional', 'keyboard', 'pinned', 'spinner', 'description'])('%s is not', (name) => expect(isSecret(name)).toBe(false));
});

describe('card numbers with any separators', () => {
  it.each([
    '4111.1111.1111.1111',
    '4111  1111  1111  1111',
    '4111\u00a01111\u00a01111\u00a01111',
    '4111\u202f1111\u202f1111\u202f1111',
    '4111 - 1111 - 1111 - 1111',
    '4111–1111–1111–1111',
    '4111/1111/1111/1111',
    '3782 822463 10005',
  ])('%s is masked', (text) => {
    const card = JSON.parse(`"${text}"`) as string;
    expect(maskCardNumbers(`card ${card} ok`)).toBe(`card ${REDACTED} ok`);
  });

  it('finds a card beside other digits (a CVV, an expiry) without masking those', () => {
    expect(maskCardNumbers('4111 1111 1111 1111 123')).toBe(`${REDACTED} 123`);
    expect(maskCardNumbers('exp 12/29 card 5500.0000.0000.0004')).toBe(`exp 12/29 card ${REDACTED}`);
  });
});

describe('config redact names', () => {
  it('match as whole words in a row, so a prefixed or suffixed name is caught but a word inside another is not', () => {
    const isSecret = createSecretMatcher({ extra: ['medicalNotes', 'dob'] });
    for (const name of ['medicalNotes', 'current_medical_notes', 'MEDICAL-NOTES-v2', 'dob', 'childDob']) expect(isSecret(name), name).toBe(true);
    for (const name of ['notes', 'medical', 'doberman']) expect(isSecret(name), name).toBe(false);
  });
});

/** The ten digits of some scripts and forms a portal may accept (and normalise) in a card field. */
const DIGIT_FORMS: Record<string, string> = {
  ascii: '0123456789',
  fullWidth: '０１２３４５６７８９',
  arabicIndic: '٠١٢٣٤٥٦٧٨٩',
  easternArabic: '۰۱۲۳۴۵۶۷۸۹',
  devanagari: '०१२३४५६७८९',
  bengali: '০১২৩৪৫৬৭৮৯',
  thai: '๐๑๒๓๔๕๖๗๘๙',
  mathBold: '𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗',
  mathMonospace: '𝟶𝟷𝟸𝟹𝟺𝟻𝟼𝟽𝟾𝟿',
  superscript: '⁰¹²³⁴⁵⁶⁷⁸⁹',
  subscript: '₀₁₂₃₄₅₆₇₈₉',
  circled: '⓪①②③④⑤⑥⑦⑧⑨',
};
/** In a digit form, by code point (the mathematical digits are two UTF-16 units each). */
const inForm = (text: string, form: string) => [...text].map((c) => (/[0-9]/.test(c) ? ([...(DIGIT_FORMS[form] ?? '')][Number(c)] ?? c) : c)).join('');

describe('card numbers in any digit form, with any separator a portal might accept', () => {
  it('masks the full-width card the old check let through, and leaves the text around it', () => {
    expect(maskCardNumbers('カード ４１１１ １１１１ １１１１ １１１１ です')).toBe(`カード ${REDACTED} です`);
    expect(maskCardNumbers('４１１１　１１１１　１１１１　１１１１')).toBe(REDACTED);
    expect(maskCardNumbers('４１１１－１１１１－１１１１－１１１１')).toBe(REDACTED);
  });

  it.each(Object.keys(DIGIT_FORMS))('masks a card written in %s digits', (form) => {
    expect(maskCardNumbers(`card ${inForm('4111 1111 1111 1111', form)} ok`)).toBe(`card ${REDACTED} ok`);
    // Not Luhn-valid: left as written.
    expect(maskCardNumbers(inForm('4111 1111 1111 1112', form))).toBe(inForm('4111 1111 1111 1112', form));
  });

  it.each([
    ['zero-width spaces', '4111\u200b1111\u200b1111\u200b1111'],
    ['soft hyphens', '4111\u00ad1111\u00ad1111\u00ad1111'],
    ['bidi marks', '4111\u200e1111\u200f1111\u202a1111'],
    ['a keycap', '4\ufe0f\u20e3111111111111111'],
    ['full-width stops and slashes', '4111．1111／1111＿1111'],
    ['katakana middle dots', '4111・1111･1111・1111'],
    ['a small hyphen and a wave dash', '4111\ufe631111〜1111\u20111111'],
  ])('masks a card joined with %s', (_, card) => expect(maskCardNumbers(`[${card}]`)).toBe(`[${REDACTED}]`));

  it('stays linear on long runs of invisible characters and separators', () => {
    // 10,000 of each: a pattern that backtracked over them in several ways would take minutes.
    const hostile = `${'1\u200b'.repeat(10_000)}x${'2\ufeff\ufeff\ufeff\ufeff'.repeat(10_000)}x3${'\u200b'.repeat(10_000)}x${'1'.repeat(10_000)}`;
    const started = performance.now();
    expect(maskCardNumbers(hostile)).toBe(hostile);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('property: a Luhn-valid card in mixed digit forms and separators never survives, and its neighbours do', () => {
    const luhnCard = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 }).map((rest) => {
      const body = rest.join('');
      for (let check = 0; check <= 9; check++) if (passesLuhn(body + check)) return body + check;
      throw new Error('unreachable: one check digit always fits');
    });
    const separator = fc.constantFrom('', ' ', '\u3000', '-', '－', '.', '．', '/', '\u00a0', '\u200b', '\u00ad', ' - ', '・');
    fc.assert(
      fc.property(luhnCard, fc.array(fc.constantFrom(...Object.keys(DIGIT_FORMS)), { minLength: 19, maxLength: 19 }), separator, fc.integer({ min: 1, max: 5 }), (card, forms, sep, group) => {
        const written = [...card].map((digit, i) => inForm(digit, forms[i] ?? 'ascii') + ((i + 1) % group === 0 && i < card.length - 1 ? sep : '')).join('');
        expect(maskCardNumbers(`paid ${written} thanks`)).toBe(`paid ${REDACTED} thanks`);
      }),
      { numRuns: 400 },
    );
  });
});

describe('secret field names typed in full-width letters', () => {
  const isSecret = createSecretMatcher({ extra: ['medicalNotes'] });
  it.each(['ｐａｓｓｗｏｒｄ', 'ｃａｒｄＮｕｍｂｅｒ', 'ＣＶＶ', 'ｍｅｄｉｃａｌ＿ｎｏｔｅｓ'])('%s is secret', (name) => expect(isSecret(name)).toBe(true));
});

describe('secret field names spelt with look-alike letters of other scripts', () => {
  const isSecret = createSecretMatcher({ extra: ['medicalNotes'] });
  it.each([
    ['Cyrillic а in password', 'p\u0430ssword'],
    ['Cyrillic е, у in apiKey', 'apiK\u0435\u0443'],
    ['Cyrillic с in cvv', '\u0441vv'],
    ['Cyrillic ѕ in ssn', '\u0455\u0455n'],
    ['Greek Ρ, Α capitals in PASSWORD', '\u03a1\u0391SSWORD'],
    ['Greek α, ο in password', 'p\u03b1ssw\u03bfrd'],
    ['Greek Ι in PIN_CODE', 'P\u0399N_CODE'],
    ['mixed Cyrillic е, а and Greek ο in newPassword', 'n\u0435wP\u0430ssw\u03bfrd'],
    ['mixed full-width ｐ and Cyrillic а in pass', '\uff50\u0430ss'],
    ['a Cyrillic о in an extra name', 'medical_n\u043etes'],
    ['Cyrillic т (a small capital T to the skeleton), о, е in token', '\u0442\u043ek\u0435n'],
    ['Cyrillic т in access_token', 'access_\u0442oken'],
    ['German ß, as its capital SS, in pass', 'pa\u00df'],
  ])('%s is secret', (_, name) => expect(isSecret(name)).toBe(true));
  it.each([
    ['Russian "name"', 'имя'],
    ['Russian "address"', 'адрес'],
    ['Russian "comment"', 'комментарий'],
    ['Greek "name"', 'όνομα'],
    ['Greek "city"', 'πόλη'],
    ['Japanese "name"', '名前'],
    ['Arabic "name"', 'الاسم'],
    ['ASCII m and 1, which the confusables skeleton would rewrite', 'memo1'],
    ['Russian "type"', '\u0442\u0438\u043f'],
    ['Russian "text"', '\u0442\u0435\u043a\u0441\u0442'],
  ])('%s is not', (_, name) => expect(isSecret(name)).toBe(false));
});
