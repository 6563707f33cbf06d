import { localize } from '@carebridge/common';
import type { AnswerResolvers } from '../__generated__/resolvers-types';
import { answerDisplay } from '../data/display';

// The value fields resolve by default: a stored answer has exactly the one matching its type.
export const Answer: AnswerResolvers = {
  display: (answer, { lang }) => localize(answerDisplay(answer, answer.item), lang),
};
