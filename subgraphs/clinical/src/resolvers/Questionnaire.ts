import { perEntity, requireStaff } from '@carebridge/common';
import { localize } from '@carebridge/common';
import type { QuestionnaireResolvers } from '../__generated__/resolvers-types';
import { canReadQuestionnaire, readableQuestionnaire, INTAKE_ONLY_MESSAGE } from '../access';

export const Questionnaire: QuestionnaireResolvers = {
  __resolveReference: ({ id }, context) =>
    perEntity(() => readableQuestionnaire(context, context.store.questionnaire(id), id) ?? null),
  title: (questionnaire, { lang }) => localize(questionnaire.title, lang),
  items: (questionnaire) => [...questionnaire.items],
  versions: (questionnaire, _args, context) => {
    // Other versions are other questionnaires, which an intake link may not read.
    const viewer = requireStaff(context, {
      message: INTAKE_ONLY_MESSAGE,
      log: { action: 'Questionnaire.versions', questionnaireId: questionnaire.id },
    });
    return context.store.questionnaireVersions(questionnaire.name).filter((q) => canReadQuestionnaire(viewer, q));
  },
};
