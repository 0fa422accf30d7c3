/** A piece of the original text, by position, so chips can point back at exactly what was typed. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The search text with recognised pieces blanked out, so each later stage sees only what is left
 * while positions still line up with the original text.
 */
export class MaskedText {
  private text: string;

  constructor(readonly original: string) {
    this.text = original;
  }

  get current(): string {
    return this.text;
  }

  mask(span: Span): void {
    this.text = this.text.slice(0, span.start) + ' '.repeat(span.end - span.start) + this.text.slice(span.end);
  }

  raw(span: Span): string {
    return this.original.slice(span.start, span.end);
  }
}

/** Every match of a global regex over the masked text, with its span. */
export function* matches(text: string, pattern: RegExp): Generator<{ match: RegExpExecArray; span: Span }> {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    yield { match: m, span: { start: m.index, end: m.index + m[0].length } };
  }
}
