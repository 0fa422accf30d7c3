import { nearest } from './fuzzy.ts';
import type { Context } from './qualifiers.ts';
import { matches, type MaskedText, type Span } from './spans.ts';
import { matchSource, matchType, matchUsername, phraseKey } from './staff-words.ts';
import type { Chip } from './types.ts';
import { ACTION_WORDS, FUZZY_ACTION_MIN_LENGTH, FUZZY_ACTION_WORDS, type ActionMeaning } from './verbs.ts';

/** Words that carry no search meaning; "staff" and "user" so that typing a chip's label back works. */
const STOP_WORDS = new Set(
  (
    'a an the by on at in of for to from and or with was were is are be been did do does who what which when where ' +
    'that entries entry record records all any me show find search staff user username member someone somebody i now'
  ).split(' '),
);

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Shaped like a date but not one the calendar has ("2/30/2015"): worth saying so rather than searching for it. */
const DATE_SHAPED = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;
/** Longest phrase worth trying: "check in kiosk", "time clock kiosk". */
const MAX_PHRASE_WORDS = 4;

type Out = Array<Chip & { start: number }>;

/** Trims punctuation from both ends but keeps it inside: "o'brien", "pat.admin", "mary-jane". */
function trimWord(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function actionChips(meaning: ActionMeaning, typed: string, raw: string, start: number): Out {
  const out: Out = [];
  if (meaning.verb) out.push({ kind: 'verb', label: typed, raw, value: meaning.verb, start });
  if (meaning.type) out.push({ kind: 'type', label: `type ${meaning.type}`, raw, value: meaning.type, start });
  return out;
}

/** One word on its own, in the order of what it most likely means. */
function wordChips(raw: string, start: number, ctx: Context): Out {
  const chip = (kind: Chip['kind'], label: string, value: string): Out => [{ kind, label, raw, value, start }];
  if (raw.startsWith('-') && raw.length > 1) {
    const word = trimWord(raw.slice(1));
    return word && !STOP_WORDS.has(word.toLowerCase()) ? chip('exclude', `-${word}`, word.toLowerCase()) : [];
  }
  const word = trimWord(raw);
  const lower = word.toLowerCase();
  if (!word || STOP_WORDS.has(lower)) return [];
  const username = matchUsername(word, ctx.usernames, false);
  if (username) return chip('staff', `staff ${username}`, username);
  const action = ACTION_WORDS.get(phraseKey(word));
  if (action) return actionChips(action, word, raw, start);
  const type = matchType(word, ctx.types);
  if (type) return chip('type', `type ${type}`, type);
  const source = matchSource(word, ctx.sources);
  if (source) return chip('source', `source ${source}`, source);
  if (IPV4.test(word)) return chip('ip', `ip ${word}`, word);
  const typo = matchUsername(word, ctx.usernames, true);
  if (typo) return chip('staff', `staff ${typo}`, typo);
  const verbs = nearest(lower, FUZZY_ACTION_WORDS, FUZZY_ACTION_MIN_LENGTH).flatMap((w) => ACTION_WORDS.get(w) ?? []);
  const meanings = new Set(verbs.map((m) => `${m.verb}/${m.type}`));
  const [meaning] = verbs;
  if (meanings.size === 1 && meaning) return actionChips(meaning, word, raw, start);
  return chip('term', word, lower);
}

/** A run of words naming a source or an action ("customer portal", "logged in"), longest first. */
function phraseChips(tokens: Array<{ text: string; span: Span }>, i: number, text: MaskedText, ctx: Context) {
  for (let n = Math.min(MAX_PHRASE_WORDS, tokens.length - i); n >= 2; n--) {
    const first = tokens[i];
    const last = tokens[i + n - 1];
    if (!first || !last) continue;
    const span = { start: first.span.start, end: last.span.end };
    const raw = text.raw(span);
    const source = matchSource(raw, ctx.sources);
    if (source) return { n, chips: [{ kind: 'source' as const, label: `source ${source}`, raw, value: source, start: span.start }] };
    const action = ACTION_WORDS.get(phraseKey(raw));
    if (action) return { n, chips: actionChips(action, raw, raw, span.start) };
  }
  return undefined;
}

/** Everything not yet understood, word by word: staff, actions, types, sources, IPs, and name terms. */
export function takeWords(text: MaskedText, ctx: Context): { chips: Out; warnings: string[] } {
  const tokens = [...matches(text.current, /\S+/g)].map(({ match, span }) => ({ text: match[0], span }));
  const out: Out = [];
  const warnings: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const phrase = phraseChips(tokens, i, text, ctx);
    const token = tokens[i];
    if (phrase) {
      out.push(...phrase.chips);
      i += phrase.n;
    } else if (token && DATE_SHAPED.test(trimWord(token.text))) {
      warnings.push(`${token.text}: not a date on the calendar`);
      i += 1;
    } else {
      if (token) out.push(...wordChips(token.text, token.span.start, ctx));
      i += 1;
    }
  }
  return { chips: out, warnings };
}
