import type { ApprovalOutcome } from '@autonomic/api';
import { useId, useState, type FormEvent } from 'react';
import { formatDuration } from '../versions/format';
import type { SimulateInput } from './api';
import { parseFixtures, parseJson } from './parseJson';
import { useElapsed } from './useElapsed';

export interface SampleOption {
  name: string;
  event: unknown;
  fixtures: Record<string, unknown>;
}

interface Props {
  samples: readonly SampleOption[];
  busy: boolean;
  onRun(input: SimulateInput): void;
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** Which event to simulate (a stored sample or pasted JSON), fixtures, and how approvals answer. */
export function SimulationForm({ samples, busy, onRun }: Props) {
  const ids = useId();
  const [mode, setMode] = useState<'sample' | 'paste'>(samples.length > 0 ? 'sample' : 'paste');
  const [sample, setSample] = useState(samples[0]?.name ?? '');
  const [eventText, setEventText] = useState('{\n  \n}');
  const [fixturesText, setFixturesText] = useState('');
  const [approvals, setApprovals] = useState<ApprovalOutcome>('approved');
  const elapsed = useElapsed(busy);

  const event = mode === 'paste' ? parseJson(eventText) : null;
  const eventError =
    event && !event.ok ? event.error : event?.ok && event.value === undefined ? 'paste an event' : null;
  const fixtures = parseFixtures(fixturesText);
  const fixturesError = fixtures.ok ? null : fixtures.error;

  const copySample = () => {
    const s = samples.find((x) => x.name === sample);
    if (!s) return;
    setEventText(pretty(s.event));
    setFixturesText(Object.keys(s.fixtures).length > 0 ? pretty(s.fixtures) : '');
    setMode('paste');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (eventError || !fixtures.ok) return;
    // `approved` is the server's default; leaving it out lets a stored sample count as run as stored.
    const input: SimulateInput = approvals === 'approved' ? {} : { approvals };
    if (mode === 'sample') input.sample = sample;
    else if (event?.ok) input.event = event.value;
    if (fixtures.value) input.fixtures = fixtures.value;
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
            checked={mode === 'sample'}
            disabled={samples.length === 0}
            onChange={() => setMode('sample')}
          />
          Stored sample
        </label>
        <label className="radio">
          <input type="radio" name={`${ids}-mode`} checked={mode === 'paste'} onChange={() => setMode('paste')} />
          Paste an event
        </label>
      </fieldset>
      {mode === 'sample' ? (
        <div className="full toolbar">
          <label>
            Sample
            <select value={sample} onChange={(e) => setSample(e.target.value)} data-testid="sample-select">
              {samples.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={copySample}>
            Edit a copy as JSON
          </button>
        </div>
      ) : (
        <label className="full">
          Event (JSON)
          <textarea
            value={eventText}
            onChange={(e) => setEventText(e.target.value)}
            aria-invalid={eventError !== null}
            aria-describedby={eventError ? `${ids}-event-error` : undefined}
            data-testid="event-json"
            spellCheck={false}
          />
          {eventError && (
            <span id={`${ids}-event-error`} className="field-error" role="alert">
              {eventError}
            </span>
          )}
        </label>
      )}
      <label>
        Fixtures (optional JSON: step id → output{mode === 'sample' ? '; empty = the sample’s own' : ''})
        <textarea
          value={fixturesText}
          onChange={(e) => setFixturesText(e.target.value)}
          aria-invalid={fixturesError !== null}
          aria-describedby={fixturesError ? `${ids}-fixtures-error` : undefined}
          data-testid="fixtures-json"
          spellCheck={false}
          placeholder='{ "enrich_ip": { "status": 200, "body": {} } }'
        />
        {fixturesError && (
          <span id={`${ids}-fixtures-error`} className="field-error" role="alert">
            {fixturesError}
          </span>
        )}
      </label>
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
            disabled={busy || eventError !== null || fixturesError !== null}
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
