import { describe, expect, it } from 'vitest';
import { crashWorld, killMidRun, lines } from './crash-support';
import { post, publishedWorkflow, step, workflow } from './support';

const world = crashWorld('autonomic-loop-crash-');

describe('durable runs: a process killed in the middle of a repeat-until loop', () => {
  it('when the process is SIGKILLed in round 3 after round 2 was committed then another process performs round 3, not rounds 1 and 2 again', async () => {
    // start → repeat (until loop.round = 4, checked before: 3 rounds) ─body→ revoke (POST) → back to repeat
    //                                                                  └done→ notify (POST)
    const doc = workflow('repeat', {
      repeat: step(
        'loop',
        { until: 'loop.round = 4', check: 'before', maxRounds: 10 },
        { body: 'revoke', done: 'notify' },
      ),
      revoke: post('https://idp.example/revoke', { out: 'repeat' }),
      notify: post('https://chat.example/done'),
    });
    const wf = await publishedWorkflow(world.db.prisma, doc);
    const { runId, done } = await killMidRun(
      world,
      'loop-crash-worker.ts',
      wf.workflowId,
      (runId) => `start ${runId}:revoke[2]:1`,
    );
    expect(done.status).toBe('succeeded');
    const key = (stepKey: string) => `start ${runId}:${stepKey}:1`;
    expect(lines(world.log).filter((l) => l.startsWith('start '))).toEqual(
      ['revoke[0]', 'revoke[1]', 'revoke[2]', 'revoke[2]', 'notify'].map(key),
    );
    const rows = await world.db.prisma.stepRun.findMany({ where: { runId }, orderBy: { startedAt: 'asc' } });
    expect(rows.filter((r) => r.stepId === 'revoke').map((r) => `${r.stepKey}:${r.attempt}:${r.status}`)).toEqual([
      'revoke[0]:1:succeeded',
      'revoke[1]:1:succeeded',
      'revoke[2]:1:succeeded',
    ]);
    // A process start and waits on conditions, each with its own limit: longer than the default on a loaded machine.
  }, 120_000);
});
