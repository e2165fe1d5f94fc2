import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendStepRuns, type NewStepRun } from '../../src/store/step-runs';
import { seedRun } from './fixtures';
import { createTestDatabase, type TestDatabase } from './test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const step = (runId: string, i: number, attempt = 1): NewStepRun => ({
  runId,
  stepKey: `s${i}#0`,
  stepId: `s${i}`,
  attempt,
  nodeType: 'edr.isolate_host',
  status: 'succeeded',
  effectClass: 'destructive',
  input: { host: `ws-${i}`, note: 'it\'s; a "quoted" value' },
  output: i % 2 ? { isolated: true } : undefined,
  port: 'success',
  startedAt: new Date(Date.UTC(2026, 10, 28, 9, 0, i)),
  finishedAt: new Date(Date.UTC(2026, 10, 28, 9, 0, i, 500)),
});

it('when 2,500 steps are appended then all are stored in order, across several statements, as Prisma reads them', async () => {
  const { run } = await seedRun(db.prisma);
  const steps = Array.from({ length: 2500 }, (_, i) => step(run.id, i));

  const ids = await appendStepRuns(db.prisma, steps);

  const stored = await db.prisma.stepRun.findMany({ where: { runId: run.id }, orderBy: { startedAt: 'asc' } });
  expect(stored).toHaveLength(2500);
  expect(stored.map((row) => row.id)).toEqual(ids);
  expect(stored[1]).toMatchObject({
    stepKey: 's1#0',
    status: 'succeeded',
    effectClass: 'destructive',
    input: { host: 'ws-1', note: 'it\'s; a "quoted" value' },
    output: { isolated: true },
    finishedAt: new Date(Date.UTC(2026, 10, 28, 9, 0, 1, 500)),
  });
  expect(stored[0]?.output).toBeNull();
});

it('when a batch repeats an existing step attempt then nothing of the batch is stored', async () => {
  const { run } = await seedRun(db.prisma);
  await appendStepRuns(db.prisma, [step(run.id, 0)]);
  const batch = [...Array.from({ length: 1200 }, (_, i) => step(run.id, i, 2)), step(run.id, 0)];

  await expect(appendStepRuns(db.prisma, batch)).rejects.toThrow(/23505|unique/i);

  expect(await db.prisma.stepRun.count({ where: { runId: run.id } })).toBe(1);
});
