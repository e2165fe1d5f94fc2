/** Connector credentials (contract: `credentialsApi`): admins manage them; no route returns a value. */
import { credentialsApi } from '@autonomic/api';
import type { CredentialsService } from '../../services/credentials';
import type { ProbeService } from '../../services/credentials/probes';
import type { RouteModule } from '../app';

export interface CredentialRouteDeps {
  credentials: CredentialsService;
  /**
   * When present, a test connection and a rotation's test are recorded as the credential's
   * latest probe, and its probe history is listed.
   */
  probes?: Pick<ProbeService, 'probeNow' | 'recordTest' | 'forget' | 'history'>;
}

export function credentialRoutes({ credentials, probes }: CredentialRouteDeps): RouteModule {
  return (api) => {
    api.add(credentialsApi.list, async ({ query }) => ({ credentials: await credentials.list(query) }));
    api.add(credentialsApi.create, ({ body, actor }) => credentials.create(body, actor));
    api.add(credentialsApi.update, async ({ params, body, actor }) => {
      const updated = await credentials.update(params.name, body, actor);
      // New settings or a new base URL clear the last test: the last probe says nothing either.
      if (probes && updated.lastTest === null) await probes.forget(params.name);
      return updated;
    });
    api.add(credentialsApi.remove, async ({ params, actor }) => {
      await credentials.remove(params.name, actor);
      return undefined;
    });
    api.add(credentialsApi.test, ({ params, actor }) =>
      probes ? probes.probeNow(params.name, actor) : credentials.test(params.name, actor),
    );
    // Without a probe service (some test apps) nothing is probed, so there is no history to list.
    if (probes)
      api.add(credentialsApi.probes, async ({ params, query }) => ({
        probes: await probes.history(params.name, query.limit),
      }));
    api.add(credentialsApi.rotate, async ({ params, body, actor }) => {
      const rotated = await credentials.rotate(params.name, body.value, actor);
      if (probes && rotated.test) await probes.recordTest(params.name, rotated.test);
      return rotated;
    });
  };
}
