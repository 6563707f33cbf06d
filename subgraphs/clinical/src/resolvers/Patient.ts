import type { PatientResolvers } from '../__generated__/resolvers-types';
import { deriveHistory } from '../data/history';

export const Patient: PatientResolvers = {
  // Any id resolves: the patient subgraph owns patients, and one without answers here simply has
  // no responses and an empty history.
  __resolveReference: ({ id }) => ({ id }),
  questionnaireResponses: (patient, _args, { store }) => [...store.responsesOfPatient(patient.id)],
  clinicalHistory: (patient, { lang }, { store }) => ({
    entries: deriveHistory(store.responsesOfPatient(patient.id), (id) => store.questionnaire(id)),
    lang,
  }),
};
