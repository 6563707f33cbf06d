import { useEffect, useEffectEvent, useState } from 'react';
import { useDebouncedValue } from '../lib/useDebouncedValue';
import { useListLocationState, type ListLocationState, type ListParams } from './useListParams';

export const SEARCH_DEBOUNCE_MS = 300;

/** Calls `callback` when a link is followed, before the router does (a capturing listener on the document). */
function useOnLinkFollowed(callback: () => void): void {
  const onLink = useEffectEvent(callback);
  useEffect(() => {
    const listener = (event: MouseEvent) => {
      // React handles the link's click on the app's root element, below the document: this runs first.
      if (event.target instanceof Element && event.target.closest('a[href]')) onLink();
    };
    document.addEventListener('click', listener, true);
    return () => document.removeEventListener('click', listener, true);
  }, []);
}

export interface ListSearch {
  /** The search box's text. */
  search: string;
  setSearch: (text: string) => void;
  /** The search the list shows: the text once typing pauses, or '' at once when emptied. */
  term: string;
  /** The state the list's links pass on (see `useListLocationState`), with the typed search. */
  back: ListLocationState;
}

/**
 * The patient list's search box, over the address's search (`list.search`, set with `setList`).
 * The box has its own state so typing is not slowed; its text reaches the address once typing
 * pauses (SEARCH_DEBOUNCE_MS), and follows the address when that changes from elsewhere (Back, a
 * link, "Clear filters"). A search typed but not yet in the address is written there when a link
 * is followed (a patient, the menu), before the router goes: Back then returns to the list with it.
 */
export function useListSearch(list: ListParams, setList: (change: Partial<ListParams>) => void): ListSearch {
  const [search, setSearch] = useState(list.search);
  const typed = search.trim();
  const debounced = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  const term = typed === '' ? '' : debounced;
  // Written when the term changes, not when the address does: the address changed from elsewhere
  // (or by `flush` below) is not overwritten by a term that has yet to catch up with it.
  const write = useEffectEvent((value: string) => {
    if (value !== list.search) setList({ search: value });
  });
  useEffect(() => write(term), [term]);
  const pending = typed !== list.search ? { search: typed } : undefined;
  useOnLinkFollowed(() => {
    if (pending) setList(pending);
  });
  // The search changed from elsewhere: the box follows (not for the box's own term, nor its flush).
  const [shownSearch, setShownSearch] = useState(list.search);
  if (shownSearch !== list.search) {
    setShownSearch(list.search);
    if (list.search !== term && list.search !== typed) setSearch(list.search);
  }
  const back = useListLocationState(pending);
  return { search, setSearch, term, back };
}
