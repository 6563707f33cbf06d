import {
  audited,
  deny,
  notFound,
  requireIntakeScope,
  requireOrganization,
  requireStaff,
  requireUnusedLink,
  type ChangeAudit,
} from '@carebridge/common';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { QuestionnaireResponseInput } from '../__generated__/schema-types';
import type { Context } from '../context';
import type { QuestionnaireResponseRecord } from '../data/records';
import { INTAKE_ONLY_MESSAGE, readableQuestionnaire, requireLinkPatientExists } from '../access';
import {
  createQuestionnaire,
  LINK_USED_MESSAGE,
  publishQuestionnaireVersion,
  QUESTIONNAIRE_OF_OTHER_ORGANIZATION,
  SHARED_QUESTIONNAIRE_MESSAGE,
  submitQuestionnaireResponse,
  type Submission,
} from '../data/commands';

export const PATIENT_NOT_VISIBLE_MESSAGE = "This patient is not one of your organization's.";

export const Mutation: MutationResolvers = {
  createQuestionnaire: async (_parent, { input }, context) => {
    const viewer = requireStaff(context, { message: INTAKE_ONLY_MESSAGE, log: { action: 'createQuestionnaire' } });
    const created = await createQuestionnaire(context.store, input, {
      now: new Date(),
      organizationId: viewer.organizationId,
    });
    context.logger.info('questionnaire.created', { questionnaireId: created.id, version: created.version });
    return created;
  },
  publishQuestionnaireVersion: async (_parent, { input }, context) => {
    const log = { action: 'publishQuestionnaireVersion' };
    const viewer = requireStaff(context, { message: INTAKE_ONLY_MESSAGE, log });
    const latest = (await context.store.questionnaireVersions(input.name)).at(-1);
    if (latest) {
      const denial = { log: { ...log, questionnaireId: latest.id } };
      if (latest.organizationId === null) {
        throw deny(context, 'SHARED_RECORD', { ...denial, message: SHARED_QUESTIONNAIRE_MESSAGE });
      }
      requireOrganization(context, latest.organizationId, { ...denial, message: QUESTIONNAIRE_OF_OTHER_ORGANIZATION });
    }
    const published = await publishQuestionnaireVersion(context.store, input, {
      now: new Date(),
      organizationId: viewer.organizationId,
    });
    context.logger.info('questionnaire.published', { questionnaireId: published.id, version: published.version });
    return published;
  },
  // Audited as response.submit: DENIED on any refusal below, FAILED on invalid answers; the store
  // writes the ALLOWED record with the response.
  submitQuestionnaireResponse: (_parent, { input }, context) =>
    audited(context, { action: 'response.submit', patientIds: [input.patientId] }, (change: ChangeAudit) =>
      submit(input, context, change),
    ),
};

/** The submission itself: who may answer for whom, then validation and storage (commands.ts). */
async function submit(
  input: QuestionnaireResponseInput,
  context: Context,
  audit: ChangeAudit,
): Promise<QuestionnaireResponseRecord> {
  const { viewer, store } = context;
  const ids = { patientId: input.patientId, questionnaireId: input.questionnaireId };
  let submission: Omit<Submission, 'now'>;
  if (viewer.kind === 'intake') {
    // The link, signed by the gateway, binds the patient, organization and questionnaire: the
    // patient directory is not asked, and nothing else may be answered through it.
    requireIntakeScope(
      context,
      { patientId: input.patientId },
      { message: 'An intake link only allows answering for its own patient.', log: ids },
    );
    requireIntakeScope(
      context,
      { questionnaireId: input.questionnaireId },
      { message: 'An intake link only allows answering its own questionnaire.', log: ids },
    );
    // Clear refusals before validating; the store refuses a deleted patient and a reused link on its own too.
    await requireLinkPatientExists(context);
    const used = await store.isLinkUsed(viewer.linkId);
    requireUnusedLink(context, () => used, { message: LINK_USED_MESSAGE, log: ids });
    readableQuestionnaire(context, await store.questionnaire(input.questionnaireId), input.questionnaireId);
    submission = { submittedBy: 'patient', organizationId: viewer.organizationId, linkId: viewer.linkId };
  } else {
    const questionnaire = readableQuestionnaire(
      context,
      await store.questionnaire(input.questionnaireId),
      input.questionnaireId,
    );
    if (!questionnaire) throw notFound('Questionnaire', input.questionnaireId);
    // Answers known to be another organization's say the patient is too; otherwise ask the
    // graph, as the caller, whether the patient is theirs.
    const known = (await store.responsesOfPatient(input.patientId)).every(
      (r) => r.organizationId === viewer.organizationId,
    );
    if (!known || !(await context.patients.isVisible(input.patientId, context.authorization))) {
      throw deny(context, 'OTHER_ORGANIZATION', { message: PATIENT_NOT_VISIBLE_MESSAGE, log: ids });
    }
    submission = { submittedBy: viewer.userId, organizationId: viewer.organizationId };
  }
  const response = await submitQuestionnaireResponse(store, input, { now: new Date(), ...submission, audit });
  // Ids and counts only: the answers are PHI.
  context.logger.info('response.submitted', {
    responseId: response.id,
    questionnaireId: response.questionnaireId,
    answerCount: response.answers.length,
    via: viewer.kind,
  });
  return response;
}
