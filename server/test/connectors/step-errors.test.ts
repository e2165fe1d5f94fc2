import { describe, expect, it } from 'vitest';
import { connectorStepError } from '../../src/adapters/connector-effect';
import { ConnectorError, type ConnectorErrorKind } from '../../src/connectors/errors';
import { describeAction } from '../../src/engine';
import { catalog } from '../engine/connector-support';

const live = new AbortController().signal;

describe('connector errors as step errors', () => {
  it.each<[ConnectorErrorKind, number | undefined, string, boolean]>([
    ['auth', 401, 'http_4xx', false],
    ['not_found', 404, 'http_4xx', false],
    ['rate_limited', 429, 'http_429', true],
    ['http', 503, 'http_5xx', true],
    ['http', 400, 'http_4xx', false],
    ['network', undefined, 'network', true],
    ['refused', undefined, 'safety', false],
    ['bad_response', 200, 'validation', false],
    ['invalid_params', undefined, 'validation', false],
    ['unsupported', undefined, 'validation', false],
  ])(
    'when the connector fails with %s (%s) then the step error is %s, retryable %s',
    (kind, status, stepKind, retryable) => {
      const e = new ConnectorError(kind, `abuseipdb.check_ip: ${kind}`, status === undefined ? {} : { status });

      expect(connectorStepError(e, live)).toMatchObject({ kind: stepKind, retryable, message: e.message });
    },
  );

  it('when the transport failed because the engine aborted the call then it is a timeout', () => {
    const aborted = AbortSignal.abort();

    expect(connectorStepError(new ConnectorError('network', 'socket hang up'), aborted).kind).toBe('timeout');
  });

  it('when something else was thrown then it is an internal error that is not retried', () => {
    expect(connectorStepError(new TypeError('bug'), live)).toMatchObject({ kind: 'internal', retryable: false });
  });
});

describe('describeAction for connector steps', () => {
  const names = { definition: (id: string, version: string) => catalog.get(id, version) };
  const params = { connector: 'abuseipdb', version: '1.0.0', action: 'check_ip', input: { ipAddress: '203.0.113.7' } };

  it("when the connector is installed then the text is its name, the action's title and the target", () => {
    expect(describeAction('connector', params, names)).toBe('AbuseIPDB: Check IP reputation 203.0.113.7');
  });

  it('when the catalog is not at hand then the ids stand in for the names', () => {
    expect(describeAction('connector', params)).toBe('abuseipdb: check_ip');
  });
});
