import { randomUUID } from 'node:crypto';
import { forbiddenBecause, notFound, type ChangeAudit } from '@carebridge/common';
import type { QuestionnaireInput, QuestionnaireResponseInput } from '../__generated__/schema-types';
import type { QuestionnaireRecord, QuestionnaireResponseRecord } from './records';
import { LinkAlreadyUsedError, PatientDeletedError, type ClinicalStore } from './store';
import { validateQuestionnaireInput, validateResponseInput } from './validation';

/**
 * The mutations as plain functions: validate the whole input, throw every problem at once
 * (BAD_USER_INPUT), and only then write, so an invalid input never leaves anything behind.
 * `now` is a parameter so tests control time and the store never reads a clock.
 *
 * Who may call them is decided by the resolvers (`src/access.ts`); these receive the caller's
 * organization and keep the data invariants that follow from it.
 */

export const LINK_USED_MESSAGE = 'This intake link was already used.';
export const SHARED_QUESTIONNAIRE_MESSAGE =
  'This questionnaire is shared by every organization and managed by the platform: it cannot be revised.';
export const QUESTIONNAIRE_OF_OTHER_ORGANIZATION = 'This questionnaire belongs to another organization.';

export async function createQuestionnaire(
  store: ClinicalStore,
  input: QuestionnaireInput,
  { now, organizationId }: { now: Date; organizationId: string },
): Promise<QuestionnaireRecord> {
  const { problems, definition } = validateQuestionnaireInput(input);
  if ((await store.questionnaireVersions(input.name)).length > 0) {
    problems.add('name', 'is already used by another questionnaire; publish a new version of it instead');
  }
  problems.throwIfAny();
  return store.addQuestionnaireVersion({
    ...definition,
    id: `qn-${randomUUID()}`,
    organizationId,
    version: 1,
    status: 'ACTIVE',
    publishedAt: now.toISOString(),
  });
}

/** Throws FORBIDDEN unless `organizationId` owns the questionnaire (a shared one is owned by none). */
export function assertCanRevise(latest: QuestionnaireRecord, organizationId: string): void {
  if (latest.organizationId === null) throw forbiddenBecause('SHARED_RECORD', SHARED_QUESTIONNAIRE_MESSAGE);
  if (latest.organizationId !== organizationId) {
    throw forbiddenBecause('OTHER_ORGANIZATION', QUESTIONNAIRE_OF_OTHER_ORGANIZATION);
  }
}

export async function publishQuestionnaireVersion(
  store: ClinicalStore,
  input: QuestionnaireInput,
  { now, organizationId }: { now: Date; organizationId: string },
): Promise<QuestionnaireRecord> {
  const { problems, definition } = validateQuestionnaireInput(input);
  problems.throwIfAny();
  const latest = (await store.questionnaireVersions(input.name)).at(-1);
  if (!latest) throw notFound('Questionnaire', input.name);
  assertCanRevise(latest, organizationId);
  return store.addQuestionnaireVersion({
    ...definition,
    id: `qn-${randomUUID()}`,
    organizationId: latest.organizationId,
    version: latest.version + 1,
    status: 'ACTIVE',
    publishedAt: now.toISOString(),
  });
}

export interface Submission {
  now: Date;
  /** A staff user's id, or `patient` for an intake link. */
  submittedBy: string;
  /** The submitter's organization, which alone will read the response. */
  organizationId: string;
  /** The intake link answered through: it is used up when, and only when, the response is stored. */
  linkId?: string;
  /** The submission's audit record, written by the store with the response (see `ChangeAudit`). */
  audit?: ChangeAudit;
}

export async function submitQuestionnaireResponse(
  store: ClinicalStore,
  input: QuestionnaireResponseInput,
  { now, submittedBy, organizationId, linkId, audit }: Submission,
): Promise<QuestionnaireResponseRecord> {
  const questionnaire = await store.questionnaire(input.questionnaireId);
  if (!questionnaire) throw notFound('Questionnaire', input.questionnaireId);
  const { problems, answers } = validateResponseInput(input, questionnaire, now);
  problems.throwIfAny();
  const record: QuestionnaireResponseRecord = {
    id: `qr-${randomUUID()}`,
    patientId: input.patientId,
    organizationId,
    questionnaireId: questionnaire.id,
    language: input.language,
    answers,
    submittedAt: now.toISOString(),
    submittedBy,
  };
  try {
    return await store.addResponse(record, { linkId, audit });
  } catch (error) {
    // The store's own refusal of a second answer through a link: the same reason as the resolver's check.
    if (error instanceof LinkAlreadyUsedError) throw forbiddenBecause('INTAKE_LINK_USED', LINK_USED_MESSAGE);
    // The patient was deleted (and erased) since the caller's checks: gone, like an unknown patient.
    if (error instanceof PatientDeletedError) throw notFound('Patient', input.patientId);
    throw error;
  }
}
