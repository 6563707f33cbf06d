import type { QueryResolvers } from '../__generated__/resolvers-types';
import { canReadQuestionnaire, readableQuestionnaire, readableResponse, staffOnly } from '../access';

export const Query: QueryResolvers = {
  questionnaire: (_parent, { id }, context) =>
    readableQuestionnaire(context, context.store.questionnaire(id), id) ?? null,
  questionnaires: (_parent, { includeRetired }, context) => {
    const viewer = staffOnly(context, { reason: 'intake_lists_questionnaires' });
    return context.store.questionnaires({ includeRetired }).filter((q) => canReadQuestionnaire(viewer, q));
  },
  questionnaireResponse: (_parent, { id }, context) =>
    readableResponse(context, context.store.response(id), id) ?? null,
};
