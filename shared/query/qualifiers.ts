import type { CivilDate } from './calendar.ts';
import { takeDates, type DateOrder } from './dates.ts';
import type { Role } from './markers.ts';
import type { Temporal } from './range.ts';
import { MaskedText, matches } from './spans.ts';
import { matchSource, matchType, matchUsername } from './staff-words.ts';
import type { Chip } from './types.ts';
import { verbOf } from './verbs.ts';
import { parseInstant } from '../time/instant.ts';

export interface Context {
  today: CivilDate;
  timeZone: string;
  dateOrder: DateOrder;
  usernames: readonly string[];
  sources: readonly string[];
  types: readonly string[];
}

export interface Found {
  chips: Array<Chip & { start: number }>;
  temporals: Temporal[];
  warnings: string[];
}

const QUALIFIER = /(?<![\w-])(staff|user|username|source|verb|type|ip|from|since|after|to|until|before|date|on):(?:"([^"]*)"?|([^\s"]*))/gi;
const QUOTED = /(?<![\w"])(-?)"([^"]+)"/g;
const DATE_ROLE: Record<string, Role> = { from: 'from', since: 'from', after: 'after', to: 'to', until: 'to', before: 'before', date: 'plain', on: 'plain' };
const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]+)$/i;

function temporal(key: string, value: string, span: { start: number; end: number }, ctx: Context): Temporal | undefined {
  const role = DATE_ROLE[key] ?? 'plain';
  const word = role === 'plain' ? undefined : key;
  const bound = { role, word, span, typed: value };
  const at = parseInstant(value, ctx.timeZone);
  if (at !== null) return { ...bound, kind: 'instant', at: new Date(at) };
  const text = new MaskedText(value);
  const days = takeDates(text, ctx.today, ctx.dateOrder);
  const [day] = days;
  if (!day || days.length !== 1 || text.current.trim() !== '') return undefined;
  return { ...bound, kind: 'day', day };
}

/** Reads `key:value` qualifiers and "quoted phrases", and blanks them out of the text. */
export function takeQualifiers(text: MaskedText, ctx: Context): Found {
  const found: Found = { chips: [], temporals: [], warnings: [] };
  for (const { match, span } of matches(text.current, QUALIFIER)) {
    text.mask(span);
    const key = (match[1] ?? '').toLowerCase();
    const value = (match[2] ?? match[3] ?? '').trim();
    const raw = text.raw(span);
    const chip = (kind: Chip['kind'], label: string, v: string) => found.chips.push({ kind, label, raw, value: v, start: span.start });
    if (!value) {
      found.warnings.push(`${raw}: no value after "${key}:"`);
    } else if (key === 'staff' || key === 'user' || key === 'username') {
      const username = matchUsername(value, ctx.usernames, false) ?? value;
      chip('staff', `staff ${username}`, username);
    } else if (key === 'source') {
      const source = matchSource(value, ctx.sources) ?? value;
      chip('source', `source ${source}`, source);
    } else if (key === 'verb') {
      const verb = verbOf(value) ?? value.toLowerCase();
      chip('verb', `verb ${verb}`, verb);
    } else if (key === 'type') {
      const type = matchType(value, ctx.types) ?? value.toLowerCase();
      chip('type', `type ${type}`, type);
    } else if (key === 'ip') {
      if (IP.test(value)) chip('ip', `ip ${value}`, value.toLowerCase());
      else found.warnings.push(`${raw}: "${value}" is not an IP address`);
    } else {
      const t = temporal(key, value, span, ctx);
      if (t) found.temporals.push(t);
      else found.warnings.push(`${raw}: "${value}" is not a date`);
    }
  }
  for (const { match, span } of matches(text.current, QUOTED)) {
    text.mask(span);
    const phrase = (match[2] ?? '').trim().replace(/\s+/g, ' ');
    if (!phrase) continue;
    const exclude = match[1] === '-';
    found.chips.push({ kind: exclude ? 'exclude' : 'term', label: text.raw(span), raw: text.raw(span), value: phrase.toLowerCase(), start: span.start });
  }
  return found;
}
