import { GraphQLError } from 'graphql';
import type { IntakeViewer, Role, StaffViewer, Viewer } from './auth';
import { ErrorCode } from './errors';
import type { LogFields, Logger } from './logger';

/**
 * The guards every subgraph decides access with. The service has already verified the token (no
 * context without one); these decide what that viewer may see and change. Each refusal is one
 * FORBIDDEN error (the message is for people, unchanged per field) carrying one reason code from
 * `DENIAL_REASONS`, which is what the `auth.denied` log line and the DENIED audit record say, so
 * an auditor filters on the same code whichever service refused.
 */

/**
 * Why access was refused. Documented in the root README ("PHI audit log"):
 *
 * - `NOT_STAFF`: an intake link asked for what only staff may do;
 * - `ROLE_REQUIRED`: a staff member without the role this needs (e.g. ADMIN);
 * - `OTHER_ORGANIZATION`: the record, or the organization a filter or input names, is not the
 *   caller's organization's;
 * - `SHARED_RECORD`: a change to a record every organization shares (platform-managed);
 * - `ORGANIZATION_NOT_REGISTERED`, `ORGANIZATION_EXISTS`: the caller's organization is not
 *   registered yet, or already is;
 * - `INTAKE_LINK_SCOPE`: an intake link reached past its patient or questionnaire;
 * - `INTAKE_LINK_USED`: an intake link already answered.
 */
export const DENIAL_REASONS = [
  'NOT_STAFF',
  'ROLE_REQUIRED',
  'OTHER_ORGANIZATION',
  'SHARED_RECORD',
  'ORGANIZATION_NOT_REGISTERED',
  'ORGANIZATION_EXISTS',
  'INTAKE_LINK_SCOPE',
  'INTAKE_LINK_USED',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

/** What access checks need of a request context. */
export interface AccessContext {
  viewer: Viewer;
  logger: Logger;
}

/** How one refusal reads. */
export interface Denial {
  /** The FORBIDDEN error's message, which the client sees. */
  message?: string;
  /** Added to the `auth.denied` log line: ids and an action name only, never PHI. */
  log?: LogFields;
}

const DEFAULT_MESSAGE = 'You are not allowed to do this.';
const INTAKE_MESSAGE = 'An intake link only allows answering its questionnaire.';

// Kept beside the error rather than in its extensions: extensions reach the client, the reason
// code is for the log and the audit record.
const reasons = new WeakMap<object, DenialReason>();

/**
 * The FORBIDDEN error for `reason`, without a log line: for code that runs without a request
 * context (plain commands). Resolvers use `deny` or a guard, which also log.
 */
export function forbiddenBecause(reason: DenialReason, message = DEFAULT_MESSAGE): GraphQLError {
  const error = new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  reasons.set(error, reason);
  return error;
}

/** The reason code a FORBIDDEN error was made with, if it came from here. */
export function denialReason(error: unknown): DenialReason | undefined {
  return typeof error === 'object' && error !== null ? reasons.get(error) : undefined;
}

/** The viewer as log fields: ids only. */
export function viewerLogFields(viewer: Viewer): LogFields {
  return viewer.kind === 'staff'
    ? { viewerKind: 'staff', userId: viewer.userId, viewerOrganizationId: viewer.organizationId, role: viewer.role }
    : { viewerKind: 'intake', linkId: viewer.linkId, viewerOrganizationId: viewer.organizationId };
}

/**
 * Logs a refusal as `auth.denied` and answers the FORBIDDEN error to throw. On a nullable field
 * GraphQL turns it into null plus the error at its path.
 */
export function deny(context: AccessContext, reason: DenialReason, denial: Denial = {}): GraphQLError {
  context.logger.warn('auth.denied', { ...viewerLogFields(context.viewer), ...denial.log, reason });
  return forbiddenBecause(reason, denial.message);
}

/** The staff viewer (ADMIN or CLINICIAN), or NOT_STAFF for an intake link. */
export function requireStaff(context: AccessContext, denial: Denial = {}): StaffViewer {
  const { viewer } = context;
  if (viewer.kind !== 'staff')
    throw deny(context, 'NOT_STAFF', { ...denial, message: denial.message ?? INTAKE_MESSAGE });
  return viewer;
}

/**
 * A staff viewer with one of `roles`: NOT_STAFF for an intake link (worded as by `requireStaff`),
 * ROLE_REQUIRED for another role.
 */
export function requireRole(context: AccessContext, roles: readonly Role[], denial: Denial = {}): StaffViewer {
  const viewer = requireStaff(context, { log: denial.log });
  if (roles.includes(viewer.role)) return viewer;
  throw deny(context, 'ROLE_REQUIRED', {
    ...denial,
    message: denial.message ?? `This needs the ${roles.join(' or ')} role.`,
  });
}

/**
 * OTHER_ORGANIZATION unless `organizationId` (a record's, or one a filter or input names) is the
 * viewer's own. The log line names that organization.
 */
export function requireOrganization(context: AccessContext, organizationId: string, denial: Denial = {}): void {
  if (organizationId === context.viewer.organizationId) return;
  throw deny(context, 'OTHER_ORGANIZATION', {
    message: denial.message ?? 'This record belongs to another organization.',
    log: { ...denial.log, organizationId },
  });
}

/**
 * For an intake link, INTAKE_LINK_SCOPE unless each id given is the link's own: it reaches one
 * patient and one questionnaire, and learns nothing about other ids, not even whether they
 * exist. Staff are not bound by a link and pass.
 */
export function requireIntakeScope(
  context: AccessContext,
  ids: { patientId?: string; questionnaireId?: string },
  denial: Denial = {},
): void {
  const { viewer } = context;
  if (viewer.kind !== 'intake') return;
  const within =
    (ids.patientId === undefined || ids.patientId === viewer.patientId) &&
    (ids.questionnaireId === undefined || ids.questionnaireId === viewer.questionnaireId);
  if (!within) throw deny(context, 'INTAKE_LINK_SCOPE', denial);
}

/** For an intake link, INTAKE_LINK_USED once `isUsed` says it has answered; staff pass. */
export function requireUnusedLink(
  context: AccessContext,
  isUsed: (link: IntakeViewer) => boolean,
  denial: Denial = {},
): void {
  const { viewer } = context;
  if (viewer.kind === 'intake' && isUsed(viewer)) throw deny(context, 'INTAKE_LINK_USED', denial);
}
