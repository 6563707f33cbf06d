import { checkCharacters, Problems, type LocalizedText } from '@carebridge/common';
import {
  combinesNone,
  MAX_ANSWER_TEXT_LENGTH,
  NONE_CODE,
  latestDateAnywhere,
  normalizeText,
  pastDateProblem,
  type PastDateProblem,
} from '@carebridge/domain';
import type {
  AnswerInput,
  LocalizedTextInput,
  QuestionnaireInput,
  QuestionnaireItemInput,
  QuestionnaireResponseInput,
  QuestionType,
} from '../__generated__/schema-types';
import { optionCoding } from './codings';
import type {
  AnswerOptionRecord,
  AnswerValue,
  QuestionnaireItemRecord,
  QuestionnaireRecord,
  StoredAnswer,
} from './records';

/**
 * Pure validation of mutation inputs. Each function collects every problem with a field path
 * (`items[1].options[0].code`, `answers[2].valueCodes`) instead of stopping at the first, and
 * returns the normalized value to store. Messages name the field and the reason but never repeat
 * what was submitted: answers are PHI, and error messages end up in logs and client consoles.
 * Texts are validated and stored in NFC and follow the text rule (@carebridge/domain
 * `characterProblem`): questionnaire texts as single lines, free-text answers as multiline text.
 */

export const NAME_PATTERN = /^[a-z0-9-]{3,60}$/;
export const LINK_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const CODE_PATTERN = /^[A-Z0-9_]{1,64}$/;
export const MAX_TEXT_LENGTH = 500;
export const MAX_ITEMS = 200;
export const MAX_OPTIONS = 100;

const CHOICE_TYPES: ReadonlySet<QuestionType> = new Set(['SINGLE_CHOICE', 'MULTIPLE_CHOICE']);

export function isChoice(type: QuestionType): boolean {
  return CHOICE_TYPES.has(type);
}

/** A questionnaire definition as validated: texts trimmed, defaults applied. */
export interface QuestionnaireDefinition {
  name: string;
  title: LocalizedText;
  items: QuestionnaireItemRecord[];
}

function localizedText(input: LocalizedTextInput, field: string, problems: Problems): LocalizedText {
  const text = { en: normalizeText(input.en).trim(), es: normalizeText(input.es).trim() };
  for (const lang of ['en', 'es'] as const) {
    if (text[lang].length < 1 || text[lang].length > MAX_TEXT_LENGTH) {
      problems.add(`${field}.${lang}`, `must be 1 to ${MAX_TEXT_LENGTH} characters`);
    } else {
      checkCharacters(problems, `${field}.${lang}`, text[lang]);
    }
  }
  return text;
}

function options(item: QuestionnaireItemInput, field: string, problems: Problems): AnswerOptionRecord[] {
  const given = item.options ?? [];
  if (!isChoice(item.type)) {
    if (given.length > 0) problems.add(`${field}.options`, `must be empty for a ${item.type} question`);
    return [];
  }
  if (given.length < 2 || given.length > MAX_OPTIONS) {
    problems.add(`${field}.options`, `must list 2 to ${MAX_OPTIONS} options for a choice question`);
  }
  const firstIndexOfCode = new Map<string, number>();
  return given.map((option, k) => {
    const path = `${field}.options[${k}]`;
    if (!CODE_PATTERN.test(option.code)) {
      problems.add(`${path}.code`, 'must be 1 to 64 uppercase letters, digits or underscores');
    } else if (firstIndexOfCode.has(option.code)) {
      problems.add(`${path}.code`, `repeats the code of ${field}.options[${firstIndexOfCode.get(option.code)}]`);
    } else {
      firstIndexOfCode.set(option.code, k);
    }
    const label = localizedText(option.label, `${path}.label`, problems);
    return { code: option.code, label, ...optionCoding(option.coding, `${path}.coding`, problems) };
  });
}

export function validateQuestionnaireInput(input: QuestionnaireInput): {
  problems: Problems;
  definition: QuestionnaireDefinition;
} {
  const problems = new Problems();
  if (!NAME_PATTERN.test(input.name)) {
    problems.add('name', 'must be 3 to 60 lowercase letters, digits or dashes');
  }
  const title = localizedText(input.title, 'title', problems);
  if (input.items.length < 1 || input.items.length > MAX_ITEMS) {
    problems.add('items', `must hold 1 to ${MAX_ITEMS} questions`);
  }
  const firstIndexOfLinkId = new Map<string, number>();
  const items = input.items.map((item, i): QuestionnaireItemRecord => {
    const field = `items[${i}]`;
    if (!LINK_ID_PATTERN.test(item.linkId)) {
      problems.add(`${field}.linkId`, 'must be 1 to 64 letters, digits, dots, dashes or underscores');
    } else if (firstIndexOfLinkId.has(item.linkId)) {
      problems.add(`${field}.linkId`, `repeats the linkId of items[${firstIndexOfLinkId.get(item.linkId)}]`);
    } else {
      firstIndexOfLinkId.set(item.linkId, i);
    }
    return {
      linkId: item.linkId,
      category: item.category,
      text: localizedText(item.text, `${field}.text`, problems),
      type: item.type,
      options: options(item, field, problems),
      required: item.required ?? false,
    };
  });
  return { problems, definition: { name: input.name, title, items } };
}

const VALUE_FIELDS = ['valueBoolean', 'valueCodes', 'valueString', 'valueNumber', 'valueDate'] as const;
type ValueField = (typeof VALUE_FIELDS)[number];

export const VALUE_FIELD_OF_TYPE: Record<QuestionType, ValueField> = {
  BOOLEAN: 'valueBoolean',
  SINGLE_CHOICE: 'valueCodes',
  MULTIPLE_CHOICE: 'valueCodes',
  TEXT: 'valueString',
  NUMBER: 'valueNumber',
  DATE: 'valueDate',
};

