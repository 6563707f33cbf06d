import type { SortKey } from '@carebridge/common';
import { KeyedTokenIndex, type KeyedToken } from './keyed-token-index';

/**
 * The search's prefix index kept per organization: one `KeyedTokenIndex` of (token, patient) pairs
 * for each organization's patients. Every list a staff member sees is narrowed to their organization, so a
 * search reads only the pairs of that organization whose token starts with the word, however many
 * patients the other organizations hold. The relational equivalent is a B-tree index on
 * (organization, token).
 */
export class OrganizationTokenIndex {
  private readonly byOrganization = new Map<string, KeyedTokenIndex>();

  /** Adds pairs of one organization's patients (`KeyedTokenIndex.pairsOf`). */
  add(organizationId: string, pairs: readonly KeyedToken[]): void {
    if (pairs.length === 0) return;
    let index = this.byOrganization.get(organizationId);
    if (index === undefined) {
      index = new KeyedTokenIndex();
      this.byOrganization.set(organizationId, index);
    }
    index.add(pairs);
  }

  remove(organizationId: string, token: string, id: string): void {
    this.byOrganization.get(organizationId)?.remove(token, id);
  }

  /** The indexes to read: the organization's, or every organization's when it is null. */
  private scope(organizationId: string | null | undefined): KeyedTokenIndex[] {
    if (organizationId == null) return [...this.byOrganization.values()];
    const index = this.byOrganization.get(organizationId);
    return index === undefined ? [] : [index];
  }

  /** How many pairs match `prefix` in the scope; an upper bound of the ids (a patient may match twice). */
  count(organizationId: string | null | undefined, prefix: string): number {
    return this.scope(organizationId).reduce((sum, index) => sum + index.count(prefix), 0);
  }

  /** The distinct ids in the scope with a token starting with `prefix`, in no particular order. */
  idsWithPrefix(organizationId: string | null | undefined, prefix: string): Set<string> {
    const [only, ...others] = this.scope(organizationId);
    const ids = only?.idsWithPrefix(prefix) ?? new Set<string>();
    for (const index of others) for (const id of index.idsWithPrefix(prefix)) ids.add(id);
    return ids;
  }

  /** A page of one organization's patients with a token starting with `prefix` (`KeyedTokenIndex.page`). */
  page(
    organizationId: string,
    prefix: string,
    first: number,
    after?: SortKey,
  ): { ids: string[]; hasMore: boolean; total: number } {
    return this.byOrganization.get(organizationId)?.page(prefix, first, after) ?? { ids: [], hasMore: false, total: 0 };
  }
}
