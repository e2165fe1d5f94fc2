/**
 * LISTEN/NOTIFY on one dedicated connection: other processes' run status changes and
 * commits (for SSE) and "work" (a lease released, a run queued without a local executor),
 * so an idle executor claims within milliseconds instead of at its next poll.
 *
 * Payload: lines of `<workerId> <runId> <status>`, `<workerId> <runId> c` (a commit that
 * changed no status) or `<workerId> - work` (broadcast.ts).
 */
import pg from 'pg';
import type { Logger } from '../log';
import { NOTIFY_CHANNEL } from '../store/runs-commit';
import { isStatus } from '../store/runs-load';
import type { RunStatus } from '../engine';

export interface Notice {
  from: string;
  runId?: string;
  status?: RunStatus;
  /** A commit of `runId` is durable (also true with a status). */
  changed: boolean;
  work: boolean;
}

export function parseNotices(payload: string): Notice[] {
  const out: Notice[] = [];
  for (const line of payload.split('\n')) {
    const [from, runId, what] = line.split(' ');
    if (!from || !runId || !what) continue;
    if (what === 'work') out.push({ from, changed: false, work: true });
    else if (what === 'c') out.push({ from, runId, changed: true, work: false });
    else if (isStatus(what)) out.push({ from, runId, status: what, changed: true, work: false });
  }
  return out;
}

export class Notifications {
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private listening: Promise<void> | undefined;

  /** @param onListening after each (re)connection: what was announced meanwhile was missed. */
  constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly onNotice: (n: Notice) => void,
    private readonly onListening: () => void = () => undefined,
  ) {}

  /**
   * Starts listening, once: the executor at `start()`, a process without an executor when
   * its first live stream opens. Resolves once LISTEN is on; a failed start is tried again
   * by the next call.
   */
  listen(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.listening ??= this.start().catch((err: unknown) => {
      this.listening = undefined;
      throw err;
    });
    return this.listening;
  }

  private async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (m) => {
      for (const n of parseNotices(m.payload ?? '')) this.onNotice(n);
    });
    client.on('error', (err) => {
      this.log.warn({ err }, 'run notifications: connection lost; reconnecting');
      this.reconnect(client);
    });
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.client = client;
    this.onListening();
  }

  private reconnect(old: pg.Client): void {
    if (this.stopped || this.client !== old) return;
    this.client = undefined;
    void old.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.start().catch((err: unknown) => {
        this.log.warn({ err }, 'run notifications: reconnect failed');
        this.client = old;
        this.reconnect(old);
      });
    }, 1_000);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}
