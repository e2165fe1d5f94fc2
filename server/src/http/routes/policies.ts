/**
 * Safety policies and a version's policy check (contract: `policiesApi`): everyone signed
 * in reads them, admins change them and waive one for one version with a reason.
 */
import { policiesApi } from '@autonomic/api';
import type { PolicyService } from '../../services/policies';
import type { RouteModule } from '../app';

export interface PolicyRouteDeps {
  policies: PolicyService;
}

export function policyRoutes({ policies }: PolicyRouteDeps): RouteModule {
  return (api) => {
    api.add(policiesApi.list, () => policies.list());
    api.add(policiesApi.create, ({ body, actor }) => policies.create(body, actor));
    api.add(policiesApi.update, ({ params, body, actor }) => policies.update(params.policyId, body, actor));
    api.add(policiesApi.remove, async ({ params, actor }) => {
      await policies.remove(params.policyId, actor);
      return undefined;
    });
    api.add(policiesApi.check, ({ params }) => policies.check(params.id, params.number));
    api.add(policiesApi.waive, ({ params, body, actor }) => policies.waive(params.id, params.number, body, actor));
  };
}
