import { errorWithCode, listItemOf, type FieldProblem } from '../lib/graphqlErrors';
import type { DraftRow } from './draft';

/** The editable columns of a mapping row a problem can be about. */
export type Column = 'source' | 'endpoint' | 'target' | 'transform';

export interface RowProblem {
  rowId: string;
  column: Column;
  message: string;
}

/** The server's refusal of a draft: `origin` says whether publishing or the preview was refused. */
export interface MappingProblems {
  origin: 'publish' | 'preview';
  rows: RowProblem[];
  /** About the whole mapping (`fields`: a required key left unmapped) or the note. */
  general: FieldProblem[];
}

/** The first name inside a row's path: `target` of `fields[3].target.kind`. */
const COLUMN = /^\w+/;

/**
 * Ties each problem to the row it names (by the rows as they were sent, so later edits do not
 * shift it onto another row); the others stay general.
 */
export function tieToRows(
  problems: readonly FieldProblem[],
  rows: readonly DraftRow[],
  origin: MappingProblems['origin'],
): MappingProblems {
  const tied: MappingProblems = { origin, rows: [], general: [] };
  for (const problem of problems) {
    // `fields[3].target`, possibly under a prefix (the preview's `draft.`).
    const item = listItemOf(problem.field, 'fields', { nested: true });
    const row = item && rows[item.index];
    if (!item || !row) {
      tied.general.push(problem);
      continue;
    }
    const part = COLUMN.exec(item.inner)?.[0];
    const column: Column = part === 'endpoint' || part === 'target' || part === 'transform' ? part : 'source';
    tied.rows.push({ rowId: row.id, column, message: problem.message });
  }
  return tied;
}

/** The messages of one row, by column. */
export function problemsOfRow(problems: MappingProblems | null, rowId: string): Partial<Record<Column, string[]>> {
  const byColumn: Partial<Record<Column, string[]>> = {};
  for (const problem of problems?.rows ?? []) {
    if (problem.rowId === rowId) (byColumn[problem.column] ??= []).push(problem.message);
  }
  return byColumn;
}

/**
 * For a VERSION_CONFLICT (someone published since the caller read the mapping): the version now
 * current, as the server names it (null when it does not). Undefined for any other error.
 */
export function conflictVersion(error: unknown): { current: number | null } | undefined {
  const conflict = errorWithCode(error, 'VERSION_CONFLICT');
  if (!conflict) return undefined;
  const current: unknown = conflict.extensions?.['currentVersion'];
  return { current: typeof current === 'number' && Number.isInteger(current) ? current : null };
}
