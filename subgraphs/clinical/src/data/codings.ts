import type { AnswerCoding, Problems, QuestionnaireCanonical } from '@carebridge/common';
import type { CodingInput } from '../__generated__/schema-types';
import { optionLabels } from './display';
import type { OptionCoding, QuestionnaireItemRecord, QuestionnaireRecord } from './records';

/**
 * What EHRs that read codes (FHIR) learn about answers: the coding of each chosen option, and the
 * questionnaire's canonical identity. An option the questionnaire gives no coding falls back to the
 * platform's own code system with the option code, so every chosen option has a coding.
 */

/** The platform's code system of answer option codes (`HEADACHE`, `NONE`, …). */
export const ANSWER_OPTION_SYSTEM = 'https://carebridge.example/fhir/CodeSystem/answer-option';

/** Questionnaire canonical URLs are this base followed by the questionnaire's name. */
export const QUESTIONNAIRE_URL_BASE = 'https://carebridge.example/fhir/Questionnaire/';

export const SNOMED_CT = 'http://snomed.info/sct';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

const SYSTEM_PATTERN = /^(https?:\/\/[^\s/]+(\/\S*)?|urn:(oid|uuid):\S+)$/;
export const MAX_SYSTEM_LENGTH = 255;
export const MAX_CODING_CODE_LENGTH = 64;

/** The validated coding of an option input, as a spread: `{}` when there is none. */
export function optionCoding(
  input: CodingInput | null | undefined,
  field: string,
  problems: Problems,
): { coding?: OptionCoding } {
  if (!input) return {};
  const { system, code } = input;
  if (system.length > MAX_SYSTEM_LENGTH || !SYSTEM_PATTERN.test(system)) {
    problems.add(
      `${field}.system`,
      `must be an absolute http(s) URL or a urn:oid:/urn:uuid: URN, at most ${MAX_SYSTEM_LENGTH} characters`,
    );
  }
  if (code.length < 1 || code.length > MAX_CODING_CODE_LENGTH || code.trim() !== code) {
    problems.add(`${field}.code`, `must be 1 to ${MAX_CODING_CODE_LENGTH} characters without spaces at either end`);
  }
  return { coding: { system, code } };
}

/** The coding of each chosen code, in the given order, with the option's label in each language. */
export function answerCodings(item: QuestionnaireItemRecord, codes: readonly string[]): AnswerCoding[] {
  const labels = optionLabels(item, codes);
  return codes.map((code, k) => {
    const coding = item.options.find((option) => option.code === code)?.coding;
    return { ...(coding ?? { system: ANSWER_OPTION_SYSTEM, code }), display: labels[k]! };
  });
}

export function questionnaireCanonical(questionnaire: QuestionnaireRecord): QuestionnaireCanonical {
  return { url: QUESTIONNAIRE_URL_BASE + questionnaire.name, version: String(questionnaire.version) };
}
