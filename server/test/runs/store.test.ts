import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/ids';
import { createEngine, pathOf, RunConflictError, type EffectsPort } from '../../src/engine';
import { createPublishedResolver } from '../../src/executor/resolver';
import { RunDocuments } from '../../src/store/runs-documents';
import { dbRunId } from '../../src/store/runs-ids';
import { createPgPool, pgSql, prismaSql, type Sql } from '../../src/store/runs-sql';
import { PrismaRunStore } from '../../src/store/runs-store';
import { createTestDatabase, type TestDatabase } from '../db/test-database';
import { post, publishedWorkflow, RecordingEffects, step, transform, workflow } from './support';

let db: TestDatabase;
let pool: ReturnType<typeof createPgPool>;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPgPool(db.url, 4);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

/** The store runs on bare pg (with a database URL) or on Prisma's raw queries (without). */
const clients: [string, () => Sql][] = [
  ['pg', () => pgSql(pool)],
  ['prisma', () => prismaSql(db.prisma)],
];
let client: () => Sql = () => pgSql(pool);

/** An engine over its own PrismaRunStore: two of them on one database = two processes. */
function engineOn(effects: EffectsPort, workerId: string, documents = new RunDocuments()) {
  const sql = client();
  const store = new PrismaRunStore(sql, { workerId, documents });
  const engine = createEngine({ store, effects, workflows: createPublishedResolver(sql, documents) });
  return { engine, store, documents };
}

async function registered(documents: RunDocuments, doc: ReturnType<typeof workflow>) {
  const w = await publishedWorkflow(db.prisma, doc);
  return documents.add({ workflowId: w.workflowId, versionId: w.versionId }, doc);
}

