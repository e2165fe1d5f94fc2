/**
 * Tests only: what the worker test needs — a published webhook workflow whose one step POSTs
 * to a mock, a mock that holds its answers until told, and `npm run worker` as a child process.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { publishDocument } from '../../bench/api/seed';
import { callsDoc } from '../../bench/scaleout/phase';
import { REPO_ROOT } from '../../src/config';
import type { PrismaClient } from '../../src/generated/prisma/client';
import { createSecretsVault } from '../../src/services/secrets';
import { generateWebhookSecret } from '../../src/services/triggers/signature';
import { webhookContext } from '../../src/services/triggers/webhook-service';
import { setWebhookSecret } from '../../src/store/webhooks';
import { testContext } from '../support/app';

/** Publishes `trigger → call0 (http POST to mockUrl)` and gives it a webhook secret sealed with `secretKey`. */
export async function publishHookWorkflow(prisma: PrismaClient, secretKey: string, mockUrl: string) {
  const owner = await prisma.user.create({
    data: {
      username: `owner-${randomBytes(3).toString('hex')}`,
      displayName: 'Owner',
      passwordHash: 'x',
      role: 'admin',
    },
  });
  const workflowId = await publishDocument(prisma, owner.id, 'worker-test', callsDoc(1, mockUrl));
  const secret = generateWebhookSecret();
  const vault = createSecretsVault(testContext(prisma, { SECRET_KEY: secretKey }));
  await setWebhookSecret(prisma, workflowId, vault.cipher.seal(secret, webhookContext(workflowId)));
  return { workflowId, secret };
}

/** A mock API on 127.0.0.1 that records each call's Idempotency-Key and answers only once released. */
export async function startHoldingMock() {
  const keys: string[] = [];
  const held: ServerResponse[] = [];
  let holding = true;
  const answer = (res: ServerResponse) => {
    if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      keys.push(String(req.headers['idempotency-key'] ?? ''));
      if (holding) held.push(res);
      else answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** The Idempotency-Key of every call so far, in order. */
    keys: () => [...keys],
    /** Answers the held calls and every later one at once. */
    release() {
      holding = false;
      for (const res of held.splice(0)) answer(res);
    },
    hold() {
      holding = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface WorkerProcess {
  /** Everything it printed (stdout and stderr). */
  output(): string;
  /** Its exit code once it exited. */
  exited: Promise<number | null>;
  signal(signal: NodeJS.Signals): void;
}

/** `npm run worker` (server/src/worker/main.ts) as a child process with `env` added. */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/worker/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { output: () => out, exited, signal: (s) => child.kill(s) };
}

/** The JSON log lines a process printed. */
export function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The worker id from a worker's ready line, once it printed it. */
export function readyWorkerId(worker: WorkerProcess): string | undefined {
  const ready = logLines(worker.output()).find((l) => String(l.msg).includes(' ready: '));
  return typeof ready?.workerId === 'string' ? ready.workerId : undefined;
}
