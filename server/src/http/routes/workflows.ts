/**
 * Workflows and their immutable versions (contract: `workflowsApi` in @autonomic/api).
 * Everyone signed in reads them; the owner or an admin writes.
 */
import { workflowsApi } from '@autonomic/api';
import type { WorkflowServices } from '../../services/workflows';
import type { ConnectorUpgradeService } from '../../services/connector-upgrades';
import type { RouteModule } from '../app';
import { Reply } from '../route';

export type WorkflowRouteDeps = Pick<WorkflowServices, 'workflows' | 'versions' | 'publishing'> & {
  /** Re-pins connector steps as a new draft (`POST /workflows/:id/connector-upgrade`). */
  upgrades?: Pick<ConnectorUpgradeService, 'upgrade'>;
};

export function workflowRoutes({ workflows, versions, publishing, upgrades }: WorkflowRouteDeps): RouteModule {
  return (api) => {
    api.add(workflowsApi.create, ({ body, actor }) => workflows.create(actor, body));
    api.add(workflowsApi.list, async ({ query, actor }) => ({ workflows: await workflows.list(actor, query) }));
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
    api.add(workflowsApi.publish, ({ params, actor }) => publishing.publish(actor, params.id, params.number));
    api.add(workflowsApi.rollback, ({ params, body, actor }) => publishing.rollback(actor, params.id, body.toNumber));
  };
}
