/**
 * `npm run prisma -- <args>`: the Prisma CLI against DATABASE_URL or, when that is unset,
 * the embedded cluster's `autonomic` database (started for the command, then stopped),
 * both read through the server's config (`EMBEDDED_PG_DIR`, else `DATA_DIR/pg`).
 *
 * Before `migrate dev` we apply pending migrations ourselves: the 6.19 wasm engine can
 * use the shadow database only once per command, so `migrate dev` that first applies
 * pending migrations (say, a teammate's) dies in EvaluateDataLoss with "PostgreSQL
 * shadow DB must be provided through an external factory".
 *
 * @example
 * npm run db:migrate:dev -- --name add_run_labels
 * npm run prisma -- migrate status
 */
import { performance } from 'node:perf_hooks';
import { embeddedPostgresOf, loadConfig } from '../config';
import { ensureDatabase, EMBEDDED_DATABASE } from './database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
import { applyMigrations } from './migrate';
import { runPrismaCli } from './prisma-cli';

const args = process.argv.slice(2);
let embedded: EmbeddedPostgres | undefined;
const config = loadConfig();
let url = config.DATABASE_URL;
if (!url) {
  embedded = await startEmbeddedPostgres(embeddedPostgresOf(config));
  await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
  url = embedded.urlFor(EMBEDDED_DATABASE);
}
if (args[0] === 'migrate' && args[1] === 'dev') {
  const { applied } = await applyMigrations(url);
  if (applied.length) console.error(`applied pending migrations first: ${applied.join(', ')}`);
}
const started = performance.now();
const { code } = await runPrismaCli(args, url);
console.error(`prisma ${args.join(' ')}: exit ${code} in ${Math.round(performance.now() - started)} ms`);
await embedded?.stop();
process.exitCode = code;
