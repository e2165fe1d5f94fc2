import { isIP } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: defaults are relative to it, not to whichever folder npm started in. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
/** An empty variable (`X=`) counts as unset. */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/** Express's names for address ranges, usable in TRUST_PROXY. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const isAddressOrCidr = (entry: string) => {
  const [addr = '', bits, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};

/**
 * Which proxies may tell the client's address in `X-Forwarded-For` (Express `trust proxy`):
 * none (the default), a hop count, or addresses, CIDRs and `loopback`/`linklocal`/`uniquelocal`.
 * `true` (every proxy) is refused: any client could then choose its address, and with it
 * its login rate-limit counter.
 */
const trustProxy = z.preprocess(unsetIfEmpty, z.string().default('false')).transform((raw, ctx) => {
  const value = raw.trim().toLowerCase();
  if (value === 'false' || value === 'none' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true') {
    ctx.addIssue({
      code: 'custom',
      input: raw,
      message: 'trusting every proxy lets any client choose its address: give a hop count or the proxies’ addresses',
    });
    return z.NEVER;
  }
  const entries = value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_RANGES.has(entry) || isAddressOrCidr(entry)) continue;
    ctx.addIssue({
      code: 'custom',
      input: raw,
      message: `"${entry}" is not a hop count, an address, a CIDR or one of loopback, linklocal, uniquelocal`,
    });
    return z.NEVER;
  }
  return entries;
});

