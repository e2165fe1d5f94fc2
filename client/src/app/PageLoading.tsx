/**
 * Shown while a page's code arrives (pages load on first visit): a polite status, so a
 * screen reader hears "Loading the page…" once and the layout does not jump.
 */
export function PageLoading() {
  return (
    <p className="muted page-loading" role="status" aria-live="polite" data-testid="page-loading">
      Loading the page…
    </p>
  );
}
