import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_DEDUPE_WINDOW, durationMs, TRIGGER_DEFINITIONS } from '@autonomic/workflow';
import type { AppContext } from '../../context';
import { DEFAULT_EXPRESSION_LIMITS, Expressions, type ExpressionEvaluator } from '../../engine';
import { AppError, ConflictError } from '../../errors';
import { SignatureReplayedError } from '../../executor/start';
import { findWebhookTarget, purgeWebhookNonces } from '../../store/webhooks';
import type { RunStarter } from '../contracts';
import type { Cipher } from '../secrets';
import { parseSignatureHeader, parseTimestampHeader, REPLAY_WINDOW_SECONDS, signatureMatches } from './signature';

export interface WebhookDelivery {
  workflowId: string;
  timestamp: string | undefined;
  signature: string | undefined;
  delivery: string | undefined;
  /** The exact bytes that were signed. */
  rawBody: Buffer;
  event: unknown;
  /** The caller waits for the run's end (`?wait=`): the run may be driven before it is recorded. */
  awaitEnd?: boolean;
}

export interface WebhookServiceOptions {
  /** How long a workflow's secret and trigger type are reused before re-reading. @default 5000 */
  cacheTtlMs?: number;
  /** Workflows remembered (unknown ids included). @default 10000 */
  cacheSize?: number;
}

interface Target {
  /** The secret's UTF-8 bytes (the HMAC key), or undefined: no secret or no such workflow. */
  key: Buffer | undefined;
  acceptsWebhooks: boolean;
  /** The published trigger's `dedupeKey` template and window, when it has one. */
  dedupe: Dedupe | undefined;
  loadedAt: number;
}

interface Dedupe {
  template: string;
  windowMs: number;
  vars: unknown;
}

/** A rendered key longer than this is stored as its sha-256 (the index stays small). */
const MAX_PLAIN_KEY = 200;

/** The published webhook trigger's dedupe settings; undefined without a key (or with params that do not parse). */
function dedupeOf(triggerType: string | null, params: unknown, vars: unknown): Dedupe | undefined {
  if (triggerType !== 'trigger.webhook') return undefined;
  const parsed = TRIGGER_DEFINITIONS['trigger.webhook'].params.safeParse(params ?? {});
  const template = parsed.success ? parsed.data.dedupeKey : undefined;
  if (!parsed.success || !template?.trim()) return undefined;
  return { template, windowMs: durationMs(parsed.data.dedupeWindow ?? DEFAULT_DEDUPE_WINDOW), vars: vars ?? {} };
}

