/**
 * `tsx scripts/check-logs.ts <file>`: fails (exit 1) when a log file holds a token, a password or a
 * seeded patient's name, email, phone or MRN. `pnpm test:all` points every service of its test run
 * at one file through `LOG_FILE`, then runs this on it.
 *
 * A finding is printed as its line number, kind and event, never the value: the output of a check
 * for leaks must not leak.
 */
import { existsSync, readFileSync } from 'node:fs';
import { scanLogText } from './lib/logScan';

const file = process.argv[2];
if (!file) {
  console.error('usage: tsx scripts/check-logs.ts <log file>');
  process.exit(2);
}
// An empty or missing file means the services did not write to it: a check of nothing proves nothing.
const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
const lines = text.split('\n').filter((line) => line.trim() !== '').length;
if (lines === 0) {
  console.error(`check-logs: ${file} is missing or empty; were the services started with LOG_FILE?`);
  process.exit(1);
}
const findings = scanLogText(text);
for (const finding of findings.slice(0, 50)) {
  console.error(
    `check-logs: ${file}:${finding.line}: ${finding.kind}${finding.event ? ` (event ${finding.event})` : ''}`,
  );
}
if (findings.length > 50) console.error(`check-logs: … and ${findings.length - 50} more`);
console.log(`check-logs: ${lines} lines scanned, ${findings.length} finding(s)`);
process.exit(findings.length === 0 ? 0 : 1);
