import { deny, requireRole, type Denial, type StaffViewer } from '@carebridge/common';
import type { Context } from './context';
import type { EhrSystemRecord, OrganizationRecord } from './data/records';

/**
 * The ehr subgraph's own access rules, built from the guards of `@carebridge/common` (which the
 * resolvers otherwise use directly: `requireStaff`, and `requireOrganization` with a message
 * from `OTHER_ORGANIZATION`), and which EHR systems an organization may see and use (`canUse`).
 */

/** What refusing another organization's record says, by the kind of record. */
export const OTHER_ORGANIZATION = {
  patient: { message: 'This patient belongs to another organization.' },
  transaction: { message: 'This transaction belongs to another organization.' },
  organization: { message: 'This organization belongs to another organization.' },
  alertRule: { message: 'This alert rule belongs to another organization.' },
  alert: { message: 'This alert belongs to another organization.' },
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

/**
 * Whether an organization may see and use an EHR system: a shared one (the operator's), one it
 * made, or the one it runs (a system made before systems had owners stays usable by whoever runs
 * it, and by no one else). `organization` is undefined for a sign-up token's, not yet registered.
 */
export function canUse(
  system: EhrSystemRecord,
  organizationId: string,
  organization: OrganizationRecord | undefined,
): boolean {
  return system.shared || system.ownerOrganizationId === organizationId || organization?.ehrSystemId === system.id;
}

/** The EHR systems the caller's organization may see and use, ordered by name. */
export async function usableSystems(context: Context, organizationId: string): Promise<EhrSystemRecord[]> {
  const [systems, organization] = await Promise.all([
    context.store.ehrSystems(),
    context.store.organization(organizationId),
  ]);
  return systems.filter((s) => canUse(s, organizationId, organization));
}

/**
 * One EHR system the caller's organization may use, or undefined, as for an unknown id: another
 * organization's system is not there for it (not even whether it exists).
 */
export async function usableSystem(
  context: Context,
  organizationId: string,
  id: string,
): Promise<EhrSystemRecord | undefined> {
  const system = await context.store.ehrSystem(id);
  if (!system) return undefined;
  if (system.shared || system.ownerOrganizationId === organizationId) return system;
  return canUse(system, organizationId, await context.store.organization(organizationId)) ? system : undefined;
}
