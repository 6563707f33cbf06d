import { localize } from '@carebridge/common';
import type { QuestionnaireResolvers } from '../__generated__/resolvers-types';

export const Questionnaire: QuestionnaireResolvers = {
  __resolveReference: ({ id }, { store }) => store.questionnaire(id) ?? null,
  title: (questionnaire, { lang }) => localize(questionnaire.title, lang),
  items: (questionnaire) => [...questionnaire.items],
  versions: (questionnaire, _args, { store }) => [...store.questionnaireVersions(questionnaire.name)],
};