const DATE_PROBLEMS: Record<PastDateProblem, string> = {
  format: 'must be a calendar date written YYYY-MM-DD',
  future: 'must not be in the future',
};

function codes(given: readonly string[], item: QuestionnaireItemRecord, field: string, problems: Problems): string[] {
  const before = problems.list.length;
  if (item.type === 'SINGLE_CHOICE' && given.length !== 1) problems.add(field, 'must hold exactly one code');
  if (item.type === 'MULTIPLE_CHOICE' && given.length < 1) problems.add(field, 'must hold at least one code');
  if (new Set(given).size !== given.length) problems.add(field, 'must not repeat a code');
  const allowed = new Set(item.options.map((o) => o.code));
  given.forEach((code, k) => {
    if (!allowed.has(code)) problems.add(`${field}[${k}]`, "is not one of this question's option codes");
  });
  if (combinesNone(given)) {
    problems.add(field, `must not combine ${NONE_CODE} with other codes`);
  }
  if (problems.list.length > before) return [];
  return item.options.map((o) => o.code).filter((code) => given.includes(code));
}

function answerValue(
  answer: AnswerInput,
  item: QuestionnaireItemRecord,
  field: string,
  now: Date,
  problems: Problems,
): AnswerValue | undefined {
  const set = VALUE_FIELDS.filter((f) => answer[f] !== null && answer[f] !== undefined);
  const expected = VALUE_FIELD_OF_TYPE[item.type];
  if (set.length !== 1) {
    problems.add(field, `must set exactly one value field: ${expected} for a ${item.type} question`);
    return undefined;
  }
  if (set[0] !== expected) {
    problems.add(`${field}.${set[0]}`, `does not match the ${item.type} question: set ${expected} instead`);
    return undefined;
  }
  const path = `${field}.${expected}`;
  const before = problems.list.length;
  let value: AnswerValue | undefined;
  if (answer.valueBoolean !== null && answer.valueBoolean !== undefined) {
    value = { valueBoolean: answer.valueBoolean };
  } else if (answer.valueCodes) {
    value = { valueCodes: codes(answer.valueCodes, item, path, problems) };
  } else if (answer.valueString !== null && answer.valueString !== undefined) {
    const text = normalizeText(answer.valueString).trim();
    if (text.length < 1 || text.length > MAX_ANSWER_TEXT_LENGTH) {
      problems.add(path, `must be 1 to ${MAX_ANSWER_TEXT_LENGTH} characters`);
    } else {
      checkCharacters(problems, path, text, { multiline: true });
    }
    value = { valueString: text };
  } else if (answer.valueNumber !== null && answer.valueNumber !== undefined) {
    if (!Number.isFinite(answer.valueNumber)) problems.add(path, 'must be a finite number');
    value = { valueNumber: answer.valueNumber };
  } else if (answer.valueDate !== null && answer.valueDate !== undefined) {
    const problem = pastDateProblem(answer.valueDate, latestDateAnywhere(now));
    if (problem) problems.add(path, DATE_PROBLEMS[problem]);
    value = { valueDate: answer.valueDate };
  }
  return problems.list.length > before ? undefined : value;
}

/**
 * Checks answers against the exact version they answer and returns them as stored, in the
 * questionnaire's order. The caller has found the version; whether it may still be answered
 * (ACTIVE) is checked here so that rule has one home.
 */
export function validateResponseInput(
  input: QuestionnaireResponseInput,
  questionnaire: QuestionnaireRecord,
  now: Date,
): { problems: Problems; answers: StoredAnswer[] } {
  const problems = new Problems();
  // Only the ACTIVE version may be answered: a retired version asks questions the clinical team
  // has since changed, and EHR mappings follow the current one. A client that loaded the form
  // before a publish reloads it and answers the new version.
  if (questionnaire.status !== 'ACTIVE') {
    problems.add('questionnaireId', 'is a retired version; answer the ACTIVE version of this questionnaire');
  }
  // The patient subgraph owns patients, so existence cannot be checked here; the auth and intake
  // work will bind patientId to the verified patient (or intake link) of the caller.
  if (input.patientId.trim().length < 1 || input.patientId.length > 128) {
    problems.add('patientId', 'must be 1 to 128 characters');
  }
  const itemIndex = new Map(questionnaire.items.map((item, i) => [item.linkId, i]));
  const answerIndexOfLinkId = new Map<string, number>();
  const stored: { position: number; answer: StoredAnswer }[] = [];
  input.answers.forEach((answer, i) => {
    const field = `answers[${i}]`;
    const position = itemIndex.get(answer.linkId);
    const item = position === undefined ? undefined : questionnaire.items[position];
    if (position === undefined || item === undefined) {
      problems.add(`${field}.linkId`, 'is not a question of this questionnaire version');
      return;
    }
    const earlier = answerIndexOfLinkId.get(answer.linkId);
    if (earlier !== undefined) {
      problems.add(`${field}.linkId`, `answers the same question as answers[${earlier}]`);
      return;
    }
    answerIndexOfLinkId.set(answer.linkId, i);
    const value = answerValue(answer, item, field, now, problems);
    if (value) stored.push({ position, answer: { linkId: item.linkId, ...value } });
  });
  for (const item of questionnaire.items) {
    if (item.required && !answerIndexOfLinkId.has(item.linkId)) {
      problems.add('answers', `must answer the required question ${item.linkId}`);
    }
  }
  stored.sort((a, b) => a.position - b.position);
  return { problems, answers: stored.map((s) => s.answer) };
}
