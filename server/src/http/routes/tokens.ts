/** API tokens of the signed-in user (contract: `tokensApi` in @autonomic/api). */
import { tokensApi } from '@autonomic/api';
import type { RouteModule } from '../app';
import type { AuthDeps } from './auth';

export function tokenRoutes({ auth }: AuthDeps): RouteModule {
  return (api) => {
    api.add(tokensApi.create, ({ actor, body }) => auth.tokens.create(actor, body));
    api.add(tokensApi.list, async ({ actor }) => ({ tokens: await auth.tokens.list(actor) }));
    api.add(tokensApi.listAll, async () => ({ tokens: await auth.tokens.listAll() }));
    api.add(tokensApi.revoke, async ({ actor, params }) => {
      await auth.tokens.revoke(actor, params.id);
      return undefined;
    });
  };
}
