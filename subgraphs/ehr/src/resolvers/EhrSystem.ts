import { perEntity, requireStaff } from '@carebridge/common';
import type { EhrSystemResolvers } from '../__generated__/resolvers-types';

export const EhrSystem: EhrSystemResolvers = {
  __resolveReference: ({ id }, context) =>
    perEntity(() => {
      requireStaff(context);
      return context.store.ehrSystem(id) ?? null;
    }),
  mapping: (system) => {
    const current = system.mappings.at(-1);
    // The store never holds a system without a published mapping; fail loudly if it ever does.
    if (!current) throw new Error(`EHR system ${system.id} has no mapping`);
    return current;
  },
  // Which other clients run an EHR is their business: only the caller's organization is listed.
  organizations: (system, _args, { store, viewer }) =>
    store.organizationsUsing(system.id).filter((o) => o.id === viewer.organizationId),
};
