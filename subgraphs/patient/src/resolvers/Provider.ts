import { requireOrganization, requireStaff } from '@carebridge/common';
import type { ProviderResolvers } from '../__generated__/resolvers-types';

export const Provider: ProviderResolvers = {
  // Async, so a refusal rejects only its own entity's promise (what `perEntity` is for).
  __resolveReference: async (reference, context) => {
    requireStaff(context, { log: { action: 'Provider.reference' } });
    const provider = await context.store.findProviderById(reference.id);
    if (provider === undefined) return null;
    requireOrganization(context, provider.organizationId, {
      message: 'This provider belongs to another organization.',
      log: { action: 'Provider.reference', providerId: provider.id },
    });
    return provider;
  },

  organization: (provider) => ({ __typename: 'Organization', id: provider.organizationId }),
};
