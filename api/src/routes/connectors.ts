/**
 * Connectors: the vendor APIs playbooks can call, readable by everyone signed in
 * (definitions hold no secrets). Built-in ones ship with the server; admins add their own
 * ("custom"), one immutable version at a time; a version with a destructive action waits
 * for another person's review before it is installed.
 */
import {
  ConnectorActionId,
  ConnectorAuthType,
  ConnectorDefinition,
  ConnectorEffect,
  ConnectorTargetKind,
} from '@autonomic/workflow';
import { z } from 'zod';
import { defineRoute } from '../contract';
import { ConnectorUsages } from './connector-usages';

export * from './connector-usages';
import { ConnectorDrift, ConnectorDriftQuery } from './connector-drift';

export * from './connector-drift';
import { Instant, NullableInstant } from '../fields';
import { OpenApiImportRequest, OpenApiPreview, OpenApiPreviewRequest, OpenApiReport } from './connector-openapi';

export * from './connector-openapi';

/** A connector's id in a path; an unknown one answers 404. */
const IdParams = z.object({ id: z.string().min(1).max(64) });
/** One version of a connector in a path; an unknown one answers 404. */
const VersionParams = z.object({ id: z.string().min(1).max(64), version: z.string().min(1).max(128) });

/** Where a connector comes from: shipped with the server, or added by an admin. */
export const ConnectorSource = z.enum(['builtin', 'custom']);
export type ConnectorSource = z.infer<typeof ConnectorSource>;

/** A version's state: only `installed` ones run and may be pinned; built-ins are always installed. */
export const ConnectorVersionStatus = z.enum(['installed', 'pending_review', 'rejected']);
export type ConnectorVersionStatus = z.infer<typeof ConnectorVersionStatus>;

/** One version of a connector: its state and, for a custom one, who submitted and reviewed it. */
export const ConnectorVersionInfo = z.object({
  version: z.string(),
  status: ConnectorVersionStatus,
  /** The actions whose effect is destructive (what makes a review necessary). */
  destructiveActions: z.array(z.string()),
  /** Null for a built-in. */
  createdById: z.string().nullable(),
  createdAt: NullableInstant,
  reviewedById: z.string().nullable(),
  reviewedAt: NullableInstant,
});
export type ConnectorVersionInfo = z.infer<typeof ConnectorVersionInfo>;

/** A custom connector version as its create, approve and reject routes answer. */
export const CustomConnectorVersion = ConnectorVersionInfo.extend({ connectorId: z.string() });
export type CustomConnectorVersion = z.infer<typeof CustomConnectorVersion>;

/** An action as a list shows it: what it does, its effect class and the kind of target it acts on. */
export const ConnectorActionSummary = z.object({
  id: ConnectorActionId,
  title: z.string(),
  effect: ConnectorEffect,
  targetKind: ConnectorTargetKind.optional(),
});

/** A connector as a list shows it: never a credential, only how it authenticates. */
export const ConnectorSummary = z.object({
  id: z.string(),
  name: z.string(),
  vendor: z.string(),
  version: z.string(),
  description: z.string(),
  authType: ConnectorAuthType,
  actions: z.array(ConnectorActionSummary),
});
export type ConnectorSummary = z.infer<typeof ConnectorSummary>;

/**
 * A connector in `GET /connectors`: name, description, auth and actions are those of
 * `version`, the newest installed one (for an admin or reviewer, a custom connector with
 * none installed yet shows its newest stored one); where it comes from; and its versions.
 */
export const ConnectorListItem = ConnectorSummary.extend({
  source: ConnectorSource,
  /**
   * Every installed version, oldest first (a workflow may pin any of them); admins and
   * reviewers also see versions awaiting review and rejected ones.
   */
  versions: z.array(ConnectorVersionInfo),
});
export type ConnectorListItem = z.infer<typeof ConnectorListItem>;

/** What an OpenAPI import answers: the submitted version (installed, or awaiting review), its definition and the report. */
export const OpenApiImportResult = z.object({
  version: CustomConnectorVersion,
  definition: ConnectorDefinition,
  report: OpenApiReport,
});
export type OpenApiImportResult = z.infer<typeof OpenApiImportResult>;

/**
 * A credential's health, from its latest probe: `test` credentials are never probed against
 * the vendor (their values are not real); `not_probeable`: the connector has no health action.
 */
export const CredentialProbeState = z.enum(['ok', 'failing', 'never_probed', 'not_probeable', 'test']);
export type CredentialProbeState = z.infer<typeof CredentialProbeState>;

/**
 * A connector's health over its live credentials: `ok` all pass, `failing` all probed ones
 * fail, `degraded` some fail (or all pass but open drift breaks what playbooks read: a type
 * change, a required field gone), `unknown` none probed.
 */
export const ConnectorHealthStatus = z.enum(['ok', 'failing', 'degraded', 'unknown']);
export type ConnectorHealthStatus = z.infer<typeof ConnectorHealthStatus>;

