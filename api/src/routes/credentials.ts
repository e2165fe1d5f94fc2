/**
 * Connector credentials: named per connector, each `live` or `test`. Admins create, change,
 * test, rotate and delete them; everyone signed in lists them (editors pick one per step).
 * No route ever returns a value.
 */
import { ConnectorId, ConnectorParamName } from '@autonomic/workflow';
import { z } from 'zod';
import { defineRoute } from '../contract';
import { Instant, NullableInstant } from '../fields';

/** What a workflow step names: a slug, `_` allowed (`abuseipdb_prod`, `jira-soc`). */
export const CredentialName = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/, 'a slug: lower-case letters and digits, words joined by - or _');

export const CredentialMode = z.enum(['live', 'test']);
export type CredentialMode = z.infer<typeof CredentialMode>;

/** Non-secret settings as text, checked by the server against the connector's settings schema. */
export const CredentialSettings = z
  .record(ConnectorParamName, z.string().max(2_048))
  .refine((s) => Object.keys(s).length <= 50, 'at most 50 settings');

/** An admin's base URL for an on-premises appliance: http(s), no user or password in it. */
export const CredentialBaseUrl = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL' })
  .max(2_048)
  .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'no user or password in the URL (the credential carries them)');

/** The secret itself: an API key, a token, `user:password` or `client_id:client_secret`. */
export const CredentialValue = z.string().min(1, 'a value is required').max(16_384);

export const CreateCredentialBody = z
  .object({
    name: CredentialName,
    connectorId: ConnectorId,
    mode: CredentialMode,
    value: CredentialValue,
    settings: CredentialSettings.default({}),
    baseUrl: CredentialBaseUrl.optional(),
  })
  .strict();
export type CreateCredentialBody = z.infer<typeof CreateCredentialBody>;

/** PATCH body: the value changes only by rotation; `baseUrl: null` goes back to the definition's. */
export const UpdateCredentialBody = z
  .object({
    mode: CredentialMode.optional(),
    settings: CredentialSettings.optional(),
    baseUrl: CredentialBaseUrl.nullable().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type UpdateCredentialBody = z.infer<typeof UpdateCredentialBody>;

export const RotateCredentialBody = z.object({ value: CredentialValue }).strict();

/** One "test connection": the connector's read-only health action, run with the credential. */
export const ConnectionTest = z.object({
  ok: z.boolean(),
  /** The vendor's HTTP status, when it answered. */
  status: z.int().optional(),
  /** What happened, in the vendor's words on failure; never the value. */
  message: z.string(),
  ms: z.int().min(0),
  testedAt: Instant,
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

/** A credential as lists show it: everything but the value. */
export const CredentialInfo = z.object({
  id: z.uuid(),
  name: z.string(),
  connectorId: z.string(),
  mode: CredentialMode,
  settings: z.record(z.string(), z.string()),
  baseUrl: z.string().nullable(),
  lastUsedAt: NullableInstant,
  lastTest: z.object({ at: Instant, ok: z.boolean(), message: z.string() }).nullable(),
  rotation: z.object({
    /** 1 for the first value, +1 per rotation. */
    version: z.int().min(1),
    rotatedAt: NullableInstant,
    /** The last attempt whose new value failed its test (the old value stayed), since the last rotation. */
    failedAt: NullableInstant,
    failure: z.string().nullable(),
  }),
  createdById: z.uuid().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type CredentialInfo = z.infer<typeof CredentialInfo>;

/** A rotation that took: the credential, and the test the new value passed (null: the connector has no health action). */
export const CredentialRotated = z.object({ credential: CredentialInfo, test: ConnectionTest.nullable() });

const NameParams = z.object({ name: CredentialName });

/** One health probe of a credential, as its history lists it: never the value, the vendor's message scrubbed and short. */
export const CredentialProbe = z.object({
  at: Instant,
  ok: z.boolean(),
  /** The vendor's HTTP status, when it answered. */
  status: z.int().nullable(),
  message: z.string(),
  ms: z.int().min(0),
  /** `schedule`: the probe scheduler; `manual`: an admin's test connection or a rotation's test. */
  source: z.enum(['schedule', 'manual']),
});
export type CredentialProbe = z.infer<typeof CredentialProbe>;

export const CredentialProbesQuery = z
  .object({
    /** The newest probes to list (the server keeps the last 50 per credential). @default 50 */
    limit: z.coerce.number().int().min(1).max(50).default(50),
  })
  .strict();

export const credentialsApi = {
  list: defineRoute({
    method: 'get',
    path: '/credentials',
    summary: 'List connector credentials (never values), optionally of one connector',
    tag: 'credentials',
    access: 'authenticated',
    query: z.object({ connectorId: ConnectorId.optional() }).strict(),
    response: z.object({ credentials: z.array(CredentialInfo) }),
  }),
  create: defineRoute({
    method: 'post',
    path: '/credentials',
    summary: 'Create a credential for a connector (the value is encrypted and never returned)',
    tag: 'credentials',
    access: ['admin'],
    body: CreateCredentialBody,
    response: CredentialInfo,
    status: 201,
  }),
  update: defineRoute({
    method: 'patch',
    path: '/credentials/:name',
    summary: "Change a credential's mode, settings or base URL",
    tag: 'credentials',
    access: ['admin'],
    params: NameParams,
    body: UpdateCredentialBody,
    response: CredentialInfo,
  }),
  remove: defineRoute({
    method: 'delete',
    path: '/credentials/:name',
    summary: 'Delete a credential',
    tag: 'credentials',
    access: ['admin'],
    params: NameParams,
    status: 204,
  }),
  test: defineRoute({
    method: 'post',
    path: '/credentials/:name/test',
    summary: "Test connection: run the connector's read-only health action with the credential (result recorded)",
    tag: 'credentials',
    access: ['admin'],
    params: NameParams,
    response: ConnectionTest,
  }),
  rotate: defineRoute({
    method: 'post',
    path: '/credentials/:name/rotate',
    summary: 'Replace the value: the new one is tested first; on failure the old one stays (422)',
    tag: 'credentials',
    access: ['admin'],
    params: NameParams,
    body: RotateCredentialBody,
    response: CredentialRotated,
  }),
  probes: defineRoute({
    method: 'get',
    path: '/credentials/:name/probes',
    summary:
      "A credential's recent health probes, newest first (when, ok, HTTP status, message, ms, scheduled or manual; never the value)",
    tag: 'credentials',
    access: ['reviewer', 'admin'],
    params: NameParams,
    query: CredentialProbesQuery,
    response: z.object({ probes: z.array(CredentialProbe) }),
  }),
};
