import { deny, requireRole, type Denial, type StaffViewer } from '@carebridge/common';
import type { Context } from './context';

/**
 * The ehr subgraph's own access rules, built from the guards of `@carebridge/common` (which the
 * resolvers otherwise use directly: `requireStaff`, and `requireOrganization` with a message
 * from `OTHER_ORGANIZATION`).
 */

/** What refusing another organization's record says, by the kind of record. */
export const OTHER_ORGANIZATION = {
  patient: { message: 'This patient belongs to another organization.' },
  transaction: { message: 'This transaction belongs to another organization.' },
  organization: { message: 'This organization belongs to another organization.' },
} as const satisfies Record<string, Denial>;

/**
 * ORGANIZATION_NOT_REGISTERED for the organization of a sign-up token, which is not registered
 * until `registerOrganization` runs and has nothing here to change yet.
 */
export async function requireRegistered(context: Context, viewer: StaffViewer): Promise<void> {
  if (await context.store.organization(viewer.organizationId)) return;
  throw deny(context, 'ORGANIZATION_NOT_REGISTERED', { message: 'Your organization is not registered.' });
}

/** An ADMIN of a registered organization: only they change what their organization sends. */
export async function requireAdmin(context: Context): Promise<StaffViewer> {
  const admin = requireRole(context, ['ADMIN']);
  await requireRegistered(context, admin);
  return admin;
}
