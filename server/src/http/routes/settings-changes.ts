/**
 * Loosening settings changes of a workflow, waiting for a second person (contract:
 * `settingsChangesApi`). Everyone signed in reads them; a reviewer or admin, never the
 * requester, decides.
 */
import { settingsChangesApi } from '@autonomic/api';
import type { SettingsReviewService } from '../../services/workflows';
import type { RouteModule } from '../app';

export interface SettingsChangeRouteDeps {
  changes: SettingsReviewService;
  /** Told when an approved change is in force (the effect guard drops its cached policy). */
  onApproved?: (workflowId: string) => void;
}

export function settingsChangeRoutes({ changes, onApproved }: SettingsChangeRouteDeps): RouteModule {
  return (api) => {
    api.add(settingsChangesApi.killSwitch, ({ params }) => changes.killSwitch(params.id));
    api.add(settingsChangesApi.list, async ({ params, actor }) => ({ changes: await changes.list(actor, params.id) }));
    api.add(settingsChangesApi.decide, async ({ params, body, actor }) => {
      const decided = await changes.decide(actor, params.id, params.changeId, body);
      if (decided.status === 'approved') onApproved?.(decided.workflowId);
      return decided;
    });
  };
}
