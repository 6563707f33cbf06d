import type { QuestionnaireResponseResolvers } from '../__generated__/resolvers-types';
import { auditedResponseRead } from '../access';
import type { AnswerRecord, QuestionnaireRecord, QuestionnaireResponseRecord } from '../data/records';
import type { ClinicalStore } from '../data/store';

async function answeredVersion(
  store: ClinicalStore,
  response: QuestionnaireResponseRecord,
): Promise<QuestionnaireRecord> {
  const questionnaire = await store.questionnaire(response.questionnaireId);
  // Versions are never deleted and responses are validated against theirs, so this is a broken store.
  if (!questionnaire) throw new Error(`response ${response.id} points at a missing questionnaire version`);
  return questionnaire;
}

export const QuestionnaireResponse: QuestionnaireResponseResolvers = {
  // A reference is a read of the response, audited per entity (`audited` is async, so a refusal
  // fails only its own entity, as `perEntity` does).
  __resolveReference: ({ id }, context) => auditedResponseRead(context, id),
  patient: (response) => ({ id: response.patientId }),
  questionnaire: (response, _args, { store }) => answeredVersion(store, response),
  answers: async (response, _args, { store }) => {
    const items = new Map((await answeredVersion(store, response)).items.map((item) => [item.linkId, item]));
    return response.answers.map((answer): AnswerRecord => {
      const item = items.get(answer.linkId);
      if (!item) throw new Error(`response ${response.id} answers a question its version does not have`);
      return { ...answer, item };
    });
  },
};
