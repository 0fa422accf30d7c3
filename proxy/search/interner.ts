/* eslint-disable @typescript-eslint/no-non-null-assertion -- valueOf reads the value of an id this interner handed out (ids are dense indexes into values), on the hot path of facets and snapshots. */
/**
 * Gives each distinct string (a member name, a source, a verb …) a small integer, so a column can
 * hold a number per entry instead of a string, and filters compare numbers.
 */
export class Interner {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  /** The id of `value`, assigning the next one when it is new. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  idOf(value: string): number | undefined {
    return this.ids.get(value);
  }

  valueOf(id: number): string {
    return this.values[id]!;
  }

  /** Every value, by id. */
  all(): readonly string[] {
    return this.values;
  }

  static of(values: readonly string[]): Interner {
    const interner = new Interner();
    for (const value of values) interner.intern(value);
    return interner;
  }

  get size(): number {
    return this.values.length;
  }

  /** Ids of every value equal to `wanted` ignoring case: filters typed by people should not care about case. */
  idsIgnoringCase(wanted: string): number[] {
    const lower = wanted.toLowerCase();
    const found: number[] = [];
    this.values.forEach((value, id) => {
      if (value.toLowerCase() === lower) found.push(id);
    });
    return found;
  }
}
