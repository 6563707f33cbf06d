import { decodeCursor, encodeCursor, pageSize } from '@carebridge/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  patient: (_parent, { id }, { store }) => store.findById(id) ?? null,

  patients: (_parent, { first, after, filter }, { store }) => {
    const page = store.list({
      first: pageSize(first),
      ...(after == null ? {} : { after: decodeCursor(after) }),
      filter,
    });
    return {
      nodes: page.nodes,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endKey === null ? null : encodeCursor(page.endKey) },
    };
  },

  provider: (_parent, { id }, { store }) => store.findProviderById(id) ?? null,

  providers: (_parent, { organizationId }, { store }) => store.listProviders(organizationId),
};
