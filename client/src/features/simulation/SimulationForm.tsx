import type { ApprovalOutcome } from '@autonomic/api';
import type { TestCase } from '@autonomic/workflow';
import { useId, useState, type FormEvent } from 'react';
import type { StepOption } from '../../forms/fixtures/fixtureDraft';
import type { OutputShape } from '../../forms/fixtures/outputShape';
import { isJsonObject, parseJsonText, type Json, type JsonObject } from '../../forms/jsonValue';
import { SchemaForm } from '../../forms/SchemaForm';
import { formatDuration } from '../versions/format';
import type { SimulateInput } from './api';
import { SimFixtures } from './SimFixtures';
import { useElapsed } from './useElapsed';

/** A stored test case as the form offers it. */
export type CaseOption = Pick<TestCase, 'name' | 'event' | 'fixtures'>;

interface Props {
  cases: readonly CaseOption[];
  /** The version's trigger input schema: the event form's fields. */
  inputSchema?: unknown;
  /** The server's refusal of the event's fields (`invalid_event`), by dotted path. */
  eventErrors?: ReadonlyMap<string, string>;
  /** The version's steps that call out (HTTP, connector, sub-workflow): those a fixture may answer for. */
  fixtureSteps?: readonly StepOption[];
  /** The shape of a step's output: a schema for the form, or why it is JSON. */
  shapeOf?(stepId: string): OutputShape;
  busy: boolean;
  onRun(input: SimulateInput): void;
}

const NO_SHAPE = (): OutputShape => ({ why: 'This step declares no fields for its answer: write it as JSON.' });

/**
 * Which event to simulate (a stored test case, or an event filled in on a form made from
 * the trigger's input schema, JSON for experts), fixtures, and how approvals answer.
 */
export function SimulationForm(props: Props) {
  const { cases, inputSchema, eventErrors, fixtureSteps = [], shapeOf = NO_SHAPE, busy, onRun } = props;
  const ids = useId();
  const [mode, setMode] = useState<'case' | 'event'>(cases.length > 0 ? 'case' : 'event');
  const [caseName, setCaseName] = useState(cases[0]?.name ?? '');
  const [event, setEvent] = useState<Json | undefined>({});
  const [eventError, setEventError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [fixtures, setFixtures] = useState<JsonObject>({});
  const [fixturesError, setFixturesError] = useState<string | null>(null);
  const [approvals, setApprovals] = useState<ApprovalOutcome>('approved');
  const elapsed = useElapsed(busy);

  const copyCase = () => {
    const c = cases.find((x) => x.name === caseName);
    if (!c) return;
    // Whole fixtures (outputs, failures, sequences): the server reads them as the case would.
    const copied = parseJsonText(JSON.stringify(c.fixtures));
    setEvent(c.event);
    setFixtures(copied.ok && isJsonObject(copied.value) ? copied.value : {});
    setMode('event');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'event' && eventError) return;
    if (fixturesError) return;
    setTried(true);
    // `approved` is the server's default; leaving it out lets a stored case count as run as stored.
    const input: SimulateInput = approvals === 'approved' ? {} : { approvals };
    if (mode === 'case') input.case = caseName;
    else input.event = event ?? {};
    if (Object.keys(fixtures).length > 0) input.fixtures = fixtures;
    onRun(input);
  };

  return (
    <form className="sim-form" onSubmit={submit} aria-label="Simulation input" data-testid="simulation-form">
      <fieldset className="full">
        <legend className="muted">Event</legend>
        <label className="radio">
          <input
            type="radio"
            name={`${ids}-mode`}
            checked={mode === 'case'}
            disabled={cases.length === 0}
            onChange={() => setMode('case')}
          />
          Stored test case
        </label>
        <label className="radio">
          <input type="radio" name={`${ids}-mode`} checked={mode === 'event'} onChange={() => setMode('event')} />A new
          event
        </label>
      </fieldset>
      {mode === 'case' ? (
        <div className="full toolbar">
          <label>
            Test case
            <select value={caseName} onChange={(e) => setCaseName(e.target.value)} data-testid="case-select">
              {cases.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={copyCase}>
            Edit a copy
          </button>
        </div>
      ) : (
        <div className="full">
          <SchemaForm
            schema={inputSchema}
            value={event}
            onChange={setEvent}
            label="Event"
            testId="sim-event"
            jsonTestId="event-json"
            {...(eventErrors ? { errors: eventErrors } : {})}
            showAllProblems={tried}
            noFields="The trigger declares no event fields (add them on the trigger in the editor): write the event in the JSON view."
            onJsonError={setEventError}
          />
        </div>
      )}
      <SimFixtures
        value={fixtures}
        onChange={setFixtures}
        steps={fixtureSteps}
        shapeOf={shapeOf}
        {...(mode === 'case' ? { hint: 'None given: the case’s own answer.' } : {})}
        onJsonError={setFixturesError}
      />
      <div>
        <label>
          Approval steps answer
          <select
            value={approvals}
            onChange={(e) => setApprovals(approvalPolicy(e.target.value))}
            data-testid="approvals-policy"
          >
            <option value="approved">approved</option>
            <option value="rejected">rejected</option>
            <option value="timeout">time out</option>
          </select>
        </label>
        <p className="actions">
          <button
            type="submit"
            className="primary"
            disabled={busy || (mode === 'event' && eventError !== null) || fixturesError !== null}
            data-testid="run-simulation"
          >
            {busy ? 'Simulating…' : 'Run simulation'}
          </button>
          <span className="progress" role="status" aria-live="polite" data-testid="simulation-progress">
            {busy && (
              <>
                <span className="spinner" aria-hidden="true" /> running for {formatDuration(elapsed)}
              </>
            )}
          </span>
        </p>
        <p className="muted">
          Nothing is sent anywhere: writes and destructive actions only report what they would do.
        </p>
      </div>
    </form>
  );
}

function approvalPolicy(v: string): ApprovalOutcome {
  return v === 'rejected' || v === 'timeout' ? v : 'approved';
}
