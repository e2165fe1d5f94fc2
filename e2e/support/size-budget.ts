/**
 * The client's size budget, run by `npm run test:e2e` right after the client build: for
 * each route in client/size-budget.json, the JavaScript the browser must load before the
 * page can draw (the entry's static imports plus the page chunk's, from Vite's manifest),
 * raw and gzipped, against its budget. Exits 1 when a route is over budget, loads a chunk
 * it must not (the editor and the charts), or a page has no budget.
 *
 * `npx tsx e2e/support/size-budget.ts --write` rewrites the budgets from this build plus
 * the headroom (after a deliberate change; say why in the commit).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure, readManifest } from './route-size';
import { REPO_ROOT } from './server';

export interface RouteBudget {
  /** The page module in the manifest, e.g. src/features/editor-page/EditorPage.tsx. */
  page: string;
  /** Most gzipped bytes of initial JS. */
  gzip: number;
  /** Most raw bytes of initial JS (what the browser parses). */
  raw: number;
  /** Chunk names this route must not load first (e.g. the editor: "charts"). */
  without?: string[];
}
export interface BudgetFile {
  /** Headroom added by --write over the measured sizes. */
  headroom: number;
  routes: Record<string, RouteBudget>;
}

const BUDGET_FILE = join(REPO_ROOT, 'client', 'size-budget.json');

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(): void {
  const manifest = readManifest();
  const budget = JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) as BudgetFile;
  const rows = Object.entries(budget.routes).map(([route, b]) => ({ b, m: measure(manifest, route, b.page) }));

  if (process.argv.includes('--write')) {
    const up = (n: number) => Math.ceil((n * (1 + budget.headroom)) / 1024) * 1024;
    for (const { b, m } of rows) Object.assign(b, { gzip: up(m.gzip), raw: up(m.raw) });
    writeFileSync(BUDGET_FILE, `${JSON.stringify(budget, null, 2)}\n`);
  }

  const failures: string[] = [];
  const pages = new Set(Object.values(budget.routes).map((b) => b.page));
  for (const [k, c] of Object.entries(manifest)) {
    if (c.isDynamicEntry && /^src\/features\/.+Page\.tsx$/.test(k) && !pages.has(k))
      failures.push(`the page ${k} has no budget: add its route to client/size-budget.json`);
  }
  console.log('Initial JS per route (entry + page, static imports; gzip level 9):');
  console.table(
    rows.map(({ b, m }) => {
      const over = m.gzip > b.gzip || m.raw > b.raw;
      const banned = (b.without ?? []).filter((n) => m.names.includes(n));
      if (over)
        failures.push(
          `${m.route}: ${kb(m.gzip)} gzip / ${kb(m.raw)} raw, over its budget ${kb(b.gzip)} / ${kb(b.raw)}`,
        );
      if (banned.length) failures.push(`${m.route}: loads ${banned.join(', ')}, which it must not load first`);
      return {
        route: m.route,
        gzip: kb(m.gzip),
        'gzip budget': kb(b.gzip),
        raw: kb(m.raw),
        'raw budget': kb(b.raw),
        verdict: over || banned.length ? 'OVER' : 'ok',
      };
    }),
  );
  if (failures.length) {
    console.error(`Size budget failed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}

main();
