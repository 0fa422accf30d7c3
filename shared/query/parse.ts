import { KNOWN_SOURCES } from '../entry.ts';
import { takeDates } from './dates.ts';
import { takeMarker } from './markers.ts';
import { takeQualifiers, type Context } from './qualifiers.ts';
import { resolveRange, type Temporal } from './range.ts';
import { MaskedText } from './spans.ts';
import { takeTimes } from './times.ts';
import { emptyQuery, type Chip, type ParseOptions, type ParsedQuery } from './types.ts';
import { takeWords } from './words.ts';
import { assertTimeZone, wallTimeAt } from '../time/zoned-time.ts';

const LIST_OF: Partial<Record<Chip['kind'], 'staff' | 'sources' | 'verbs' | 'types' | 'ips' | 'terms' | 'exclude'>> = {
  staff: 'staff',
  source: 'sources',
  verb: 'verbs',
  type: 'types',
  ip: 'ips',
  term: 'terms',
  exclude: 'exclude',
};

/**
 * Reads the admin's free text into filters and the chips that show what was understood. Stages
 * run from the most to the least specific, each blanking out what it took: qualifiers and quotes,
 * times, dates (with "from … to …" around them), then word by word.
 * Throws only for a time zone Intl does not know; any text parses.
 */
export function parseQuery(input: string, options: ParseOptions): ParsedQuery {
  assertTimeZone(options.timezone);
  const wall = wallTimeAt(options.now ?? new Date(), options.timezone);
  const ctx: Context = {
    today: { year: wall.year, month: wall.month, day: wall.day },
    timeZone: options.timezone,
    dateOrder: options.dateOrder,
    usernames: options.usernames ?? [],
    sources: options.sources ?? KNOWN_SOURCES,
    types: options.types ?? [],
  };
  const text = new MaskedText(input);
  const qualified = takeQualifiers(text, ctx);
  const times = takeTimes(text);
  const days = takeDates(text, ctx.today, ctx.dateOrder);

  const temporals: Temporal[] = [...qualified.temporals];
  const inText = [...days.map((day) => ({ span: day.span, as: { kind: 'day' as const, day } })), ...times.map((time) => ({ span: time.span, as: { kind: 'time' as const, time } }))].sort(
    (a, b) => a.span.start - b.span.start,
  );
  let afterBetween = false;
  for (const { span, as } of inText) {
    const marked = takeMarker(text, span, afterBetween);
    if (marked.role !== 'plain') afterBetween = /^between\b/i.test(text.raw(marked.span));
    temporals.push({ ...marked, typed: text.raw(span), ...as });
  }
  const range = resolveRange(input, temporals, ctx.today, ctx.timeZone);
  const words = takeWords(text, ctx);

  const query = emptyQuery();
  query.chips = [...qualified.chips, ...range.chips, ...words.chips].sort((a, b) => a.start - b.start);
  for (const chip of query.chips) {
    const list = LIST_OF[chip.kind];
    if (list && !query[list].includes(chip.value)) query[list].push(chip.value);
  }
  if (range.from) query.from = range.from;
  if (range.to) query.to = range.to;
  const warnings = [...qualified.warnings, ...range.warnings, ...words.warnings];
  if (warnings.length) query.warnings = warnings;
  return query;
}
