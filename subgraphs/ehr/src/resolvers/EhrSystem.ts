import { notFound, requireStaff } from '@carebridge/common';
import type { EhrSystemResolvers } from '../__generated__/resolvers-types';
import { CANONICAL_FIELDS } from '../data/canonical';
import { diffMappings } from '../mapping/diff';
import { usableSystem } from '../access';

export const EhrSystem: EhrSystemResolvers = {
  // Async, so a refusal fails only its own entity (as `perEntity` does for synchronous ones).
  __resolveReference: async ({ id }, context) =>
    (await usableSystem(context, requireStaff(context).organizationId, id)) ?? null,
  // Each organization has its own line of versions: every mapping field reads the caller's.
  mapping: (system, _args, context) => context.mappings.current(system.id, requireStaff(context).organizationId),
  mappingHistory: (system, _args, context) => context.mappings.history(system.id, requireStaff(context).organizationId),
  mappingVersion: async (system, { version }, context) =>
    (await context.mappings.version(system.id, requireStaff(context).organizationId, version)) ?? null,
  mappingDiff: async (system, { from, to }, context) => {
    const organizationId = requireStaff(context).organizationId;
    const before = await context.mappings.version(system.id, organizationId, from);
    if (!before) throw notFound('EhrMapping', String(from));
    const after = await context.mappings.version(system.id, organizationId, to);
    if (!after) throw notFound('EhrMapping', String(to));
    return diffMappings(before.fields, after.fields);
  },
  unmappedFields: async (system, _args, context) => {
    const current = await context.mappings.current(system.id, requireStaff(context).organizationId);
    const mapped = new Set(current.fields.map((f) => f.source));
    return CANONICAL_FIELDS.filter((f) => !mapped.has(f.name));
  },
  // Which other clients run an EHR is their business: only the caller's organization is listed.
  organizations: async (system, _args, { store, viewer }) =>
    (await store.organizationsUsing(system.id)).filter((o) => o.id === viewer.organizationId),
};
