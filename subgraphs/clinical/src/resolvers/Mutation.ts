import type { MutationResolvers } from '../__generated__/resolvers-types';
import { createQuestionnaire, publishQuestionnaireVersion, submitQuestionnaireResponse } from '../data/commands';

export const Mutation: MutationResolvers = {
  createQuestionnaire: (_parent, { input }, { store, logger }) => {
    const created = createQuestionnaire(store, input, new Date());
    logger.info('questionnaire.created', { questionnaireId: created.id, version: created.version });
    return created;
  },
  publishQuestionnaireVersion: (_parent, { input }, { store, logger }) => {
    const published = publishQuestionnaireVersion(store, input, new Date());
    logger.info('questionnaire.published', { questionnaireId: published.id, version: published.version });
    return published;
  },
  submitQuestionnaireResponse: (_parent, { input }, { store, logger }) => {
    // Until authentication lands every caller is staff; the auth work will put the signed-in
    // staff user's id here, or 'patient' for a verified intake link.
    const response = submitQuestionnaireResponse(store, input, { now: new Date(), submittedBy: 'staff' });
    // Ids and counts only: the answers are PHI.
    logger.info('response.submitted', { responseId: response.id, answers: response.answers.length });
    return response;
  },
};
