import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../shared/query/parse.ts';
import { ParsedQuery, type ParseOptions } from '../../shared/query/types.ts';

/** Wednesday 11 March 2026, 10:00 in Chicago (CDT, three days after the spring change). */
const NOW = new Date('2026-03-11T15:00:00Z');
const CHICAGO: ParseOptions = {
  timezone: 'America/Chicago',
  dateOrder: 'MDY',
  now: NOW,
  usernames: ['admin', 'pat.admin', 'jsmith', 'frontdesk'],
  types: ['student', 'family', 'payment', 'enrollment', 'class'],
};
const LONDON: ParseOptions = { ...CHICAGO, timezone: 'Europe/London', dateOrder: 'DMY' };

type Expected = Partial<Omit<ParsedQuery, 'chips' | 'warnings'>> & {
  /** Chip labels in text order. */
  labels?: string[];
  /** A part of each warning, in order. */
  warnings?: string[];
};

interface Row {
  text: string;
  expect: Expected;
  options?: Partial<ParseOptions>;
}

const rows: Row[] = [
  // The model product's own example, and its parts.
  {
    text: '01/01/2015 5:10 pm admin deleted Smith',
    expect: {
      from: '2015-01-01T23:10:00.000Z',
      to: '2015-01-01T23:11:00.000Z',
      staff: ['admin'],
      verbs: ['delete'],
      terms: ['smith'],
      labels: ['date 01/01/2015', '5:10 pm', 'staff admin', 'deleted', 'Smith'],
    },
  },
  { text: '01/01/2015', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-01-02T06:00:00.000Z', labels: ['date 01/01/2015'] } },
  { text: '1/1/15', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-01-02T06:00:00.000Z' } },
  { text: '2015-01-01', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-01-02T06:00:00.000Z' } },
  { text: 'Jan 1 2015', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-01-02T06:00:00.000Z', labels: ['date Jan 1 2015'] } },
  { text: '1 Jan 2015', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-01-02T06:00:00.000Z' } },
  { text: 'January 1st, 2015', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-01-02T06:00:00.000Z' } },
  // Month first: 02/01 is 1 February.
  { text: '02/01/2015', expect: { from: '2015-02-01T06:00:00.000Z', to: '2015-02-02T06:00:00.000Z' } },
  // A day above 12 can only be a day, whatever the order.
  { text: '31/12/2015', expect: { from: '2015-12-31T06:00:00.000Z', to: '2016-01-01T06:00:00.000Z' } },
  { text: 'Jan 2015', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-02-01T06:00:00.000Z' } },
  // No year: the latest such day up to today.
  { text: 'jan 5', expect: { from: '2026-01-05T06:00:00.000Z', to: '2026-01-06T06:00:00.000Z' } },
  { text: 'dec 25', expect: { from: '2025-12-25T06:00:00.000Z', to: '2025-12-26T06:00:00.000Z' } },
  { text: '5/10 smith', expect: { from: '2025-05-10T05:00:00.000Z', to: '2025-05-11T05:00:00.000Z', terms: ['smith'] } },

  // Day first (DMY) in London.
  { text: '02/01/2015', options: LONDON, expect: { from: '2015-01-02T00:00:00.000Z', to: '2015-01-03T00:00:00.000Z' } },
  { text: '1/2/15 17:10', options: LONDON, expect: { from: '2015-02-01T17:10:00.000Z', to: '2015-02-01T17:11:00.000Z', labels: ['date 1/2/15', '17:10'] } },
  { text: '1 Jan 2015', options: LONDON, expect: { from: '2015-01-01T00:00:00.000Z', to: '2015-01-02T00:00:00.000Z' } },
  { text: '2015-07-01', options: LONDON, expect: { from: '2015-06-30T23:00:00.000Z', to: '2015-07-01T23:00:00.000Z' } },
  {
    text: '01/01/2015 17:10 admin deleted Smith',
    options: LONDON,
    expect: { from: '2015-01-01T17:10:00.000Z', to: '2015-01-01T17:11:00.000Z', staff: ['admin'], verbs: ['delete'], terms: ['smith'] },
  },

  // Times: with a date, the minute (or the hour); alone, today.
  { text: '1/1/2015 5pm', expect: { from: '2015-01-01T23:00:00.000Z', to: '2015-01-02T00:00:00.000Z', labels: ['date 1/1/2015', '5pm'] } },
  { text: '1/1/2015 5 pm', expect: { from: '2015-01-01T23:00:00.000Z', to: '2015-01-02T00:00:00.000Z' } },
  { text: 'Jan 1, 2015 at 5:10pm', expect: { from: '2015-01-01T23:10:00.000Z', to: '2015-01-01T23:11:00.000Z' } },
  { text: '5pm', expect: { from: '2026-03-11T22:00:00.000Z', to: '2026-03-11T23:00:00.000Z', labels: ['5pm'] } },
  { text: '17:10', expect: { from: '2026-03-11T22:10:00.000Z', to: '2026-03-11T22:11:00.000Z' } },
  { text: '5:10', expect: { from: '2026-03-11T10:10:00.000Z', to: '2026-03-11T10:11:00.000Z' } },
  { text: '12 am today', expect: { from: '2026-03-11T05:00:00.000Z', to: '2026-03-11T06:00:00.000Z' } },
  { text: '12pm yesterday', expect: { from: '2026-03-10T17:00:00.000Z', to: '2026-03-10T18:00:00.000Z' } },
  { text: 'noon yesterday', expect: { from: '2026-03-10T17:00:00.000Z', to: '2026-03-10T17:01:00.000Z' } },
  // The date need not be next to the time when it is the only one.
  { text: '01/01/2015 admin 5:10 pm', expect: { from: '2015-01-01T23:10:00.000Z', to: '2015-01-01T23:11:00.000Z', staff: ['admin'] } },
  { text: '5:10 pm 01/01/2015', expect: { from: '2015-01-01T23:10:00.000Z', to: '2015-01-01T23:11:00.000Z' } },

  // Time zones around midnight: 11:30 pm in Chicago is the next day in UTC.
  { text: '1/1/2015 11:30 pm', expect: { from: '2015-01-02T05:30:00.000Z', to: '2015-01-02T05:31:00.000Z' } },
  { text: '1/1/2015 12:15 am', expect: { from: '2015-01-01T06:15:00.000Z', to: '2015-01-01T06:16:00.000Z' } },
  { text: '1/1/2015', options: { timezone: 'Asia/Kolkata' }, expect: { from: '2014-12-31T18:30:00.000Z', to: '2015-01-01T18:30:00.000Z' } },
  // 22:00 in Chicago on 11 March is already 12 March in UTC; "today" is still the 11th.
  { text: 'today', options: { now: new Date('2026-03-12T03:00:00Z') }, expect: { from: '2026-03-11T05:00:00.000Z', to: '2026-03-12T05:00:00.000Z' } },
  { text: 'today', options: { now: new Date('2026-03-12T03:00:00Z'), timezone: 'UTC' }, expect: { from: '2026-03-12T00:00:00.000Z', to: '2026-03-13T00:00:00.000Z' } },

  // DST: Chicago springs forward on 8 March 2026 (a 23-hour day) and falls back on 1 November (25 hours).
  { text: '3/8/2026', expect: { from: '2026-03-08T06:00:00.000Z', to: '2026-03-09T05:00:00.000Z' } },
  {
    text: '3/8/2026 2:30 am',
    expect: { from: '2026-03-08T08:30:00.000Z', to: '2026-03-08T08:31:00.000Z', labels: ['date 3/8/2026', '2:30 am (skipped by DST; read as after the jump)'], warnings: ['does not exist'] },
  },
  { text: '3/8/2026 3:30 am', expect: { from: '2026-03-08T08:30:00.000Z', to: '2026-03-08T08:31:00.000Z' } },
  { text: '11/1/2026', expect: { from: '2026-11-01T05:00:00.000Z', to: '2026-11-02T06:00:00.000Z' } },
  {
    text: '11/1/2026 1:30 am',
    expect: { from: '2026-11-01T06:30:00.000Z', to: '2026-11-01T06:31:00.000Z', labels: ['date 11/1/2026', '1:30 am (happens twice; the first)'], warnings: ['happens twice'] },
  },
  { text: '11/1/2026 2:30 am', expect: { from: '2026-11-01T08:30:00.000Z', to: '2026-11-01T08:31:00.000Z' } },
  // London: 29 March 2026 01:00 → 02:00; 25 October 2026 02:00 → 01:00.
  { text: '29/03/2026 1:30 am', options: LONDON, expect: { from: '2026-03-29T01:30:00.000Z', to: '2026-03-29T01:31:00.000Z', warnings: ['does not exist'] } },
  { text: '29/03/2026', options: LONDON, expect: { from: '2026-03-29T00:00:00.000Z', to: '2026-03-29T23:00:00.000Z' } },
  { text: '25/10/2026 1:30 am', options: LONDON, expect: { from: '2026-10-25T00:30:00.000Z', to: '2026-10-25T00:31:00.000Z', warnings: ['happens twice'] } },
  { text: '25/10/2026', options: LONDON, expect: { from: '2026-10-24T23:00:00.000Z', to: '2026-10-26T00:00:00.000Z' } },

  // Relative dates, from Wednesday 11 March 2026.
  { text: 'today', expect: { from: '2026-03-11T05:00:00.000Z', to: '2026-03-12T05:00:00.000Z', labels: ['date today'] } },
  { text: 'yesterday', expect: { from: '2026-03-10T05:00:00.000Z', to: '2026-03-11T05:00:00.000Z' } },
  { text: 'yesterday 11:30 pm', expect: { from: '2026-03-11T04:30:00.000Z', to: '2026-03-11T04:31:00.000Z' } },
  { text: 'last week', expect: { from: '2026-03-02T06:00:00.000Z', to: '2026-03-09T05:00:00.000Z' } },
  { text: 'this week', expect: { from: '2026-03-09T05:00:00.000Z', to: '2026-03-16T05:00:00.000Z' } },
  { text: 'this month', expect: { from: '2026-03-01T06:00:00.000Z', to: '2026-04-01T05:00:00.000Z' } },
  { text: 'last month', expect: { from: '2026-02-01T06:00:00.000Z', to: '2026-03-01T06:00:00.000Z' } },
  { text: 'last year', expect: { from: '2025-01-01T06:00:00.000Z', to: '2026-01-01T06:00:00.000Z' } },
  { text: '3 days ago', expect: { from: '2026-03-08T06:00:00.000Z', to: '2026-03-09T05:00:00.000Z' } },
  { text: 'a week ago', expect: { from: '2026-03-04T06:00:00.000Z', to: '2026-03-05T06:00:00.000Z' } },
  { text: 'last 7 days', expect: { from: '2026-03-05T06:00:00.000Z', to: '2026-03-12T05:00:00.000Z' } },
  { text: 'past week', expect: { from: '2026-03-05T06:00:00.000Z', to: '2026-03-12T05:00:00.000Z' } },
  { text: 'monday', expect: { from: '2026-03-09T05:00:00.000Z', to: '2026-03-10T05:00:00.000Z' } },
  { text: 'wednesday', expect: { from: '2026-03-11T05:00:00.000Z', to: '2026-03-12T05:00:00.000Z' } },
  { text: 'last wednesday', expect: { from: '2026-03-04T06:00:00.000Z', to: '2026-03-05T06:00:00.000Z' } },
  { text: 'since monday', expect: { from: '2026-03-09T05:00:00.000Z', to: undefined, labels: ['since monday'] } },

  // Ranges.
  {
    text: 'from 1/1/2015 to 1/31/2015',
    expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-02-01T06:00:00.000Z', labels: ['from 1/1/2015', 'to 1/31/2015'] },
  },
  {
    text: 'between 1/1/2015 and 1/5/2015 smith',
    expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-01-06T06:00:00.000Z', terms: ['smith'], labels: ['from 1/1/2015', 'to 1/5/2015', 'smith'] },
  },
  { text: '1/1/2015 - 1/5/2015', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-01-06T06:00:00.000Z' } },
  { text: 'from 1/1/2015 5pm to 1/2/2015 9am', expect: { from: '2015-01-01T23:00:00.000Z', to: '2015-01-02T16:00:00.000Z' } },
  { text: 'between 5pm and 6pm', expect: { from: '2026-03-11T22:00:00.000Z', to: '2026-03-12T00:00:00.000Z' } },
  { text: 'before 1/1/2015', expect: { from: undefined, to: '2015-01-01T06:00:00.000Z' } },
  { text: 'after 1/1/2015', expect: { from: '2015-01-02T06:00:00.000Z', to: undefined } },
  // "and" without "between" is just a word, and "from" before a name is not a range.
  { text: 'smith and 1/1/2015', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-01-02T06:00:00.000Z', terms: ['smith'] } },
  { text: 'deleted from family Smith', expect: { verbs: ['delete'], types: ['family'], terms: ['smith'], from: undefined } },
  // A time cannot narrow a week; it says so instead of guessing.
  { text: 'last week 5pm', expect: { from: '2026-03-02T06:00:00.000Z', to: '2026-03-09T05:00:00.000Z', warnings: ['needs one day'] } },

  // Verbs as typed, and the records some of them imply.
  { text: 'removing', expect: { verbs: ['delete'], labels: ['removing'] } },
  { text: 'new student', expect: { verbs: ['create'], types: ['student'] } },
  { text: 'changed Smith', expect: { verbs: ['update'], terms: ['smith'] } },
  { text: 'payments', expect: { verbs: ['payment'], types: [] } },
  { text: 'charged', expect: { verbs: ['charge'] } },
  { text: 'refunded', expect: { verbs: ['refund'] } },
  { text: 'Jane logged in', expect: { verbs: ['login'], terms: ['jane'], labels: ['Jane', 'logged in'] } },
  { text: 'signed out', expect: { verbs: ['logout'] } },
  { text: 'enrolled Smith', expect: { verbs: ['create'], types: ['enrollment'], terms: ['smith'], labels: ['enrolled', 'type enrollment', 'Smith'] } },
  { text: 'check-in Smith', expect: { verbs: [], types: ['attendance'], terms: ['smith'] } },
  { text: 'checked in', expect: { verbs: [], types: ['attendance'] } },
  { text: 'clocked out', expect: { verbs: [], types: ['timeclock'] } },
  { text: 'punch', expect: { types: ['timeclock'] } },
  { text: 'ADMIN DELETED SMITH', expect: { staff: ['admin'], verbs: ['delete'], terms: ['smith'] } },

  // Typos in verbs and usernames are forgiven, tightly.
  { text: 'admn delted smith', expect: { staff: ['admin'], verbs: ['delete'], terms: ['smith'], labels: ['staff admin', 'delted', 'smith'] } },
  { text: 'udpated', expect: { verbs: ['update'] } },
  { text: 'remved', expect: { verbs: ['delete'] } },
  { text: 'pament', expect: { verbs: ['payment'] } },
  { text: 'jsmiht', expect: { staff: ['jsmith'], terms: [] } },
  { text: 'frontdsk', expect: { staff: ['frontdesk'] } },
  // …but names stay names: these are one letter from "edit", "change", or a username.
  { text: 'Edith Chang', expect: { verbs: [], terms: ['edith', 'chang'] } },
  { text: 'smith', expect: { staff: [], terms: ['smith'] } },
  { text: 'adam', expect: { staff: [], terms: ['adam'] } },
  { text: 'date', expect: { verbs: [], terms: ['date'] } },
  // "chaged" is as close to "changed" as to "charged": no guess.
  { text: 'chaged', expect: { verbs: [], terms: ['chaged'] } },

  // Staff, sources, types, IPs as words.
  { text: 'pat.admin', expect: { staff: ['pat.admin'] } },
  { text: 'staff admin', expect: { staff: ['admin'], terms: [] } },
  { text: 'customer portal payments', expect: { sources: ['Customer Portal'], verbs: ['payment'] } },
  { text: 'Mobile App', expect: { sources: ['Mobile App'], labels: ['source Mobile App'] } },
  { text: 'check-in kiosk', expect: { sources: ['Check-In Kiosk'], types: [] } },
  { text: 'time clock kiosk', expect: { sources: ['Time Clock Kiosk'], types: [] } },
  // Two kiosks: "kiosk" alone names neither.
  { text: 'kiosk', expect: { sources: [], terms: ['kiosk'] } },
  { text: 'Front Desk', options: { sources: ['Front Desk'] }, expect: { sources: ['Front Desk'] } },
  { text: 'students families', expect: { types: ['student', 'family'] } },
  { text: 'students', options: { types: undefined }, expect: { types: [], terms: ['students'] } },
  { text: '10.0.0.7 admin', expect: { ips: ['10.0.0.7'], staff: ['admin'] } },

  // Qualifiers.
  { text: 'staff:Admin', expect: { staff: ['admin'], labels: ['staff admin'] } },
  { text: 'user:someone.new', expect: { staff: ['someone.new'] } },
  { text: 'source:"Customer Portal"', expect: { sources: ['Customer Portal'], labels: ['source Customer Portal'] } },
  { text: 'source:mobile-app', expect: { sources: ['Mobile App'] } },
  { text: 'verb:deleted verb:approve', expect: { verbs: ['delete', 'approve'] } },
  { text: 'type:students', expect: { types: ['student'] } },
  { text: 'ip:10.0.0.7', expect: { ips: ['10.0.0.7'] } },
  { text: 'ip:::1', expect: { ips: ['::1'] } },
  { text: 'from:2015-01-01 to:2015-01-31', expect: { from: '2015-01-01T06:00:00.000Z', to: '2015-02-01T06:00:00.000Z', labels: ['from 2015-01-01', 'to 2015-01-31'] } },
  { text: 'from:2015-01-01T10:00:00Z', expect: { from: '2015-01-01T10:00:00.000Z', to: undefined } },
  { text: 'to:yesterday', expect: { from: undefined, to: '2026-03-11T05:00:00.000Z' } },
  { text: 'from:notadate smith', expect: { from: undefined, terms: ['smith'], labels: ['smith'], warnings: ['"notadate" is not a date'] } },
  { text: 'ip:nope staff:', expect: { ips: [], staff: [], warnings: ['not an IP address', 'no value'] } },

  // Quotes, exclusions, stop words, punctuation.
  { text: '"Mary Jane" smith', expect: { terms: ['mary jane', 'smith'], labels: ['"Mary Jane"', 'smith'] } },
  { text: 'smith -jones', expect: { terms: ['smith'], exclude: ['jones'], labels: ['smith', '-jones'] } },
  { text: '-"john smith" deleted', expect: { exclude: ['john smith'], verbs: ['delete'] } },
  { text: 'show me the entries by admin on the family', expect: { staff: ['admin'], types: ['family'], terms: [] } },
  { text: "Smith, O'Brien!", expect: { terms: ['smith', "o'brien"] } },
  { text: 'smith smith', expect: { terms: ['smith'] } },
  { text: '2/30/2015 smith', expect: { terms: ['smith'], from: undefined, warnings: ['2/30/2015: not a date'] } },
  { text: '13:00 pm', expect: { from: '2026-03-11T18:00:00.000Z', to: '2026-03-11T18:01:00.000Z' } },
  { text: 'from Mar 2 2026 to now', expect: { from: '2026-03-02T06:00:00.000Z', to: undefined, terms: [] } },
  { text: '', expect: { terms: [], labels: [], from: undefined, to: undefined } },
  { text: '   ', expect: { labels: [] } },
];

describe('parseQuery reads what an admin types', () => {
  it('has a table of at least 60 phrasings', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows.map((r) => [r.text, r] as const))('%j', (_text, row) => {
    const q = parseQuery(row.text, { ...CHICAGO, ...row.options });
    const { labels, warnings, ...lists } = row.expect;
    for (const [key, value] of Object.entries(lists)) expect(q[key as keyof ParsedQuery], key).toEqual(value);
    if (labels) expect(q.chips.map((c) => c.label)).toEqual(labels);
    if (warnings) {
      expect(q.warnings ?? []).toHaveLength(warnings.length);
      warnings.forEach((w, i) => expect(q.warnings![i]).toContain(w));
    } else {
      expect(q.warnings).toBeUndefined();
    }
  });
});

describe('the parser and the API contract', () => {
  it('answers exactly what the ParsedQuery schema the extension parses responses with describes', () => {
    for (const text of ['admin deleted smith', 'from:2026-03-01T09:00 to:yesterday -jones source:kiosk', '01/01/2015 5:10 pm', 'ip:10.0.0.7 type:students']) {
      const parsed = parseQuery(text, CHICAGO);
      expect(ParsedQuery.strict().parse(parsed), text).toEqual(parsed);
    }
  });
});
