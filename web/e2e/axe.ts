import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** axe-core's browser build, read once: evaluated in the page, where the app's CSP does not apply. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What axe-core's `run` answers, as far as these checks read it. */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * The page's accessibility violations by axe-core (WCAG 2.x A and AA and axe's best practices), as
 * `rule: element` lines, so that a failure names what to fix. An empty list when there are none.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // A dialog fading in is checked once it is shown: mid-animation, its colours are still faint.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return (violations as AxeViolation[]).flatMap((v) =>
    v.nodes.map((node) => `${v.id} (${v.impact ?? 'n/a'}): ${node.target.map(String).join(' ')} — ${v.help}`),
  );
}

/**
 * Whether the table's last column shows without scrolling: its header cell ends inside the
 * viewport and inside the table's scroll container, at the container's first scroll position.
 */
export async function lastColumnVisible(table: Locator): Promise<{ visible: boolean; detail: string }> {
  return table.evaluate((element) => {
    const cells = element.querySelectorAll('thead tr:last-child > th');
    const last = cells[cells.length - 1];
    if (!last) return { visible: false, detail: 'no header cells' };
    const container = element.closest('.table-scroll') ?? element.parentElement ?? element;
    const cell = last.getBoundingClientRect();
    const bounds = Math.min(window.innerWidth, container.getBoundingClientRect().right);
    return {
      visible: container.scrollLeft === 0 && cell.right <= bounds + 1 && cell.width > 0,
      detail: `"${last.textContent ?? ''}" ends at ${Math.round(cell.right)} px; visible up to ${Math.round(bounds)} px`,
    };
  });
}
