import type { QueryResolvers } from '../__generated__/resolvers-types';
import { CANONICAL_FIELDS } from '../data/canonical';

export const Query: QueryResolvers = {
  ehrSystems: (_parent, _args, { store }) => store.ehrSystems(),
  ehrSystem: (_parent, { id }, { store }) => store.ehrSystem(id) ?? null,
  organizations: (_parent, _args, { store }) => store.organizations(),
  organization: (_parent, { id }, { store }) => store.organization(id) ?? null,
  canonicalFields: () => [...CANONICAL_FIELDS],
};
