import type { Entry } from '../../shared/entry.ts';
import type { SearchRequest } from '../../proxy/search/types.ts';
import { LABELLED } from './search-relevance.ts';

/** The business time zone the search benches read dates in. */
export const TIMEZONE = 'America/Chicago';

export interface Query {
  label: string;
  request: SearchRequest;
  /** For typo queries: the right spelling, whose matches the typo must all find. */
  right?: string;
}

/** A fixed set of queries; the combined ones are built from a real entry so that they match. */
export function queries(sample: Entry): Query[] {
  const local = new Date(sample.at).toLocaleString('en-US', { timeZone: TIMEZONE, hourCycle: 'h12', year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: '2-digit' });
  const [date, time] = local.split(', ') as [string, string];
  const name = sample.records[0]?.name ?? sample.member;
  const surname = name.split(' ').at(-1)!;
  const verbWord = { delete: 'deleted', update: 'updated', create: 'created', payment: 'paid', charge: 'charged' }[sample.verb] ?? sample.verb;
  const day = date.replace(/(\d+)\/(\d+)\/(\d+)/, '$3-$1-$2');
  const q = (text: string, right?: string): Query => ({ label: text, request: { q: text }, right });
  return [
    q('Smith'),
    q('Johnson'),
    q('Kelly'),
    q('Jennifer Smith'),
    q('John Smith'),
    q('Ava Nguyen'),
    q('Smtih', 'Smith'),
    q('Jhon Smith', 'John Smith'),
    q('Jhn Smtih', 'John Smith'),
    q('admn deleted smith', 'admin deleted smith'),
    q('Jonhson', 'Johnson'),
    q('Mitchel', 'Mitchell'),
    q('Jenifer Smith', 'Jennifer Smith'),
    q('Gacria', 'Garcia'),
    q(`${date} ${time} ${sample.username ?? ''} ${verbWord} ${surname}`),
    q(`${date} admin deleted Smith`),
    q(`${date} ${time}`),
    q(`${date} Smith`),
    q('yesterday admin'),
    q('admin'),
    q('staff:mchen verb:delete'),
    q('source:"Check-In Kiosk"'),
    q('type:payment'),
    q('verb:charge'),
    q(`from:${day} to:${day}`),
    { label: 'filters: staff=admin,dkim verb=delete', request: { staff: ['admin', 'dkim'], verb: ['delete'] } },
    { label: `filters: from=${day} to=${day}`, request: { from: day, to: day } },
    q('Payment'),
    q('Updated level'),
    q('Clocked'),
    q('level status'),
    q('Smith -Jennifer'),
    q('Hernandez enrolled'),
    q('zebra'),
    q('qqqxyz'),
    q(''),
    ...LABELLED.map((labelled) => q(labelled.q)),
  ];
}
