import { audited, readAuditTrail } from '@carebridge/common';
import type { PatientResolvers } from '../__generated__/resolvers-types';
import { assertPatientReadable, readableResponsesOf } from '../access';
import { deriveAnswers, rememberedHistory } from '../data/history';
import { answeredVersions } from '../data/store';

// Each field that reads answers records its own read; the reference records only refusals, so a
// patient whose history is read is recorded once, not twice.
export const Patient: PatientResolvers = {
  // The patient subgraph owns patients and refuses other organizations' ones. Here a patient is
  // only the caller's organization's answers: none (another organization's patient, with answers
  // or without, or an unknown id) is no responses and an empty history, alike (access.ts).
  __resolveReference: ({ id }, context) =>
    audited(context, { action: 'history.read', patientIds: [id], recordAllowed: false }, () => {
      assertPatientReadable(context, id);
      return { id };
    }),
  questionnaireResponses: (patient, _args, context) =>
    audited(context, { action: 'response.read', patientIds: [patient.id], coalesce: true }, () =>
      readableResponsesOf(context, patient.id),
    ),
  clinicalHistory: (patient, { lang }, context) =>
    audited(context, { action: 'history.read', patientIds: [patient.id], coalesce: true }, async () => {
      const responses = await readableResponsesOf(context, patient.id);
      const entries = await rememberedHistory(context.store, responses, (read) =>
        answeredVersions(context.store, read),
      );
      return { entries, lang };
    }),
  // The same responses and latest-answer rule as clinicalHistory, without turning them into words.
  clinicalAnswers: (patient, _args, context) =>
    audited(
      context,
      { action: 'history.read', patientIds: [patient.id], detail: () => 'answers', coalesce: true },
      async () => {
        const responses = await readableResponsesOf(context, patient.id);
        return deriveAnswers(responses, await answeredVersions(context.store, responses));
      },
    ),
  clinicalAuditTrail: (patient, { first, after }, context) =>
    readAuditTrail(context, { patientId: patient.id, first, after }),
};
