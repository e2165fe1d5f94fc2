/** API tokens of the signed-in user. */
import { z } from 'zod';
import { CreateTokenSchema } from '../../services/auth';
import type { RouteModule } from '../app';
import type { AuthDeps } from './auth';

const TokenResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  userId: z.uuid(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

const CreatedTokenResponse = TokenResponse.extend({
  token: z.string().describe('`atk_…`, shown only in this answer; send it as `Authorization: Bearer <token>`'),
});

export function tokenRoutes({ auth }: AuthDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'post',
        path: '/tokens',
        summary: 'Create an API token (from a signed-in session); the token is shown once',
        tag: 'tokens',
        access: 'authenticated',
        body: CreateTokenSchema,
        response: CreatedTokenResponse,
        status: 201,
      },
      ({ actor, body }) => auth.tokens.create(actor, body),
    );

    api.add(
      {
        method: 'get',
        path: '/tokens',
        summary: 'Your API tokens (never their secrets)',
        tag: 'tokens',
        access: 'authenticated',
        response: z.object({ tokens: z.array(TokenResponse) }),
      },
      async ({ actor }) => ({ tokens: await auth.tokens.list(actor) }),
    );

    api.add(
      {
        method: 'delete',
        path: '/tokens/:id',
        summary: 'Revoke an API token: your own, or anyone’s as admin',
        tag: 'tokens',
        access: 'authenticated',
        params: z.object({ id: z.uuid() }),
        status: 204,
      },
      async ({ actor, params }) => {
        await auth.tokens.revoke(actor, params.id);
        return undefined;
      },
    );
  };
}
