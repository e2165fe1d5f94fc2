import type { DashboardData } from './api';
import { count, duration, hours, percent, plural } from './format';

/** The figures a manager reads first. */
export function SummaryCards({ data }: { data: DashboardData }) {
  const { totals } = data.runs;
  const finished = totals.succeeded + totals.failed;
  const slos = data.slos.slos;
  const alarming = slos.filter((s) => s.state === 'burning' || s.state === 'exhausted');
  const ok = slos.filter((s) => s.state === 'ok').length;
  const few = slos.filter((s) => s.state === 'not_enough_data').length;
  const cards: { label: string; value: string; note: string; tone?: 'bad' | 'ok' }[] = [
    { label: 'Success rate', value: percent(totals.successRate), note: `of ${count(finished)} finished runs` },
    {
      label: 'Runs',
      value: count(totals.runs),
      note: `${count(totals.failed)} failed · ${count(totals.active)} in progress`,
    },
    {
      label: 'Time saved',
      value: hours(data.saved.total.savedSeconds),
      note: `measured over ${count(data.saved.total.runs)} succeeded runs`,
    },
    {
      label: 'Time to contain',
      value: `${duration(data.contain.overall.p50)} / ${duration(data.contain.overall.p95)}`,
      note: `p50 / p95 over ${count(data.contain.overall.runs)} contained runs`,
    },
    {
      label: 'Pending approvals',
      value: count(data.approvals.pending),
      note: `median decision ${duration(data.approvals.medianDecisionSeconds)}`,
    },
    {
      label: 'SLOs',
      value: alarming.length > 0 ? `${alarming.length} at risk` : `${ok} ok`,
      note: `${plural(slos.length, 'workflow')} · ${ok} within budget${few > 0 ? ` · ${few} with too few runs` : ''}`,
      tone: alarming.length > 0 ? 'bad' : 'ok',
    },
  ];
  return (
    <ul className="dash-cards" aria-label="Summary">
      {cards.map((c) => (
        <li key={c.label} className={`dash-card${c.tone ? ` ${c.tone}` : ''}`}>
          <span className="dash-card-label">{c.label}</span>
          <span className="dash-card-value">{c.value}</span>
          <span className="muted">{c.note}</span>
        </li>
      ))}
    </ul>
  );
}

/** The burn warning: every SLO whose budget burns too fast or is spent. */
export function BurnWarning({ data }: { data: DashboardData }) {
  const alarming = data.slos.slos.filter((s) => s.state === 'burning' || s.state === 'exhausted');
  if (alarming.length === 0) return null;
  return (
    <div className="dash-burn" role="alert">
      <strong>Error budget burning:</strong>{' '}
      {alarming
        .map((s) => {
          const fast = s.burn.filter((b) => b.firing).map((b) => `${b.rate?.toFixed(1)}× over ${b.hours} h`);
          const spent =
            s.state === 'exhausted' ? 'budget spent' : `${percent(s.budgetRemaining, 0)} of the budget left`;
          return `${s.name} (${[...fast, spent].join(', ')})`;
        })
        .join('; ')}
    </div>
  );
}
