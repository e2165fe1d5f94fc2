/**
 * Load for the dashboard benchmark, run as child processes (`tsx load.ts <mode> <url>`):
 * - `writer`: ends runs as fast as one connection can, each its own transaction (an ended
 *   run with two step runs: the rollup trigger and the step trigger fire), like an executor;
 * - `spin`: burns one core in JavaScript.
 * On SIGTERM it prints `{"runs": n, "seconds": s}` and exits.
 */
import pg from 'pg';

const [mode, url] = process.argv.slice(2);
const t0 = performance.now();
let runs = 0;
let stop = false;

process.on('SIGTERM', () => {
  stop = true;
});

function report(): void {
  process.stdout.write(`${JSON.stringify({ runs, seconds: (performance.now() - t0) / 1000 })}\n`);
  process.exit(0);
}

async function writer(): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  const wf = (
    await client.query<{ id: string; v: string }>(
      'SELECT id, published_version_id AS v FROM workflows WHERE published_version_id IS NOT NULL ORDER BY slug LIMIT 1',
    )
  ).rows[0];
  while (!stop && wf) {
    await client.query('BEGIN');
    const run = await client.query<{ id: string }>(
      `INSERT INTO runs (id, workflow_id, version_id, mode, status, trigger_type, input, created_at, started_at)
       VALUES (gen_random_uuid(), $1, $2, 'live', 'running', 'webhook', '{}', now(), now()) RETURNING id`,
      [wf.id, wf.v],
    );
    const id = run.rows[0]?.id;
    await client.query(
      `INSERT INTO step_runs (id, run_id, step_key, step_id, node_type, status, effect_class, started_at, finished_at)
       VALUES (gen_random_uuid(), $1, 'lookup', 'lookup', 'http', 'succeeded', 'read', now(), now()),
              (gen_random_uuid(), $1, 'block', 'block', 'connector', 'succeeded', 'destructive', now(), now())`,
      [id],
    );
    await client.query(`UPDATE runs SET status = 'succeeded', finished_at = now() WHERE id = $1`, [id]);
    await client.query('COMMIT');
    runs++;
  }
  await client.end();
  report();
}

function spin(): void {
  const until = performance.now() + 50;
  let x = 0;
  while (performance.now() < until) x += Math.sqrt(x + 1);
  if (stop) report();
  else setImmediate(spin);
}

if (mode === 'writer') await writer();
else spin();
