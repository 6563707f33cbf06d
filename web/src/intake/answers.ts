import { combinesNone, latestDateAnywhere, MAX_ANSWER_TEXT_LENGTH, NONE_CODE } from '@carebridge/domain';
import type { AnswerInput, QuestionType } from '../__generated__/graphql';
import type { MessageKey } from '../i18n/en';
import { listItemOf, type FieldProblem } from '../lib/graphqlErrors';
import { pastDateError } from '../lib/validation';

/** What a question needs for its control, its validation and its answer. */
export interface Question {
  linkId: string;
  type: QuestionType;
  required: boolean;
  options: readonly { code: string }[];
  /** NUMBER: the range the clinical subgraph accepts (null: no bound). */
  minValue?: number | null;
  maxValue?: number | null;
  integerOnly?: boolean;
  /** TEXT: the most characters the clinical subgraph accepts. */
  maxLength?: number | null;
}

/**
 * A number as typed: digits with one decimal separator, a point or a comma whatever the language
 * (a Spanish keyboard gives a comma, a phone's numeric pad may give either). No grouping: "1,500"
 * is one and a half. NaN for anything else.
 */
export function parseNumber(typed: string): number {
  const text = typed.trim();
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) return Number.NaN;
  return Number(text.replace(',', '.'));
}

/** Why a number is refused, as the clinical subgraph decides (validation.ts `rangeProblem`). */
function numberError(question: Question, typed: string): MessageKey | undefined {
  const value = parseNumber(typed);
  if (!Number.isFinite(value)) return 'intake.error.number';
  const { minValue, maxValue } = question;
  if ((typeof minValue === 'number' && value < minValue) || (typeof maxValue === 'number' && value > maxValue)) {
    return 'intake.error.range';
  }
  if (question.integerOnly && !Number.isInteger(value)) return 'intake.error.integer';
  return undefined;
}

/**
 * The choices of a MULTIPLE_CHOICE question after ticking (or unticking) `code`: ticking "None of
 * these" clears the others, and ticking another clears "None", as the patient sees it happen.
 */
export function toggleChoice(chosen: readonly string[], code: string, checked: boolean): string[] {
  if (!checked) return chosen.filter((c) => c !== code);
  if (code === NONE_CODE) return [NONE_CODE];
  return [...chosen.filter((c) => c !== NONE_CODE && c !== code), code];
}

/**
 * The answers being typed, by linkId: a string for every type (BOOLEAN 'true' / 'false', a
 * SINGLE_CHOICE code, TEXT, NUMBER and DATE as typed), a list of codes for MULTIPLE_CHOICE.
 * Empty ('' or []) is unanswered.
 */
export type Draft = Record<string, string | readonly string[]>;
export type Errors = Record<string, MessageKey>;

export function isAnswered(value: Draft[string] | undefined): boolean {
  if (value === undefined) return false;
  return typeof value === 'string' ? value.trim() !== '' : value.length > 0;
}

/** The clinical subgraph's rules (subgraphs/clinical/src/data/validation.ts), checked here first. */
function questionError(question: Question, value: Draft[string] | undefined, today: string): MessageKey | undefined {
  if (!isAnswered(value)) return question.required ? 'intake.error.required' : undefined;
  switch (question.type) {
    case 'NUMBER':
      return numberError(question, value as string);
    case 'DATE':
      return pastDateError(value as string, today);
    case 'TEXT':
      return (value as string).trim().length > (question.maxLength ?? MAX_ANSWER_TEXT_LENGTH)
        ? 'intake.error.textLength'
        : undefined;
    case 'MULTIPLE_CHOICE':
      return combinesNone(value as readonly string[]) ? 'intake.error.none' : undefined;
    case 'BOOLEAN':
    case 'SINGLE_CHOICE':
      return undefined;
  }
}

/** Every problem of the draft, by linkId. */
export function validateDraft(
  questions: readonly Question[],
  draft: Draft,
  today: string = latestDateAnywhere(),
): Errors {
  const errors: Errors = {};
  for (const question of questions) {
    const error = questionError(question, draft[question.linkId], today);
    if (error) errors[question.linkId] = error;
  }
  return errors;
}

/** One answer per answered question, with the value field its type asks for. */
export function toAnswers(questions: readonly Question[], draft: Draft): AnswerInput[] {
  return questions.flatMap((question): AnswerInput[] => {
    const value = draft[question.linkId];
    if (value === undefined || !isAnswered(value)) return [];
    const { linkId } = question;
    switch (question.type) {
      case 'BOOLEAN':
        return [{ linkId, valueBoolean: value === 'true' }];
      case 'SINGLE_CHOICE':
        return [{ linkId, valueCodes: [value as string] }];
      case 'MULTIPLE_CHOICE':
        // In the questionnaire's order, whatever order they were ticked in.
        return [{ linkId, valueCodes: question.options.map((o) => o.code).filter((c) => value.includes(c)) }];
      case 'TEXT':
        return [{ linkId, valueString: (value as string).trim() }];
      case 'NUMBER':
        return [{ linkId, valueNumber: parseNumber(value as string) }];
      case 'DATE':
        return [{ linkId, valueDate: value as string }];
    }
  });
}

/** The problem codes of the clinical subgraph that have a message of their own. */
const SERVER_CODES: Partial<Record<string, MessageKey>> = {
  OUT_OF_RANGE: 'intake.error.range',
  NOT_INTEGER: 'intake.error.integer',
};

/**
 * The server's problems placed at their questions: `answers[i]…` is the i-th answer sent, and
 * "must answer the required question <linkId>" names its question. Anything else (the link's
 * patient or questionnaire) is `general`. Server texts are English; patients see ours.
 */
export function serverErrors(
  /** The clinical subgraph adds a `code` to some (OUT_OF_RANGE, NOT_INTEGER). */
  problems: readonly (FieldProblem & { code?: unknown })[],
  sent: readonly AnswerInput[],
): { errors: Errors; general: boolean } {
  const errors: Errors = {};
  let general = false;
  for (const { field, message, code } of problems) {
    const index = listItemOf(field, 'answers')?.index;
    const required = field === 'answers' ? /required question (\S+)$/.exec(message)?.[1] : undefined;
    const linkId = index !== undefined ? sent[index]?.linkId : required;
    if (linkId)
      errors[linkId] ??= required
        ? 'intake.error.required'
        : (typeof code === 'string' && SERVER_CODES[code]) || 'intake.error.rejected';
    else general = true;
  }
  return { errors, general };
}
