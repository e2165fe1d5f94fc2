import { lazy, type ComponentType } from 'react';

/**
 * A page whose code loads on first use. `preload()` starts the download early (at start-up,
 * beside sign-in); a page whose code is already there renders at once, without suspending:
 * React holds a revealed fallback for up to 300 ms, which a fast load would only wait on.
 */
export function page<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then((c) => {
      loaded = c;
      return c;
    }));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  function Page(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return Object.assign(Page, { preload: () => void preload() });
}
