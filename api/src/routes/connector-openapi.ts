/**
 * OpenAPI import: an admin pastes a vendor's OpenAPI 3.0 or 3.1 document, sees its
 * operations, servers and auth (preview), ticks operations and marks their effect and
 * target, and the server turns them into a draft custom connector version submitted like
 * any other (so a destructive action still waits for another person's review). Bodies
 * and answers of `POST /connectors/openapi/preview` and `/import`.
 */
import {
  ConnectorActionId,
  ConnectorAuthType,
  ConnectorEffect,
  ConnectorId,
  ConnectorParamName,
  ConnectorTargetKind,
  SemVer,
} from '@autonomic/workflow';
import { z } from 'zod';

/** The most characters a pasted document may have (the server's JSON body limit is 1 MB). */
export const OPENAPI_DOCUMENT_MAX = 800_000;

/** The document as text: JSON or YAML. */
export const OpenApiText = z
  .string()
  .min(1, 'paste or upload an OpenAPI document')
  .max(OPENAPI_DOCUMENT_MAX, `at most ${OPENAPI_DOCUMENT_MAX} characters`);

/** Something in the document the import cannot use as it is; `path` is where, from the document's root. */
export const OpenApiProblem = z.object({ path: z.string(), message: z.string() });
export type OpenApiProblem = z.infer<typeof OpenApiProblem>;

/** One input of an operation as the action's param. */
export const OpenApiParam = z.object({
  /** The action's param name (an OpenAPI name like `X-Request-Id` becomes `X_Request_Id`). */
  name: ConnectorParamName,
  /** The name in the document. */
  source: z.string(),
  in: z.enum(['path', 'query', 'header', 'body']),
  required: z.boolean(),
  /** The JSON Schema type, when the document says. */
  type: z.string().optional(),
});
export type OpenApiParam = z.infer<typeof OpenApiParam>;

/** One operation of the document, with what the import would make of it. */
export const OpenApiOperation = z.object({
  /** `GET /tickets/{id}`: how the import names the operation. */
  key: z.string(),
  method: z.string(),
  path: z.string(),
  operationId: z.string().optional(),
  summary: z.string().optional(),
  /** The suggested action id: the operationId as a slug, else method and path. */
  actionId: ConnectorActionId,
  /** The suggested effect: GET/HEAD read, the others write; the admin confirms it. */
  effect: ConnectorEffect,
  params: z.array(OpenApiParam),
  /** The request body's media type and whether its fields became params. */
  requestBody: z.object({ contentType: z.string(), mapped: z.boolean() }).nullable(),
  /** The 2xx answer whose JSON Schema becomes the response schema, when there is one. */
  response: z.object({ status: z.string(), schema: z.boolean() }).nullable(),
  /** False when no action can call it (OPTIONS, TRACE). */
  supported: z.boolean(),
  /** What was approximated or could not be mapped. */
  notes: z.array(z.string()),
});
export type OpenApiOperation = z.infer<typeof OpenApiOperation>;

/** A security scheme of the document and the connector auth it becomes, or why it cannot. */
export const OpenApiAuthScheme = z.object({
  name: z.string(),
  /** As the document says: `apiKey`, `http bearer`, `oauth2`… */
  type: z.string(),
  authType: ConnectorAuthType.optional(),
  /** How the credential is sent (`header X-Api-Key`), or why the scheme is not supported. */
  detail: z.string(),
  supported: z.boolean(),
});
export type OpenApiAuthScheme = z.infer<typeof OpenApiAuthScheme>;

export const OpenApiPreviewRequest = z.object({ document: OpenApiText }).strict();

export const OpenApiPreview = z.object({
  /** From `info`: the defaults of the connector's name, vendor, version and description. */
  title: z.string(),
  version: z.string(),
  description: z.string(),
  /** The suggested connector id (a slug of the title). */
  connectorId: z.string(),
  /** The connector's base URL from `servers[0]` (variables become settings), or null when unusable. */
  baseUrl: z.string().nullable(),
  /** Settings the base URL needs (server variables). */
  settings: z.array(z.string()),
  servers: z.array(z.string()),
  auth: z.object({ chosen: z.string().nullable(), schemes: z.array(OpenApiAuthScheme) }),
  operations: z.array(OpenApiOperation),
  /** Document-level problems (unsupported auth, webhooks, a relative server…). */
  problems: z.array(OpenApiProblem),
});
export type OpenApiPreview = z.infer<typeof OpenApiPreview>;

/** An operation the admin chose, with what they decided about it. */
export const OpenApiChoice = z
  .object({
    key: z.string().min(1).max(2_100),
    /** @default the suggested one */
    actionId: ConnectorActionId.optional(),
    effect: ConnectorEffect,
    /** Required for a destructive action, so the safety lists apply. */
    target: z.object({ param: ConnectorParamName, kind: ConnectorTargetKind }).strict().optional(),
  })
  .strict();
export type OpenApiChoice = z.infer<typeof OpenApiChoice>;

export const OpenApiImportRequest = z
  .object({
    document: OpenApiText,
    connector: z
      .object({
        id: ConnectorId,
        /** @default info.title */
        name: z.string().trim().min(1).max(120).optional(),
        /** @default the name */
        vendor: z.string().trim().min(1).max(120).optional(),
        /** @default info.version when it is semver, else 1.0.0 */
        version: SemVer.optional(),
        /** @default info.description */
        description: z.string().max(2_000).optional(),
      })
      .strict(),
    operations: z.array(OpenApiChoice).min(1, 'choose at least one operation').max(200),
    /** A chosen read action without required params that "test connection" runs. */
    healthAction: ConnectorActionId.optional(),
  })
  .strict();
export type OpenApiImportRequest = z.infer<typeof OpenApiImportRequest>;

/** What became of each chosen operation. */
export const OpenApiReport = z.object({
  actions: z.array(
    z.object({ actionId: ConnectorActionId, key: z.string(), effect: ConnectorEffect, notes: z.array(z.string()) }),
  ),
  problems: z.array(OpenApiProblem),
});
export type OpenApiReport = z.infer<typeof OpenApiReport>;
