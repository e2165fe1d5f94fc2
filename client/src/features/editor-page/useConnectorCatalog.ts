import { useEffect } from 'react';
import { EMPTY_CATALOG, type EditorStore } from '../../editor';
import { loadConnectorCatalog } from './connectorCatalog';

/** Loads the connector catalog once per editor session into its store (see `loadConnectorCatalog`). */
export function useConnectorCatalog(store: EditorStore): void {
  useEffect(() => {
    const abort = new AbortController();
    store.getState().setConnectors({ ...EMPTY_CATALOG, status: 'loading' });
    void loadConnectorCatalog(abort.signal).then((catalog) => {
      if (!abort.signal.aborted) store.getState().setConnectors(catalog);
    });
    return () => abort.abort();
  }, [store]);
}
