import { combinesNone, latestDateAnywhere, MAX_ANSWER_TEXT_LENGTH } from '@carebridge/domain';
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
      return Number.isFinite(Number(value)) ? undefined : 'intake.error.number';
    case 'DATE':
      return pastDateError(value as string, today);
    case 'TEXT':
      return (value as string).trim().length > MAX_ANSWER_TEXT_LENGTH ? 'intake.error.textLength' : undefined;
    case 'MULTIPLE_CHOICE':
      return combinesNone(value as readonly string[]) ? 'intake.error.none' : undefined;
    case 'BOOLEAN':
    case 'SINGLE_CHOICE':
      return undefined;
  }
}

/**
 * Every problem of the draft, by linkId. `badNumbers` are NUMBER questions whose field holds text
 * the browser could not read as a number (it then reports an empty value).
 */
export function validateDraft(
  questions: readonly Question[],
  draft: Draft,
  badNumbers: ReadonlySet<string>,
  today: string = latestDateAnywhere(),
): Errors {
  const errors: Errors = {};
  for (const question of questions) {
    const error = badNumbers.has(question.linkId)
      ? 'intake.error.number'
      : questionError(question, draft[question.linkId], today);
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
        return [{ linkId, valueNumber: Number(value) }];
      case 'DATE':
        return [{ linkId, valueDate: value as string }];
    }
  });
}

/**
 * The server's problems placed at their questions: `answers[i]…` is the i-th answer sent, and
 * "must answer the required question <linkId>" names its question. Anything else (the link's
 * patient or questionnaire) is `general`. Server texts are English; patients see ours.
 */
export function serverErrors(
  problems: readonly FieldProblem[],
  sent: readonly AnswerInput[],
): { errors: Errors; general: boolean } {
  const errors: Errors = {};
  let general = false;
  for (const { field, message } of problems) {
    const index = listItemOf(field, 'answers')?.index;
    const required = field === 'answers' ? /required question (\S+)$/.exec(message)?.[1] : undefined;
    const linkId = index !== undefined ? sent[index]?.linkId : required;
    if (linkId) errors[linkId] ??= required ? 'intake.error.required' : 'intake.error.rejected';
    else general = true;
  }
  return { errors, general };
}
