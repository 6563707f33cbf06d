/**
 * The web app's size and speed: `pnpm bench:web` (after `pnpm build:web`). Prints figures and
 * asserts nothing.
 *
 * - The initial JavaScript: the entry script and the modules it preloads, as index.html names them,
 *   uncompressed and as the gateway sends them (the build's brotli copies; lazy pages are not counted).
 * - The bytes a cold visit to the patient page transferred: the bodies as sent (compressed) and
 *   decoded, from the page's Resource Timing entries (the document, scripts, styles, API answers).
 * - Time to the patient table: headless Chromium on the local stack, signed in (the refresh cookie
 *   restores the session, as on any visit), from navigation to the first patient row being
 *   visible, read from the page's own clock (`performance.now()`, zero at navigation start). Cold
 *   runs use a fresh browser context (empty HTTP cache), warm runs reload in the same one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startStack } from '../../scripts/lib/stack';
import { launchChromium } from './browser';

const DIST = resolve(import.meta.dirname, '../dist');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);

function initialJavaScript(): { files: string[]; raw: number; brotli: number } {
  const html = readFileSync(resolve(DIST, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1]!);
  let raw = 0;
  let brotli = 0;
  for (const file of files) {
    const path = resolve(DIST, `.${file}`);
    raw += readFileSync(path).length;
    brotli += existsSync(`${path}.br`) ? readFileSync(`${path}.br`).length : readFileSync(path).length;
  }
  return { files, raw, brotli };
}

/** What the page downloaded so far: bodies as sent over the wire and decoded, summed over its resources. */
function transferred(page: Page): Promise<{ encoded: number; decoded: number; count: number }> {
  return page.evaluate(() => {
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[];
    return {
      encoded: entries.reduce((sum, e) => sum + e.encodedBodySize, 0),
      decoded: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
      count: entries.length,
    };
  });
}

/** Navigates to the patient page and answers the page's clock when the first row shows. */
async function timeToTable(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.locator('table tbody tr').first().waitFor({ state: 'visible' });
  return page.evaluate(() => performance.now());
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${label.padEnd(40)} median ${median.toFixed(0).padStart(5)} ms   min ${sorted[0]!.toFixed(0).padStart(5)} ms   max ${sorted.at(-1)!.toFixed(0).padStart(5)} ms   (${values.length} runs)`;
}

const js = initialJavaScript();
console.log(
  `initial JavaScript: ${js.files.length} file(s), ${(js.raw / 1024).toFixed(1)} kB, sent brotli-compressed ${(js.brotli / 1024).toFixed(1)} kB`,
);

const stack = await startStack();
let browser: Browser | undefined;
try {
  browser = await launchChromium();
  const app = stack.gatewayUrl.replace('/graphql', '');
  // Sign in once through the form; later contexts start from its cookies (the refresh token).
  const first = await browser.newContext();
  const login = await first.newPage();
  await login.goto(`${app}/login`);
  await login.getByLabel('Email').fill('clinician@riverside.test');
  await login.getByLabel('Password').fill(DEMO_PASSWORD);
  await login.getByRole('button', { name: 'Sign in' }).click();
  await login.locator('table tbody tr').first().waitFor();
  let storageState = await first.storageState();
  await first.close();

  const cold: number[] = [];
  let bytes: Awaited<ReturnType<typeof transferred>> | undefined;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ storageState });
    const page = await context.newPage();
    cold.push(await timeToTable(page, `${app}/`));
    bytes ??= await transferred(page);
    // The refresh cookie rotates on every use: carry the newest one to the next context.
    storageState = await context.storageState();
    await context.close();
  }
  const warmContext = await browser.newContext({ storageState });
  const warmPage = await warmContext.newPage();
  await timeToTable(warmPage, `${app}/`);
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) warm.push(await timeToTable(warmPage, `${app}/`));

  if (bytes) {
    console.log(
      `cold visit to the patient table: ${bytes.count} responses, ${(bytes.encoded / 1024).toFixed(1)} kB transferred (compressed), ${(bytes.decoded / 1024).toFixed(1)} kB uncompressed`,
    );
  }
  console.log(summary('time to patient table, cold cache', cold));
  console.log(summary('time to patient table, warm cache', warm));
} finally {
  await browser?.close();
  await stack.stop();
}
