import { notFound, requireOrganization, requireStaff } from '@carebridge/common';
import type { OrganizationResolvers } from '../__generated__/resolvers-types';
import type { EhrStore } from '../data/store';
import type { EhrSystemRecord } from '../data/records';
import { OTHER_ORGANIZATION } from '../access';

/** The EHR system of an organization; its absence is a data error, never a client's. */
export async function ehrSystemOf(store: EhrStore, organizationId: string): Promise<EhrSystemRecord> {
  const organization = await store.organization(organizationId);
  if (!organization) throw notFound('Organization', organizationId);
  const system = await store.ehrSystem(organization.ehrSystemId);
  if (!system) throw notFound('EhrSystem', organization.ehrSystemId);
  return system;
}

export const Organization: OrganizationResolvers = {
  // Async, so a refusal fails only its own entity (as `perEntity` does for synchronous ones).
  __resolveReference: async ({ id }, context) => {
    requireStaff(context);
    const organization = await context.store.organization(id);
    if (organization) requireOrganization(context, organization.id, OTHER_ORGANIZATION.organization);
    return organization ?? null;
  },
  ehrSystem: (organization, _args, { store }) => ehrSystemOf(store, organization.id),
};
