import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context';
import { AppError, ConflictError } from '../../errors';
import { findWebhookTarget, purgeWebhookNonces } from '../../store/webhooks';
import type { RunStarter } from '../contracts';
import type { Cipher } from '../secrets';
import { createNonceClaimer } from './nonce-batch';
import { parseSignatureHeader, parseTimestampHeader, REPLAY_WINDOW_SECONDS, signatureMatches } from './signature';

export interface WebhookDelivery {
  workflowId: string;
  timestamp: string | undefined;
  signature: string | undefined;
  delivery: string | undefined;
  /** The exact bytes that were signed. */
  rawBody: Buffer;
  event: unknown;
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
  loadedAt: number;
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
 * (re-read after `cacheTtlMs`, at once after `invalidate`), an HMAC, the signature's
 * INSERT (replay protection; batched with concurrent deliveries), then `startLive` — no
 * other query.
 */
export function createWebhookService(
  ctx: AppContext,
  deps: { runs: RunStarter; cipher: Cipher },
  options: WebhookServiceOptions = {},
) {
  const ttl = options.cacheTtlMs ?? 5_000;
  const size = options.cacheSize ?? 10_000;
  const cache = new Map<string, Target>();
  const decoy = randomBytes(32);
  const claimNonce = createNonceClaimer(ctx.prisma);
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
    const target = { key, acceptsWebhooks: row?.triggerType === 'trigger.webhook', loadedAt: ctx.clock.now() };
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

  return {
    /** Verifies and starts the run. Throws 401 (generic), 409 `not_webhook`, or what `startLive` throws. */
    async accept(d: WebhookDelivery): Promise<{ runId: string; deduplicated: boolean }> {
      const { target: t, nonce, expiresAt } = await verify(d);
      if (!t.acceptsWebhooks)
        throw new ConflictError('this workflow is not published with a webhook trigger', 'not_webhook');
      if (!(await claimNonce(d.workflowId, nonce, expiresAt))) throw webhookUnauthorized();
      return deps.runs.startLive({
        workflowId: d.workflowId,
        event: d.event,
        trigger: 'webhook',
        ...(d.delivery ? { dedupeKey: `webhook:${d.workflowId}:${d.delivery}` } : {}),
      });
    },
    waitForRun: (runId: string, timeoutMs: number) => deps.runs.waitForRun(runId, timeoutMs),
    /** Forget a workflow's cached secret and trigger type (after a rotation or a publish). */
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
