import type { AnswerCoding, AnswerSnapshot, Language } from '@carebridge/common';
import { localize } from '@carebridge/common';
import { NONE_CODE } from '@carebridge/domain';
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import { neutralizeValue } from '../mapping/build';

/**
 * Answers as FHIR codings. A choice answer's codes become codings: the questionnaire's own
 * (`AnswerSnapshot.codings`: SNOMED CT, LOINC, or the platform's) with the display in the
 * patient's language, or, for answers recorded before codings existed, the platform's answer-option
 * code system with the English label. The code is the same whatever the language, so a Spanish
 * and an English answer make the same coding, only the display differs. Strings from the record
 * are neutralized against spreadsheet formulas, as every EHR kind does (`neutralizeValue`).
 */

/** The platform's code system for answer options that have no standard code. */
export const ANSWER_OPTION_SYSTEM = 'https://carebridge.example/fhir/CodeSystem/answer-option';
/** The platform's code system for questions (what an Observation of an answer is about). */
export const QUESTION_SYSTEM = 'https://carebridge.example/fhir/CodeSystem/question';

const text = (value: string): string => neutralizeValue(value) as string;

/** One item of an answer: a chosen option, a free text, or another value (number, yes/no, date). */
export type AnswerItem =
  | { kind: 'code'; linkId: string; code: string; coding: Coding }
  | { kind: 'text'; linkId: string; text: string }
  | { kind: 'value'; linkId: string; value: number | boolean | string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function codingOf(
  code: string,
  display: string | undefined,
  coding: AnswerCoding | undefined,
  language: Language,
): Coding {
  if (coding) return { system: coding.system, code: coding.code, display: text(localize(coding.display, language)) };
  return { system: ANSWER_OPTION_SYSTEM, code, ...(display ? { display: text(display) } : {}) };
}

/**
 * The items of one answer, in answer order. `NONE_CODE` ("none of these") is kept: the
 * QuestionnaireResponse records it; the resources built per item leave it out (`reportable`).
 */
export function answerItems(answer: AnswerSnapshot, language: Language): AnswerItem[] {
  const { linkId, value } = answer;
  if (Array.isArray(value)) {
    return value.map((code, i) => ({
      kind: 'code',
      linkId,
      code,
      coding: codingOf(code, answer.display[i], answer.codings?.[i], language),
    }));
  }
  if (typeof value === 'string' && !ISO_DATE.test(value)) {
    return value.trim() === '' ? [] : [{ kind: 'text', linkId, text: text(value) }];
  }
  return [{ kind: 'value', linkId, value }];
}

/** An item that says something a resource records: a chosen option other than "none", or a text. */
export type ReportedItem = Exclude<AnswerItem, { kind: 'value' }>;

/** `item` if a resource records it, else undefined (a "none of these", a number, yes/no, a date). */
export function reported(item: AnswerItem): ReportedItem | undefined {
  if (item.kind === 'text') return item;
  return item.kind === 'code' && item.code !== NONE_CODE ? item : undefined;
}

/** A chosen option or a free text as a CodeableConcept. */
export function conceptOf(item: ReportedItem): CodeableConcept {
  return item.kind === 'code' ? { coding: [item.coding] } : { text: item.text };
}

/** What identifies an item among a patient's: its question and its code (a text is one per question). */
export function itemKey(item: AnswerItem): string {
  return item.kind === 'code' ? `${item.linkId}:${item.code}` : item.linkId;
}
