import { localize } from '@carebridge/common';
import { MAX_ANSWER_TEXT_LENGTH } from '@carebridge/domain';
import type { QuestionnaireItemResolvers } from '../__generated__/resolvers-types';

export const QuestionnaireItem: QuestionnaireItemResolvers = {
  text: (item, { lang }) => localize(item.text, lang),
  label: (item, { lang }) => (item.label ? localize(item.label, lang) : null),
  options: (item) => [...item.options],
  minValue: (item) => item.range?.min ?? null,
  maxValue: (item) => item.range?.max ?? null,
  integerOnly: (item) => item.range?.integerOnly ?? false,
  // The limit validation.ts applies to a free-text answer, so a form can stop at it.
  maxLength: (item) => (item.type === 'TEXT' ? MAX_ANSWER_TEXT_LENGTH : null),
};
