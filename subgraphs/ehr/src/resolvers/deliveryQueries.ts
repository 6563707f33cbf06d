import {
  audited,
  decodeCursor,
  encodeCursor,
  pageSize,
  readAuditTrail,
  requireOrganization,
  requireStaff,
} from '@carebridge/common';
import type { EhrTransactionRecord } from '../data/records';
import type { Context } from '../context';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { OTHER_ORGANIZATION } from '../access';

export const deliveryQueries: QueryResolvers = {
  // Transactions carry payloads built from PHI: a page is a read of the patients it shows.
  ehrTransactions: (_parent, { filter, first, after }, context) =>
    audited(
      context,
      { action: 'ehr.transactions.read', patientIds: (page) => page.nodes.map((t) => t.patientId) },
      async () => {
        const viewer = requireStaff(context);
        const limit = pageSize(first);
        const all = await context.transactions.list(viewer.organizationId, {
          status: filter?.status ?? null,
          patientId: filter?.patientId ?? null,
        });
        // Newest first by (createdAt, id); the cursor is the last item's key, so new transactions
        // arriving between pages never shift what the next page holds.
        const key = after ? decodeCursor(after) : undefined;
        const start = key
          ? all.findIndex((t) => t.createdAt < String(key[0]) || (t.createdAt === key[0] && t.id < String(key[1])))
          : 0;
        const from = start === -1 ? all.length : start;
        const nodes = all.slice(from, from + limit);
        const last = nodes.at(-1);
        return {
          nodes,
          totalCount: all.length,
          pageInfo: {
            hasNextPage: from + limit < all.length,
            endCursor: last ? encodeCursor([last.createdAt, last.id]) : null,
          },
        };
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
