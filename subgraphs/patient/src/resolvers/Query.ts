import { audited, decodeCursor, encodeCursor, pageSize, readAuditTrail } from '@carebridge/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { requireOwnOrganization, requireStaffViewer } from '../access';

// Every field: staff only, and only the viewer's organization (see access.ts). Patient reads are
// audited: the record is written, ALLOWED or DENIED, before any data is answered.
export const Query: QueryResolvers = {
  patient: (_parent, { id }, context) =>
    audited(context, { action: 'patient.read', patientIds: [id], detail: notFoundWhenNull }, () => {
      const viewer = requireStaffViewer(context, 'patient');
      const patient = context.store.findById(id);
      if (patient === undefined) return null;
      requireOwnOrganization(
        context,
        viewer,
        'patient',
        patient.organizationId,
        { patientId: id },
        'This patient belongs to another organization.',
      );
      return patient;
    }),

  // The ids returned are recorded (a page holds at most 100), not the whole filter's matches.
  patients: (_parent, { first, after, filter }, context) =>
    audited(context, { action: 'patient.list', patientIds: (page) => page.nodes.map((p) => p.id) }, () => {
      const viewer = requireStaffViewer(context, 'patients');
      if (filter?.organizationId != null) {
        requireOwnOrganization(
          context,
          viewer,
          'patients',
          filter.organizationId,
          {},
          'Only patients of your own organization can be listed.',
        );
      }
      const page = context.store.list({
        first: pageSize(first),
        ...(after == null ? {} : { after: decodeCursor(after) }),
        // The list is always narrowed to the viewer's organization, whatever else the filter says.
        filter: { ...filter, organizationId: viewer.organizationId },
      });
      return {
        nodes: page.nodes,
        totalCount: page.totalCount,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endKey === null ? null : encodeCursor(page.endKey) },
      };
    }),

  provider: (_parent, { id }, context) => {
    const viewer = requireStaffViewer(context, 'provider');
    const provider = context.store.findProviderById(id);
    if (provider === undefined) return null;
    requireOwnOrganization(
      context,
      viewer,
      'provider',
      provider.organizationId,
      { providerId: id },
      'This provider belongs to another organization.',
    );
    return provider;
  },

  providers: (_parent, { organizationId }, context) => {
    const viewer = requireStaffViewer(context, 'providers');
    if (organizationId != null) {
      requireOwnOrganization(
        context,
        viewer,
        'providers',
        organizationId,
        {},
        'Only providers of your own organization can be listed.',
      );
    }
    return context.store.listProviders(viewer.organizationId);
  },

  patientAuditLog: (_parent, { first, after }, context) => readAuditTrail(context, { first, after }),
};

/** An unknown id is still an attempt worth recording; the detail says nothing was there. */
function notFoundWhenNull(result: unknown): string | undefined {
  return result === null ? 'NOT_FOUND' : undefined;
}
