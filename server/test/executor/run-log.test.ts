import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { runLogSink } from '../../src/executor/run-log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

describe('runLogSink', () => {
  it('when a step fails then a warn line carries the run id, step key and error kind', async () => {
    const { log, lines } = capture();
    runLogSink(log).emit({
      type: 'attempt',
      attempt: {
        runId: 'r1',
        stepId: 'block_ip',
        stepKey: 'block_ip',
        nodeType: 'connector',
        attempt: 2,
        status: 'failed',
        startedAt: 1_000,
        finishedAt: 1_250,
        error: { kind: 'safety', message: 'protected', retryable: false },
      },
    });
    runLogSink(log).emit({ type: 'run', runId: 'r1', status: 'failed' });
    await new Promise((r) => setImmediate(r));

    expect(lines[0]).toMatchObject({
      level: 40,
      runId: 'r1',
      stepKey: 'block_ip',
      attempt: 2,
      durationMs: 250,
      error: { kind: 'safety' },
    });
    expect(lines[1]).toMatchObject({ level: 30, runId: 'r1', status: 'failed' });
  });

  it('when a step has only started then nothing is logged yet', async () => {
    const { log, lines } = capture();
    runLogSink(log).emit({
      type: 'attempt',
      attempt: {
        runId: 'r1',
        stepId: 'a',
        stepKey: 'a',
        nodeType: 'transform',
        attempt: 1,
        status: 'running',
        startedAt: 1,
      },
    });
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([]);
  });
});
