import type {
  EhrFieldMappingFieldsFragment,
  EhrMappingInput,
  FieldMappingInput,
  TransformKind,
} from '../__generated__/graphql';
import type { Endpoint } from './operations';

/**
 * The unpublished mapping as the editor holds it: one row per entry, each with a stable `id` (React
 * keys, focus, and the server's problems tied to the row they were reported for), a transform
 * kept as the user types it, and the version it was started from.
 */
export interface DraftRow {
  id: string;
  source: string;
  endpoint: string;
  target: string;
  /** '' for no transform. */
  transformKind: TransformKind | '';
  dateFormat: string;
  /** A code table as text, one `FROM=TO` per line. */
  codes: string;
}

export interface Draft {
  baseVersion: number;
  rows: DraftRow[];
  note: string;
}

export const QUESTION_PREFIX = 'question:';

let nextRowId = 0;
/** Unique across reloads too: a draft kept in storage (draftStorage.ts) may hold rows made before. */
export function newRowId(): string {
  nextRowId += 1;
  return `new-${Date.now().toString(36)}-${nextRowId}`;
}

export function emptyRow(source = ''): DraftRow {
  return { id: newRowId(), source, endpoint: '', target: '', transformKind: '', dateFormat: '', codes: '' };
}

export function draftFromMapping(mapping: {
  version: number;
  fields: readonly EhrFieldMappingFieldsFragment[];
}): Draft {
  return {
    baseVersion: mapping.version,
    note: '',
    rows: mapping.fields.map((field, i) => ({
      id: `v${mapping.version}-${i}`,
      source: field.source,
      endpoint: field.endpoint,
      target: field.target,
      transformKind: field.transform?.kind ?? '',
      dateFormat: field.transform?.dateFormat ?? '',
      codes: (field.transform?.codes ?? []).map((c) => `${c.from}=${c.to}`).join('\n'),
    })),
  };
}

/** What is wrong with one line of a code table, by its number (from 1, blank lines counted). */
export interface CodeLineProblem {
  line: number;
  problem: 'noEquals' | 'emptyFrom' | 'emptyTo' | 'duplicate';
}

/**
 * The lines of a code table the server would refuse (see `validate.ts` in the ehr subgraph): one
 * without `=`, an empty value on either side, or a value listed twice. Blank lines are skipped.
 */
export function codeLineProblems(text: string): CodeLineProblem[] {
  const problems: CodeLineProblem[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const at = line.indexOf('=');
    const number = index + 1;
    if (at === -1) {
      problems.push({ line: number, problem: 'noEquals' });
      return;
    }
    const from = line.slice(0, at).trim();
    if (from === '') problems.push({ line: number, problem: 'emptyFrom' });
    else if (seen.has(from)) problems.push({ line: number, problem: 'duplicate' });
    seen.add(from);
    if (line.slice(at + 1).trim() === '') problems.push({ line: number, problem: 'emptyTo' });
  });
  return problems;
}

/** The code table problems of a row, or none when it has no code table. */
export function rowCodeProblems(row: DraftRow): CodeLineProblem[] {
  return row.transformKind === 'CODE_TABLE' ? codeLineProblems(row.codes) : [];
}

/** `FROM=TO` lines to code table rows; blank lines are skipped, a line without `=` maps to '' (refused, see `codeLineProblems`). */
export function parseCodes(text: string): { from: string; to: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const at = line.indexOf('=');
      return at === -1 ? { from: line, to: '' } : { from: line.slice(0, at).trim(), to: line.slice(at + 1).trim() };
    });
}

export function fieldInput(row: DraftRow): FieldMappingInput {
  const input: FieldMappingInput = { source: row.source, target: row.target, endpoint: row.endpoint };
  if (row.transformKind === 'DATE_FORMAT') input.transform = { kind: 'DATE_FORMAT', dateFormat: row.dateFormat.trim() };
  if (row.transformKind === 'CODE_TABLE') input.transform = { kind: 'CODE_TABLE', codes: parseCodes(row.codes) };
  return input;
}

/** What publish and the preview send; the note only when there is one. */
export function mappingInput(draft: Draft): EhrMappingInput {
  const note = draft.note.trim();
  return { fields: draft.rows.map(fieldInput), ...(note === '' ? {} : { note }) };
}

export type ChangeCount = { added: number; removed: number; changed: number; total: number };

/**
 * How many entries differ, counted roughly as the server's diff does: identical entries cancel
 * out, a remaining entry whose source is on both sides is one change, the rest were added or removed.
 */
export function countChanges(before: readonly DraftRow[], after: readonly DraftRow[]): ChangeCount {
  const key = (row: DraftRow) => JSON.stringify(fieldInput(row));
  const left = before.map((row) => ({ source: row.source, key: key(row) }));
  const right = after.map((row) => ({ source: row.source, key: key(row) }));
  const pairOff = (matches: (a: (typeof left)[number], b: (typeof left)[number]) => boolean): number => {
    let pairs = 0;
    for (let i = 0; i < left.length;) {
      const j = right.findIndex((b) => matches(left[i]!, b));
      if (j === -1) {
        i++;
        continue;
      }
      left.splice(i, 1);
      right.splice(j, 1);
      pairs++;
    }
    return pairs;
  };
  pairOff((a, b) => a.key === b.key);
  const changed = pairOff((a, b) => a.source === b.source);
  return { added: right.length, removed: left.length, changed, total: right.length + left.length + changed };
}

/**
 * The endpoint a source most likely goes to: the one that receives its category. The category of
 * a canonical field comes from `Query.canonicalFields`, that of a question from its questionnaire.
 */
export function suggestEndpoint(category: string | undefined, endpoints: readonly Endpoint[]): string {
  if (!category) return '';
  return endpoints.find((e) => (e.categories as readonly string[]).includes(category))?.path ?? '';
}
