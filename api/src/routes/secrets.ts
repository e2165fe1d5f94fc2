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

/** What everyone signed in may see of a secret: its name. */
export const SecretNameItem = z.object({ name: z.string() }).strict();

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
  /** For the editor's pick-list of an HTTP step's `auth.secret`: analysts name a secret, they never manage one. */
  names: defineRoute({
    method: 'get',
    path: '/secrets/names',
    summary: 'Secret names only, for picking one in a step (no values, no dates)',
    tag: 'secrets',
    access: 'authenticated',
    response: z.object({ secrets: z.array(SecretNameItem) }),
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
