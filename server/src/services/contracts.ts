/**
 * The seams between services built by different modules. Each side codes against these
 * interfaces; the composition root, `createServer` in `server/src/server.ts`, wires the
 * real implementations together.
 */
import type { EffectsPort, RunStatus, SafetyList, SafetyPort } from '../engine';
import type { Actor } from '@autonomic/api';
import type { ConnectorDefinition } from '@autonomic/workflow';

export type TriggerType = 'manual' | 'webhook' | 'schedule';

export interface RunSummaryView {
  runId: string;
  status: RunStatus;
  output?: unknown;
  error?: unknown;
  message?: string;
}

/** Starting live runs (runs module). */
export interface RunStarter {
  /**
   * Starts a live run of the workflow's PUBLISHED version. The run is durably stored
   * (queued) before this resolves; a repeated `dedupeKey` returns the existing run.
   * Throws AppError: 404 unknown workflow, 409 `not_published`, 423 `kill_switch`,
   * 400 when the event does not match the trigger's input schema (details name fields).
   */
  startLive(input: {
    workflowId: string;
    event: unknown;
    trigger: TriggerType;
    actor?: Actor;
    dedupeKey?: string;
    /**
     * How long `dedupeKey` holds: a repeat arriving later than this after the key's run was
     * created starts a new run (which takes the key over). Unset: for good.
     */
    dedupeWindowMs?: number;
    /** The alert's own time, for time-to-contain. */
    eventTimestamp?: Date;
    /**
     * A webhook delivery's signature, claimed in the run's own INSERT (only if the run is
     * recorded or deduplicated; a refusal does not spend it). A replay throws SignatureReplayedError.
     */
    claim?: { nonce: string; expiresAt: Date };
    /** The caller will wait for the run's end: it may be driven before it is recorded (one durable commit). */
    awaitEnd?: boolean;
  }): Promise<{ runId: string; deduplicated: boolean }>;
  /** The run's summary once it ends, or its current one when `timeoutMs` passes first. */
  waitForRun(runId: string, timeoutMs: number): Promise<RunSummaryView>;
}

/** The outside world for live runs (ops module): real HTTP with the SSRF guard, secrets. */
export interface EffectsFactory {
  /**
   * An effects port for one workflow's live runs, wrapped with the kill switch and the
   * per-hour blast-radius budget (excess destructive calls refused with kind `safety`).
   */
  forWorkflow(workflowId: string): EffectsPort;
}

/** Safety lists from the database (ops module), cached and refreshed on change. */
export interface SafetySource {
  /** For live runs: answers from a cache refreshed whenever an entry changes. */
  port(): SafetyPort;
  /** The current lists, for simulations. */
  list(): Promise<SafetyList>;
}

/** Connector secrets (ops module), AES-256-GCM at rest; values never leave the server. */
export interface SecretsVault {
  reveal(name: string): Promise<string | undefined>;
}

/** A connector credential as the effects adapter needs it (credentials module). */
export interface ConnectorCredentialValue {
  name: string;
  /** The connector it belongs to; a step of another connector may not use it. */
  connectorId: string;
  /** `test` credentials are the only ones a simulation may send a live read with. */
  mode: 'live' | 'test';
  /** The secret: an API key, a token, `user:password`, `client_id:client_secret`. */
  value: string;
  /**
   * Non-secret settings the definition's `settings` schema asks for (a Jira site, a
   * firewall's host), filled into the base URL's placeholders.
   */
  settings: Record<string, string>;
  /** Replaces the definition's base URL (an on-premises appliance; a test's mock), set by an admin. */
  baseUrl?: string;
}

/** Named connector credentials (credentials module): values AES-256-GCM at rest, never returned by the API. */
export interface ConnectorCredentials {
  /** The credential with this name, decrypted; undefined when there is none (or it does not decrypt). */
  reveal(name: string): Promise<ConnectorCredentialValue | undefined>;
  /** The names, connectors and modes of every credential (no values), for validation and pick-lists. */
  index(): Promise<Array<{ name: string; connectorId: string; mode: 'live' | 'test' }>>;
  /**
   * Records that the credential was just sent to its vendor ("last used"). Best effort:
   * callers neither wait for it nor fail because of it. Absent in ports that keep no record.
   */
  touch?(name: string): Promise<void>;
}

/**
 * The connector definitions this server can run, by id and pinned version: the built-in
 * ones and admins' own installed versions. Synchronous: definitions are data held in
 * memory (the server's catalog keeps a copy of the stored ones; see `createLiveConnectorCatalog`).
 */
export interface ConnectorCatalog {
  /** One pinned version; undefined when that version is not installed. */
  get(id: string, version: string): ConnectorDefinition | undefined;
  /** The newest installed version of a connector. */
  latest(id: string): ConnectorDefinition | undefined;
  /** Every installed definition, every version. */
  all(): readonly ConnectorDefinition[];
  /**
   * Brings a copy of stored definitions up to date; async callers await it before reading.
   * Absent in catalogs held wholly in code.
   */
  refresh?(): Promise<void>;
  /** Why a stored version `get` does not return is not installed: it awaits review, or was rejected. */
  reviewStatus?(id: string, version: string): 'pending_review' | 'rejected' | undefined;
}
