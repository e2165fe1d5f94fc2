/**
 * A connector client for tests: the real guarded HTTP client with 127.0.0.1 allowed (the
 * mocks listen there) and a sleep that records the waits instead of waiting.
 */
import { createHttpClient, type HttpClient } from '../../src/adapters/http-client';
import { createConnectorClient, type ConnectorClientOptions } from '../../src/connectors/client';
import { ConnectorError } from '../../src/connectors/errors';

export interface TestClient {
  client: ReturnType<typeof createConnectorClient>;
  /** Every wait the client asked for, in ms. */
  waits: number[];
  http: HttpClient;
}

export function testClient(options: Partial<ConnectorClientOptions> = {}): TestClient {
  const http = createHttpClient({ allow: ['127.0.0.1'] });
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  return { client: createConnectorClient({ http, sleep, outboundAllow: ['127.0.0.1'], ...options }), waits, http };
}

/** The ConnectorError a call fails with (the test fails when it succeeds or throws something else). */
export async function failure(call: Promise<unknown>): Promise<ConnectorError> {
  const e = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof ConnectorError)) throw new Error(`expected a ConnectorError, got ${String(e)}`);
  return e;
}
