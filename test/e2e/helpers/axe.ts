import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';

/** axe-core's own bundle, read once: injected into the real extension pages, not run against a copy of them. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A Playwright or puppeteer page: both evaluate a script string through the protocol, which the page's CSP does not block. */
interface Evaluates {
  evaluate(expression: string): Promise<unknown>;
}

/**
 * Runs axe-core in the page as it is now and returns its serious and critical violations, one readable line per
 * rule, naming its first element ("color-contrast (serious) .witness-banner button: … contrast of 1.6"), so a failing assertion says what to fix.
 * An extension page's CSP (`script-src 'self'`) refuses a <script> tag; a protocol-level evaluate is not a script tag.
 */
export async function seriousViolations(page: Evaluates): Promise<string[]> {
  await page.evaluate(axeSource);
  const json = (await page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) => JSON.stringify(r.violations))`)) as string;
  const violations = JSON.parse(json) as AxeResults['violations'];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const [first] = v.nodes;
      const more = v.nodes.length > 1 ? ` (and ${v.nodes.length - 1} more)` : '';
      return `${v.id} (${v.impact}) ${first!.target.join(' ')}${more}: ${(first!.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`;
    });
}
