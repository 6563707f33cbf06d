import { audited, pageSize, readAuditTrail, requireOrganization, requireStaff } from '@carebridge/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';

// Every field: staff only, and only the viewer's organization (the guards of @carebridge/common). Patient reads are
// audited: the record is written, ALLOWED or DENIED, before any data is answered.
export const Query: QueryResolvers = {
  patient: (_parent, { id }, context) =>
    audited(context, { action: 'patient.read', patientIds: [id], detail: notFoundWhenNull }, async () => {
      requireStaff(context, { log: { action: 'patient' } });
      const patient = await context.store.findById(id);
      if (patient === undefined) return null;
      requireOrganization(context, patient.organizationId, {
        message: 'This patient belongs to another organization.',
        log: { action: 'patient', patientId: id },
      });
      return patient;
    }),

  // The ids returned are recorded (a page holds at most 100), not the whole filter's matches.
  patients: (_parent, { first, after, filter }, context) =>
    audited(context, { action: 'patient.list', patientIds: (page) => page.nodes.map((p) => p.id) }, async () => {
      const viewer = requireStaff(context, { log: { action: 'patients' } });
      if (filter?.organizationId != null) {
        requireOrganization(context, filter.organizationId, {
          message: 'Only patients of your own organization can be listed.',
          log: { action: 'patients' },
        });
      }
      const page = await context.store.list({
        first: pageSize(first),
        ...(after == null ? {} : { after: context.cursors.decode(after) }),
        // The list is always narrowed to the viewer's organization, whatever else the filter says.
        filter: { ...filter, organizationId: viewer.organizationId },
      });
      return {
        nodes: page.nodes,
        totalCount: page.totalCount,
        // The sort key holds the patient's folded names: the cursor is sealed (CURSOR_KEY).
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.endKey === null ? null : context.cursors.encode(page.endKey),
        },
      };
    }),

  provider: async (_parent, { id }, context) => {
    requireStaff(context, { log: { action: 'provider' } });
    const provider = await context.store.findProviderById(id);
    if (provider === undefined) return null;
    requireOrganization(context, provider.organizationId, {
      message: 'This provider belongs to another organization.',
      log: { action: 'provider', providerId: id },
    });
    return provider;
  },

  providers: (_parent, { organizationId }, context) => {
    const viewer = requireStaff(context, { log: { action: 'providers' } });
    if (organizationId != null) {
      requireOrganization(context, organizationId, {
        message: 'Only providers of your own organization can be listed.',
        log: { action: 'providers' },
      });
    }
    return context.store.listProviders(viewer.organizationId);
  },

  patientAuditLog: (_parent, { first, after }, context) => readAuditTrail(context, { first, after }),
};

/** An unknown id is still an attempt worth recording; the detail says nothing was there. */
function notFoundWhenNull(result: unknown): string | undefined {
  return result === null ? 'NOT_FOUND' : undefined;
}
