/**
 * Attack benchmark (`npm run bench:attacks`): the crafted expressions and patterns of
 * issue 10, each sent to the real server (started as `npm start` starts it, on a fresh
 * embedded database with the demo users) while a prober measures `/healthz` and another
 * user's API calls. Target: `/healthz` p99 < 50 ms during every attack, and every attack
 * answered with a clear failure, not a stall.
 *
 * Env: BENCH_KEEP=1 keeps the data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFigures, verdictOf } from './summary/figures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not start in 120 s');
}

/** A signed-in user: cookie and CSRF token. */
class Session {
  private constructor(
    private readonly base: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async login(base: string, username: string): Promise<Session> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'autonomic-demo' }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    const body = (await res.json()) as { csrfToken: string };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return new Session(base, cookie, body.csrfToken);
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${this.base}/api${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  }

  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json as T;
  }
}

function doc(name: string, steps: Record<string, unknown>, entry: string, trigger: Record<string, unknown> = {}) {
  return {
    formatVersion: 3,
    metadata: { name },
    trigger: { id: 'start', type: 'trigger.manual', params: {}, transitions: { out: [entry] }, ...trigger },
    steps,
  };
}

const transform = (expression: string, next?: string) => ({
  type: 'transform',
  params: { expression },
  transitions: next ? { out: [next] } : {},
});

/** Latencies of sequential calls until `stop` resolves. */
async function probe(call: () => Promise<unknown>, stop: Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  void stop.finally(() => (done = true));
  while (!done) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  return times;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN);
};

