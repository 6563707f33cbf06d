import { notFound, perEntity, requireOrganization, requireStaff } from '@carebridge/common';
import type { OrganizationResolvers } from '../__generated__/resolvers-types';
import type { EhrStore } from '../data/store';
import type { EhrSystemRecord } from '../data/records';
import { OTHER_ORGANIZATION } from '../access';

/** The EHR system of an organization; its absence is a data error, never a client's. */
export function ehrSystemOf(store: EhrStore, organizationId: string): EhrSystemRecord {
  const organization = store.organization(organizationId);
  if (!organization) throw notFound('Organization', organizationId);
  const system = store.ehrSystem(organization.ehrSystemId);
  if (!system) throw notFound('EhrSystem', organization.ehrSystemId);
  return system;
}

export const Organization: OrganizationResolvers = {
  __resolveReference: ({ id }, context) =>
    perEntity(() => {
      requireStaff(context);
      const organization = context.store.organization(id);
      if (organization) requireOrganization(context, organization.id, OTHER_ORGANIZATION.organization);
      return organization ?? null;
    }),
  ehrSystem: (organization, _args, { store }) => ehrSystemOf(store, organization.id),
};
