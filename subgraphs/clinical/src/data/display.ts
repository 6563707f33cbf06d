import type { LocalizedText } from '@carebridge/common';
import type { QuestionnaireItemRecord, StoredAnswer } from './records';

/** How answers read in each language. Values are stored as codes; words exist only here. */

const YES: LocalizedText = { en: 'Yes', es: 'Sí' };
const NO: LocalizedText = { en: 'No', es: 'No' };

const same = (text: string): LocalizedText => ({ en: text, es: text });

/** The labels of `codes`, in the item's option order; an unknown code reads as itself. */
export function optionLabels(item: QuestionnaireItemRecord, codes: readonly string[]): LocalizedText[] {
  return codes.map((code) => item.options.find((o) => o.code === code)?.label ?? same(code));
}

/** The answer alone: option labels, Yes/No, the text, the number or the date. */
export function answerDisplay(answer: StoredAnswer, item: QuestionnaireItemRecord): LocalizedText {
  if ('valueCodes' in answer) {
    const labels = optionLabels(item, answer.valueCodes);
    return { en: labels.map((l) => l.en).join(', '), es: labels.map((l) => l.es).join(', ') };
  }
  if ('valueBoolean' in answer) return answer.valueBoolean ? YES : NO;
  if ('valueString' in answer) return same(answer.valueString);
  if ('valueNumber' in answer) return same(String(answer.valueNumber));
  return same(answer.valueDate);
}

/** A question turned into a label: "¿Fuma?" becomes "Fuma", so "Fuma: Sí" reads naturally. */
function questionLabel(text: string): string {
  return text.replace(/^¿\s*/, '').replace(/\s*[?:]$/, '');
}

/** "<question>: <answer>" in each language, for answers that mean nothing without their question. */
export function questionAndAnswer(answer: StoredAnswer, item: QuestionnaireItemRecord): LocalizedText {
  const value = answerDisplay(answer, item);
  return {
    en: `${questionLabel(item.text.en)}: ${value.en}`,
    es: `${questionLabel(item.text.es)}: ${value.es}`,
  };
}
