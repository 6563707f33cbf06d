import { audited, readAuditTrail, requireOrganization, requireStaff } from '@carebridge/common';
import type { EhrTransactionRecord } from '../data/records';
import type { Context } from '../context';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { OTHER_ORGANIZATION } from '../access';
import { failedNow } from './failedNow';
import { keysetPage } from './pages';

export const deliveryQueries: QueryResolvers = {
  // Transactions carry payloads built from PHI: a page is a read of the patients it shows.
  ehrTransactions: (_parent, { filter, first, after }, context) =>
    audited(
      context,
      { action: 'ehr.transactions.read', patientIds: (page) => page.nodes.map((t) => t.patientId) },
      async () => {
        const viewer = requireStaff(context);
        const listed = await context.transactions.list(viewer.organizationId, {
          status: filter?.failedNow ? null : (filter?.status ?? null),
          patientId: filter?.patientId ?? null,
        });
        // Whether a DEAD one was made good depends on its replays, so they are read with it.
        const all = filter?.failedNow
          ? failedNow(listed).filter((t) => !filter.status || t.status === filter.status)
          : listed;
        // Newest first by (createdAt, id).
        return keysetPage(all, (t) => [t.createdAt, t.id], { first, after });
      },
    ),

  ehrTransaction: (_parent, { id }, context) => readTransaction(context, id),

  ehrAuditLog: (_parent, { first, after }, context) => readAuditTrail(context, { first, after }),
};

/**
 * One transaction by id for staff of its organization, audited as a read of its patient (looked
 * up first, so a refused attempt names the patient too). Shared by the root field and `_entities`.
 */
export async function readTransaction(context: Context, id: string): Promise<EhrTransactionRecord | null> {
  const transaction = await context.transactions.get(id);
  return audited(
    context,
    {
      action: 'ehr.transactions.read',
      patientIds: transaction ? [transaction.patientId] : [],
      detail: (t) => (t === null ? 'NOT_FOUND' : undefined),
    },
    () => {
      requireStaff(context);
      if (transaction) requireOrganization(context, transaction.organizationId, OTHER_ORGANIZATION.transaction);
      return transaction ?? null;
    },
  );
}
