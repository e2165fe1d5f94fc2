/** Connector secrets: admins set and delete them; nobody reads a value back. */
import { z } from 'zod';
import { SecretName, type SecretsVaultService } from '../../services/secrets';
import type { RouteModule } from '../app';

export interface SecretRouteDeps {
  vault: SecretsVaultService;
}

const NameParams = z.object({ name: SecretName });
const SecretInfo = z.object({ name: z.string(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() });
const PutBody = z.object({ value: z.string().min(1, 'a value is required').max(65_536) }).strict();

export function secretRoutes({ vault }: SecretRouteDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'get',
        path: '/secrets',
        summary: 'List secret names (never values)',
        tag: 'secrets',
        access: ['admin'],
        response: z.object({ secrets: z.array(SecretInfo) }),
      },
      async () => {
        const rows = await vault.list();
        return {
          secrets: rows.map((r) => ({
            name: r.name,
            createdAt: r.createdAt.toISOString(),
            updatedAt: r.updatedAt.toISOString(),
          })),
        };
      },
    );
    api.add(
      {
        method: 'put',
        path: '/secrets/:name',
        summary: 'Create or replace a secret (the value is encrypted and never returned)',
        tag: 'secrets',
        access: ['admin'],
        params: NameParams,
        body: PutBody,
        response: z.object({ name: z.string(), created: z.boolean(), updatedAt: z.iso.datetime() }),
      },
      async ({ params, body, actor }) => {
        const r = await vault.put(params.name, body.value, actor);
        return { name: r.name, created: r.created, updatedAt: r.updatedAt.toISOString() };
      },
    );
    api.add(
      {
        method: 'delete',
        path: '/secrets/:name',
        summary: 'Delete a secret',
        tag: 'secrets',
        access: ['admin'],
        params: NameParams,
        status: 204,
      },
      async ({ params, actor }) => {
        await vault.remove(params.name, actor);
        return undefined;
      },
    );
  };
}
