/**
 * The live effects with connector steps wired as the server wires them (catalog of the
 * built-in connectors, the connector client over the given HTTP client), and the credentials
 * as a map, for guard tests that send `autonomic-gateway` actions (what the retired
 * block-ip / notify steps became).
 */
import { gatewayParams } from '@autonomic/workflow';
import { pino } from 'pino';
import { createLiveEffects, type HttpClient } from '../../src/adapters';
import { createConnectorEffect } from '../../src/adapters/connector-effect';
import { createConnectorCatalog } from '../../src/connectors/catalog';
import type { EffectRequest, EffectsPort } from '../../src/engine';
import type { ConnectorCredentialValue } from '../../src/services/contracts';

export type GatewayCredential = Omit<ConnectorCredentialValue, 'name' | 'connectorId'>;

export function gatewayEffects(
  http: HttpClient,
  credentials: Map<string, GatewayCredential>,
  vault: { reveal(name: string): Promise<string | undefined> } = { reveal: async () => undefined },
): EffectsPort {
  const connectors = createConnectorEffect({
    catalog: createConnectorCatalog(),
    http,
    credentials: {
      async reveal(name) {
        const c = credentials.get(name);
        return c ? { name, connectorId: 'autonomic-gateway', ...c } : undefined;
      },
      index: async () => [],
    },
    client: { sleep: async () => undefined },
  });
  return createLiveEffects({ http, vault, log: pino({ level: 'silent' }), connectors });
}

type Action = Parameters<typeof gatewayParams>[0];

/** A rendered gateway step as the engine hands it to the effects port (effect and target as the engine computed them). */
export function gatewayRequest(
  action: Action,
  input: Record<string, unknown>,
  credential: string,
  more: Partial<EffectRequest> = {},
): EffectRequest {
  const params = gatewayParams(action, input, credential);
  const target = params['target'] as { param: string; kind: 'ip' | 'host' | 'user' } | undefined;
  const value = target ? input[target.param] : undefined;
  return {
    runId: 'run-1',
    stepId: 'step',
    stepKey: 'step',
    nodeType: 'connector',
    effect: target ? 'destructive' : 'write',
    params,
    idempotencyKey: 'run-1:step:1',
    attempt: 1,
    signal: new AbortController().signal,
    ...(target && typeof value === 'string' ? { target: { kind: target.kind, value } } : {}),
    ...more,
  };
}
