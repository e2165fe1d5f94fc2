import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver, type ReceiverStats } from './receiver';
import { duplicatesOf, report, type ScenarioOutcome } from './report';

// The crash test's own parts: the receiver honours Idempotency-Key as a payment API does,
// and the report fails on what an honouring receiver could not absorb.

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver({ delayMs: 20 });
});
afterAll(() => receiver.close());

const call = (key?: string) =>
  fetch(`${receiver.url}/effect`, { method: 'POST', body: '{}', headers: key ? { 'idempotency-key': key } : {} }).then(
    (r) => r.json() as Promise<{ key: string; action: number }>,
  );

const stats = (keys: Record<string, number>): ReceiverStats => ({
  calls: Object.values(keys).reduce((a, b) => a + b, 0),
  actions: Object.keys(keys).length,
  withoutKey: 0,
  callsPerKey: new Map(Object.entries(keys)),
  arrivals: [],
});

const outcome = (more: Partial<ScenarioOutcome> = {}): ScenarioOutcome => ({
  name: 'restart',
  accepted: 200,
  lost: 0,
  stuck: 0,
  extraRuns: 0,
  interrupted: 40,
  receiver: stats({ 'r1:call:1': 2, 'r2:call:1': 1 }),
  resumeSeconds: 1.2,
  recoverySeconds: 1.8,
  notes: [],
  ...more,
});

describe('crash test receiver', () => {
  it('when a key comes again (during or after the first call) then it gets the first answer and is counted as a repeat', async () => {
    const [first, during] = await Promise.all([call('run-a:call:1'), call('run-a:call:1')]);
    const after = await call('run-a:call:1');
    await call('run-b:call:1');

    expect(during).toEqual(first);
    expect(after).toEqual(first);
    expect(receiver.stats().actions).toBe(2);
    expect(receiver.stats().callsPerKey.get('run-a:call:1')).toBe(3);
    expect(duplicatesOf(receiver.stats())).toMatchObject({ repeatedCalls: 2, keysRepeated: 1, stepsUnderTwoKeys: 0 });
  });

  it('when a call has no key then it is counted apart', async () => {
    await call();
    expect(receiver.stats().withoutKey).toBe(1);
  });
});

describe('crash test report', () => {
  it('when nothing is lost or stuck and repeats share their key then it passes, printing the numbers', () => {
    const r = report(outcome(), 5);
    expect(r.ok).toBe(true);
    expect(r.lines.join('\n')).toContain('runs lost: 0   runs stuck: 0');
    expect(r.lines.join('\n')).toContain('duplicate calls per key (same key again, answered with the first result): 1');
  });

  it.each<[string, Partial<ScenarioOutcome>, string]>([
    ['a run is lost', { lost: 1 }, '1 runs lost'],
    ['a run is stuck', { stuck: 2 }, '2 runs stuck'],
    ['a step reached the receiver under two keys', { receiver: stats({ 'r1:call:1': 1, 'r1:call:2': 1 }) }, 'two keys'],
    ['recovery took longer than the target', { recoverySeconds: 5.5 }, 'recovery 5.50 s > 5 s'],
    ['the runs never recovered', { recoverySeconds: undefined }, 'recovery never'],
  ])('when %s then it fails naming it', (_, more, why) => {
    const r = report(outcome(more), 5);
    expect(r.ok).toBe(false);
    expect(r.lines.at(-1)).toContain(why);
  });
});
