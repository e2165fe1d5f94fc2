/** API tokens for machines and the CLI: shown once, stored as SHA-256, revocable. */
import { CreateTokenBody, type Actor } from '@autonomic/api';
import type { AppContext } from '../../context';
import { AppError, NotFoundError } from '../../errors';
import { transaction } from '../../store/db';
import {
  findApiToken,
  insertApiToken,
  listAllApiTokens,
  listApiTokens,
  revokeApiToken,
  type ApiTokenInfo,
} from '../../store/api-tokens';
import { recordAudit } from '../audit';
import type { CredentialCache } from './credential-cache';
import { newApiToken, sha256 } from './secrets';

const DAY_MS = 24 * 60 * 60_000;

export function createTokenService({ ctx, cache }: { ctx: AppContext; cache: CredentialCache }) {
  const { prisma } = ctx;
  return {
    /**
     * Only a signed-in person (session) mints tokens: a leaked token must not be able to
     * mint itself successors that outlive its revocation.
     */
    async create(actor: Actor, input: CreateTokenBody): Promise<ApiTokenInfo & { token: string }> {
      if (actor.via !== 'session') {
        throw new AppError(403, 'session_required', 'create API tokens from a signed-in session');
      }
      const { name, expiresInDays } = CreateTokenBody.parse(input);
      const token = newApiToken();
      const expiresAt = expiresInDays ? new Date(ctx.clock.now() + expiresInDays * DAY_MS) : null;
      const created = await transaction(prisma, async (tx) => {
        const row = await insertApiToken(tx, { name, tokenHash: sha256(token), userId: actor.userId, expiresAt });
        await recordAudit(tx, {
          actor,
          action: 'token.created',
          targetType: 'api_token',
          targetId: row.id,
          details: { name, expiresAt: expiresAt?.toISOString() ?? null, ownerId: actor.userId },
        });
        return row;
      });
      return { ...created, token };
    },

    /** The caller's own tokens, newest first, revoked ones included. */
    list(actor: Actor): Promise<ApiTokenInfo[]> {
      return listApiTokens(prisma, actor.userId);
    },

    /** Every user's tokens with their owners (the route is admins' only). */
    listAll(): Promise<(ApiTokenInfo & { owner: string })[]> {
      return listAllApiTokens(prisma);
    },

    /** Revokes one's own token (an admin: anyone's). Revoking twice is not an error. */
    async revoke(actor: Actor, id: string): Promise<void> {
      const token = await findApiToken(prisma, id);
      // Someone else's token is "not found", so ids of other people's tokens cannot be probed.
      if (!token || (token.userId !== actor.userId && actor.role !== 'admin')) throw new NotFoundError('API token');
      await transaction(prisma, async (tx) => {
        if (!(await revokeApiToken(tx, id, new Date(ctx.clock.now())))) return;
        await recordAudit(tx, {
          actor,
          action: 'token.revoked',
          targetType: 'api_token',
          targetId: id,
          details: { name: token.name, ownerId: token.userId },
        });
      });
      cache.invalidateToken(id);
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
