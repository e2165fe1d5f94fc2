/**
 * Follows one run for a live stream, wherever the run is driven: each time a commit of
 * the run is announced (`changed` on the bus: at once for runs driven here, through
 * NOTIFY for runs of other processes) it reads the attempt rows written since its
 * cursor and the run's status, in one statement, and hands them on in commit order,
 * attempts first, then the status when it changed. So what a stream shows is durable,
 * in order, and the same whichever process drives the run.
 *
 * Nothing is lost: the cursor is in the database's terms (store/run-changes.ts), so a
 * read after a missed announcement still returns every row written since; a stream that
 * starts with a cursor (`Last-Event-ID`) gets what came after it, one without gets the
 * run's attempts so far. Each row arrives as it is at the read: an attempt that went
 * `waiting` → `succeeded` between two reads arrives once, as `succeeded`.
 *
 * One read at a time per follower; announcements during a read make one more read. A
 * slow poll (`pollMs`) covers announcements lost to a dropped LISTEN connection or a
 * full notification queue; it stops once the run has ended.
 */
import { TERMINAL, type RunStatus } from '../engine';
import type { ChangeCursor } from '../store/run-changes';
import type { ChangeSource, RunEvent, RunEvents, StepEvent } from './events';

/** A stream frame's id for the row at `c`: `<xid>.<row id>`. */
export const cursorId = (c: ChangeCursor): string => `${c.xid}.${c.row}`;

/** The cursor of a frame id (`Last-Event-ID`); undefined when it is not one of ours. */
export function parseCursorId(id: string | undefined): ChangeCursor | undefined {
  const m = /^(\d{1,10})\.([0-9a-f-]{36})$/.exec(id?.trim() ?? '');
  if (!m?.[1] || !m[2]) return undefined;
  const xid = Number(m[1]);
  return xid < 2 ** 32 ? { xid, row: m[2] } : undefined;
}

export type Followed = { kind: 'step'; id: string; step: StepEvent } | { kind: 'run'; run: RunEvent };

export interface FollowOptions {
  /** Start after this row (a reconnecting stream's `Last-Event-ID`). @default the run's first attempt */
  after?: ChangeCursor;
  /** The status the stream has already shown (not shown again until it changes). */
  status?: RunStatus;
  /** @default 5000 */
  pollMs?: number;
}

export class RunFollower {
  private cursor: ChangeCursor | undefined;
  private status: RunStatus | undefined;
  private reading = false;
  private again = false;
  private stopped = false;
  private poll: NodeJS.Timeout | undefined;
  private readonly ring = (runId: string) => {
    if (runId === this.runId) void this.read();
  };
  private readonly resync = () => void this.read();

  constructor(
    private readonly runId: string,
    private readonly events: RunEvents,
    private readonly source: ChangeSource,
    private readonly emit: (f: Followed) => void,
    private readonly options: FollowOptions = {},
  ) {
    this.cursor = options.after;
    this.status = options.status;
  }

  /** Listens, then reads what is there already; resolves after that first read. */
  async start(): Promise<void> {
    this.events.on('changed', this.ring);
    this.events.on('resync', this.resync);
    // Other processes' commits are heard only once LISTEN is on: read after that, not before.
    await this.source.listen().catch((err: unknown) => this.source.warn(err));
    await this.read();
    if (this.stopped) return;
    this.poll = setInterval(() => {
      if (this.status === undefined || !TERMINAL.has(this.status)) void this.read();
    }, this.options.pollMs ?? 5_000);
    this.poll.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.poll);
    this.events.off('changed', this.ring);
    this.events.off('resync', this.resync);
  }

  /** Reads now, or once more after the read in flight. Resolves when reading stops. */
  private read(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return Promise.resolve();
    }
    this.reading = true;
    return this.drain().finally(() => (this.reading = false));
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      const changes = await this.source.read(this.runId, this.cursor).catch((err: unknown) => {
        this.source.warn(err);
        return undefined;
      });
      if (this.stopped || !changes) return;
      for (const { cursor, ...a } of changes.attempts) {
        this.cursor = cursor;
        const step: StepEvent = { runId: this.runId, workflowId: changes.workflowId, ...a };
        this.emit({ kind: 'step', id: cursorId(cursor), step });
      }
      if (changes.status !== this.status) {
        this.status = changes.status;
        const run: RunEvent = {
          runId: this.runId,
          workflowId: changes.workflowId,
          status: changes.status,
          local: false,
        };
        if (changes.error) run.error = changes.error;
        if (changes.message !== undefined) run.message = changes.message;
        this.emit({ kind: 'run', run });
      }
    } while (this.again && !this.stopped);
  }
}
