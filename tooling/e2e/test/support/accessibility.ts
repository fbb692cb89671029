import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 level A and AA, the level public-sector services in the UK are held to. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/**
 * Runs axe-core in the page as it stands and returns one line per WCAG A/AA violation (rule,
 * impact, what to fix, where), so a failing test says what is wrong.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the anonymous pages' Content-Security-Policy refuses inline scripts, as it should.
  await page.evaluate(AXE_SOURCE);
  // Evaluated in the page, where axe and document exist (this package compiles without the DOM).
  const results = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_AA)} } })`)) as AxeResults;
  return results.violations.map(
    (violation) => `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}
