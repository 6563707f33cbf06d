import { decodeCursor, encodeCursor, pageSize, requireSameOrganization, requireStaff } from '@carebridge/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const deliveryQueries: QueryResolvers = {
  ehrTransactions: (_parent, { filter, first, after }, context) => {
    const viewer = requireStaff(context);
    const limit = pageSize(first);
    const all = context.transactions.list(viewer.organizationId, {
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

  ehrTransaction: (_parent, { id }, context) => {
    requireStaff(context);
    const transaction = context.transactions.get(id);
    if (transaction) requireSameOrganization(context, transaction.organizationId, 'This transaction');
    return transaction ?? null;
  },
};
