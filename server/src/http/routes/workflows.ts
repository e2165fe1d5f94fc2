/**
 * Workflows and their immutable versions (contract: `workflowsApi` in @autonomic/api).
 * Everyone signed in reads them; the owner or an admin writes.
 */
import { workflowsApi } from '@autonomic/api';
import type { WorkflowServices } from '../../services/workflows';
import type { ConnectorUpgradeService } from '../../services/connector-upgrades';
import type { ProbeService } from '../../services/credentials/probes';
import type { RouteModule } from '../app';
import { Reply } from '../route';

export type WorkflowRouteDeps = Pick<WorkflowServices, 'workflows' | 'versions' | 'publishing'> & {
  /** Marks each listed workflow with the failing credentials it uses (`connectorHealth`). */
  probes?: Pick<ProbeService, 'workflowMarks'>;
  /** Re-pins connector steps as a new draft (`POST /workflows/:id/connector-upgrade`). */
  upgrades?: Pick<ConnectorUpgradeService, 'upgrade'>;
};

export function workflowRoutes({ workflows, versions, publishing, probes, upgrades }: WorkflowRouteDeps): RouteModule {
  return (api) => {
    api.add(workflowsApi.create, ({ body, actor }) => workflows.create(actor, body));
    api.add(workflowsApi.list, async ({ query, actor }) => {
      const list = await workflows.list(actor, query);
      if (!probes) return { workflows: list };
      const marks = await probes.workflowMarks(list.map((w) => w.id));
      const connectorHealth = (id: string) =>
        (marks.get(id) ?? []).map((f) => ({ credential: f.name, message: f.message, at: f.at }));
      return { workflows: list.map((w) => ({ ...w, connectorHealth: connectorHealth(w.id) })) };
    });
    api.add(workflowsApi.get, ({ params }) => workflows.get(params.id));
    api.add(workflowsApi.updateSettings, ({ params, body, actor }) => workflows.updateSettings(actor, params.id, body));
    api.add(workflowsApi.saveVersion, async ({ params, body, actor }) => {
      const saved = await versions.save(actor, params.id, body);
      return saved.created ? saved : new Reply(200, saved);
    });
    api.add(workflowsApi.listVersions, async ({ params }) => ({ versions: await versions.list(params.id) }));
    api.add(workflowsApi.getVersion, ({ params }) => versions.get(params.id, params.number));
    if (upgrades) {
      api.add(workflowsApi.connectorUpgrade, async ({ params, body, actor }) => {
        const result = await upgrades.upgrade(actor, params.id, body);
        return result.created ? result : new Reply(200, result);
      });
    }
    api.add(workflowsApi.diff, ({ params, query }) => versions.diff(params.id, query.from, query.to));
    api.add(workflowsApi.publish, ({ params, body, actor }) =>
      publishing.publish(actor, params.id, params.number, body.override ? { override: body.override } : {}),
    );
    api.add(workflowsApi.rollback, ({ params, body, actor }) => publishing.rollback(actor, params.id, body.toNumber));
  };
}
