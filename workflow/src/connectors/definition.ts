/**
 * The connector definition format: a vendor API described as data (base URL, auth,
 * actions with request templates and JSON Schemas of their inputs and outputs), so that
 * adding a connector is a definition plus a mock, not code. Templates are the workflow's
 * `{{ }}` templates, restricted to param names (see `templates.ts`).
 */
import { z } from 'zod';
import { Duration } from '../duration';
import { Template } from '../expression-fields';
import { definitionIssues } from './checks';

/** How often a credential is probed when its connector's health action does not say. */
export const DEFAULT_PROBE_EVERY = '15m';

/** The definition format's own version (not the connector's semver). */
export const CONNECTOR_FORMAT_VERSION = 1;

/** A connector's id: a lower-case slug such as `abuseipdb` or `palo-alto-panos`. */
export const ConnectorId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'a slug: lower-case letters and digits, words joined by -')
  .max(64);

/** An action's id, the key in `actions`: `check_ip`, `block_address`. */
export const ConnectorActionId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'an action id: lower-case letters, digits and _');

/** A param name, and so what a `{{ }}` placeholder may hold. */
export const ConnectorParamName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a param name: letters, digits and _, not starting with a digit');

const HeaderName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name');
const QueryName = z.string().regex(/^[A-Za-z0-9_.\-[\]]{1,128}$/, 'a query parameter name');

/** Semantic versioning 2.0.0: `1.4.2`, `2.0.0-beta.1`. */
export const SemVer = z
  .string()
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/,
    'a semantic version such as 1.0.0',
  );

/** What a target param names, so the safety lists apply to it. */
export const ConnectorTargetKind = z.enum(['ip', 'cidr', 'host', 'user', 'domain', 'hash', 'url', 'email']);
export type ConnectorTargetKind = z.infer<typeof ConnectorTargetKind>;

export const ConnectorEffect = z.enum(['read', 'write', 'destructive']);
export type ConnectorEffect = z.infer<typeof ConnectorEffect>;

/**
 * How the credential value is sent. `basic` takes the credential as `user:password`.
 * `webhook_url`: the credential is the URL to call.
 * OAuth2 client credentials: the credential is `client_id:client_secret`, exchanged at
 * `tokenUrl` for a bearer token.
 */
export const ConnectorAuth = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('api_key'),
      /** `body`: a top-level field of the action's JSON or form body (PagerDuty Events' `routing_key`). */
      in: z.enum(['header', 'query', 'body']),
      name: QueryName,
      /**
       * Put before the value in a header: `SSWS ` (Okta), `GenieKey ` (Opsgenie), `ApiKey `
       * (Elasticsearch). Only with `in: 'header'`.
       */
      prefix: z
        .string()
        .min(1)
        .max(40)
        .regex(/^[!-~]+ ?$/, 'a scheme word such as "SSWS ", printable ASCII')
        .optional(),
      /**
       * A setting that names the header instead, when the credential sets it (a gateway
       * whose header each credential chooses); `name` applies when it is empty.
       */
      nameSetting: ConnectorParamName.optional(),
    })
    .strict(),
  z.object({ type: z.literal('bearer') }).strict(),
  z.object({ type: z.literal('basic') }).strict(),
  /** Nothing is sent: the receiver trusts the network (the credential's value is stored but unused). */
  z.object({ type: z.literal('none') }).strict(),
  /**
   * The credential is a whole URL that is itself the secret (a Slack incoming webhook):
   * it must lie under the base URL, requests go to it (plus the action's path unless that
   * is `/`), and it is scrubbed from everything like any credential.
   */
  z.object({ type: z.literal('webhook_url') }).strict(),
  z
    .object({
      type: z.literal('oauth2_client_credentials'),
      /** Placeholders name required settings: `https://login.microsoftonline.com/{{ tenant }}/oauth2/v2.0/token`. */
      tokenUrl: Template.regex(/^https?:\/\/[^/]/, 'an http(s) URL'),
      /** @default [] */
      scopes: z.array(z.string().min(1).max(200)).max(50).default([]),
      /** How the client secret is sent (RFC 6749 §2.3.1). @default 'client_secret_basic' */
      clientAuth: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
    })
    .strict(),
]);
export type ConnectorAuth = z.infer<typeof ConnectorAuth>;

/** The auth types, for lists that show how a connector authenticates (a test checks they match the union). */
export const ConnectorAuthType = z.enum([
  'api_key',
  'bearer',
  'basic',
  'none',
  'webhook_url',
  'oauth2_client_credentials',
]);
export type ConnectorAuthType = z.infer<typeof ConnectorAuthType>;

/** A JSON Schema (any keywords); checked by a JSON Schema validator where it is used. */
export const JsonSchemaNode = z.record(z.string(), z.unknown());

/** The JSON Schema of an action's inputs: an object whose properties are the params. */
export const ConnectorParamsSchema = z
  .object({
    type: z.literal('object'),
    properties: z.record(ConnectorParamName, JsonSchemaNode),
    required: z.array(ConnectorParamName).optional(),
  })
  .loose();

