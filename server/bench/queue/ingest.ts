/**
 * Recording runs, the API side of each queue (this process runs no executor):
 * - ours: the real executor's `startRun`, not started — ONE INSERT records the run
 *   `queued` and unleased, then a batched NOTIFY (≤ 1 per 10 ms) tells the workers;
 * - graphile-worker: the same INSERT and `graphile_worker.add_job('resume_run', {runId})`
 *   in ONE statement (one commit; add_job's NOTIFY goes out with that commit).
 */
import { newId } from '../../src/db/ids';
import type { EffectsPort } from '../../src/engine';
import { createExecutor, type Executor } from '../../src/executor';
import { createPgPool } from '../../src/store/runs-sql';
import type { AppContext } from '../../src/context';
import { allowAll, epochMs } from './context';

export type QueueKind = 'ours' | 'graphile';

export interface Ingest {
  /** Records one run of `workflowId`; resolves once it is committed, with its id and that time (epoch ms). */
  record(workflowId: string): Promise<{ runId: string; at: number }>;
  close(): Promise<void>;
}

const EVENT = { src_ip: '10.0.0.1' };

/**
 * The run INSERT of src/store/runs-create.ts (published-version and kill-switch check
 * included), unleased, with the graphile job added by the same statement.
 */
const INSERT_WITH_JOB = `WITH w AS (
    SELECT id, max_destructive_per_run FROM workflows
    WHERE id = $2::uuid AND published_version_id = $3::uuid AND NOT kill_switch
  ), ins AS (
    INSERT INTO runs (id, workflow_id, version_id, mode, status, trigger_type, input, state, state_version, created_at)
    SELECT $1::uuid, w.id, $3::uuid, 'live', 'queued', 'webhook', $4::jsonb,
      jsonb_build_object('record', jsonb_build_object('id', $1::text, 'depth', 0,
        'maxDestructive', w.max_destructive_per_run)),
      0, to_timestamp($5::float8 / 1000.0)
    FROM w
    RETURNING id
  )
  SELECT (graphile_worker.add_job('resume_run', json_build_object('runId', ins.id::text))).id::text AS job FROM ins`;

export async function createIngest(kind: QueueKind, ctx: AppContext, databaseUrl: string): Promise<Ingest> {
  const api: Executor = createExecutor(ctx, {
    effects: { forWorkflow: () => noEffects },
    safety: allowAll,
    databaseUrl,
  });
  const versions = new Map<string, Awaited<ReturnType<Executor['findStartable']>>>();
  const startable = async (workflowId: string) => {
    if (!versions.has(workflowId)) versions.set(workflowId, await api.findStartable(workflowId));
    const w = versions.get(workflowId);
    if (!w?.published) throw new Error(`workflow ${workflowId} is not published`);
    return { id: w.id, ...w.published };
  };
  if (kind === 'ours') {
    return {
      async record(workflowId) {
        const w = await startable(workflowId);
        const out = await api.startRun({
          workflowId: w.id,
          versionId: w.versionId,
          document: w.document,
          trigger: 'webhook',
          event: EVENT,
          eventTimestamp: null,
          createdById: null,
          dedupeKey: null,
        });
        if (!out.started) throw new Error('the run was not recorded');
        return { runId: out.runId, at: epochMs() };
      },
      close: () => api.stop(),
    };
  }
  const pool = createPgPool(databaseUrl);
  const event = JSON.stringify(EVENT);
  return {
    async record(workflowId) {
      const w = await startable(workflowId);
      const createdAt = Date.now();
      const id = newId(createdAt);
      const r = await pool.query<{ job: string }>({
        name: 'bench_run_with_job',
        text: INSERT_WITH_JOB,
        values: [id, w.id, w.versionId, event, createdAt],
      });
      if (r.rows.length !== 1) throw new Error('the run was not recorded');
      return { runId: id, at: epochMs() };
    },
    async close() {
      await api.stop();
      await pool.end();
    },
  };
}

const noEffects: EffectsPort = { perform: async () => ({ ok: true, output: {} }) };