/** The run dedupe key of a rendered `dedupeKey` value; undefined when it is empty (nothing to dedupe on). */
function runKeyOf(workflowId: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const key = text.length > MAX_PLAIN_KEY ? `sha256:${createHash('sha256').update(text).digest('hex')}` : text;
  return `webhook-dedupe:${workflowId}:${key}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A re-read after a failed check waits this long, so bad signatures cannot hammer the database. */
const RECHECK_AFTER_MS = 1_000;

/** The one answer to every authentication failure: it does not say which workflows exist. */
export const webhookUnauthorized = () =>
  new AppError(401, 'invalid_signature', 'missing, invalid, stale or replayed webhook signature');

export const webhookContext = (workflowId: string) => `webhook:${workflowId}`;

/**
 * Accepts signed webhook deliveries. Hot path: a cached decrypted secret per workflow
 * (re-read after `cacheTtlMs`, at once after `invalidate`), an HMAC, then `startLive`,
 * whose INSERT also claims the signature (replay protection) — one statement, batched
 * with concurrent deliveries (executor/ingest.ts), no other query.
 */
export function createWebhookService(
  ctx: AppContext,
  deps: {
    runs: RunStarter;
    cipher: Cipher;
    /** Where the trigger's `dedupeKey` template is rendered (the server passes the sandbox pool). @default in this thread */
    expressions?: ExpressionEvaluator;
  },
  options: WebhookServiceOptions = {},
) {
  const ttl = options.cacheTtlMs ?? 5_000;
  const size = options.cacheSize ?? 10_000;
  const cache = new Map<string, Target>();
  const decoy = randomBytes(32);
  const expressions = deps.expressions ?? new Expressions(DEFAULT_EXPRESSION_LIMITS, () => ctx.clock.now());
  let purgeTimer: NodeJS.Timeout | undefined;

  async function load(workflowId: string): Promise<Target> {
    const row = UUID.test(workflowId) ? await findWebhookTarget(ctx.prisma, workflowId) : undefined;
    let key: Buffer | undefined;
    if (row?.sealed) {
      try {
        key = Buffer.from(deps.cipher.open(row.sealed, webhookContext(workflowId)), 'utf8');
      } catch {
        ctx.log.error({ workflowId }, 'webhook secret does not decrypt (wrong SECRET_KEY or altered row)');
      }
    }
    const target = {
      key,
      acceptsWebhooks: row?.triggerType === 'trigger.webhook',
      dedupe: row ? dedupeOf(row.triggerType, row.triggerParams, row.vars) : undefined,
      loadedAt: ctx.clock.now(),
    };
    if (cache.size >= size) cache.delete(cache.keys().next().value ?? '');
    cache.set(workflowId, target);
    return target;
  }

  async function target(workflowId: string): Promise<Target> {
    const hit = cache.get(workflowId);
    return hit && ctx.clock.now() - hit.loadedAt < ttl ? hit : load(workflowId);
  }

  /** Without a key, an HMAC under a throw-away key keeps the timing of the answer alike. */
  const matches = (t: Target, ts: string, d: WebhookDelivery, sig: Buffer) =>
    signatureMatches(t.key ?? decoy, ts, d.rawBody, sig) && t.key !== undefined;

  async function verify(d: WebhookDelivery): Promise<{ target: Target; nonce: string; expiresAt: Date }> {
    const sig = parseSignatureHeader(d.signature);
    const seconds = parseTimestampHeader(d.timestamp);
    if (!sig || seconds === undefined || d.timestamp === undefined) throw webhookUnauthorized();
    if (Math.abs(ctx.clock.now() / 1000 - seconds) > REPLAY_WINDOW_SECONDS) throw webhookUnauthorized();
    let t = await target(d.workflowId);
    if (!matches(t, d.timestamp, d, sig)) {
      // Perhaps rotated (or configured) by another process since we cached it.
      if (ctx.clock.now() - t.loadedAt < RECHECK_AFTER_MS) throw webhookUnauthorized();
      t = await load(d.workflowId);
      if (!matches(t, d.timestamp, d, sig)) throw webhookUnauthorized();
    }
    // Kept until the timestamp leaves the window: after that the window check refuses it.
    return { target: t, nonce: sig.toString('hex'), expiresAt: new Date((seconds + REPLAY_WINDOW_SECONDS) * 1000) };
  }

  /**
   * The run's dedupe key: the trigger's `dedupeKey` rendered over the event (with its
   * window), else the delivery id. A key that fails to render dedupes nothing: the alert
   * still starts its run, and the failure is logged.
   */
  async function dedupeKeyOf(t: Target, d: WebhookDelivery): Promise<{ dedupeKey?: string; dedupeWindowMs?: number }> {
    if (t.dedupe) {
      try {
        const value = await expressions.render(t.dedupe.template, { event: d.event, steps: {}, vars: t.dedupe.vars });
        const key = runKeyOf(d.workflowId, value);
        if (key) return { dedupeKey: key, dedupeWindowMs: t.dedupe.windowMs };
      } catch (err) {
        ctx.log.warn({ workflowId: d.workflowId, err }, 'webhook: the dedupe key did not render; not deduplicated');
      }
    }
    return d.delivery ? { dedupeKey: `webhook:${d.workflowId}:${d.delivery}` } : {};
  }

  return {
    /** Verifies and starts the run. Throws 401 (generic), 409 `not_webhook`, or what `startLive` throws. */
    async accept(d: WebhookDelivery): Promise<{ runId: string; deduplicated: boolean }> {
      const { target: t, nonce, expiresAt } = await verify(d);
      if (!t.acceptsWebhooks)
        throw new ConflictError('this workflow is not published with a webhook trigger', 'not_webhook');
      // The signature is claimed by the run's own INSERT, and only when the run is recorded
      // (or deduplicated): a refusal (an event the trigger's schema rejects, the kill switch,
      // …) spends nothing and writes nothing; the same delivery again gets the same answer.
      try {
        return await deps.runs.startLive({
          workflowId: d.workflowId,
          event: d.event,
          trigger: 'webhook',
          claim: { nonce, expiresAt },
          ...(d.awaitEnd ? { awaitEnd: true } : {}),
          ...(await dedupeKeyOf(t, d)),
        });
      } catch (e) {
        throw e instanceof SignatureReplayedError ? webhookUnauthorized() : e;
      }
    },
    waitForRun: (runId: string, timeoutMs: number) => deps.runs.waitForRun(runId, timeoutMs),
    /** Forget a workflow's cached secret and trigger (after a rotation or a publish). */
    invalidate(workflowId: string) {
      cache.delete(workflowId);
    },
    purgeExpiredNonces: () => purgeWebhookNonces(ctx.prisma, new Date(ctx.clock.now())),
    /** Purges expired signatures every `everyMs` (the timer does not hold the process open). */
    start(everyMs = 60_000) {
      purgeTimer ??= setInterval(() => {
        purgeWebhookNonces(ctx.prisma, new Date(ctx.clock.now())).catch((err: unknown) =>
          ctx.log.warn({ err }, 'purging webhook nonces failed'),
        );
      }, everyMs).unref();
    },
    stop() {
      clearInterval(purgeTimer);
      purgeTimer = undefined;
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
