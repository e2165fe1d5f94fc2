import type { Committer } from './commit';
import type { Clock, EventSink } from './ports';
import type { PreparedStep } from './program';
import type { AttemptRecord, AttemptStatus, Token, TraceEvent } from './state';

/**
 * A run's attempts: one record per attempt of each step key, written through the
 * committer. Only the live tokens' current attempts are kept in memory.
 */
export class AttemptLog {
  /** The current attempt of each live token. */
  private readonly current = new Map<string, AttemptRecord>();

  constructor(
    private readonly runId: string,
    private readonly clock: Clock,
    private readonly committer: Committer,
    private readonly events: EventSink | undefined,
  ) {}

  /** The record of the token's current attempt: the same one again when the attempt is re-executed. */
  open(token: Token, step: PreparedStep): AttemptRecord {
    let a = this.current.get(token.key);
    if (!a || a.attempt !== token.attempt) {
      a = {
        runId: this.runId,
        stepId: token.stepId,
        stepKey: token.key,
        nodeType: step.type,
        attempt: token.attempt,
        status: 'running',
        startedAt: this.clock.now(),
      };
      const item = token.path[token.path.length - 1];
      if (item !== undefined) a.itemIndex = item;
      this.current.set(token.key, a);
    }
    this.committer.touch(a);
    return a;
  }

  /** The current attempt of a live token. */
  currentOf(key: string): AttemptRecord | undefined {
    return this.current.get(key);
  }

  /** Finishes the token's current attempt, if it has one. */
  finishCurrent(key: string, status: AttemptStatus, fields?: Partial<AttemptRecord>): void {
    const a = this.current.get(key);
    if (a) this.finish(a, status, fields);
  }

  /** The token is no longer live. */
  forget(key: string): void {
    this.current.delete(key);
  }

  /** After a restore: each live token's current attempt is the stored one with its attempt number. */
  adopt(tokens: readonly Token[], attempts: readonly AttemptRecord[]): void {
    const keys = new Map(tokens.map((t) => [`${t.key}:${t.attempt}`, t.key]));
    for (const a of attempts) {
      const key = keys.get(`${a.stepKey}:${a.attempt}`);
      if (key !== undefined) this.current.set(key, a);
    }
  }

  finish(a: AttemptRecord, status: AttemptStatus, fields: Partial<AttemptRecord> = {}): void {
    Object.assign(a, fields);
    a.status = status;
    if (status !== 'waiting') a.finishedAt = this.clock.now();
    this.committer.touch(a);
    this.events?.emit({ type: 'attempt', attempt: a });
  }

  note(a: AttemptRecord, e: Omit<TraceEvent, 'at'>): void {
    (a.events ??= []).push({ at: this.clock.now(), ...e });
    this.committer.touch(a);
  }
}
