import { z } from 'zod';
import { StepFailure, stepError } from '../engine';
import type { SecretsVault } from '../services/contracts';

/**
 * The rendered params of the live actions. Lenient where a template may have produced a
 * non-string (a header from a number, a body from an object); strict on what must be text.
 */
const Auth = z.object({
  type: z.enum(['bearer', 'header', 'basic']),
  secret: z.string().min(1),
  header: z.string().optional(),
});

export const HttpParams = z.object({
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  url: z.string().min(1, 'a URL is required'),
  headers: z.record(z.string(), z.unknown()).default({}),
  query: z.record(z.string(), z.unknown()).default({}),
  body: z.unknown().optional(),
  auth: Auth.optional(),
  expectStatus: z.array(z.number().int()).optional(),
});

export function parseParams<T extends z.ZodType>(schema: T, params: unknown, nodeType: string): z.infer<T> {
  const r = schema.safeParse(params);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const where = first ? `params.${first.path.join('.')}` : 'params';
  throw new StepFailure(
    stepError('validation', `${nodeType}: ${where}: ${first?.message ?? 'invalid'}`, { retryable: false }),
  );
}

/** A rendered value as text: strings as they are, anything else as JSON. */
export const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

/** A secret's value; a missing one fails the step (not retried: it will not appear by itself). */
export async function requireSecret(vault: SecretsVault, name: string, what: string): Promise<string> {
  const value = await vault.reveal(name);
  if (value === undefined) {
    throw new StepFailure(
      stepError('validation', `${what}: secret "${name}" is not set (an admin sets it under Secrets)`, {
        retryable: false,
      }),
    );
  }
  return value;
}

/** Headers carrying an auth secret, the values to scrub from outputs, and the header to drop on redirects. */
export async function authHeaders(
  vault: SecretsVault,
  auth: z.infer<typeof Auth> | undefined,
  what: string,
): Promise<{ headers: Record<string, string>; secrets: string[]; header?: string }> {
  if (!auth) return { headers: {}, secrets: [] };
  const value = await requireSecret(vault, auth.secret, what);
  switch (auth.type) {
    case 'bearer':
      return { headers: { authorization: `Bearer ${value}` }, secrets: [value] };
    case 'basic': {
      const encoded = Buffer.from(value).toString('base64');
      return { headers: { authorization: `Basic ${encoded}` }, secrets: [value, encoded] };
    }
    case 'header': {
      if (!auth.header) {
        throw new StepFailure(
          stepError('validation', `${what}: auth.header names the header for "header" auth`, { retryable: false }),
        );
      }
      return { headers: { [auth.header]: value }, secrets: [value], header: auth.header };
    }
  }
}
