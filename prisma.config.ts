/**
 * Prisma CLI configuration. It lives at the repository root beside `prisma/` because the
 * root scripts, CI (`npm run prisma:generate`) and `npx prisma …` all run from here, and
 * the Prisma CLI only looks for this file in the working directory.
 *
 * `engine: "js"` runs the schema engine as wasm through a driver adapter, so no native
 * engine is ever downloaded. The adapter carries our fixes for adapter-pg's migrate bugs
 * (server/src/db/migrate-adapter.ts); run the CLI through `npm run prisma -- …` (or
 * `db:migrate:dev`) so the timer preload of bug 4 is applied too.
 */
import { defineConfig } from 'prisma/config';
import { MigratePgAdapterFactory } from './server/src/db/migrate-adapter';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  experimental: { adapter: true },
  engine: 'js',
  // Called only by commands that reach a database (migrate, db), never by generate.
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: use `npm run prisma -- …`, which starts the embedded database');
    return new MigratePgAdapterFactory(url);
  },
});
