/**
 * The ingest batcher (issue 18 §2): new runs wait for at most one statement in flight;
 * everything that arrives meanwhile goes together in the next one (group commit). An
 * idle server sends a run at once; a busy one pays the statement's CPU, round trip and
 * WAL flush once per batch instead of once per run. Each caller resolves when its own
 * batch has committed, with its own row's outcome.
 */
import { ingestRowJson, ingestRuns, type IngestOutcome, type IngestRow } from '../store/runs-ingest';
import type { Sql } from '../store/runs-sql';

interface Waiting {
  /** The row, serialised when it was handed over. */
  text: string;
  /** `${workflowId} ${nonce}`, when it claims a signature. */
  nonce: string | undefined;
  resolve(o: IngestOutcome): void;
  reject(e: unknown): void;
}

export interface IngestBatcher {
  /** Records the run (with its signature claim and, if any, its first commit); resolves once committed. */
  insert(row: IngestRow): Promise<IngestOutcome>;
  /** Batches sent so far and rows in them (for benchmarks). */
  readonly stats: { batches: number; rows: number };
}

/** @param maxBatch rows per statement (a larger backlog goes in several) @default 256 */
export function createIngestBatcher(sql: Sql, maxBatch = 256): IngestBatcher {
  const queue: Waiting[] = [];
  const stats = { batches: 0, rows: 0 };
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      const batch = dedupeNonces(queue.splice(0, maxBatch));
      if (batch.length === 0) continue;
      stats.batches++;
      stats.rows += batch.length;
      try {
        const out = await ingestRuns(
          sql,
          batch.map((w) => w.text),
        );
        batch.forEach((w, i) => {
          const o = out[i];
          if (o) w.resolve(o);
          else w.reject(new Error('ingest: no answer for a run'));
        });
      } catch (e) {
        // One bad row (a user deleted meanwhile: its foreign key) must not fail the others: each goes alone.
        if (batch.length === 1) batch[0]?.reject(e);
        else for (const w of batch) await alone(w);
      }
    }
    flushing = false;
  }

  async function alone(w: Waiting): Promise<void> {
    stats.batches++;
    try {
      const [o] = await ingestRuns(sql, [w.text]);
      if (o) w.resolve(o);
      else w.reject(new Error('ingest: no answer for a run'));
    } catch (e) {
      w.reject(e);
    }
  }

  return {
    stats,
    insert(row) {
      return new Promise<IngestOutcome>((resolve, reject) => {
        const nonce = row.nonce ? `${row.workflowId} ${row.nonce.value}` : undefined;
        queue.push({ text: ingestRowJson(row), nonce, resolve, reject });
        if (!flushing) void flush();
      });
    },
  };
}

/** The same signature twice in one batch: the later one is a replay of the first. */
function dedupeNonces(batch: Waiting[]): Waiting[] {
  const seen = new Set<string>();
  return batch.filter((w) => {
    if (w.nonce === undefined) return true;
    if (!seen.has(w.nonce)) {
      seen.add(w.nonce);
      return true;
    }
    w.resolve({ inserted: false, replayed: true });
    return false;
  });
}
