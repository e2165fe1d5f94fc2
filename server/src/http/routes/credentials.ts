/** Connector credentials (contract: `credentialsApi`): admins manage them; no route returns a value. */
import { credentialsApi } from '@autonomic/api';
import type { CredentialsService } from '../../services/credentials';
import type { RouteModule } from '../app';

export function credentialRoutes({ credentials }: { credentials: CredentialsService }): RouteModule {
  return (api) => {
    api.add(credentialsApi.list, async ({ query }) => ({ credentials: await credentials.list(query) }));
    api.add(credentialsApi.create, ({ body, actor }) => credentials.create(body, actor));
    api.add(credentialsApi.update, ({ params, body, actor }) => credentials.update(params.name, body, actor));
    api.add(credentialsApi.remove, async ({ params, actor }) => {
      await credentials.remove(params.name, actor);
      return undefined;
    });
    api.add(credentialsApi.test, ({ params, actor }) => credentials.test(params.name, actor));
    api.add(credentialsApi.rotate, ({ params, body, actor }) => credentials.rotate(params.name, body.value, actor));
  };
}
