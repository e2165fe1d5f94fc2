import { tokensApi, type CreateTokenBody } from '@autonomic/api';
import { api } from '../../api/client';

/** The signed-in user's tokens (never their secrets). */
export const listTokens = () => api(tokensApi.list, {});

/** The answer carries the token itself, this once. */
export const createToken = (body: CreateTokenBody) => api(tokensApi.create, { body });

export const revokeToken = (id: string) => api(tokensApi.revoke, { params: { id } });

/** Everyone's tokens with their owners (admins). */
export const listAllTokens = () => api(tokensApi.listAll, {});
