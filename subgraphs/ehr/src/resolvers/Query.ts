import { requireOrganization, requireStaff } from '@carebridge/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { CANONICAL_FIELDS } from '../data/canonical';
import { alertQueries } from './alerts';
import { deliveryQueries } from './deliveryQueries';
import { OTHER_ORGANIZATION, usableSystem, usableSystems } from '../access';

export const Query: QueryResolvers = {
  ...deliveryQueries,
  ...alertQueries,
  // The shared systems and the organization's own: another organization's is not listed.
  ehrSystems: (_parent, _args, context) => usableSystems(context, requireStaff(context).organizationId),
  ehrSystem: async (_parent, { id }, context) =>
    (await usableSystem(context, requireStaff(context).organizationId, id)) ?? null,
  organizations: async (_parent, _args, context) => {
    const own = await context.store.organization(requireStaff(context).organizationId);
    return own ? [own] : [];
  },
  organization: async (_parent, { id }, context) => {
    requireStaff(context);
    const organization = await context.store.organization(id);
    if (organization) requireOrganization(context, organization.id, OTHER_ORGANIZATION.organization);
    return organization ?? null;
  },
  canonicalFields: (_parent, _args, context) => {
    requireStaff(context);
    return [...CANONICAL_FIELDS];
  },
};
