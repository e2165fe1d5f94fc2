/** Connector secrets: admins set and delete them; nobody reads a value back (contract: `secretsApi`). */
import { secretsApi } from '@autonomic/api';
import type { SecretsVaultService } from '../../services/secrets';
import type { RouteModule } from '../app';

export interface SecretRouteDeps {
  vault: SecretsVaultService;
}

export function secretRoutes({ vault }: SecretRouteDeps): RouteModule {
  return (api) => {
    api.add(secretsApi.list, async () => ({ secrets: await vault.list() }));
    api.add(secretsApi.names, async () => ({ secrets: (await vault.list()).map((s) => ({ name: s.name })) }));
    api.add(secretsApi.put, ({ params, body, actor }) => vault.put(params.name, body.value, actor));
    api.add(secretsApi.remove, async ({ params, actor }) => {
      await vault.remove(params.name, actor);
      return undefined;
    });
  };
}
