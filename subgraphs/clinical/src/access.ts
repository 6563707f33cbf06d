import {
  audited,
  deny,
  notFound,
  requireIntakeScope,
  requireOrganization,
  requireStaff,
  type AuditSpec,
  type StaffViewer,
  type Viewer,
} from '@carebridge/common';
import type { Context } from './context';
import { QUESTIONNAIRE_OF_OTHER_ORGANIZATION } from './data/commands';
import type { QuestionnaireRecord, QuestionnaireResponseRecord } from './data/records';

/**
 * Who may read and write what in the clinical subgraph, built from the guards of
 * `@carebridge/common`. Every rule is here, so resolvers only say which one applies:
 *
 * - Staff (ADMIN or CLINICIAN) read shared questionnaires (organizationId null) and their own
 *   organization's, and only their own organization's responses and patients.
 * - An intake link reads only its questionnaire, and answers it once for its patient.
 *
 * A denial is logged as `auth.denied` with ids only (never answers or other PHI) and answered
 * FORBIDDEN with its reason code; on a nullable field GraphQL turns that into null plus the error
 * at its path.
 */

/** What `requireStaff` answers an intake link here, where it may read its questionnaire too. */
export const INTAKE_ONLY_MESSAGE = 'An intake link only allows reading and answering its own questionnaire.';

/** Whether `viewer` may read `questionnaire`. */
export function canReadQuestionnaire(viewer: Viewer, questionnaire: QuestionnaireRecord): boolean {
  const ownOrShared = questionnaire.organizationId === null || questionnaire.organizationId === viewer.organizationId;
  return viewer.kind === 'staff' ? ownOrShared : ownOrShared && questionnaire.id === viewer.questionnaireId;
}

/** The questionnaire if the viewer may read it, else (logged) FORBIDDEN; undefined stays undefined. */
export function readableQuestionnaire(
  context: Pick<Context, 'logger' | 'viewer'>,
  questionnaire: QuestionnaireRecord | undefined,
  requestedId: string,
): QuestionnaireRecord | undefined {
  requireIntakeScope(
    context,
    { questionnaireId: requestedId },
    { message: 'An intake link only allows reading its own questionnaire.', log: { questionnaireId: requestedId } },
  );
  if (!questionnaire || canReadQuestionnaire(context.viewer, questionnaire)) return questionnaire;
  throw deny(context, 'OTHER_ORGANIZATION', {
    message: QUESTIONNAIRE_OF_OTHER_ORGANIZATION,
    log: { questionnaireId: questionnaire.id },
  });
}

/**
 * An intake link of a deleted patient is dead: whatever it asks (its questionnaire, a submission)
 * is NOT_FOUND, the patient being gone. Staff are not concerned: to them a deleted patient is an
 * unknown one (no responses), as the patient subgraph answers it.
 */
export async function requireLinkPatientExists(context: Pick<Context, 'viewer' | 'store'>): Promise<void> {
  const { viewer } = context;
  if (viewer.kind === 'intake' && (await context.store.tombstone(viewer.patientId))) {
    throw notFound('Patient', viewer.patientId);
  }
}

/** Whether a staff member may read `response`: only their organization's. */
export function canReadResponse(viewer: StaffViewer, response: QuestionnaireResponseRecord): boolean {
  return response.organizationId === viewer.organizationId;
}

/** The response if the viewer may read it, else (logged) FORBIDDEN; undefined stays undefined. */
export function readableResponse(
  context: Pick<Context, 'logger' | 'viewer'>,
  response: QuestionnaireResponseRecord | undefined,
  requestedId: string,
): QuestionnaireResponseRecord | undefined {
  requireStaff(context, { message: INTAKE_ONLY_MESSAGE, log: { responseId: requestedId } });
  if (!response) return response;
  requireOrganization(context, response.organizationId, {
    message: 'This questionnaire response belongs to another organization.',
    log: { responseId: response.id },
  });
  return response;
}

/** A patient's responses the viewer may read: staff only, their organization's. */
export async function readableResponsesOf(
  context: Pick<Context, 'logger' | 'viewer' | 'store'>,
  patientId: string,
): Promise<QuestionnaireResponseRecord[]> {
  const viewer = requireStaff(context, { message: INTAKE_ONLY_MESSAGE, log: { patientId } });
  return (await context.store.responsesOfPatient(patientId)).filter((r) => canReadResponse(viewer, r));
}

/**
 * Staff may reference any patient: what they then read of it is only their own organization's
 * responses (`readableResponsesOf`). This subgraph does not own patients and knows a patient's
 * organization only from answers it holds, so refusing the patients it knows to be another
 * organization's would tell which of them have answers (refused) and which not (an empty
 * history): an existence oracle. Another organization's patient, with answers or without, and an
 * unknown id answer exactly as the caller's own patient without answers does: no responses and
 * an empty history. The patient subgraph, which owns patients, refuses another organization's
 * patient (null + FORBIDDEN), which is what a client of the gateway sees.
 */
export function assertPatientReadable(context: Pick<Context, 'logger' | 'viewer'>, patientId: string): void {
  requireStaff(context, { message: INTAKE_ONLY_MESSAGE, log: { patientId } });
}

/**
 * Reads one response by id, audited as `response.read`. The response is looked up before the
 * access check, so a refused attempt names its patient too; a lookup that fails (the database) is
 * recorded as FAILED, without a patient.
 */
export async function auditedResponseRead(context: Context, id: string): Promise<QuestionnaireResponseRecord | null> {
  let response: QuestionnaireResponseRecord | undefined;
  try {
    response = await context.store.response(id);
  } catch (error) {
    return audited(context, responseRead(undefined), () => {
      throw error;
    });
  }
  return audited(context, responseRead(response), () => readableResponse(context, response, id) ?? null);
}

/** The audit record of reading one response: its patient, and NOT_FOUND for an unknown id. */
function responseRead(
  response: QuestionnaireResponseRecord | undefined,
): AuditSpec<QuestionnaireResponseRecord | null> {
  return {
    action: 'response.read',
    patientIds: response ? [response.patientId] : [],
    detail: (result) => (result === null ? 'NOT_FOUND' : undefined),
    coalesce: true,
  };
}
