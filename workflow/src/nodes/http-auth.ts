import { z } from 'zod';
import { SecretRef } from '../expression-fields';

/** How an HTTP call authenticates (the http step and the containment actions' endpoints). */
export const HttpAuth = z
  .object({
    type: z.enum(['bearer', 'header', 'basic']),
    secret: SecretRef,
    /** For `header` auth: the header that carries the secret. */
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
  })
  .strict();

/**
 * Header names whose values are credentials. They are sent as written, but a run's trace
 * keeps `[redacted]` in their place: in a step's rendered params (a playbook that wrote
 * `Authorization` into `headers` instead of using `auth` with a secret) and in anything an
 * API answers (its response headers, or a body that echoes the request's headers).
 */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-apikey',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-amz-security-token',
  'x-goog-api-key',
  'x-vault-token',
  'private-token',
  'ocp-apim-subscription-key',
]);

/** What a trace keeps in place of a credential. */
export const REDACTED = '[redacted]';

/** Whether a header (or a JSON key echoing one) carries a credential; any case. */
export const isCredentialHeader = (name: string): boolean => CREDENTIAL_HEADERS.has(name.toLowerCase());
