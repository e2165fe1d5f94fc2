/**
 * Tells other processes about run status changes and commits (their SSE clients) and new
 * work (their claim loops), batched: at most one NOTIFY per `intervalMs`. A NOTIFY in
 * every commit would serialise all committing transactions on PostgreSQL's notification
 * queue lock.
 *
 * Payload: lines of `<workerId> <runId> <status>`, `<workerId> <runId> c` or
 * `<workerId> - work`. A run has at most one `c` line per batch, and none when it has a
 * status line in it (that says as much): a listener reads the run's rows, not the line.
 */
import type { Logger } from '../log';
import { notifyRuns } from '../store/runs-notify';
import type { Sql } from '../store/runs-sql';

/** PostgreSQL refuses payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7_000;

export class Broadcaster {
  private lines: string[] = [];
  /** Runs with a line in the pending batch. */
  private told = new Set<string>();
  private work = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly workerId: string,
    private readonly log: Logger,
    private readonly intervalMs = 10,
  ) {}

  status(runId: string, status: string): void {
    this.lines.push(`${this.workerId} ${runId} ${status}`);
    this.told.add(runId);
    this.schedule();
  }

  /** A commit of the run is durable (followers of the run in other processes read it). */
  changed(runId: string): void {
    if (this.told.has(runId)) return;
    this.lines.push(`${this.workerId} ${runId} c`);
    this.told.add(runId);
    this.schedule();
  }

  /** Runs were queued for any executor to claim. */
  newWork(): void {
    this.work = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.work ? [...this.lines, `${this.workerId} - work`] : this.lines;
    this.lines = [];
    this.told.clear();
    this.work = false;
    for (let start = 0; start < lines.length;) {
      let size = 0;
      let end = start;
      while (end < lines.length && size + (lines[end]?.length ?? 0) + 1 < MAX_PAYLOAD)
        size += (lines[end++]?.length ?? 0) + 1;
      await notifyRuns(this.sql, lines.slice(start, end).join('\n')).catch((err: unknown) =>
        this.log.warn({ err }, 'executor: run notification failed (other processes poll instead)'),
      );
      start = end;
    }
  }
}