/** One probe as the health view shows it: what the vendor answered, scrubbed and short. */
export const ProbeResult = z.object({
  at: Instant,
  ok: z.boolean(),
  /** The vendor's HTTP status, when it answered. */
  status: z.int().nullable(),
  message: z.string(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

export const CredentialHealthItem = z.object({
  name: z.string(),
  mode: z.enum(['live', 'test']),
  state: CredentialProbeState,
  lastProbe: ProbeResult.nullable(),
  nextProbeAt: NullableInstant,
});
export type CredentialHealthItem = z.infer<typeof CredentialHealthItem>;

/** A workflow whose published or latest version uses a failing credential. */
export const AffectedWorkflow = z.object({ id: z.uuid(), name: z.string(), credentials: z.array(z.string()) });
export type AffectedWorkflow = z.infer<typeof AffectedWorkflow>;

/** One connector with credentials in `GET /connectors/health`. */
export const ConnectorHealth = z.object({
  connectorId: z.string(),
  name: z.string(),
  status: ConnectorHealthStatus,
  credentials: z.array(CredentialHealthItem),
  /**
   * Live answers that drifted from the declared response schema: all recorded, still open,
   * and open ones that break what playbooks read (a type change, a required field gone).
   */
  drift: z.object({
    events: z.int().min(0),
    open: z.int().min(0),
    breaking: z.int().min(0),
    lastSeenAt: NullableInstant,
  }),
  affectedWorkflows: z.array(AffectedWorkflow),
});
export type ConnectorHealth = z.infer<typeof ConnectorHealth>;

export const connectorsApi = {
  health: defineRoute({
    method: 'get',
    path: '/connectors/health',
    summary:
      "Connector health: per connector with credentials, each credential's latest probe, drift events and the workflows a failing credential affects (no secrets)",
    tag: 'connectors',
    access: 'authenticated',
    response: z.object({ connectors: z.array(ConnectorHealth) }),
  }),
  list: defineRoute({
    method: 'get',
    path: '/connectors',
    summary: 'List the installed connectors with their versions and actions',
    tag: 'connectors',
    access: 'authenticated',
    response: z.object({ connectors: z.array(ConnectorListItem) }),
  }),
  drift: defineRoute({
    method: 'get',
    path: '/connectors/drift',
    summary:
      "How connector actions' live answers drifted from their declared response schemas, most recently seen first (samples masked)",
    tag: 'connectors',
    access: 'authenticated',
    query: ConnectorDriftQuery,
    response: z.object({ drift: z.array(ConnectorDrift) }),
  }),
  acknowledgeDrift: defineRoute({
    method: 'post',
    path: '/connectors/drift/:id/acknowledge',
    summary:
      'Acknowledge a drift (the definition was fixed or the change is expected): out of the open count until seen again',
    tag: 'connectors',
    access: ['admin'],
    params: z.object({ id: z.uuid() }),
    response: ConnectorDrift,
  }),
  get: defineRoute({
    method: 'get',
    path: '/connectors/:id',
    summary:
      "A connector's full definition (auth kind, actions, params and response schemas, examples): `version`, else the one the list describes (versions awaiting review or rejected: admins and reviewers only)",
    tag: 'connectors',
    access: 'authenticated',
    params: IdParams,
    query: z.object({ version: z.string().min(1).max(128).optional() }).strict(),
    response: ConnectorDefinition,
  }),
  usages: defineRoute({
    method: 'get',
    path: '/connectors/:id/usages',
    summary:
      'Per installed version of a connector, the workflows whose published or latest version pins it, with the steps; and the newest installed version',
    tag: 'connectors',
    access: 'authenticated',
    params: IdParams,
    response: ConnectorUsages,
  }),
  create: defineRoute({
    method: 'post',
    path: '/connectors',
    summary:
      'Add a custom connector version (a definition): installed at once, or awaiting review when an action is destructive',
    tag: 'connectors',
    access: ['admin'],
    body: ConnectorDefinition,
    response: CustomConnectorVersion,
    status: 201,
  }),
  approve: defineRoute({
    method: 'post',
    path: '/connectors/:id/versions/:version/approve',
    summary: 'Install a custom connector version awaiting review (never by the admin who added it)',
    tag: 'connectors',
    access: ['reviewer', 'admin'],
    params: VersionParams,
    response: CustomConnectorVersion,
  }),
  reject: defineRoute({
    method: 'post',
    path: '/connectors/:id/versions/:version/reject',
    summary: 'Reject a custom connector version awaiting review (never by the admin who added it)',
    tag: 'connectors',
    access: ['reviewer', 'admin'],
    params: VersionParams,
    response: CustomConnectorVersion,
  }),
  removeVersion: defineRoute({
    method: 'delete',
    path: '/connectors/:id/versions/:version',
    summary: 'Remove a custom connector version no stored workflow version pins',
    tag: 'connectors',
    access: ['admin'],
    params: VersionParams,
    status: 204,
  }),
  openApiPreview: defineRoute({
    method: 'post',
    path: '/connectors/openapi/preview',
    summary:
      "Read a vendor's OpenAPI 3 document (JSON or YAML, internal $refs only): its operations, servers and auth as a connector would use them, and what cannot be mapped",
    tag: 'connectors',
    access: ['admin'],
    body: OpenApiPreviewRequest,
    response: OpenApiPreview,
  }),
  openApiImport: defineRoute({
    method: 'post',
    path: '/connectors/openapi/import',
    summary:
      'Turn chosen operations of an OpenAPI 3 document into a custom connector version, added as POST /connectors adds one (a destructive action waits for review)',
    tag: 'connectors',
    access: ['admin'],
    body: OpenApiImportRequest,
    response: OpenApiImportResult,
    status: 201,
  }),
};