describe.each(clients)('PrismaRunStore over %s', (_name, sql) => {
  beforeAll(() => {
    client = sql;
  });

  it('when a run completes then load returns its record, final state, results in order and attempts', async () => {
    // start → a → b → c
    const { engine, store, documents } = engineOn(new RecordingEffects(), 'w1');
    const doc = await registered(
      documents,
      workflow('a', {
        a: transform('event.x + 1', { out: 'b' }),
        b: transform('steps.a.output * 2', { out: 'c' }),
        c: transform('"done"'),
      }),
    );

    const summary = await engine.start(doc, { x: 1 }, { runId: newId() });
    const stored = await store.load(summary.runId);

    expect(summary.status).toBe('succeeded');
    expect(stored?.run).toMatchObject({ id: summary.runId, event: { x: 1 }, depth: 0 });
    expect(stored?.state).toMatchObject({ status: 'succeeded', tokens: [] });
    expect(pathOf(stored?.results ?? [])).toEqual(['a', 'b', 'c']);
    expect(stored?.results.find((r) => r.key === 'b')?.output).toBe(4);
    expect(stored?.attempts.map((a) => [a.stepKey, a.status])).toEqual(
      expect.arrayContaining([
        ['a', 'succeeded'],
        ['b', 'succeeded'],
        ['c', 'succeeded'],
      ]),
    );
    const row = await db.prisma.run.findUniqueOrThrow({ where: { id: summary.runId } });
    expect(row).toMatchObject({ status: 'succeeded', leaseOwner: null, leaseExpiresAt: null });
    expect(row.finishedAt).toBeInstanceOf(Date);
  });

  it('when a step output or the event holds a NUL character then the run is still stored (NUL becomes U+FFFD)', async () => {
    const { engine, store, documents } = engineOn(new RecordingEffects(), 'w1');
    const doc = await registered(documents, workflow('a', { a: transform('event.s & "\\\\u0000 stays text"') }));
    const { runId } = await engine.start(doc, { s: 'nul:\u0000' }, { runId: newId() });

    const stored = await store.load(runId);
    expect(stored?.state.status).toBe('succeeded');
    expect(stored?.run.event).toEqual({ s: 'nul:\ufffd' });
    expect(stored?.results[0]?.output).toBe('nul:\ufffd\\u0000 stays text');
  });

  it('when a commit does not follow the stored version then it is refused and writes nothing', async () => {
    const { engine, store, documents } = engineOn(new RecordingEffects(), 'w1');
    const doc = await registered(documents, workflow('a', { a: transform('1') }));
    const { runId } = await engine.start(doc, {}, { runId: newId() });
    const stored = await store.load(runId);
    if (!stored) throw new Error('not stored');
    const attempt = { ...stored.attempts[0]!, stepKey: 'ghost' };

    const stale = { state: stored.state, results: [], attempts: [attempt] };
    await expect(store.commit(runId, stale)).rejects.toBeInstanceOf(RunConflictError);
    expect(await db.prisma.stepRun.count({ where: { runId, stepKey: 'ghost' } })).toBe(0);
  });

  it('when runs wait on timers then due() lists those whose wakeAt has come, earliest first', async () => {
    const { engine, documents } = engineOn(new RecordingEffects(), 'w1');
    const wait = (d: string) => registered(documents, workflow('w', { w: step('delay', { duration: d }) }));
    const late = await engine.start(await wait('2h'), {});
    const soon = await engine.start(await wait('1h'), {});
    const { store } = engineOn(new RecordingEffects(), 'w2');

    expect(await store.due(Date.now() + 30 * 60_000, 10)).not.toContain(soon.runId);
    const due = await store.due(Date.now() + 3 * 3_600_000, 10);
    expect(due.indexOf(soon.runId)).toBeGreaterThanOrEqual(0);
    expect(due.indexOf(soon.runId)).toBeLessThan(due.indexOf(late.runId));
  });

  it('when a process dies during a write then another resumes the run: done steps never rerun, the in-flight one keeps its key', async () => {
    // start → one (POST) → two (POST, hangs in the first process) → three (POST)
    const doc0 = workflow('one', {
      one: post('https://x.example/1', { out: 'two' }),
      two: post('https://x.example/2', { out: 'three' }),
      three: post('https://x.example/3'),
    });
    const hanging = new RecordingEffects({ slow: { two: 60_000 } });
    const first = engineOn(hanging, 'dies');
    const doc = await registered(first.documents, doc0);
    void first.engine.start(doc, {}, { runId: newId() }).catch(() => undefined);
    await expect.poll(() => hanging.calls.length).toBe(2);
    const runId = hanging.calls[0]!.runId;

    const again = new RecordingEffects();
    const second = engineOn(again, 'survivor');
    const done = await second.engine.resume(runId);

    expect(done.status).toBe('succeeded');
    expect(again.keys()).toEqual([`${runId}:two:1`, `${runId}:three:1`]);
    expect(hanging.keys()).toEqual([`${runId}:one:1`, `${runId}:two:1`]);
    const rows = await db.prisma.stepRun.findMany({ where: { runId }, orderBy: { stepKey: 'asc' } });
    expect(rows.map((r) => `${r.stepKey}:${r.attempt}:${r.status}`)).toEqual([
      'one:1:succeeded',
      'three:1:succeeded',
      'two:1:succeeded',
    ]);
  });

  it('when a step calls a sub-workflow then the child is its own row with the parent id and the parent gets its output', async () => {
    const { engine, store, documents } = engineOn(new RecordingEffects(), 'w1');
    const slug = `child-${Math.random().toString(36).slice(2, 8)}`;
    const child = await publishedWorkflow(db.prisma, workflow('c', { c: step('end', { output: 'event.n * 10' }) }), {
      slug,
    });
    const doc = await registered(
      documents,
      workflow('call', {
        call: step('subworkflow', { workflow: slug, input: '{"n": 4}' }, { out: 'use' }),
        use: transform('steps.call.output + 1'),
      }),
    );

    const summary = await engine.start(doc, {}, { runId: newId() });

    expect(summary.status).toBe('succeeded');
    const stored = await store.load(summary.runId);
    expect(stored?.results.find((r) => r.key === 'use')?.output).toBe(41);
    const childRow = await db.prisma.run.findUniqueOrThrow({ where: { id: dbRunId(`${summary.runId}/call`) } });
    expect(childRow).toMatchObject({
      parentRunId: summary.runId,
      workflowId: child.workflowId,
      versionId: child.versionId,
      triggerType: 'subworkflow',
      status: 'succeeded',
      output: 40,
    });
  });
});
