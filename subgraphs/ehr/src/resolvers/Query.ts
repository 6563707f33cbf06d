import { requireOrganization, requireStaff } from '@carebridge/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { CANONICAL_FIELDS } from '../data/canonical';
import { deliveryQueries } from './deliveryQueries';
import { OTHER_ORGANIZATION } from '../access';

export const Query: QueryResolvers = {
  ...deliveryQueries,
  ehrSystems: (_parent, _args, context) => {
    requireStaff(context);
    return context.store.ehrSystems();
  },
  ehrSystem: async (_parent, { id }, context) => {
    requireStaff(context);
    return (await context.store.ehrSystem(id)) ?? null;
  },
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