/** Every setting the server reads from the environment, validated once at start. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** External PostgreSQL; unset = the embedded one in DATA_DIR/pg. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default(`${REPO_ROOT}data`),
  /** The embedded cluster's data directory (when DATABASE_URL is unset). Unset or empty = DATA_DIR/pg. */
  EMBEDDED_PG_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** The embedded cluster's TCP port on 127.0.0.1. Unset or empty = a free port. */
  EMBEDDED_PG_PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(65_535).optional()),
  /** 32 bytes, base64: encrypts connector secrets. Unset = a generated key file in DATA_DIR. */
  SECRET_KEY: z.string().optional(),
  /** Seed demo users and example playbooks into an empty database. */
  SEED_DEMO: bool.default(true),
  /** Seed a 30-day demo run history (dashboards). */
  SEED_HISTORY: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` or `pretty` lines. Unset or empty = pretty when stdout is a terminal, JSON otherwise. */
  LOG_FORMAT: z.preprocess(unsetIfEmpty, z.enum(['json', 'pretty']).optional()),
  /** Mark cookies Secure (behind TLS); also turns on HSTS and `upgrade-insecure-requests`. */
  COOKIE_SECURE: bool.default(false),
  /** The reverse proxies whose `X-Forwarded-For` is believed. @default none */
  TRUST_PROXY: trustProxy,
  /** CIDRs or hosts outbound HTTP may reach although private (e.g. an internal firewall API). */
  OUTBOUND_ALLOW: list.default([]),
  /**
   * When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>` (metric labels name
   * workflows). Unset: /metrics answers only when HOST is loopback (see metrics/access.ts).
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Run the executor (claim and run work) in this process. */
  EXECUTOR: bool.default(true),
  /** Runs one process's executor drives at once (`npm start` with EXECUTOR on, and `npm run worker`). @default 64 */
  EXECUTOR_CONCURRENCY: z.coerce.number().int().min(1).max(4_096).default(64),
  /** How long a stopping executor lets runs in flight finish before giving them back, in ms. @default 10000 */
  EXECUTOR_STOP_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Serve the built client from client/dist. */
  SERVE_CLIENT: bool.default(true),
  /** Sandbox processes that evaluate expressions (JSONata) off the event loop. */
  EXPRESSION_PROCESSES: z.coerce.number().int().min(1).max(64).default(2),
  /** One expression's time limit; past it its sandbox process is killed. */
  EXPRESSION_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  /** Heap of each sandbox process; an expression that needs more fails alone. */
  EXPRESSION_HEAP_MB: z.coerce.number().int().min(32).max(16_384).default(256),
  /** Expression time one run may spend in all (budget_exceeded past it). */
  RUN_EXPRESSION_BUDGET_MS: z.coerce.number().int().min(10).max(86_400_000).default(10_000),
  /** The largest JSON a step may output or a run may end with (output_too_large past it). */
  MAX_OUTPUT_BYTES: z.coerce.number().int().min(1_024).max(268_435_456).default(1_048_576),
  /**
   * How long live runs' events are kept for replay (issue 15 §1), in days; 0 keeps none (and
   * replays and shadows have nothing to compare). @default 30
   */
  REPLAY_RETENTION_DAYS: z.coerce.number().int().min(0).max(3_650).default(30),
  /** Check every JSON reply against its route's response schema (500 on drift); on in the test suites. */
  CHECK_RESPONSES: bool.default(false),
  /** The address people reach this server at, for links in messages. Unset = http://HOST:PORT. */
  PUBLIC_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/ }).optional()),
  /**
   * The notify credential approval messages go out with (a slack, microsoft-teams or
   * email-smtp credential). Unset: approvers are not notified (the inbox only).
   */
  APPROVAL_NOTIFY_CREDENTIAL: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** Where an approver or role without its own route is notified: a Slack channel, an address. */
  APPROVAL_NOTIFY_CHANNEL: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** Per approver: `alice=#soc-alerts, role:reviewer=#soc-handoff, bob=bob@acme.example`. */
  APPROVAL_NOTIFY_ROUTES: list
    .refine((entries) => entries.every((e) => /^(role:)?[^=\s]+=\S.*$/.test(e)), {
      message: 'each route is `<user>=<channel or address>` or `role:<role>=<channel or address>`',
    })
    .default([]),
  /** The paging credential (pagerduty-events or opsgenie) that pages the on-call at a break-glass escalation. */
  APPROVAL_PAGING_CREDENTIAL: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** When the reminder goes out, in percent of the wait from opening to the deadline. @default 75 */
  APPROVAL_REMINDER_PERCENT: z.coerce.number().int().min(1).max(99).default(75),
  /** Decide through a signed link without signing in (the link alone is the credential). @default false */
  APPROVAL_LINKS_SIGNED_ONLY: bool.default(false),
  /** Rollback by policy: the burn rate over the window after a publish that rolls a version back. @default 14 */
  AUTO_ROLLBACK_BURN_RATE: z.coerce.number().min(1).max(1_000).default(14),
  /** Rollback by policy: how long after a publish its runs are watched, in minutes. @default 60 */
  AUTO_ROLLBACK_WINDOW_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  /** Rollback by policy: finished runs needed before a burn rate counts. @default 5 (the SLO's MIN_BURN_RUNS) */
  AUTO_ROLLBACK_MIN_RUNS: z.coerce.number().int().min(1).max(10_000).default(5),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Where the embedded PostgreSQL of this configuration lives and listens. */
export function embeddedPostgresOf(config: Config): { dataDir: string; port?: number } {
  const dataDir = config.EMBEDDED_PG_DIR ?? join(config.DATA_DIR, 'pg');
  return config.EMBEDDED_PG_PORT === undefined ? { dataDir } : { dataDir, port: config.EMBEDDED_PG_PORT };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The engine limits the configuration sets (the rest keep the engine's defaults). */
export function engineLimitsOf(config: Config): { runExpressionBudgetMs: number; maxOutputBytes: number } {
  return { runExpressionBudgetMs: config.RUN_EXPRESSION_BUDGET_MS, maxOutputBytes: config.MAX_OUTPUT_BYTES };
}

/** The sandbox pool's settings from the configuration. */
export function expressionPoolOf(config: Config) {
  return {
    processes: config.EXPRESSION_PROCESSES,
    timeoutMs: config.EXPRESSION_TIMEOUT_MS,
    maxHeapMb: config.EXPRESSION_HEAP_MB,
    maxResultBytes: config.MAX_OUTPUT_BYTES,
  };
}
