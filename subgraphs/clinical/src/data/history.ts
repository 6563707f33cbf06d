import type { AnswerSnapshot } from '@carebridge/common';
import { NONE_CODE } from '@carebridge/domain';
import type { QuestionCategory } from '../__generated__/schema-types';
import { answerCodings } from './codings';
import { optionLabels, questionAndAnswer } from './display';
import type {
  HistoryEntry,
  QuestionnaireItemRecord,
  QuestionnaireRecord,
  QuestionnaireResponseRecord,
  StoredAnswer,
} from './records';

/**
 * Derives what a patient's answers say: for each question (by linkId, which stays the same across
 * versions) the latest answer across all of the patient's responses, turned into history entries
 * (`deriveHistory`, read by people) or into language-independent answers (`deriveAnswers`, read by
 * EHR mappings and sent in `clinical.answered` events). Both come from `latestAnswers`, so what a
 * clinician reads and what reaches an EHR never disagree. Pure, so it is tested without a store
 * and could run where the responses are.
 */

export const CATEGORY_ORDER: readonly QuestionCategory[] = [
  'SYMPTOMS',
  'ALLERGIES',
  'MEDICATIONS',
  'MEDICAL_HISTORY',
  'SOCIAL_HISTORY',
  'FAMILY_HISTORY',
];

interface LatestAnswer {
  answer: StoredAnswer;
  item: QuestionnaireItemRecord;
  position: number;
  response: QuestionnaireResponseRecord;
}

/** Later submission wins; on the same instant the larger id, so the result never depends on input order. */
function isNewer(a: QuestionnaireResponseRecord, b: QuestionnaireResponseRecord): boolean {
  return a.submittedAt === b.submittedAt ? a.id > b.id : a.submittedAt > b.submittedAt;
}

function entriesOf({ answer, item, response }: LatestAnswer): HistoryEntry[] {
  const base = { category: item.category, linkId: item.linkId, responseId: response.id };
  if ('valueCodes' in answer) {
    // NONE ("none of these") states an absence: it removes earlier answers and adds nothing.
    const codes = answer.valueCodes.filter((code) => code !== NONE_CODE);
    const labels = optionLabels(item, codes);
    return codes.map((code, k) => ({ ...base, code, display: labels[k]! }));
  }
  if ('valueString' in answer) {
    // Free text is kept in the language the patient wrote it in; it is never machine-translated.
    return [{ ...base, code: null, display: { en: answer.valueString, es: answer.valueString } }];
  }
  return [{ ...base, code: null, display: questionAndAnswer(answer, item) }];
}

/** The latest answer to each question, by category in CATEGORY_ORDER, then question order. */
function latestAnswers(
  responses: readonly QuestionnaireResponseRecord[],
  questionnaireOf: (id: string) => QuestionnaireRecord | undefined,
): LatestAnswer[] {
  const latest = new Map<string, LatestAnswer>();
  const positionsByVersion = new Map<string, Map<string, number>>();
  for (const response of responses) {
    const questionnaire = questionnaireOf(response.questionnaireId);
    if (!questionnaire) continue;
    let positions = positionsByVersion.get(questionnaire.id);
    if (!positions) {
      positions = new Map(questionnaire.items.map((item, i) => [item.linkId, i]));
      positionsByVersion.set(questionnaire.id, positions);
    }
    for (const answer of response.answers) {
      const position = positions.get(answer.linkId) ?? -1;
      const item = questionnaire.items[position];
      const current = latest.get(answer.linkId);
      if (item && (!current || isNewer(response, current.response))) {
        latest.set(answer.linkId, { answer, item, position, response });
      }
    }
  }
  const rank = (l: LatestAnswer): number => CATEGORY_ORDER.indexOf(l.item.category);
  return [...latest.values()].sort(
    (a, b) => rank(a) - rank(b) || a.position - b.position || a.item.linkId.localeCompare(b.item.linkId),
  );
}

export function deriveHistory(
  responses: readonly QuestionnaireResponseRecord[],
  questionnaireOf: (id: string) => QuestionnaireRecord | undefined,
): HistoryEntry[] {
  return latestAnswers(responses, questionnaireOf).flatMap(entriesOf);
}

/**
 * One answer as mappings read it: the codes as stored (NONE included, since "none of these" is
 * itself what an EHR field records) with their English labels, or the value with its text.
 */
function snapshotOf({ answer, item }: LatestAnswer): AnswerSnapshot {
  const base = { linkId: item.linkId, category: item.category };
  if ('valueCodes' in answer) {
    const codes = [...answer.valueCodes];
    const display = optionLabels(item, codes).map((label) => label.en);
    return { ...base, value: codes, display, codings: answerCodings(item, codes) };
  }
  const value =
    'valueBoolean' in answer
      ? answer.valueBoolean
      : 'valueString' in answer
        ? answer.valueString
        : 'valueNumber' in answer
          ? answer.valueNumber
          : answer.valueDate;
  return { ...base, value, display: [String(value)] };
}

export function deriveAnswers(
  responses: readonly QuestionnaireResponseRecord[],
  questionnaireOf: (id: string) => QuestionnaireRecord | undefined,
): AnswerSnapshot[] {
  return latestAnswers(responses, questionnaireOf).map(snapshotOf);
}

/** Histories derived per store, at most this many each, the least recently read going first. */
const HISTORY_CACHE_SIZE = 5_000;
const histories = new WeakMap<object, Map<string, HistoryEntry[]>>();

/**
 * `deriveHistory`, remembered per store by the responses' ids: a stored response never changes
 * (it is only erased, with its patient) and neither does a questionnaire version, so the same
 * responses always derive the same history. A patient's list is read for every page that shows
 * them; it is derived again only when a response was added or erased. `versionsOf` is called only
 * when the history is not remembered. The entries are shared between readers: never changed.
 */
export async function rememberedHistory(
  store: object,
  responses: readonly QuestionnaireResponseRecord[],
  versionsOf: (
    responses: readonly QuestionnaireResponseRecord[],
  ) => Promise<(id: string) => QuestionnaireRecord | undefined>,
): Promise<readonly HistoryEntry[]> {
  if (responses.length === 0) return [];
  let cache = histories.get(store);
  if (!cache) histories.set(store, (cache = new Map<string, HistoryEntry[]>()));
  const key = responses.map((response) => response.id).join('\n');
  const known = cache.get(key);
  if (known) {
    cache.delete(key);
    cache.set(key, known);
    return known;
  }
  const derived = deriveHistory(responses, await versionsOf(responses));
  cache.set(key, derived);
  if (cache.size > HISTORY_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return derived;
}
