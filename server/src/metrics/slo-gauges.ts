/**
 * SLO gauges on /metrics, one series per workflow (label: its slug): the objective,
 * compliance over the SLO window, error budget left and the burn rates of the dashboard's
 * warning. All four read one SLO query per scrape (shared for a second).
 */
import { Gauge, type Registry } from 'prom-client';
import type { AppContext } from '../context';
import { createSloService } from '../services/dashboard/slos';
import type { SloStatus } from '@autonomic/api';

type Guarded = (what: string, read: () => Promise<void>) => Promise<void>;

const SHARE_MS = 1_000;

export function registerSloGauges(registry: Registry, ctx: AppContext, guarded: Guarded): void {
  const slos = createSloService(ctx, async () => null);
  let last: { at: number; rows: Promise<SloStatus[]> } | null = null;
  const read = (): Promise<SloStatus[]> => {
    const now = Date.now();
    if (!last || now - last.at > SHARE_MS) last = { at: now, rows: slos.all() };
    return last.rows;
  };

  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, r: SloStatus) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        await guarded(name, async () => {
          const rows = await read();
          this.reset();
          for (const r of rows) fill(this, r);
        });
      },
    });

  gauge(
    'autonomic_slo_objective_ratio',
    'SLO objective: share of runs that must succeed in time',
    ['workflow'],
    (g, r) => g.set({ workflow: r.slug }, r.objectivePercent / 100),
  );
  gauge(
    'autonomic_slo_compliance_ratio',
    'Share of finished live runs in the SLO window that succeeded within the latency target',
    ['workflow'],
    (g, r) => {
      if (r.compliance !== null) g.set({ workflow: r.slug }, r.compliance);
    },
  );
  gauge(
    'autonomic_slo_error_budget_remaining_ratio',
    'Share of the error budget left in the SLO window (1 untouched, 0 spent, negative overspent)',
    ['workflow'],
    (g, r) => g.set({ workflow: r.slug }, r.budgetRemaining),
  );
  gauge(
    'autonomic_slo_burn_rate',
    'Error rate over the allowed error rate in a short window (absent below the minimum run count)',
    ['workflow', 'window'],
    (g, r) => {
      for (const b of r.burn) if (b.rate !== null) g.set({ workflow: r.slug, window: `${b.hours}h` }, b.rate);
    },
  );
}
