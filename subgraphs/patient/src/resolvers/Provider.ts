import type { ProviderResolvers } from '../__generated__/resolvers-types';

export const Provider: ProviderResolvers = {
  __resolveReference: (reference, { store }) => store.findProviderById(reference.id) ?? null,

  organization: (provider) => ({ __typename: 'Organization', id: provider.organizationId }),
};
