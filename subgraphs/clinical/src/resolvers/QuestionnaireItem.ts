import { localize } from '@carebridge/common';
import type { QuestionnaireItemResolvers } from '../__generated__/resolvers-types';

export const QuestionnaireItem: QuestionnaireItemResolvers = {
  text: (item, { lang }) => localize(item.text, lang),
  options: (item) => [...item.options],
};
