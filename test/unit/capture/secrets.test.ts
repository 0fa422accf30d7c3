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
