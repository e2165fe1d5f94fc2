import { describe, expect, it } from 'vitest';
import { runCase } from '../../src/engine';
import { caseNamed, decisions, loadExample, SHIPPED_CONNECTORS } from './support';

const ex = loadExample('compromised-account-containment');
const opts = { connectors: SHIPPED_CONNECTORS, safety: ex.safety };

describe('example compromised-account-containment', () => {
  it('when the session count goes 3, 2, 1, 0 then three clears run and the fourth round ends the loop', async () => {
    const c = caseNamed(ex, 'Impossible travel, approved: suspended, sessions cleared until none remain');
    const { result, simulation } = await runCase(ex.doc, c, opts);

    expect(result.passed).toBe(true);
    const keys = (id: string) => (simulation?.trace ?? []).filter((a) => a.stepId === id).map((a) => a.stepKey);
    expect(keys('count_sessions')).toEqual([
      'count_sessions[0]',
      'count_sessions[1]',
      'count_sessions[2]',
      'count_sessions[3]',
    ]);
    expect(keys('clear_sessions')).toEqual(['clear_sessions[0]', 'clear_sessions[1]', 'clear_sessions[2]']);
    expect(simulation?.message).toBe('j.doe@corp.example suspended; no session remains.');
  });

  it('when the count never reaches 0 then the loop stops at its bound of 5 rounds and the run fails saying so', async () => {
    const c = caseNamed(ex, 'Sessions keep coming back: the loop stops at its bound');
    const { result, simulation } = await runCase(ex.doc, c, opts);

    expect(result.passed).toBe(true);
    expect((simulation?.trace ?? []).filter((a) => a.stepId === 'clear_sessions')).toHaveLength(5);
    expect(simulation?.message).toBe('Sessions of j.doe@corp.example remained after 5 rounds.');
  });

  it('when nobody answers for 15 minutes then the on-call lead decides by break glass at level 1', async () => {
    const c = caseNamed(ex, 'Nobody answers; the on-call lead approves by break glass');
    const { simulation } = await runCase(ex.doc, c, opts);

    const events = simulation?.trace.find((a) => a.stepId === 'approve_suspend')?.events ?? [];
    expect(events.filter((e) => e.type === 'escalated' || e.type === 'vote')).toMatchObject([
      { type: 'escalated', level: 1, detail: 'On-call lead (break glass)' },
      { type: 'vote', level: 1, detail: 'approved' },
    ]);
    expect(decisions(simulation!)).toContainEqual(['suspend_user', 'would-run']);
  });

  it('when the case breaks (the count is said to end at 2 rounds) then it fails naming the first failed assertion', async () => {
    const c = caseNamed(ex, 'Impossible travel, approved: suspended, sessions cleared until none remain');
    const { result } = await runCase(ex.doc, { ...c, expect: { ...c.expect, maxSteps: 10 } }, opts);

    expect(result.passed).toBe(false);
    expect(result.firstFailure).toMatch(/^at most 10 step/);
  });
});
