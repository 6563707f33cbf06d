import { GraphQLError } from 'graphql';
import { characterProblem, startsLikeFormula, type TextRuleOptions } from '@carebridge/domain';

/**
 * Errors a client can act on. Each carries a machine-readable `code`; messages name fields and
 * reasons but never echo the submitted values, which may be PHI.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * One problem with one input field. `field` is a path such as `inputs[2].email`. `code`, when
 * given, names the problem for clients that word it themselves (e.g. `MRN_TAKEN`); the message is
 * the English reason.
 */
export interface FieldProblem {
  field: string;
  message: string;
  /** What is wrong as a stable code, where a client tells the cases apart (e.g. `OUT_OF_RANGE`). */
  code?: string;
  /** The question the problem is about, for an answer's problem. */
  linkId?: string;
}

export function badUserInput(problems: readonly FieldProblem[]): GraphQLError {
  const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new GraphQLError(`Invalid input. ${summary}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, problems },
  });
}

export function notFound(typename: string, id: string): GraphQLError {
  return new GraphQLError(`${typename} "${id}" was not found`, {
    extensions: { code: ErrorCode.NOT_FOUND, typename, id },
  });
}

export function versionConflict(typename: string, id: string, expected: number, actual: number): GraphQLError {
  return new GraphQLError(
    `${typename} "${id}" was changed by someone else: you edited version ${expected}, the current version is ${actual}. Reload it and apply your change again.`,
    {
      extensions: { code: ErrorCode.VERSION_CONFLICT, typename, id, expectedVersion: expected, currentVersion: actual },
    },
  );
}

/** Collects field problems while validating, then throws them all at once. */
export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string, detail?: string | Pick<FieldProblem, 'code' | 'linkId'>): void {
    this.list.push({ field, message, ...(typeof detail === 'string' ? { code: detail } : detail) });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** Prefixes every problem of `inner` with `prefix` (e.g. `inputs[3]`) and keeps them. */
  merge(prefix: string, inner: Problems): void {
    for (const p of inner.list) this.list.push({ ...p, field: `${prefix}.${p.field}` });
  }

  throwIfAny(): void {
    if (!this.empty) throw badUserInput(this.list);
  }
}

/**
 * The services' wording of the text rule (@carebridge/domain `characterProblem`): one message for
 * every kind of character it refuses, which the person cannot see in what they typed anyway.
 */
export const CHARACTER_PROBLEM = 'contains a control or invisible character';
/** The problem of a name that starts like a spreadsheet formula (@carebridge/domain `startsLikeFormula`). */
export const FORMULA_START_PROBLEM = 'must not start with =, +, - or @';

/** `CHARACTER_PROBLEM` when the text rule refuses `value` (normalized first, see `normalizeText`). */
export function characterMessage(value: string, options?: TextRuleOptions): string | undefined {
  return characterProblem(value, options) ? CHARACTER_PROBLEM : undefined;
}

/** The problem with a name's characters: the text rule's, or that it starts like a formula. */
export function nameCharacterMessage(name: string): string | undefined {
  return characterMessage(name) ?? (startsLikeFormula(name) ? FORMULA_START_PROBLEM : undefined);
}

/** Adds `CHARACTER_PROBLEM` at `field` when the text rule refuses `value`. */
export function checkCharacters(problems: Problems, field: string, value: string, options?: TextRuleOptions): void {
  const message = characterMessage(value, options);
  if (message) problems.add(field, message);
}
