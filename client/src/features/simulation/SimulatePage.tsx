import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SimulationView } from '@autonomic/api';
import { documentToGraph } from '@autonomic/workflow';
import { ApiError } from '../../api/client';
import { errorsByField } from '../../forms/schemaFields';
import { getVersion, getWorkflow } from '../versions/api';
import { parsedOrNull } from '../versions/graph';
import { useAsync } from '../versions/useAsync';
import { StatusBadge } from '../versions/VersionStatusBadge';
import { simulate, type SimulateInput } from './api';
import { ApiErrorMessage } from './ApiErrorMessage';
import { SimulationForm } from './SimulationForm';
import { SimulationResultView } from './SimulationResultView';
import { useFixtureSteps } from './useFixtureSteps';
import '../versions/versions.css';
import './simulation.css';

/** `/workflows/:id/versions/:number/simulate`: run a version on an event, nothing sent. */
export function SimulatePage() {
  const { id = '', number: numberParam = '' } = useParams();
  const number = Number(numberParam);
  const loaded = useAsync(async () => {
    const [workflow, version] = await Promise.all([getWorkflow(id), getVersion(id, number)]);
    const doc = parsedOrNull(version.document);
    return { workflow, version, doc, graph: doc ? documentToGraph(doc) : null };
  }, `${id}|${number}`);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SimulationView | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const run = async (input: SimulateInput) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await simulate(id, number, input));
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const d = loaded.data;
  const fixtureSteps = useFixtureSteps(d?.graph ?? null);
  const eventErrors = useMemo(
    () => errorsByField(error instanceof ApiError && error.code === 'invalid_event' ? error.details : []),
    [error],
  );
  // A stored case's event is refused under its own path: then the message says it all.
  const refusedEvent = eventErrors.size > 0;
  return (
    <section aria-labelledby="sim-title">
      <div className="page-head">
        <h1 id="sim-title">
          Simulate {d ? `${d.workflow.name} v${number}` : `v${number}`} {d && <StatusBadge status={d.version.status} />}
        </h1>
        <div className="actions">
          <Link to={`/workflows/${id}/versions/${number}`}>Open read-only</Link>
          <Link to={`/workflows/${id}/versions`}>Versions</Link>
        </div>
      </div>
      {loaded.error && <p role="alert">{loaded.error.message}</p>}
      {loaded.loading && !d && <p aria-busy="true">Loading…</p>}
      {d && !d.graph && <p role="alert">This version’s document does not parse; it cannot be simulated.</p>}
      {d?.doc && d.graph && (
        <>
          <SimulationForm
            cases={d.doc.tests}
            inputSchema={d.doc.trigger.inputSchema}
            eventErrors={eventErrors}
            fixtureSteps={fixtureSteps.steps}
            shapeOf={fixtureSteps.shapeOf}
            busy={busy}
            onRun={(i) => void run(i)}
          />
          {refusedEvent ? (
            <p role="alert" className="api-error" data-testid="api-error">
              The event does not fit the trigger&apos;s fields: each problem is shown at its field above.
            </p>
          ) : (
            error && <ApiErrorMessage error={error} />
          )}
          {result && <SimulationResultView key={result.runId} result={result} graph={d.graph} />}
        </>
      )}
    </section>
  );
}
