/**
 * API tokens of the signed-in user, for machines and the CLI: shown once at creation,
 * stored only as a hash, revocable.
 */
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant, NullableInstant } from '../fields';

export const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Omitted: the token never expires (it can still be revoked). */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

/** A token as its owner may see it: never the secret, nor its hash. */
export const TokenInfo = z.object({
  id: z.uuid(),
  name: z.string(),
  userId: z.uuid(),
  createdAt: Instant,
  lastUsedAt: NullableInstant,
  expiresAt: NullableInstant,
  revokedAt: NullableInstant,
});
export type TokenInfo = z.infer<typeof TokenInfo>;

export const CreatedToken = TokenInfo.extend({
  token: z.string().describe('`atk_…`, shown only in this answer; send it as `Authorization: Bearer <token>`'),
});
export type CreatedToken = z.infer<typeof CreatedToken>;

/** A token as an admin sees it in the list of everyone's: with its owner's username. */
export const OwnedTokenInfo = TokenInfo.extend({ owner: z.string() });
export type OwnedTokenInfo = z.infer<typeof OwnedTokenInfo>;

export const tokensApi = {
  create: defineRoute({
    method: 'post',
    path: '/tokens',
    summary: 'Create an API token (from a signed-in session); the token is shown once',
    tag: 'tokens',
    access: 'authenticated',
    body: CreateTokenBody,
    response: CreatedToken,
    status: 201,
  }),
  list: defineRoute({
    method: 'get',
    path: '/tokens',
    summary: 'Your API tokens (never their secrets)',
    tag: 'tokens',
    access: 'authenticated',
    response: z.object({ tokens: z.array(TokenInfo) }),
  }),
  listAll: defineRoute({
    method: 'get',
    path: '/tokens/all',
    summary: "Everyone's API tokens with their owners (never their secrets)",
    tag: 'tokens',
    access: ['admin'],
    response: z.object({ tokens: z.array(OwnedTokenInfo) }),
  }),
  revoke: defineRoute({
    method: 'delete',
    path: '/tokens/:id',
    summary: 'Revoke an API token: your own, or anyone’s as admin',
    tag: 'tokens',
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    status: 204,
  }),
};
