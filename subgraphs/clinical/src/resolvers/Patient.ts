import { perEntity } from '@carebridge/common';
import type { PatientResolvers } from '../__generated__/resolvers-types';
import { assertPatientReadable, readableResponsesOf } from '../access';
import { deriveAnswers, deriveHistory } from '../data/history';

export const Patient: PatientResolvers = {
  // The patient subgraph owns patients: one without answers here simply has no responses and an
  // empty history. One with another organization's answers is another organization's patient.
  __resolveReference: ({ id }, context) =>
    perEntity(() => {
      assertPatientReadable(context, id);
      return { id };
    }),
  questionnaireResponses: (patient, _args, context) => readableResponsesOf(context, patient.id),
  clinicalHistory: (patient, { lang }, context) => ({
    entries: deriveHistory(readableResponsesOf(context, patient.id), (id) => context.store.questionnaire(id)),
    lang,
  }),
  // The same responses and latest-answer rule as clinicalHistory, without turning them into words.
  clinicalAnswers: (patient, _args, context) =>
    deriveAnswers(readableResponsesOf(context, patient.id), (id) => context.store.questionnaire(id)),
};
