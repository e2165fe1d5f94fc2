/**
 * How other executors know at once that this one died: it holds a session-level advisory
 * lock on its worker id, on a connection of its own, for as long as it lives. When the
 * process dies (`kill -9`, OOM, a crash) the kernel closes that connection and PostgreSQL
 * drops the lock; a peer or the restarted server that can take it knows the owner is gone
 * and frees its runs at once (`reclaimDeadOwners`) instead of waiting for leases to expire.
 *
 * A lost connection (a restart of PostgreSQL, a network cut) drops the lock too: peers may
 * then take this process's runs while it still drives them. The commit's version check lets
 * only one of the two go on; an effect in flight in the loser may have been sent twice, with
 * the same idempotency key, exactly as after an expired lease. The lock is taken again on
 * reconnect.
 */
import pg from 'pg';
import type { Logger } from '../log';
import { HOLD_LIVENESS } from '../store/runs-queue';

/**
 * A machine that vanishes without closing its sockets is noticed by PostgreSQL's TCP
 * keepalives: idle 5 s, then 3 probes 2 s apart (the defaults wait about two hours).
 */
const KEEPALIVES = '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3';

export class Liveness {
  private client: pg.Client | undefined;
  private holding: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly workerId: string,
    private readonly log: Logger,
  ) {}

  /** Takes the lock once (later calls wait for that); resolves while it is held. */
  hold(): Promise<void> {
    this.holding ??= this.connect();
    return this.holding;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, options: KEEPALIVES, keepAlive: true });
    client.on('error', (err) => {
      if (this.stopped || this.client !== client) return;
      this.log.warn(
        { err, workerId: this.workerId },
        'executor: liveness connection lost; other executors may take over its runs; reconnecting',
      );
      this.client = undefined;
      void client.end().catch(() => undefined);
      this.reconnect();
    });
    await client.connect();
    try {
      await client.query(HOLD_LIVENESS, [this.workerId]);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private reconnect(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.connect().catch((err: unknown) => {
        this.log.warn({ err }, 'executor: liveness reconnect failed; retrying');
        this.reconnect();
      });
    }, 1_000);
    this.retry.unref();
  }

  /** Gives the lock up (ending the session drops it). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}
