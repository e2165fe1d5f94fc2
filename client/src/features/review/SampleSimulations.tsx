import type { SampleRun, SampleStatus, SamplesResult } from '@autonomic/api';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorMessage } from '../simulation/ApiErrorMessage';
import { simulateSamples } from '../simulation/api';
import { EffectsReport } from '../simulation/EffectsReport';
import { useElapsed } from '../simulation/useElapsed';
import { formatDuration } from '../versions/format';
import { useAction } from '../versions/useAction';
import { StatusBadge } from '../versions/VersionStatusBadge';

/** A pass that relied on made-up answers is not a clean pass. */
const verdict = (r: SampleRun) => (!r.passed ? 'fail' : r.warnings?.length ? 'pass with warnings' : 'pass');
const verdictClass = (r: SampleRun) =>
  !r.passed ? 'badge-failed' : r.warnings?.length ? 'badge-waiting' : 'badge-succeeded';

interface Props {
  workflowId: string;
  number: number;
  /** The latest recorded check of each sample (from the review's policy). */
  samples: readonly SampleStatus[];
  canRun: boolean;
  /** After the runs: the policy may now be met. */
  onDone(): void;
}

/** The version's sample events simulated, each pass or fail with what it would do. */
export function SampleSimulations({ workflowId, number, samples, canRun, onDone }: Props) {
  const { pending, error, run: runAction } = useAction<'simulate'>();
  const busy = pending !== null;
  const [result, setResult] = useState<SamplesResult | null>(null);
  const elapsed = useElapsed(busy);

  const run = () =>
    runAction('simulate', async () => {
      setResult(await simulateSamples(workflowId, number));
      onDone();
    });

  return (
    <section className="panel" data-testid="sample-simulations" aria-labelledby="samples-title">
      <h2 id="samples-title">Sample simulations</h2>
      {samples.length === 0 && <p className="muted">This version has no sample events.</p>}
      {!result && samples.length > 0 && (
        <ul>
          {samples.map((s) => (
            <li key={s.name}>
              {s.name}:{' '}
              <span
                className={`badge badge-${s.status === 'passed' ? (s.warnings?.length ? 'waiting' : 'succeeded') : s.status}`}
              >
                {s.status.replace('_', ' ')}
                {s.status === 'passed' && s.warnings?.length ? ' with warnings' : ''}
              </span>
              {s.runId && (
                <>
                  {' '}
                  <Link to={`/runs/${s.runId}`}>run</Link>
                </>
              )}
              {s.warnings && s.warnings.length > 0 && (
                <ul className="check-warnings" aria-label={`Warnings of “${s.name}”`}>
                  {s.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {canRun && samples.length > 0 && (
        <p className="actions">
          <button type="button" onClick={() => void run()} disabled={busy} data-testid="run-samples">
            {busy ? 'Simulating…' : result ? 'Simulate again' : 'Simulate the samples'}
          </button>
          <span role="status" className="muted">
            {busy ? `running for ${formatDuration(elapsed)}` : ''}
          </span>
        </p>
      )}
      {error && <ApiErrorMessage error={error} />}
      {result && (
        <div>
          <p>
            {result.passed ? 'Every sample ran as expected.' : 'Some samples did not run as expected.'}
            {result.approved ? ' The version is now approved.' : ''}
          </p>
          {result.results.map((r) => (
            <div key={r.sample} className="sample-row" data-testid={`sample-${r.sample}`}>
              <strong>{r.sample}</strong> <span className={`badge ${verdictClass(r)}`}>{verdict(r)}</span>{' '}
              {r.status && <StatusBadge status={r.status} />}{' '}
              {r.runId ? <Link to={`/runs/${r.runId}`}>trace</Link> : <span className="muted">not run</span>}
              <div className="muted">path: {r.path.join(' → ')}</div>
              {r.failures.length > 0 && (
                <ul className="check-failures">
                  {r.failures.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              )}
              {r.warnings && r.warnings.length > 0 && (
                <ul className="check-warnings" aria-label={`Warnings of “${r.sample}”`}>
                  {r.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
              <EffectsReport effects={r.effects} caption={`Effects of “${r.sample}”`} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
