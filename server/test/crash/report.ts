/**
 * What the crash test prints and whether it passed: runs lost (accepted, never recorded),
 * runs stuck (recorded, not ended), duplicate calls at the receiver per key, steps that
 * reached it under two keys (an honouring receiver would act twice), and recovery time.
 */
import type { ReceiverStats } from './receiver';

export interface ScenarioOutcome {
  name: string;
  /** Deliveries the server answered with a run id (202, or 200 for a repeated delivery). */
  accepted: number;
  /** Accepted run ids without a row at the end. */
  lost: number;
  /** Rows not ended when the test gave up waiting. */
  stuck: number;
  /** Runs in the table beyond one per delivery (a delivery recorded twice). */
  extraRuns: number;
  /** Runs that were not finished when the process was killed. */
  interrupted: number;
  receiver: ReceiverStats;
  /**
   * From the restart (or the kill, when a peer takes over) until every interrupted run was
   * driven again (its step called the receiver again, or it was seen ended).
   */
  resumeSeconds: number | undefined;
  /** From the restart (or the kill) until every interrupted run ended. */
  recoverySeconds: number | undefined;
  /** From the restart until the server answered (restart scenario only). */
  startSeconds?: number;
  /** Extra lines (the orphaned-cluster warning). */
  notes: string[];
}

export interface Duplicates {
  /** Calls carrying a key the receiver had already seen (it answered the first result). */
  repeatedCalls: number;
  keysRepeated: number;
  maxCallsPerKey: number;
  /** Steps (run + step key) that called under more than one key: a real second effect. */
  stepsUnderTwoKeys: number;
}

export function duplicatesOf(stats: ReceiverStats): Duplicates {
  let repeatedCalls = 0;
  let keysRepeated = 0;
  let maxCallsPerKey = 0;
  const keysPerStep = new Map<string, number>();
  for (const [key, calls] of stats.callsPerKey) {
    repeatedCalls += calls - 1;
    if (calls > 1) keysRepeated++;
    maxCallsPerKey = Math.max(maxCallsPerKey, calls);
    // `${runId}:${stepKey}:${attempt}`: the step is everything before the last colon.
    const step = key.slice(0, key.lastIndexOf(':'));
    keysPerStep.set(step, (keysPerStep.get(step) ?? 0) + 1);
  }
  const stepsUnderTwoKeys = [...keysPerStep.values()].filter((n) => n > 1).length;
  return { repeatedCalls, keysRepeated, maxCallsPerKey, stepsUnderTwoKeys };
}

const after = (v: number | undefined, start: number) => (v === undefined ? undefined : Math.max(0, v - start));

/** The lines to print and the verdict: lost, stuck, double effects or slow recovery fail it. */
export function report(o: ScenarioOutcome, targetSeconds: number): { lines: string[]; ok: boolean } {
  const d = duplicatesOf(o.receiver);
  const s = (v: number | undefined) => (v === undefined ? 'never' : `${v.toFixed(2)} s`);
  const recovery = s(o.recoverySeconds);
  const failures = [
    o.lost > 0 && `${o.lost} runs lost`,
    o.stuck > 0 && `${o.stuck} runs stuck`,
    o.extraRuns > 0 && `${o.extraRuns} deliveries recorded twice`,
    d.stepsUnderTwoKeys > 0 && `${d.stepsUnderTwoKeys} steps called under two keys`,
    o.receiver.withoutKey > 0 && `${o.receiver.withoutKey} calls without Idempotency-Key`,
    (o.recoverySeconds === undefined || o.recoverySeconds > targetSeconds) &&
      `recovery ${recovery} > ${targetSeconds} s`,
  ].filter((f): f is string => typeof f === 'string');
  const lines = [
    `[${o.name}] accepted ${o.accepted}, interrupted by the kill ${o.interrupted}`,
    `[${o.name}] runs lost: ${o.lost}   runs stuck: ${o.stuck}   deliveries recorded twice: ${o.extraRuns}`,
    `[${o.name}] receiver: ${o.receiver.calls} calls, ${o.receiver.callsPerKey.size} keys, acted ${o.receiver.actions} times, ` +
      `duplicate calls per key (same key again, answered with the first result): ${d.repeatedCalls} ` +
      `over ${d.keysRepeated} keys (max ${d.maxCallsPerKey} calls for one key); ` +
      `steps called under two keys: ${d.stepsUnderTwoKeys}; calls without a key: ${o.receiver.withoutKey}`,
    `[${o.name}] recovery seconds (every interrupted run finished): ${recovery}; every one resumed: ${s(o.resumeSeconds)}` +
      (o.startSeconds === undefined
        ? ' (from the kill)'
        : ` (from the restart); the restarted server answered after ${s(o.startSeconds)}, then resumed them ` +
          `in ${s(after(o.resumeSeconds, o.startSeconds))} and finished them in ${s(after(o.recoverySeconds, o.startSeconds))}`),
    ...o.notes.map((n) => `[${o.name}] ${n}`),
    `[${o.name}] ${failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`}`,
  ];
  return { lines, ok: failures.length === 0 };
}
