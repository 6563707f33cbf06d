import { useCallback, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';

/**
 * What the patient list shows, kept in the address so that Back from a patient's page (or a
 * reload, or a shared link) returns to the same list: `q` the search, `pcp` the physician, `org`
 * the organization, `pages` how many pages of the list were loaded ("Load more"; 1 when absent).
 * Changes replace the history entry rather than adding one per keystroke.
 */
export interface ListParams {
  search: string;
  physicianId: string;
  organizationId: string;
  pages: number;
}

const KEYS = { search: 'q', physicianId: 'pcp', organizationId: 'org', pages: 'pages' } as const;
/** A bound on `pages`, so an edited address cannot ask for an enormous first request. */
export const MAX_PAGES = 20;

function readPages(value: string | null): number {
  const pages = Number(value);
  return Number.isInteger(pages) && pages >= 1 ? Math.min(pages, MAX_PAGES) : 1;
}

/** `current` with `change` applied: an empty value (or page 1) leaves its key out. */
function withChange(current: URLSearchParams, change: Partial<ListParams>): URLSearchParams {
  const next = new URLSearchParams(current);
  // Another search or filter starts again from the first page.
  const filterChanged = Object.keys(change).some((key) => key !== 'pages');
  const values = { ...change, ...(filterChanged && change.pages === undefined ? { pages: 1 } : {}) };
  for (const [key, value] of Object.entries(values) as [keyof ListParams, string | number][]) {
    const empty = value === '' || (key === 'pages' && value === 1);
    if (empty) next.delete(KEYS[key]);
    else next.set(KEYS[key], String(value));
  }
  return next;
}

/** The list the address names, and a setter that replaces the current history entry with a change. */
export function useListParams(): [ListParams, (change: Partial<ListParams>) => void] {
  const [params, setParams] = useSearchParams();
  const list = useMemo<ListParams>(
    () => ({
      search: params.get(KEYS.search) ?? '',
      physicianId: params.get(KEYS.physicianId) ?? '',
      organizationId: params.get(KEYS.organizationId) ?? '',
      pages: readPages(params.get(KEYS.pages)),
    }),
    [params],
  );
  const update = useCallback(
    (change: Partial<ListParams>) => setParams((current) => withChange(current, change), { replace: true }),
    [setParams],
  );
  return [list, update];
}

/** Where a patient's page links back to: the list as it was left (set as the row link's state). */
export interface ListLocationState {
  list?: string;
}

/**
 * The state a link from the list passes on: its address's query, to come back to, with `pending`
 * (a search typed but not yet in the address) applied.
 */
export function useListLocationState(pending?: Partial<ListParams>): ListLocationState {
  const { search } = useLocation();
  if (!pending) return { list: search };
  const query = withChange(new URLSearchParams(search), pending).toString();
  return { list: query === '' ? '' : `?${query}` };
}
