import { perEntity, requireOrganization, requireStaff } from '@carebridge/common';
import type { ProviderResolvers } from '../__generated__/resolvers-types';

export const Provider: ProviderResolvers = {
  __resolveReference: (reference, context) =>
    perEntity(() => {
      requireStaff(context, { log: { action: 'Provider.reference' } });
      const provider = context.store.findProviderById(reference.id);
      if (provider === undefined) return null;
      requireOrganization(context, provider.organizationId, {
        message: 'This provider belongs to another organization.',
        log: { action: 'Provider.reference', providerId: provider.id },
      });
      return provider;
    }),

  organization: (provider) => ({ __typename: 'Organization', id: provider.organizationId }),
};
