import { describe, expect, it } from 'vitest';
import { crashWorld, killMidRun, lines } from './crash-support';
import { post, publishedWorkflow, workflow } from './support';

const world = crashWorld('autonomic-crash-');

describe('durable runs: a process killed in the middle of a run', () => {
  it('when the process is SIGKILLed during step 3 then another finishes the run, no completed step runs twice, step 3 repeats with its key', async () => {
    // start → one → two → three (hangs in the doomed process) → four → five, all POST (writes)
    const doc = workflow('one', {
      one: post('https://x.example/1', { out: 'two' }),
      two: post('https://x.example/2', { out: 'three' }),
      three: post('https://x.example/3', { out: 'four' }),
      four: post('https://x.example/4', { out: 'five' }),
      five: post('https://x.example/5'),
    });
    const wf = await publishedWorkflow(world.db.prisma, doc);
    const { runId, done } = await killMidRun(
      world,
      'crash-worker.ts',
      wf.workflowId,
      (runId) => `start ${runId}:three:1`,
    );
    expect(done.status).toBe('succeeded');
    const key = (step: string) => `${runId}:${step}:1`;
    expect(lines(world.log).filter((l) => l.startsWith('start '))).toEqual(
      ['one', 'two', 'three', 'three', 'four', 'five'].map((s) => `start ${key(s)}`),
    );
    expect(lines(world.log).filter((l) => l.startsWith('done '))).toEqual(
      ['one', 'two', 'three', 'four', 'five'].map((s) => `done ${key(s)}`),
    );
    const rows = await world.db.prisma.stepRun.findMany({ where: { runId }, orderBy: { startedAt: 'asc' } });
    expect(rows.map((r) => `${r.stepKey}:${r.attempt}:${r.status}`)).toEqual(
      ['one', 'two', 'three', 'four', 'five'].map((s) => `${s}:1:succeeded`),
    );
    // It starts a process and waits on conditions (ready, step 3 started, run finished), each
    // with its own limit: the whole may take longer than the default on a loaded machine.
  }, 120_000);
});
