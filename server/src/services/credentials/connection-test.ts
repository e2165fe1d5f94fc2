/**
 * "Test connection": the connector's read-only health action, run with a credential
 * through the connector client (so through the outbound guard, with the definition's auth
 * and retries). The answer says what the vendor said, never the value.
 */
import { performance } from 'node:perf_hooks';
import type { ConnectorDefinition } from '@autonomic/workflow';
import { scrubText } from '../../adapters/redact';
import type { ConnectorClient } from '../../connectors/client';
import { ConnectorError } from '../../connectors/errors';

export interface ConnectionOutcome {
  ok: boolean;
  /** The vendor's HTTP status, when it answered. */
  status?: number;
  message: string;
  ms: number;
}

/** The credential as the test uses it. */
export interface TestedCredential {
  value: string;
  settings: Record<string, string>;
  baseUrl: string | null;
}

/** Long enough for a slow vendor and one retry; short enough for an admin waiting on a button. */
const TEST_TIMEOUT_MS = 20_000;
/** Stored and shown: the vendor's first words are enough to say why. */
const MAX_MESSAGE = 500;

/** @returns undefined when the definition has no health action (nothing to test with) */
export async function testConnection(
  client: ConnectorClient,
  definition: ConnectorDefinition,
  credential: TestedCredential,
  timeoutMs = TEST_TIMEOUT_MS,
): Promise<ConnectionOutcome | undefined> {
  const health = definition.healthAction;
  if (!health) return undefined;
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const result = await client.execute({
      definition,
      action: health.action,
      params: health.params,
      credential: credential.value,
      ...(credential.baseUrl ? { baseUrl: credential.baseUrl } : {}),
      settings: credential.settings,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      ok: true,
      status: result.status,
      message: `${definition.name} answered HTTP ${result.status} to ${health.action}`,
      ms: ms(),
    };
  } catch (e) {
    // The client scrubs its messages; scrubbing again costs nothing and covers any other throw.
    const why =
      e instanceof ConnectorError ? e.message : `the test failed: ${e instanceof Error ? e.name : 'unknown error'}`;
    const message = scrubText(why, [credential.value]).slice(0, MAX_MESSAGE);
    const status = e instanceof ConnectorError ? e.status : undefined;
    return { ok: false, ...(status === undefined ? {} : { status }), message, ms: ms() };
  }
}