interface Attack {
  name: string;
  /** Runs the attack; answers what the server said. */
  run(): Promise<string>;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'autonomic-attacks-'));
  // PostgreSQL runs as its own OS user when we are root: it must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      SEED_HISTORY: 'false',
      SERVE_CLIENT: 'false',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`${base}/healthz`, child);
    const alice = await Session.login(base, 'alice');
    const bob = await Session.login(base, 'bob');

    async function simulateAttack(name: string, expression: string, event: unknown = {}): Promise<Attack> {
      const steps = { x: transform(expression, 'done'), done: { type: 'end', params: {}, transitions: {} } };
      const saved = await alice.ok<{ workflow: { id: string } }>('POST', '/workflows', {
        document: doc(`attack ${name} ${Date.now()}`, steps, 'x'),
      });
      return {
        name,
        run: async () => {
          const r = await alice.call('POST', `/workflows/${saved.workflow.id}/versions/1/simulate`, { event });
          const sim = r.json as { status?: string; error?: { kind: string; message: string } };
          return `${r.status} ${sim.status ?? ''} ${sim.error ? `${sim.error.kind}: ${sim.error.message.slice(0, 70)}` : ''}`;
        },
      };
    }

    // The issue's case: 2,000 items of a ~0.3 s transform (10 minutes of CPU); the run's
    // expression budget (10 s by default) must stop it with budget_exceeded.
    async function forEachAttack(): Promise<Attack> {
      const steps = {
        each: { type: 'foreach', params: { items: 'event.items' }, transitions: { item: ['work'], done: ['done'] } },
        work: transform('$count([1..130000][$ % 7 = 0])', 'each'),
        done: { type: 'end', params: {}, transitions: {} },
      };
      const saved = await alice.ok<{ workflow: { id: string } }>('POST', '/workflows', {
        document: doc(`attack for-each ${Date.now()}`, steps, 'each'),
      });
      const items = Array.from({ length: 2_000 }, (_, i) => i);
      return {
        name: 'for-each of 2,000 costly transforms',
        run: async () => {
          const r = await alice.call('POST', `/workflows/${saved.workflow.id}/versions/1/simulate`, {
            event: { items },
          });
          const sim = r.json as { status?: string; error?: { kind: string; message: string } };
          return `${r.status} ${sim.status ?? ''} ${sim.error ? `${sim.error.kind}: ${sim.error.message.slice(0, 70)}` : ''}`;
        },
      };
    }

    async function patternAttack(): Promise<Attack> {
      const trigger = {
        type: 'trigger.webhook',
        inputSchema: { type: 'object', properties: { user: { type: 'string', pattern: '^([a-z0-9]+)+$' } } },
      };
      const steps = { x: transform('event.user', 'done'), done: { type: 'end', params: {}, transitions: {} } };
      const saved = await alice.ok<{ workflow: { id: string } }>('POST', '/workflows', {
        document: doc(`attack pattern ${Date.now()}`, steps, 'x', trigger),
      });
      const id = saved.workflow.id;
      const bobId = (
        (await alice.ok<{ users: { id: string; username: string }[] }>('GET', '/users/directory')).users.find(
          (u) => u.username === 'bob',
        ) ?? { id: '' }
      ).id;
      const { review } = await alice.ok<{ review: { id: string } }>('POST', `/workflows/${id}/versions/1/review`, {
        reviewerIds: [bobId],
      });
      await bob.ok('POST', `/reviews/${review.id}/decisions`, { decision: 'approve' });
      await alice.ok('POST', `/workflows/${id}/versions/1/publish`);
      const { secret } = await alice.ok<{ secret: string }>('POST', `/workflows/${id}/webhook-secret`);
      return {
        name: 'input-schema pattern ^([a-z0-9]+)+$ (20 webhooks, 40 chars)',
        run: async () => {
          const statuses: number[] = [];
          for (let i = 0; i < 20; i++) {
            const body = JSON.stringify({ user: `${'a'.repeat(40)}!`, n: i });
            const ts = String(Math.floor(Date.now() / 1000));
            const sig = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
            const res = await fetch(`${base}/api/hooks/${id}`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-autonomic-timestamp': ts,
                'x-autonomic-signature': `sha256=${sig}`,
                'x-autonomic-delivery': `bench-${Date.now()}-${i}`,
              },
              body,
            });
            statuses.push(res.status);
            await res.text();
          }
          return `statuses ${[...new Set(statuses)].join(',')}`;
        },
      };
    }

    const figures = startFigures('attacks');
    const attacks: Attack[] = [
      await simulateAttack('regex', `$contains($pad("",26,"a")&"!", /^(a+)+$/)`),
      await simulateAttack('pad', `$length($pad("",20000000,"x"))`),
      await simulateAttack('doubling', `$reduce([1..28], function($a,$x){$a & $a}, "x")`),
      await simulateAttack('huge range', `[1..3000000]`),
      await forEachAttack(),
      await patternAttack(),
    ];

    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log('attack | answer | /healthz n, p50, p99, max (ms) | bob GET /workflows p99 (ms)');
    let worst = 0;
    for (const attack of attacks) {
      const t = performance.now();
      const answer = attack.run();
      const [health, other] = await Promise.all([
        probe(() => fetch(`${base}/healthz`).then((r) => r.text()), answer),
        probe(() => bob.call('GET', '/workflows?limit=20'), answer),
      ]);
      const said = await answer;
      const p99 = pct(health, 99);
      worst = Math.max(worst, p99);
      console.log(
        `${attack.name} | ${said.trim()} in ${Math.round(performance.now() - t)} ms | ${health.length}, ${pct(health, 50).toFixed(1)}, ${p99.toFixed(1)}, ${Math.max(...health).toFixed(1)} | ${pct(other, 99).toFixed(1)}`,
      );
    }
    console.log(`worst /healthz p99 ${worst.toFixed(1)} ms (target < 50 ms): ${worst < 50 ? 'met' : 'MISSED'}`);
    figures.done([
      {
        figure: `crafted expressions and patterns (${attacks.length} attacks): other requests meanwhile`,
        result: `worst /healthz p99 ${worst.toFixed(1)} ms`,
        target: '< 50 ms',
        verdict: verdictOf(worst < 50),
      },
    ]);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    if (!process.env['BENCH_KEEP']) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
