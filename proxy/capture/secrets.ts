import unhomoglyph from 'unhomoglyph';
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

/**
 * The Latin letter a non-ASCII one imitates (Unicode confusables: Cyrillic "а", Greek "Ρ"), else the letter itself.
 * The confusables skeleton writes capital I as "l", its look-alike; a capital folded to "l" (Greek "Ι") is read as I.
 */
function latinTwin(letter: string): string {
  const folded = unhomoglyph(letter);
  if (ASCII.test(folded)) return folded === 'l' && letter !== letter.toLowerCase() ? 'I' : folded;
  // A small letter whose skeleton is a small capital or another non-Latin letter (Cyrillic "т" → "ᴛ", "к" → "ĸ"):
  // the twin of its capital, in small ("Т" → "T", "ß" → "SS").
  const capital = unhomoglyph(letter.toUpperCase());
  return ASCII.test(capital) ? capital.toLowerCase() : folded;
}

const ASCII = /^\p{ASCII}+$/u;

/**
 * The words of a field name, read as NFKC reads it, so full-width letters (ｐａｓｓｗｏｒｄ) count as their ASCII twins,
 * and with look-alike letters of other scripts read as the Latin ones they imitate (pаssword with a Cyrillic "а").
 * ASCII is left as it is: the skeleton would rewrite it ("m" → "rn", "I" → "l") and no longer find the words it was given.
 */
function words(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/\P{ASCII}/gu, latinTwin)
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

/**
 * A digit of any script or form a portal may accept and normalise: every decimal digit (ASCII, full-width,
 * Arabic-Indic, Devanagari, mathematical …) and the superscript, subscript and circled digits that NFKC
 * turns into one ASCII digit.
 */
const DIGIT = '[\\p{Nd}\\u00b2\\u00b3\\u00b9\\u2070\\u2074-\\u2079\\u2080-\\u2089\\u2460-\\u2468\\u24ea]';
/**
 * Invisible in the text a person pastes, so anywhere between digits: format characters (zero-width
 * space, soft hyphen, bidi marks) and combining marks (a keycap). Kept apart from SEPARATOR (U+FEFF is
 * both) so the pattern cannot backtrack over a long run of them in more than one way.
 */
const IGNORABLE = '[[\\p{Cf}\\p{Mn}\\p{Me}]--[\\s]]';
/** What people put between the digits of a card number: any spaces, dashes, dots, slashes, underscores and middle dots, full-width ones too. */
const SEPARATOR = '[\\s\\p{Pd}\\u2212.\\/_\\u00b7\\u30fb\\uff0e\\uff0f\\uff3f\\uff61\\uff65\\u3002]';
/** A group of digits, invisible characters allowed between them. */
const GROUP_SOURCE = `${DIGIT}(?:${IGNORABLE}*${DIGIT})*`;
/** Digit groups joined by up to 3 separator characters: where a card number may hide. */
const DIGIT_RUN = new RegExp(`${GROUP_SOURCE}(?:${IGNORABLE}*(?:${SEPARATOR}${IGNORABLE}*){1,3}${GROUP_SOURCE})*`, 'gv');
const GROUP = new RegExp(GROUP_SOURCE, 'gv');
const ONE_DIGIT = new RegExp(DIGIT, 'gv');
const IGNORABLES = new RegExp(IGNORABLE, 'gv');
const DECIMAL = /\p{Nd}/u;

const digitValues = new Map<string, string>();

/**
 * The ASCII digit a DIGIT stands for. NFKC gives it for the compatibility forms; the other scripts'
 * digits (Arabic-Indic, Thai …) have no decomposition, but Unicode encodes every decimal digit in
 * runs of ten from 0 to 9, so the distance to the start of its run tells its value.
 */
function asciiDigit(digit: string): string {
  const known = digitValues.get(digit);
  if (known !== undefined) return known;
  const normal = digit.normalize('NFKC');
  let value = normal;
  if (!/^[0-9]$/.test(normal)) {
    const code = digit.codePointAt(0) ?? 0;
    let zero = code;
    while (DECIMAL.test(String.fromCodePoint(zero - 1))) zero--;
    value = String((code - zero) % 10);
  }
  digitValues.set(digit, value);
  return value;
}

interface Group {
  start: number;
  end: number;
  /** The group's digits in ASCII. */
  digits: string;
}

/** More digits than any card has: a group this long is never part of one. */
const TOO_LONG = '0'.repeat(20);

/** A group's digits in ASCII; TOO_LONG without reading them all when there are more than a card has (2 UTF-16 units a digit at most). */
function groupDigits(group: string): string {
  const digits = group.replace(IGNORABLES, '');
  if (digits.length > 2 * TOO_LONG.length) return TOO_LONG;
  return Array.from(digits.matchAll(ONE_DIGIT), ([digit]) => asciiDigit(digit)).join('');
}

/**
 * The card that starts at `groups[from]`: the most whole groups with 13–19 digits that pass Luhn, or
 * null. The longest, so no digit of a card whose prefix also passes is left beside the mask.
 */
function cardAt(groups: readonly Group[], from: number): { start: number; end: number; next: number } | null {
  const first = groups[from];
  let digits = '';
  let card: { start: number; end: number; next: number } | null = null;
  for (let at = from; at < groups.length; at++) {
    const group = groups[at];
    if (!first || !group || digits.length + group.digits.length > 19) break;
    digits += group.digits;
    if (digits.length >= 13 && passesLuhn(digits)) card = { start: first.start, end: group.end, next: at + 1 };
  }
  return card;
}

/**
 * The spans of `run` (start, end) that are Luhn-valid card numbers: the whole run when it has 13–19
 * digits, else any sequence of whole digit groups with 13–19 digits (a card beside a CVV or a date).
 */
function cardSpans(run: string): Array<[number, number]> {
  const groups: Group[] = [...run.matchAll(GROUP)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: groupDigits(m[0]) }));
  const spans: Array<[number, number]> = [];
  for (let at = 0; at < groups.length;) {
    const card = cardAt(groups, at);
    if (card) spans.push([card.start, card.end]);
    at = card?.next ?? at + 1;
  }
  return spans;
}

/**
 * Replaces every Luhn-valid card number, in whatever digits, grouping and separators it is written
 * (detected as NFKC would read it), with REDACTED; the text around it stays as sent.
 */
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