/**
 * The JSON Schema of a credential's settings: non-secret configuration an admin fills in
 * with the credential (a Jira site, a firewall's host), as text. Base URL placeholders
 * may name a setting, so one credential serves every action without each step repeating
 * where the vendor lives.
 */
export const ConnectorSettingsSchema = z
  .object({
    type: z.literal('object'),
    properties: z.record(ConnectorParamName, JsonSchemaNode),
    required: z.array(ConnectorParamName).optional(),
  })
  .loose();
export type ConnectorSettingsSchema = z.infer<typeof ConnectorSettingsSchema>;

/**
 * Where a vendor says how long to wait after a 429 or 503, when it is not the standard
 * `Retry-After` (delay seconds or an HTTP date, RFC 9110 §10.2.3): CrowdStrike answers
 * `X-RateLimit-RetryAfter: <epoch seconds>`. The standard header is still read when the
 * named one is absent.
 */
export const ConnectorRetryAfter = z
  .object({
    header: HeaderName,
    /** `seconds_or_date`: as Retry-After; `epoch_seconds`: the Unix time to try again at. */
    form: z.enum(['seconds_or_date', 'epoch_seconds']),
  })
  .strict();
export type ConnectorRetryAfter = z.infer<typeof ConnectorRetryAfter>;

/**
 * For APIs that report a failure inside a 2xx answer (Slack answers HTTP 200
 * `{ "ok": false, "error": "invalid_auth" }`): such an answer is an error when its
 * top-level `field` equals `equals`; the error code is read from `codeField`, and the
 * codes in `authCodes` mean the credential is wrong (the others are plain HTTP errors).
 * Data, not code, so a definition stays declarative.
 */
export const ConnectorErrorWhen = z
  .object({
    field: z.string().min(1).max(64),
    equals: z.union([z.boolean(), z.number(), z.string().max(200), z.null()]),
    codeField: z.string().min(1).max(64).optional(),
    /** @default [] */
    authCodes: z.array(z.string().min(1).max(100)).max(50).default([]),
  })
  .strict();
export type ConnectorErrorWhen = z.infer<typeof ConnectorErrorWhen>;

/**
 * The message of an SMTP action: templates over the action's params. A field that is one
 * placeholder keeps the param's type, so `to` may be a list. The sender is the credential's
 * `from` setting, never a param: a playbook cannot forge it.
 */
export const ConnectorEmail = z
  .object({
    to: Template,
    cc: Template.optional(),
    bcc: Template.optional(),
    replyTo: Template.optional(),
    subject: Template,
    text: Template.optional(),
    html: Template.optional(),
  })
  .strict();
export type ConnectorEmail = z.infer<typeof ConnectorEmail>;

/**
 * An answer that means the change is already in place (FortiGate's 500 with `error: -5`,
 * "a duplicate entry already exists"; a 404 on a delete): a success, so blocking twice or
 * unblocking what is gone is idempotent. `field`/`equals` test a top-level field of the JSON body.
 */
export const ConnectorDone = z
  .object({
    status: z.int().min(300).max(599),
    field: z.string().min(1).max(64).optional(),
    equals: z.union([z.boolean(), z.number(), z.string().max(200), z.null()]).optional(),
  })
  .strict();
export type ConnectorDone = z.infer<typeof ConnectorDone>;

/**
 * A value a later request of the action needs from this request's answer — the id of the
 * device a search by hostname found — read at a fixed JSON Pointer (RFC 6901) and offered to
 * the later requests' templates under its key, like a param. Only a string or a number is
 * taken; anything else (the search found nothing) ends the call with `missing`, a template
 * over the params, as a not-found error, before any further request is sent.
 */
export const ConnectorCapture = z
  .object({
    pointer: z
      .string()
      .max(200)
      .regex(/^(?:\/(?:[^~/]|~[01])*)+$/, 'a JSON Pointer such as /resources/0'),
    missing: Template.max(300),
  })
  .strict();
export type ConnectorCapture = z.infer<typeof ConnectorCapture>;

/**
 * A further request of an action, sent after the previous one succeeded (or was `done`),
 * templated over the same params and the values earlier requests `capture`d (nothing else
 * of their answers), so an action stays a fixed, reviewable sequence. The action's output is
 * the last answer.
 */
