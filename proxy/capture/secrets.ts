import { REDACTED } from '../../shared/entry.ts';

/**
 * Secret wherever they appear in a field's name once case, '-', '_' and spaces are dropped
 * (newPassword, api_key, card-number, X-Auth-Token's "authtoken" is caught by the word list).
 */
export const SECRET_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'passcode',
  'secret',
  'apikey',
  'accesskey',
  'privatekey',
  'secretkey',
  'signingkey',
  'cardnumber',
  'cardnum',
  'creditcard',
  'debitcard',
  'securitycode',
  'cardcode',
  'cardverification',
  'pincode',
  'pinnumber',
  'socialsecurity',
  'authorization',
  'credential',
  'sessionid',
  'sessiontoken',
  'refreshtoken',
  'accesstoken',
  'idtoken',
  'authtoken',
  'bearer',
  'oneTimeCode',
  'verificationcode',
  'mfacode',
  'otpcode',
  'recoverycode',
  'backupcode',
].map((part) => part.toLowerCase());
/** Secret only as a whole word of the name, so "shipping", "spinner" or "notpad" stay readable. */
export const SECRET_WORDS = new Set(['pin', 'pwd', 'pw', 'pass', 'cvv', 'cvv2', 'cvc', 'cvc2', 'cvn', 'csc', 'ssn', 'sin', 'token', 'otp', 'totp', 'hotp', 'auth', 'jwt', 'mfa', '2fa']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export interface SecretMatcherOptions {
  /** Extra field names to mask, compared without case, '_', '-' or spaces (config `redact`). Default: none. */
  extra?: string[];
}

/** Whether `run` appears in `parts` as consecutive whole words. */
function hasRun(parts: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= parts.length; i++) if (run.every((w, j) => parts[i + j] === w)) return true;
  return false;
}

/**
 * Decides whether a field's value must never reach the store: its name contains a SECRET_PARTS entry,
 * has a SECRET_WORDS entry as a whole word, or has the words of an `extra` name in a row
 * (`medicalNotes` also catches `current_medical_notes`), all without regard to case, '-' or '_'.
 */
export function createSecretMatcher({ extra = [] }: SecretMatcherOptions = {}) {
  const extraNames = extra.map((name) => ({ joined: words(name).join(''), run: words(name) }));
  return function isSecretField(name: string): boolean {
    const parts = words(name);
    const joined = parts.join('');
    return parts.some((w) => SECRET_WORDS.has(w)) || SECRET_PARTS.some((p) => joined.includes(p)) || extraNames.some((extraName) => extraName.joined === joined || hasRun(parts, extraName.run));
  };
}

/** The Luhn checksum that every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** What people put between the digits of a card number: any spaces (no-break, thin …), dots, dashes, slashes. */
const SEPARATOR = '[\\s.\\-\\u2010-\\u2015\\u2212/_·]';
/** A run of digit groups joined by up to 3 separator characters: where a card number may hide. */
const DIGIT_RUN = new RegExp(`\\d+(?:${SEPARATOR}{1,3}\\d+)*`, 'g');
const GROUP = /\d+/g;

/**
 * The spans of `run` (start, end) that are Luhn-valid card numbers: the whole run when it has 13–19
 * digits, else any sequence of whole digit groups with 13–19 digits (a card beside a CVV or a date).
 */
function cardSpans(run: string): Array<[number, number]> {
  const groups = [...run.matchAll(GROUP)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: m[0] }));
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    for (let j = i; j < groups.length && digits.length + groups[j]!.digits.length <= 19; j++) {
      digits += groups[j]!.digits;
      if (digits.length >= 13 && passesLuhn(digits)) {
        spans.push([groups[i]!.start, groups[j]!.end]);
        i = j;
        break;
      }
    }
  }
  return spans;
}

/** Replaces every Luhn-valid card number, however its digits are grouped and separated, with REDACTED. */
export function maskCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const spans = cardSpans(run);
    if (spans.length === 0) return run;
    let out = '';
    let last = 0;
    for (const [start, end] of spans) {
      out += run.slice(last, start) + REDACTED;
      last = end;
    }
    return out + run.slice(last);
  });
}
