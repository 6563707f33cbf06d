import { denyAccess, withDenialReason, type StaffViewer } from '@carebridge/common';
import type { Context } from './context';

/**
 * Who may do what in this subgraph. The service has already verified the token (no context
 * without one); these rules decide what a verified viewer may see and change:
 *
 * - only staff (ADMIN or CLINICIAN): an intake link answers one questionnaire and reads nothing here;
 * - only patients and providers of the viewer's own organization, by any path: root fields,
 *   `_entities` (so references from other subgraphs cannot reach across) and mutations.
 *
 * Every refusal is a FORBIDDEN error and an `auth.denied` log line carrying ids only, never PHI;
 * resolvers that touch patients wrap their body in `audited`, which records it as DENIED.
 */

/** What a refusal was about, by id. */
export interface Target {
  patientId?: string;
  providerId?: string;
  organizationId?: string;
}

function deny(context: Context, action: string, reason: string, target: Target, message: string): never {
  // The reason travels with the error into the DENIED audit record (see `audited`).
  throw withDenialReason(denyAccess(context, { action, reason, ...target }, message), reason);
}

/** The staff viewer of the request, or FORBIDDEN (logged) for an intake link. */
export function requireStaffViewer(context: Context, action: string): StaffViewer {
  const { viewer } = context;
  if (viewer.kind !== 'staff') {
    deny(context, action, 'not staff', {}, 'An intake link only allows answering its questionnaire.');
  }
  return viewer;
}

/** FORBIDDEN (logged) with `message` unless `organizationId` (of a record or a request) is the viewer's own. */
export function requireOwnOrganization(
  context: Context,
  viewer: StaffViewer,
  action: string,
  organizationId: string,
  target: Target,
  message: string,
): void {
  if (organizationId === viewer.organizationId) return;
  deny(context, action, 'other organization', { ...target, organizationId }, message);
}
