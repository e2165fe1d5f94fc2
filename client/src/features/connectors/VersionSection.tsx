import type { ConnectorUsages } from '@autonomic/api';
import type { ConnectorDefinition } from '@autonomic/workflow';
import { Link } from 'react-router';
import { UpgradeButton } from './UpgradeButton';
import { versionChanges } from './versionChanges';
import { VersionChangesList } from './VersionChangesList';

type Version = ConnectorUsages['versions'][number];

interface Props {
  connectorId: string;
  version: Version;
  /** Undefined for a pinned version that is not installed. */
  definition: ConnectorDefinition | undefined;
  /** The newest installed version, what an upgrade goes to. */
  newest: ConnectorDefinition | undefined;
  /** Workflows whose published version uses this connector: their upgrade diff compares with it. */
  publishedWorkflows: ReadonlySet<string>;
}

/** One version: its actions and effects, what the newest changes, and the workflow versions pinning it. */
export function VersionSection({ connectorId, version, definition, newest, publishedWorkflows }: Props) {
  const upgradable = newest !== undefined && newest.version !== version.version;
  const label = `${connectorId} ${version.version}`;
  return (
    <section className="conn-version" aria-label={label} data-testid={`version-${version.version}`}>
      <h3>
        {version.version}
        {newest?.version === version.version && <span className="conn-tag">newest</span>}
        {!version.installed && <span className="conn-tag conn-risky">not installed</span>}
      </h3>
      {definition && (
        <ul className="conn-actions" aria-label={`Actions of ${label}`}>
          {Object.entries(definition.actions).map(([id, a]) => (
            <li key={id}>
              <code>{id}</code> {a.title} — <span className={`conn-effect conn-effect-${a.effect}`}>{a.effect}</span>
              {a.target && <span className="muted"> · target {a.target.kind}</span>}
            </li>
          ))}
        </ul>
      )}
      {upgradable && definition && (
        <VersionChangesList changes={versionChanges(definition, newest)} to={newest.version} />
      )}
      {version.usages.length === 0 ? (
        <p className="muted">No published or latest workflow version uses it.</p>
      ) : (
        <table className="conn-usages">
          <caption className="visually-hidden">Workflows using {label}</caption>
          <thead>
            <tr>
              <th scope="col">Workflow</th>
              <th scope="col">Version</th>
              <th scope="col">Steps</th>
              {upgradable && <th scope="col">Upgrade</th>}
            </tr>
          </thead>
          <tbody>
            {version.usages.map((u) => (
              <tr key={`${u.workflowId}-${u.number}`} data-testid={`usage-${u.slug}-${u.number}`}>
                <th scope="row">
                  <Link to={`/workflows/${u.workflowId}`}>{u.name}</Link>
                </th>
                <td>
                  v{u.number} · {u.status.replace('_', ' ')}
                  {u.published && u.status !== 'published' && ' · published'}
                  {u.latest && ' · latest'}
                </td>
                <td>{u.steps.map((s) => `${s.stepId} (${s.action})`).join(', ')}</td>
                {upgradable && (
                  <td>
                    {u.latest && u.canEdit ? (
                      <UpgradeButton
                        workflowId={u.workflowId}
                        connector={connectorId}
                        toVersion={newest.version}
                        compareWith={publishedWorkflows.has(u.workflowId) ? 'published' : u.number}
                      />
                    ) : (
                      <span className="muted">
                        {u.latest ? 'only its owner or an admin' : 'a later version exists'}
                      </span>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
