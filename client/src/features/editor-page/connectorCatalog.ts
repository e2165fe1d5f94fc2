import { connectorsApi, credentialsApi } from '@autonomic/api';
import type { ConnectorDefinition } from '@autonomic/workflow';
import { api } from '../../api/client';
import type { ConnectorCatalog } from '../../editor';

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Loads what connector steps are edited against: the installed connectors, each one's
 * definition and the credentials list. A part that fails is left out and named in
 * `errors` (the editor still works; credentials are then not checked); never throws.
 */
export async function loadConnectorCatalog(signal?: AbortSignal): Promise<ConnectorCatalog> {
  const init = signal ? { signal } : {};
  const errors: string[] = [];
  const [list, creds] = await Promise.allSettled([
    api(connectorsApi.list, {}, init),
    api(credentialsApi.list, {}, init),
  ]);
  const summaries = list.status === 'fulfilled' ? list.value.connectors : [];
  if (list.status === 'rejected') errors.push(`Could not load the connectors: ${why(list.reason)}`);
  if (creds.status === 'rejected') errors.push(`Could not load the credentials: ${why(creds.reason)}`);
  const defs = await Promise.allSettled(summaries.map((c) => api(connectorsApi.get, { params: { id: c.id } }, init)));
  const definitions: Record<string, ConnectorDefinition> = {};
  defs.forEach((d, i) => {
    if (d.status === 'fulfilled') definitions[d.value.id] = d.value;
    else errors.push(`Could not load the connector ${summaries[i]?.id ?? ''}: ${why(d.reason)}`);
  });
  // A workflow may pin any installed version, not only the newest the list describes.
  const olderPins = summaries.flatMap((c) =>
    c.versions
      .filter((v) => v.status === 'installed' && v.version !== c.version)
      .map((v) => ({ id: c.id, v: v.version })),
  );
  const olderDefs = await Promise.allSettled(
    olderPins.map(({ id, v }) => api(connectorsApi.get, { params: { id }, query: { version: v } }, init)),
  );
  const older: Record<string, ConnectorDefinition> = {};
  olderDefs.forEach((d, i) => {
    const pin = olderPins[i];
    if (d.status === 'fulfilled') older[`${d.value.id}@${d.value.version}`] = d.value;
    else errors.push(`Could not load the connector ${pin?.id ?? ''} ${pin?.v ?? ''}: ${why(d.reason)}`);
  });
  return {
    status: list.status === 'fulfilled' ? 'ready' : 'error',
    summaries,
    definitions,
    ...(olderPins.length > 0 ? { older } : {}),
    ...(creds.status === 'fulfilled' ? { credentials: creds.value.credentials } : {}),
    errors,
  };
}
