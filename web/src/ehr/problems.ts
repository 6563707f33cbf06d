import { CombinedGraphQLErrors } from '@apollo/client';
import type { FieldProblem } from '../auth/session';
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

/** Every `extensions.problems` entry of a BAD_USER_INPUT error; null for any other error. */
export function serverProblems(error: unknown): FieldProblem[] | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const found: FieldProblem[] = [];
  for (const graphQLError of error.errors) {
    const problems: unknown = graphQLError.extensions?.['problems'];
    if (graphQLError.extensions?.['code'] !== 'BAD_USER_INPUT' || !Array.isArray(problems)) continue;
    for (const problem of problems as unknown[]) {
      const { field, message } = (problem ?? {}) as Partial<Record<keyof FieldProblem, unknown>>;
      if (typeof field === 'string' && typeof message === 'string') found.push({ field, message });
    }
  }
  return found.length > 0 ? found : null;
}

/** `fields[3].target`, possibly under a prefix (the preview's `draft.`). */
const ROW_PATH = /(?:^|\.)fields\[(\d+)\](?:\.(\w+))?/;

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
    const match = ROW_PATH.exec(problem.field);
    const row = match ? rows[Number(match[1])] : undefined;
    if (!match || !row) {
      tied.general.push(problem);
      continue;
    }
    const part = match[2];
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
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const conflict = error.errors.find((e) => e.extensions?.['code'] === 'VERSION_CONFLICT');
  if (!conflict) return undefined;
  const current: unknown = conflict.extensions?.['currentVersion'];
  return { current: typeof current === 'number' && Number.isInteger(current) ? current : null };
}
