import type { EhrSystemResolvers } from '../__generated__/resolvers-types';

export const EhrSystem: EhrSystemResolvers = {
  __resolveReference: ({ id }, { store }) => store.ehrSystem(id) ?? null,
  mapping: (system) => {
    const current = system.mappings.at(-1);
    // The store never holds a system without a published mapping; fail loudly if it ever does.
    if (!current) throw new Error(`EHR system ${system.id} has no mapping`);
    return current;
  },
  organizations: (system, _args, { store }) => store.organizationsUsing(system.id),
};
