/**
 * Floors for the wait scenario on this machine: one durable INSERT round trip through
 * `pg` (a commit = a WAL flush), and one HTTP round trip to /healthz (no database).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { percentile, runLoad } from './load';

export interface Floor {
  p50: number;
  p99: number;
  max: number;
}

/** `n` sequential single-row INSERTs (autocommit) into a plain, WAL-logged table. */
export async function insertFloor(url: string, n = 2000): Promise<Floor> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const table = `bench_floor_${process.pid}`;
  try {
    await client.query(`CREATE TABLE ${table} (v int)`);
    const lat: number[] = [];
    for (let i = 0; i < n + 100; i++) {
      const t0 = performance.now();
      await client.query({ name: 'floor', text: `INSERT INTO ${table} (v) VALUES ($1)`, values: [i] });
      if (i >= 100) lat.push(performance.now() - t0);
    }
    lat.sort((a, b) => a - b);
    return { p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), max: lat.at(-1) ?? NaN };
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  }
}

/** GET /healthz at one connection: HTTP + Express + autocannon, no database. */
export async function httpFloor(url: string, seconds: number): Promise<Floor> {
  const r = await runLoad({ url, path: '/healthz', method: 'GET', connections: 1, seconds });
  return { p50: r.latencyMs.p50, p99: r.latencyMs.p99, max: r.latencyMs.max };
}
