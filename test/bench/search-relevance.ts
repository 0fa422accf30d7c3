import type { Entry } from '../../shared/entry.ts';
import type { SearchEngine } from '../../proxy/search/types.ts';

/**
 * The labelled query set of `npm run bench:search`: typo'd, partial and look-alike names, each with
 * the entries it should find, told by a plain predicate over the entries (not by the engine).
 */
export interface LabelledQuery {
  kind: 'typo' | 'partial' | 'look-alike';
  q: string;
  /** What the admin meant, for the table. */
  meant: string;
  should: (entry: Entry) => boolean;
}

/** The names of an entry: the member who acted and each affected record. */
const names = (entry: Entry) => [entry.member, ...entry.records.map((r) => r.name ?? '')];
const words = (name: string) => name.toLowerCase().split(/[^\p{L}\p{N}]+/u);
/** One name holds the word. */
const hasWord = (word: string) => (entry: Entry) => names(entry).some((name) => words(name).includes(word));
/** One name starts a word with the prefix. */
const hasPrefix = (prefix: string) => (entry: Entry) => names(entry).some((name) => words(name).some((w) => w.startsWith(prefix)));
/** One name is exactly this. */
const named = (full: string) => (entry: Entry) => names(entry).includes(full);

export const LABELLED: LabelledQuery[] = [
  { kind: 'typo', q: 'Smtih', meant: 'Smith', should: hasWord('smith') },
  { kind: 'typo', q: 'Jonhson', meant: 'Johnson', should: hasWord('johnson') },
  { kind: 'typo', q: 'Gacria', meant: 'Garcia', should: hasWord('garcia') },
  { kind: 'typo', q: 'Mitchel', meant: 'Mitchell', should: hasWord('mitchell') },
  { kind: 'typo', q: 'Rodrigeuz', meant: 'Rodriguez', should: hasWord('rodriguez') },
  { kind: 'typo', q: 'Hernadez', meant: 'Hernandez', should: hasWord('hernandez') },
  { kind: 'typo', q: 'Jhon', meant: 'John', should: hasWord('john') },
  { kind: 'typo', q: 'Jhon Lopez', meant: 'John Lopez', should: named('John Lopez') },
  { kind: 'typo', q: 'Jhn Yuong', meant: 'John Young', should: named('John Young') },
  { kind: 'typo', q: 'Jenifer Smith', meant: 'Jennifer Smith', should: named('Jennifer Smith') },
  { kind: 'typo', q: 'Cloe Smith', meant: 'Chloe Smith', should: named('Chloe Smith') },
  { kind: 'typo', q: 'Olivai', meant: 'Olivia', should: hasWord('olivia') },
  { kind: 'typo', q: 'Sarha Jonhson', meant: 'Sarah Johnson', should: named('Sarah Johnson') },
  { kind: 'partial', q: 'Garc', meant: 'Garc…', should: hasPrefix('garc') },
  { kind: 'partial', q: 'Hernan', meant: 'Hernan…', should: hasPrefix('hernan') },
  { kind: 'partial', q: 'Emma Smi', meant: 'Emma Smi…', should: (e) => names(e).some((n) => words(n).includes('emma') && words(n).some((w) => w.startsWith('smi'))) },
  {
    kind: 'look-alike',
    q: 'John Cook',
    meant: 'John Cook, not Johnsons or a Cook acting on a John',
    should: (e) => names(e).some((n) => words(n).includes('john') && words(n).some((w) => w.startsWith('cook'))),
  },
  {
    kind: 'look-alike',
    q: 'Sarah Johnson',
    meant: 'Sarah Johnson, not Sarah Smith on Johnson',
    should: (e) => names(e).some((n) => words(n).includes('sarah') && words(n).some((w) => w.startsWith('johnson'))),
  },
  { kind: 'look-alike', q: 'Emma Lee', meant: 'Emma Lee', should: (e) => names(e).some((n) => words(n).includes('emma') && words(n).some((w) => w.startsWith('lee'))) },
  { kind: 'look-alike', q: '"Chris Scott"', meant: 'the phrase Chris Scott', should: named('Chris Scott') },
];

export interface RelevanceRow {
  query: LabelledQuery;
  expected: number;
  found: number;
  precision: number;
  recall: number;
}

/** Reads every entry once to label the queries, then asks the engine for each. */
export async function measureRelevance(engine: SearchEngine, entries: AsyncIterable<Entry>): Promise<RelevanceRow[]> {
  const truth = LABELLED.map(() => new Set<number>());
  for await (const entry of entries) LABELLED.forEach((query, i) => query.should(entry) && truth[i]!.add(entry.seq));
  const rows: RelevanceRow[] = [];
  for (const [i, query] of LABELLED.entries()) {
    const found = new Set<number>();
    for await (const entry of engine.matches({ q: query.q })) found.add(entry.seq);
    const right = [...found].filter((seq) => truth[i]!.has(seq)).length;
    rows.push({
      query,
      expected: truth[i]!.size,
      found: found.size,
      precision: found.size === 0 ? (truth[i]!.size === 0 ? 1 : 0) : right / found.size,
      recall: truth[i]!.size === 0 ? 1 : right / truth[i]!.size,
    });
  }
  return rows;
}

export function printRelevance(rows: RelevanceRow[]): void {
  console.log('\nRelevance (labelled queries; targets on typo queries: recall 1.00, precision ≥ 0.95):');
  const header = ['kind', 'query', 'meant', 'should', 'found', 'precision', 'recall', ''];
  const table = rows.map((r) => {
    const ok = r.query.kind !== 'typo' || (r.recall === 1 && r.precision >= 0.95);
    return [r.query.kind, r.query.q, r.query.meant.slice(0, 44), String(r.expected), String(r.found), r.precision.toFixed(3), r.recall.toFixed(3), ok ? '' : '✗ below target'];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c <= 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
}
