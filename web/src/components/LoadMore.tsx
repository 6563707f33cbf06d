export interface LoadMoreProps {
  /** Whether another page follows: without one there is no button. */
  hasNextPage: boolean;
  /** A page is being fetched: the button says so and does nothing (aria-disabled keeps the focus). */
  loading: boolean;
  label: string;
  loadingLabel: string;
  onLoadMore: () => void;
  /** Why the last "Load more" failed, announced above the button. */
  error?: string | null;
}

/** The "Load more" button under a cursor-paged list, and why the last page did not load. */
export function LoadMore({ hasNextPage, loading, label, loadingLabel, onLoadMore, error }: LoadMoreProps) {
  return (
    <>
      {error && (
        <p className="alert load-more__error" role="alert">
          {error}
        </p>
      )}
      {hasNextPage && (
        <div className="load-more">
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={loading || undefined}
            onClick={onLoadMore}
          >
            {loading ? loadingLabel : label}
          </button>
        </div>
      )}
    </>
  );
}
