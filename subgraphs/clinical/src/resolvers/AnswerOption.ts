import { localize } from '@carebridge/common';
import type { AnswerOptionResolvers } from '../__generated__/resolvers-types';

export const AnswerOption: AnswerOptionResolvers = {
  label: (option, { lang }) => localize(option.label, lang),
};
