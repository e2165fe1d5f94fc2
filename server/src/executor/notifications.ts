/**
 * LISTEN/NOTIFY on one dedicated connection: other processes' run status changes (for
 * SSE) and "work" (a lease released, a run queued without a local executor), so an idle
 * executor claims within milliseconds instead of at its next poll.
 *
 * Payload: lines of `<workerId> <runId> <status>` or `<workerId> - work` (broadcast.ts).
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
  work: boolean;
}

export function parseNotices(payload: string): Notice[] {
  const out: Notice[] = [];
  for (const line of payload.split('\n')) {
    const [from, runId, what] = line.split(' ');
    if (!from || !runId || !what) continue;
    if (what === 'work') out.push({ from, work: true });
    else if (isStatus(what)) out.push({ from, runId, status: what, work: false });
  }
  return out;
}

export class Notifications {
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly onNotice: (n: Notice) => void,
  ) {}

  async start(): Promise<void> {
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
