import { perEntity } from '@carebridge/common';
import type { ProviderResolvers } from '../__generated__/resolvers-types';
import { requireOwnOrganization, requireStaffViewer } from '../access';

export const Provider: ProviderResolvers = {
  __resolveReference: (reference, context) =>
    perEntity(() => {
      const viewer = requireStaffViewer(context, 'Provider.reference');
      const provider = context.store.findProviderById(reference.id);
      if (provider === undefined) return null;
      requireOwnOrganization(
        context,
        viewer,
        'Provider.reference',
        provider.organizationId,
        { providerId: provider.id },
        'This provider belongs to another organization.',
      );
      return provider;
    }),

  organization: (provider) => ({ __typename: 'Organization', id: provider.organizationId }),
};
