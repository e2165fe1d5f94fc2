import { credentialsApi } from '@autonomic/api';
import { useEffect } from 'react';
import { EMPTY_CATALOG, type EditorStore } from '../../editor';
import { api } from '../../api/client';
import { loadConnectorCatalog } from './connectorCatalog';

/**
 * Loads the connector catalog once per editor session into its store (see
 * `loadConnectorCatalog`). The credentials are listed again whenever the window regains
 * the focus: the pick-list's "Create a credential" opens another tab, and the new one
 * should be there to choose when the author comes back (a failed refresh keeps the list).
 */
export function useConnectorCatalog(store: EditorStore): void {
  useEffect(() => {
    const abort = new AbortController();
    store.getState().setConnectors({ ...EMPTY_CATALOG, status: 'loading' });
    void loadConnectorCatalog(abort.signal).then((catalog) => {
      if (!abort.signal.aborted) store.getState().setConnectors(catalog);
    });
    const refresh = () => {
      if (store.getState().connectors.status !== 'ready') return;
      api(credentialsApi.list, {}, { signal: abort.signal }).then(
        ({ credentials }) => {
          const now = store.getState().connectors;
          if (!abort.signal.aborted && now.status === 'ready') store.getState().setConnectors({ ...now, credentials });
        },
        () => undefined,
      );
    };
    window.addEventListener('focus', refresh);
    return () => {
      window.removeEventListener('focus', refresh);
      abort.abort();
    };
  }, [store]);
}
