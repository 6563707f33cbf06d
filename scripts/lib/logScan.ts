import { seedPatients } from '../../subgraphs/patient/src/data/seed';

/**
 * What must never appear in a log line: credentials (access tokens, bearer headers, passwords) and
 * the seeded patients' identifying data. The seed is the same at every start, so the names,
 * emails, phones and MRNs a test run handles are known in advance and can be looked for exactly.
 */

export interface LogFinding {
  /** 1-based line number in the scanned text. */
  line: number;
  /** What was found, e.g. `jwt`, `seeded patient last name`; never the value itself. */
  kind: string;
  /** The line's `event`, when it is a JSON log line. */
  event?: string;
}

interface Needle {
  kind: string;
  test(line: string): boolean;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole words only, letters of any script counting as word characters: "Ivy" but not "Ivyland". */
function wordsPattern(words: Iterable<string>): RegExp {
  const alternatives = [...new Set(words)].sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'u');
}

function substrings(kind: string, values: Iterable<string>): Needle {
  const list = [...new Set(values)].filter((value) => value.length >= 4);
  return { kind, test: (line) => list.some((value) => line.includes(value)) };
}

/** The credential patterns, then one needle per kind of seeded patient data. */
export function logNeedles(): Needle[] {
  const patients = seedPatients();
  const firstNames = wordsPattern(patients.map((p) => p.firstName));
  const lastNames = wordsPattern(patients.map((p) => p.lastName));
  return [
    { kind: 'jwt', test: (line) => /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/.test(line) },
    { kind: 'bearer token', test: (line) => /Bearer\s/i.test(line) },
    { kind: 'demo password', test: (line) => line.includes('demo-password-123') },
    { kind: 'password', test: (line) => /password/i.test(line) },
    substrings(
      'seeded patient full name',
      patients.map((p) => `${p.firstName} ${p.lastName}`),
    ),
    { kind: 'seeded patient first name', test: (line) => firstNames.test(line) },
    { kind: 'seeded patient last name', test: (line) => lastNames.test(line) },
    substrings(
      'seeded patient email',
      patients.flatMap((p) => (p.email ? [p.email] : [])),
    ),
    // The national number, so `+13125550123` and `312-555-0123`-less forms alike are caught.
    substrings(
      'seeded patient phone',
      patients.flatMap((p) => (p.phone ? [p.phone.replace(/^\+1/, '')] : [])),
    ),
    substrings(
      'seeded patient MRN',
      patients.map((p) => p.mrn),
    ),
  ];
}

/** Every finding in `text` (one log line per line). */
export function scanLogText(text: string, needles: Needle[] = logNeedles()): LogFinding[] {
  const findings: LogFinding[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    for (const needle of needles) {
      if (!needle.test(line)) continue;
      findings.push({ line: index + 1, kind: needle.kind, ...eventOf(line) });
    }
  });
  return findings;
}

function eventOf(line: string): { event?: string } {
  try {
    const parsed = JSON.parse(line) as { event?: unknown };
    return typeof parsed.event === 'string' ? { event: parsed.event } : {};
  } catch {
    return {};
  }
}
