/**
 * Runs the credential health probes on time. Any number of server processes may run one:
 * a probe is claimed in the database (store/credential-probes.ts `claimDueProbes`) before
 * it runs, so each turn of each credential is probed by one process. Time is read from
 * `ctx.clock`, so tests drive `runDue()` on a virtual clock instead of waiting.
 */
import type { AppContext } from '../../context';
import { nextDueAt } from '../../store/credential-probes';
import type { ProbeService } from './probes';

export interface ProbeSchedulerOptions {
  /**
   * Credentials and connector intervals are re-read at least this often (a credential
   * created or a connector installed is picked up within it). @default 60000
   */
  refreshMs?: number;
}

export function createProbeScheduler(
  ctx: AppContext,
  probes: Pick<ProbeService, 'probeDue'>,
  options: ProbeSchedulerOptions = {},
) {
  const refreshMs = options.refreshMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let pass: Promise<unknown> = Promise.resolve();

  async function arm(): Promise<void> {
    clearTimeout(timer);
    if (!running) return;
    const now = ctx.clock.now();
    const due = (await nextDueAt(ctx.prisma))?.getTime() ?? Infinity;
    if (!running) return;
    const wake = Math.min(due, now + refreshMs);
    timer = setTimeout(() => void loop(), Math.max(0, wake - now)).unref();
  }

  async function loop(): Promise<void> {
    pass = probes.probeDue().catch((err: unknown) => ctx.log.error({ err }, 'credential probe pass failed'));
    await pass;
    await arm().catch((err: unknown) => ctx.log.error({ err }, 'credential probe scheduler could not re-arm'));
  }

  return {
    /**
     * Starts probing: what is due now first (a credential never probed is due at once), in
     * the background, so that a slow vendor does not hold up the server's start.
     */
    start(): void {
      if (running) return;
      running = true;
      void loop();
    },
    /** One pass at the clock's now: what tests call after moving a virtual clock. @returns the names probed */
    runDue: () => probes.probeDue(),
    /** Stops the timer and waits for a pass in flight. */
    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
      await pass;
    },
  };
}

export type ProbeScheduler = ReturnType<typeof createProbeScheduler>;
