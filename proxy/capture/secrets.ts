import { REDACTED } from '../../shared/entry.ts';

/** Words that make a field secret wherever they appear in its name (newPassword, api_key, card-number). */
const SECRET_PARTS = ['password', 'passwd', 'passcode', 'secret', 'apikey', 'cardnumber', 'creditcard'];
/** Short words that are secret only as a whole word, so "shipping" or "className" stay readable. */
const SECRET_WORDS = new Set(['pin', 'cvv', 'cvc', 'ssn', 'token']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export interface SecretMatcherOptions {
  /** Extra field names to mask, compared without case, '_', '-' or spaces. Default: none. */
  extra?: string[];
}

/** Decides whether a field's value must never reach the store. */
export function createSecretMatcher({ extra = [] }: SecretMatcherOptions = {}) {
  const extraNames = new Set(extra.map((name) => words(name).join('')));
  return function isSecretField(name: string): boolean {
    const parts = words(name);
    const joined = parts.join('');
    return extraNames.has(joined) || parts.some((w) => SECRET_WORDS.has(w)) || SECRET_PARTS.some((p) => joined.includes(p));
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

/** 13 to 19 digits, optionally grouped by single spaces or dashes: the shapes card numbers are typed in. */
const CARD_LIKE = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

/** Replaces every card-number-like run that passes Luhn with REDACTED. */
export function maskCardNumbers(text: string): string {
  return text.replace(CARD_LIKE, (run) => (passesLuhn(run.replace(/[ -]/g, '')) ? REDACTED : run));
}
