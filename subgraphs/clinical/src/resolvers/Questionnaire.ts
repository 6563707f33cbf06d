import { requireStaff } from '@carebridge/common';
import { localize } from '@carebridge/common';
import type { QuestionnaireResolvers } from '../__generated__/resolvers-types';
import { canReadQuestionnaire, readableQuestionnaire, requireLinkPatientExists, INTAKE_ONLY_MESSAGE } from '../access';

export const Questionnaire: QuestionnaireResolvers = {
  // Async, so a refusal fails only its own entity (what `perEntity` does for synchronous resolvers).
  __resolveReference: async ({ id }, context) => {
    await requireLinkPatientExists(context);
    return readableQuestionnaire(context, await context.store.questionnaire(id), id) ?? null;
  },
  title: (questionnaire, { lang }) => localize(questionnaire.title, lang),
  items: (questionnaire) => [...questionnaire.items],
  versions: async (questionnaire, _args, context) => {
    // Other versions are other questionnaires, which an intake link may not read.
    const viewer = requireStaff(context, {
      message: INTAKE_ONLY_MESSAGE,
      log: { action: 'Questionnaire.versions', questionnaireId: questionnaire.id },
    });
    return (await context.store.questionnaireVersions(questionnaire.name)).filter((q) =>
      canReadQuestionnaire(viewer, q),
    );
  },
};
