import type { AppContext } from '../context';
import type { ConnectorCatalog, ConnectorCredentials, EffectsFactory, SecretsVault } from '../services/contracts';
import type { ConnectorClientOptions } from '../connectors/client';
import { createConnectorEffect } from './connector-effect';
import { createEffectGuard, type EffectGuard, type EffectGuardOptions } from './effect-guard';
import { createHttpClient, type HttpClient } from './http-client';
import { createLiveEffects } from './live-effects';

export interface EffectsFactoryService extends EffectsFactory {
  /** The guarded client every outbound call goes through (also for live reads in simulations). */
  readonly http: HttpClient;
  readonly guard: EffectGuard;
  close(): Promise<void>;
}

export interface EffectsFactoryDeps {
  vault: SecretsVault;
  /** @default a client with `OUTBOUND_ALLOW` */
  http?: HttpClient;
  guard?: EffectGuardOptions;
  /** What `connector` steps run: the installed definitions and the named credentials. Without it they fail with `validation`. */
  connectors?: {
    catalog: ConnectorCatalog;
    credentials: ConnectorCredentials;
    /** Told of live answers that drifted from their response schema (services/connector-drift.ts). */
    drift?: ConnectorClientOptions['drift'];
  };
}

/**
 * Live effects per workflow: the real actions over the SSRF-guarded client, behind the
 * kill switch (refuses every effect while on) and the per-hour destructive budget. The
 * per-run budget is the engine's (`engine.start(..., { maxDestructive })`).
 */
export function createEffectsFactory(ctx: AppContext, deps: EffectsFactoryDeps): EffectsFactoryService {
  const http = deps.http ?? createHttpClient({ allow: ctx.config.OUTBOUND_ALLOW });
  const guard = createEffectGuard(ctx, deps.guard);
  const connectors = deps.connectors ? connectorEffect(deps.connectors, http) : undefined;
  const live = createLiveEffects({ http, vault: deps.vault, log: ctx.log, ...(connectors ? { connectors } : {}) });
  return {
    http,
    guard,
    forWorkflow: (workflowId) => guard.wrap(workflowId, live),
    close: () => http.close(),
  };
}

function connectorEffect(deps: NonNullable<EffectsFactoryDeps['connectors']>, http: HttpClient) {
  const { drift, ...rest } = deps;
  return createConnectorEffect({ ...rest, http, ...(drift ? { client: { drift } } : {}) });
}
