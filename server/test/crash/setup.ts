/**
 * The crash test's database: a fresh embedded cluster in a temporary DATA_DIR holding one
 * published workflow — a webhook trigger and one `http` POST to the receiver — and its
 * webhook secret. Written directly, then the cluster is stopped for the server to start.
 */
import { contentHash, WorkflowDocument } from '@autonomic/workflow';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { embeddedPostgresOf, loadConfig } from '../../src/config';
import { EMBEDDED_DATABASE, openDatabase } from '../../src/db/database';
import { createSecretsVault } from '../../src/services/secrets';
import { generateWebhookSecret } from '../../src/services/triggers/signature';
import { webhookContext } from '../../src/services/triggers/webhook-service';
import { setWebhookSecret } from '../../src/store/webhooks';
import { systemClock } from '../../src/engine';

export interface CrashSetup {
  /** Environment of every server process of this scenario (add PORT). */
  env: Record<string, string>;
  workflowId: string;
  secret: string;
  /** The embedded database, for counting runs (the cluster must be running). */
  databaseUrl: string;
}

/** A published webhook workflow whose one step POSTs the event to `receiverUrl`. */
export async function prepare(dataDir: string, pgPort: number, receiverUrl: string): Promise<CrashSetup> {
  const env = {
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    SECRET_KEY: randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    SEED_HISTORY: 'false',
    SERVE_CLIENT: 'false',
    OUTBOUND_ALLOW: '127.0.0.1/32',
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig(env);
  const db = await openDatabase({ embedded: { ...embeddedPostgresOf(config), stopOnSignals: false } });
  try {
    const prisma = db.prisma;
    const owner = await prisma.user.create({
      data: { username: 'crash-owner', displayName: 'Crash test', passwordHash: 'x', role: 'admin' },
    });
    const document = WorkflowDocument.parse({
      formatVersion: 3,
      metadata: { name: 'Crash test' },
      trigger: { id: 'alert', type: 'trigger.webhook', params: {}, transitions: { out: ['call'] } },
      steps: {
        call: {
          type: 'http',
          params: { method: 'POST', url: `${receiverUrl}/effect`, body: '{{ $string(event) }}' },
          transitions: {},
        },
      },
      vars: {},
    });
    const wf = await prisma.workflow.create({ data: { slug: 'crash-test', name: 'Crash test', ownerId: owner.id } });
    const version = await prisma.workflowVersion.create({
      data: {
        workflowId: wf.id,
        number: 1,
        document: JSON.parse(JSON.stringify(document)),
        contentHash: contentHash(document),
        authorId: owner.id,
        status: 'published',
      },
    });
    await prisma.workflow.update({ where: { id: wf.id }, data: { publishedVersionId: version.id } });
    const ctx = { config, prisma, log: pino({ level: 'silent' }), clock: systemClock };
    const secret = generateWebhookSecret();
    await setWebhookSecret(prisma, wf.id, createSecretsVault(ctx).cipher.seal(secret, webhookContext(wf.id)));
    const { password } = JSON.parse(readFileSync(join(dataDir, 'pg', 'autonomic-credentials.json'), 'utf8')) as {
      password: string;
    };
    const databaseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/${EMBEDDED_DATABASE}`;
    return { env, workflowId: wf.id, secret, databaseUrl };
  } finally {
    await db.close();
  }
}
