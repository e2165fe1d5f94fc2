/**
 * The live effect of a `connector` step: the pinned definition from the catalog, the
 * named credential, and the connector client (params schema, templates, auth, retries on
 * the vendor's retryable statuses, response schema, scrubbing). What the client throws is
 * mapped onto the engine's error kinds, so a retry policy reads a vendor failure like any
 * HTTP failure.
 */
import { z } from 'zod';
import { ConnectorEffect, ConnectorStepTarget } from '@autonomic/workflow';
import { httpErrorKind, stepError, StepFailure, type EffectsPort, type StepError } from '../engine';
import { createConnectorClient, type ConnectorClientOptions } from '../connectors/client';
import { versionsOf } from '../connectors/catalog';
import { ConnectorError } from '../connectors/errors';
import type { ConnectorCatalog, ConnectorCredentials } from '../services/contracts';
import { parseParams } from './effect-params';
import type { HttpClient } from './http-client';
import { scrubText } from './redact';

export interface ConnectorEffectDeps {
  catalog: ConnectorCatalog;
  credentials: ConnectorCredentials;
  http: HttpClient;
  /** The connector client's retry settings (tests pass a `sleep` that does not wait). */
  client?: Omit<ConnectorClientOptions, 'http'>;
}

/** The rendered params: the input's values may be anything a template rendered to. */
const Rendered = z.object({
  connector: z.string(),
  version: z.string(),
  action: z.string(),
  credential: z.string(),
  input: z.record(z.string(), z.unknown()),
  effect: ConnectorEffect,
  target: ConnectorStepTarget.optional(),
});

const refuse = (kind: StepError['kind'], message: string) =>
  new StepFailure(stepError(kind, message, { retryable: false }));

export function createConnectorEffect(deps: ConnectorEffectDeps): EffectsPort {
  const client = createConnectorClient({ ...deps.client, http: deps.http });
  return {
    async perform(req) {
      const p = parseParams(Rendered, req.params, 'connector');
      await deps.catalog.refresh?.();
      const definition = deps.catalog.get(p.connector, p.version);
      if (!definition) {
        const installed = versionsOf(deps.catalog, p.connector);
        const which = installed.length > 0 ? `installed: ${installed.join(', ')}` : 'no version is installed';
        const review = deps.catalog.reviewStatus?.(p.connector, p.version);
        const why =
          review === 'pending_review'
            ? ' is awaiting review, so it'
            : review === 'rejected'
              ? ' was rejected in review, so it'
              : '';
        throw refuse('validation', `connector ${p.connector} ${p.version}${why} is not installed (${which})`);
      }
      const name = `${definition.id} ${definition.version} ${p.action}`;
      const action = definition.actions[p.action];
      if (!action)
        throw refuse('validation', `connector ${definition.id} ${definition.version} has no action ${p.action}`);
      // The engine checked the target and counted the blast radius from the step's copy: a
      // copy that is not the action's means those checks were of something else.
      if (action.effect !== p.effect || JSON.stringify(action.target) !== JSON.stringify(p.target)) {
        const target = action.target ? `${action.target.kind} ${action.target.param}` : 'none';
        throw refuse(
          'safety',
          `refused: the step says ${p.effect} but ${name} is ${action.effect} (target: ${target}); review the step against the installed connector`,
        );
      }
      const credential = await deps.credentials.reveal(p.credential);
      if (!credential) throw refuse('validation', `credential '${p.credential}' does not exist`);
      if (credential.connectorId !== definition.id) {
        throw refuse(
          'validation',
          `credential '${p.credential}' belongs to connector ${credential.connectorId}, not ${definition.id}`,
        );
      }
      try {
        const res = await client.execute({
          definition,
          action: p.action,
          params: p.input,
          credential: credential.value,
          settings: credential.settings,
          ...(credential.baseUrl ? { baseUrl: credential.baseUrl } : {}),
          idempotencyKey: req.idempotencyKey,
          runId: req.runId,
          signal: req.signal,
        });
        touch(deps.credentials, credential.name);
        return { ok: true, output: res.output };
      } catch (e) {
        if (!(e instanceof ConnectorError && NOT_SENT.has(e.kind))) touch(deps.credentials, credential.name);
        const error = connectorStepError(e, req.signal);
        return { ok: false, error: { ...error, message: scrubText(error.message, [credential.value]) } };
      }
    },
  };
}

/**
 * Marks the credential used once a call went out with it (answered or not), without
 * waiting: "last used" must never delay or fail the step, so a rejection is dropped.
 */
function touch(credentials: ConnectorCredentials, name: string): void {
  try {
    void credentials.touch?.(name).catch(() => {});
  } catch {
    // A port that throws at once is as best-effort as one that rejects.
  }
}

/** Failures found before anything was sent with the credential: it was not used. */
const NOT_SENT: ReadonlySet<ConnectorError['kind']> = new Set(['invalid_params', 'unsupported', 'refused']);

/**
 * A connector failure as a StepError. A rejected credential or a missing object is a 4xx
 * that will not change by itself; a rate limit is a 429 to wait out; a refused address is
 * a safety refusal; an answer or params that do not match the schemas are validation
 * errors (the definition or the step is wrong, not the moment).
 */
export function connectorStepError(e: unknown, signal: AbortSignal): StepError {
  if (e instanceof StepFailure) return e.error;
  if (!(e instanceof ConnectorError)) {
    return stepError('internal', e instanceof Error ? e.message : String(e), { retryable: false });
  }
  const status = e.status === undefined ? {} : { status: e.status };
  switch (e.kind) {
    case 'auth':
    case 'not_found':
      return stepError('http_4xx', e.message, { ...status, retryable: false });
    case 'rate_limited':
      return stepError('http_429', e.message, { status: e.status ?? 429, retryable: true });
    case 'http':
      return stepError(httpErrorKind(e.status ?? 500), e.message, status);
    case 'network':
      // The engine aborts the signal on its timeout and on cancellation; the transport then fails.
      return signal.aborted
        ? stepError('timeout', 'aborted: the step timed out or was cancelled')
        : stepError('network', e.message, { retryable: true });
    case 'refused':
      return stepError('safety', e.message, { retryable: false });
    case 'bad_response':
    case 'invalid_params':
    case 'unsupported':
      return stepError('validation', e.message, { ...status, retryable: false });
  }
}
