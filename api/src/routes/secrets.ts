/** Connector secrets: admins set and delete them; nobody reads a value back. */
import { SecretRef } from '@autonomic/workflow';
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant } from '../fields';

/** A secret's name: the syntax workflows use to refer to it (`auth.secret`). */
export const SecretName = SecretRef;

const NameParams = z.object({ name: SecretName });

/** A stored secret as a list shows it: the name and dates, never the value. */
export const SecretInfo = z.object({ name: z.string(), createdAt: Instant, updatedAt: Instant });
export type SecretInfo = z.infer<typeof SecretInfo>;

export const PutSecretBody = z.object({ value: z.string().min(1, 'a value is required').max(65_536) }).strict();

/** The answer to a put: whether the secret is new, and when it was stored. */
export const SecretStored = z.object({ name: z.string(), created: z.boolean(), updatedAt: Instant });
export type SecretStored = z.infer<typeof SecretStored>;

export const secretsApi = {
  list: defineRoute({
    method: 'get',
    path: '/secrets',
    summary: 'List secret names (never values)',
    tag: 'secrets',
    access: ['admin'],
    response: z.object({ secrets: z.array(SecretInfo) }),
  }),
  put: defineRoute({
    method: 'put',
    path: '/secrets/:name',
    summary: 'Create or replace a secret (the value is encrypted and never returned)',
    tag: 'secrets',
    access: ['admin'],
    params: NameParams,
    body: PutSecretBody,
    response: SecretStored,
  }),
  remove: defineRoute({
    method: 'delete',
    path: '/secrets/:name',
    summary: 'Delete a secret',
    tag: 'secrets',
    access: ['admin'],
    params: NameParams,
    status: 204,
  }),
};
