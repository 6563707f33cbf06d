import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  questionnaire: (_parent, { id }, { store }) => store.questionnaire(id) ?? null,
  questionnaires: (_parent, { includeRetired }, { store }) => store.questionnaires({ includeRetired }),
  questionnaireResponse: (_parent, { id }, { store }) => store.response(id) ?? null,
};
