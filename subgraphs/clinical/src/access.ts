import {
  denyAccess,
  withDenialReason,
  type AuditSpec,
  type LogFields,
  type StaffViewer,
  type Viewer,
} from '@carebridge/common';
import type { GraphQLError } from 'graphql';
import type { Context } from './context';
import type { QuestionnaireRecord, QuestionnaireResponseRecord } from './data/records';

/**
 * Who may read and write what in the clinical subgraph. Every rule is here, so resolvers only say
 * which one applies:
 *
 * - Staff (ADMIN or CLINICIAN) read shared questionnaires (organizationId null) and their own
 *   organization's, and only their own organization's responses and patients.
 * - An intake link reads only its questionnaire, and answers it once for its patient.
 *
 * A denial is logged as `auth.denied` with ids only (never answers or other PHI) and answered
 * FORBIDDEN; on a nullable field GraphQL turns that into null plus the error at its path.
 */

export type Denied = LogFields & { reason: string };

/** Logs the denial and returns the FORBIDDEN error to throw. */
export function deny(context: Pick<Context, 'logger' | 'viewer'>, fields: Denied, message?: string): GraphQLError {
  // The reason travels with the error into the DENIED audit record (see `audited`).
  return withDenialReason(denyAccess(context, fields, message), fields.reason);
}

/** The staff viewer (ADMIN or CLINICIAN), or (logged) FORBIDDEN for an intake link. */
export function staffOnly(context: Pick<Context, 'logger' | 'viewer'>, fields: Denied): StaffViewer {
  if (context.viewer.kind !== 'staff') {
    throw deny(context, fields, 'An intake link only allows reading and answering its own questionnaire.');
  }
  return context.viewer;
}

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
  if (context.viewer.kind === 'intake' && requestedId !== context.viewer.questionnaireId) {
    // An intake link learns nothing about other ids, not even whether they exist.
    throw deny(
      context,
      { reason: 'intake_other_questionnaire', questionnaireId: requestedId },
      'An intake link only allows reading its own questionnaire.',
    );
  }
  if (!questionnaire || canReadQuestionnaire(context.viewer, questionnaire)) return questionnaire;
  throw deny(
    context,
    { reason: 'other_organization_questionnaire', questionnaireId: questionnaire.id },
    'This questionnaire belongs to another organization.',
  );
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
  const viewer = staffOnly(context, { reason: 'intake_reads_response', responseId: requestedId });
  if (!response || canReadResponse(viewer, response)) return response;
  throw deny(
    context,
    { reason: 'other_organization_response', responseId: response.id },
    'This questionnaire response belongs to another organization.',
  );
}

/** A patient's responses the viewer may read: staff only, their organization's. */
export function readableResponsesOf(
  context: Pick<Context, 'logger' | 'viewer' | 'store'>,
  patientId: string,
): QuestionnaireResponseRecord[] {
  const viewer = staffOnly(context, { reason: 'intake_reads_patient', patientId });
  return context.store.responsesOfPatient(patientId).filter((r) => canReadResponse(viewer, r));
}

/**
 * Staff may reference a patient unless this subgraph knows the patient belongs to another
 * organization, which it does when any of the patient's responses is another organization's.
 */
export function assertPatientReadable(context: Pick<Context, 'logger' | 'viewer' | 'store'>, patientId: string): void {
  const viewer = staffOnly(context, { reason: 'intake_reads_patient', patientId });
  if (context.store.responsesOfPatient(patientId).every((r) => canReadResponse(viewer, r))) return;
  throw deny(
    context,
    { reason: 'other_organization_patient', patientId },
    'This patient belongs to another organization.',
  );
}

/**
 * The audit record of reading one response: its patient (looked up before the access check, so a
 * refused attempt names the patient too), and NOT_FOUND for an unknown id.
 */
export function responseRead(
  response: QuestionnaireResponseRecord | undefined,
): AuditSpec<QuestionnaireResponseRecord | null> {
  return {
    action: 'response.read',
    patientIds: response ? [response.patientId] : [],
    detail: (result) => (result === null ? 'NOT_FOUND' : undefined),
  };
}
