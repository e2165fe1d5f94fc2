import type { ConnectorUsages } from '@autonomic/api';
import type { ConnectorDefinition } from '@autonomic/workflow';
import { useAsync } from '../versions/useAsync';
import { getConnectorVersion, getUsages } from './api';
import { VersionSection } from './VersionSection';

export interface ConnectorDetailsData {
  usages: ConnectorUsages;
  /** The definitions of the installed versions, by version. */
  definitions: Map<string, ConnectorDefinition>;
}

async function load(id: string): Promise<ConnectorDetailsData> {
  const usages = await getUsages(id);
  const installed = usages.versions.filter((v) => v.installed).map((v) => v.version);
  const defs = await Promise.all(installed.map((v) => getConnectorVersion(id, v)));
  return { usages, definitions: new Map(defs.map((d) => [d.version, d])) };
}

/** A connector's installed versions, each with its actions and the workflows that pin it. */
export function ConnectorDetails({ connectorId }: { connectorId: string }) {
  const { data, error } = useAsync(() => load(connectorId), connectorId);
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p aria-busy="true">Loading versions and usages…</p>;
  const newest = data.definitions.get(data.usages.newestVersion);
  // Upgrades compare with the published version when the workflow has one pinning this connector.
  const published = new Set(
    data.usages.versions.flatMap((v) => v.usages.filter((u) => u.published).map((u) => u.workflowId)),
  );
  return (
    <div className="conn-details" data-testid={`connector-details-${connectorId}`}>
      {[...data.usages.versions].reverse().map((v) => (
        <VersionSection
          key={v.version}
          connectorId={connectorId}
          version={v}
          definition={data.definitions.get(v.version)}
          newest={newest}
          publishedWorkflows={published}
        />
      ))}
    </div>
  );
}