export const ConnectorStep = z
  .object({
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: Template.regex(/^\//, 'a path starting with /'),
    query: z.record(QueryName, Template).optional(),
    headers: z.record(HeaderName, Template).optional(),
    body: z.json().optional(),
    done: z.array(ConnectorDone).max(10).optional(),
    /** Values of this answer the steps after it use (see `ConnectorCapture`). */
    capture: z.record(ConnectorParamName, ConnectorCapture).optional(),
    bodyType: z.enum(['json', 'form']).optional(),
  })
  .strict();
export type ConnectorStep = z.infer<typeof ConnectorStep>;

export const ConnectorAction = z
  .object({
    title: z.string().min(1).max(120),
    description: z.string().max(2_000),
    effect: ConnectorEffect,
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
    /** Appended to the base URL; placeholders are URL-encoded as path segments. */
    path: Template.regex(/^\//, 'a path starting with /'),
    query: z.record(QueryName, Template).optional(),
    headers: z.record(HeaderName, Template).optional(),
    /** A JSON body whose strings are templates; a string that is one placeholder keeps the param's type. */
    body: z.json().optional(),
    /**
     * How `body` is sent: JSON, or `form` (application/x-www-form-urlencoded: an object whose
     * values are text, numbers or booleans; an empty value is left out), as URLhaus and
     * Splunk's search jobs take it. Absent means JSON.
     */
    bodyType: z.enum(['json', 'form']).optional(),
    params: ConnectorParamsSchema,
    response: JsonSchemaNode,
    /**
     * How a 2xx answer is read: JSON, or text as it is (Slack's webhook answers `ok`). A
     * text answer is a string checked against `response`; `errorWhen` does not apply.
     * Absent means JSON.
     */
    responseType: z.enum(['json', 'text']).optional(),
    target: z.object({ param: ConnectorParamName, kind: ConnectorTargetKind }).strict().optional(),
    /**
     * For a generic gateway whose routes each customer chose: the `path` param's value (a
     * path and query starting with `/`, appended to the base URL as written, never another
     * origin) replaces `path`, and the `method` param's value replaces `method`.
     */
    route: z.object({ path: ConnectorParamName, method: ConnectorParamName.optional() }).strict().optional(),
    /** The header that carries the idempotency key on write and destructive calls. @default 'none' */
    idempotency: z.union([z.literal('none'), HeaderName]).default('none'),
    /** A realistic output; simulation answers with it. */
    example: z.json(),
    /** Answers to this request that mean "already so" (see `ConnectorDone`). */
    done: z.array(ConnectorDone).max(10).optional(),
    /** Values of this answer the requests in `then` use (see `ConnectorCapture`). */
    capture: z.record(ConnectorParamName, ConnectorCapture).optional(),
    /** Requests sent after this one, in order (at most 4); the output is the last answer. */
    then: z.array(ConnectorStep).min(1).max(4).optional(),
    /** The message an SMTP connector's action sends (instead of an HTTP request). */
    email: ConnectorEmail.optional(),
  })
  .strict();
export type ConnectorAction = z.infer<typeof ConnectorAction>;

const ConnectorDefinitionShape = z
  .object({
    formatVersion: z.literal(CONNECTOR_FORMAT_VERSION),
    id: ConnectorId,
    name: z.string().min(1).max(120),
    vendor: z.string().min(1).max(120),
    version: SemVer,
    description: z.string().max(2_000),
    /**
     * `https://api.vendor.com`; placeholders are URL-encoded. An SMTP connector's is
     * `smtp://{{ host }}:{{ port }}` (its settings).
     */
    baseUrl: Template.regex(/^(https?|smtp):\/\/[^/]/, 'an http(s) URL, or smtp:// for an SMTP connector'),
    /**
     * How actions are sent: HTTP requests, or e-mail over SMTP (`email` on every action,
     * `basic` auth as `user:password`, settings `host`, `port`, `security` and `from`).
     * Absent means HTTP.
     */
    transport: z.enum(['http', 'smtp']).optional(),
    auth: ConnectorAuth,
    /**
     * Lets each credential pick how it authenticates: its setting `setting` names one of
     * `options` (a gateway some receivers reach with a bearer token, others with a header
     * or basic auth); `auth` applies when the setting is empty. See `authOf`.
     */
    authChoice: z
      .object({ setting: ConnectorParamName, options: z.record(ConnectorParamName, ConnectorAuth) })
      .strict()
      .optional(),
    /** Per-credential settings; base URL placeholders may name them (filled before params). */
    settings: ConnectorSettingsSchema.optional(),
    rateLimit: z
      .object({ requests: z.int().min(1).max(1_000_000), per: Duration })
      .strict()
      .optional(),
    /** Answers retried (honouring Retry-After). @default [429, 502, 503, 504] */
    retryableStatuses: z.array(z.int().min(400).max(599)).max(20).default([429, 502, 503, 504]),
    /** The header that says how long to wait, when not Retry-After (see `ConnectorRetryAfter`). */
    retryAfter: ConnectorRetryAfter.optional(),
    /** A 2xx answer that is a failure all the same (see `ConnectorErrorWhen`). */
    errorWhen: ConnectorErrorWhen.optional(),
    /** The read-only action "test connection" runs, with the params it runs with. */
    healthAction: z
      .object({
        action: ConnectorActionId,
        params: z.record(ConnectorParamName, z.json()).default({}),
        /** How often each credential is probed with it. @default '15m' (`DEFAULT_PROBE_EVERY`) */
        every: Duration.optional(),
      })
      .strict()
      .optional(),
    actions: z.record(ConnectorActionId, ConnectorAction),
  })
  .strict();

/** A connector definition, checked across fields (templates against params, targets, the health action). */
export const ConnectorDefinition = ConnectorDefinitionShape.superRefine((def, ctx) => {
  for (const issue of definitionIssues(def)) ctx.addIssue({ code: 'custom', ...issue });
});
export type ConnectorDefinition = z.infer<typeof ConnectorDefinition>;
export type ConnectorDefinitionInput = z.input<typeof ConnectorDefinition>;
