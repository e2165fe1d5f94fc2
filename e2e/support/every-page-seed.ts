/**
 * The data behind the every-page check, seeded through the API once per worker: a
 * published workflow (v1) with a run waiting for alice's approval and a failed run, a v2
 * in review with bob's comment, a v3 draft, a simulation, an API token, a credential and a
 * safety entry. The runs' outbound calls go to a mock receiver that fails one address.
 */
import { randomInt } from 'node:crypto';
import { ApiSession, signedWebhook, type RunDetail } from '../fixtures/api';
import { seedTestCredential, uniqueCredentialName } from '../fixtures/credentials';
import { approvalPlaybook } from '../fixtures/documents';
import { replyWith, startReceiver, type MockReceiver } from '../fixtures/receiver';
import { uniqueName } from '../fixtures/test';

export interface EveryPageSeed {
  workflowId: string;
  workflowName: string;
  /** Run waiting at alice's approval, and its task. */
  waitingRunId: string;
  taskId: string;
  approvalMessage: string;
  failedRunId: string;
  /** v2's review (requested of bob, with his comment on the probe step). */
  reviewId: string;
  credentialName: string;
  safetyValue: string;
  tokenName: string;
  receiver: MockReceiver;
}

/** The e2e server's URL, chosen in the runner process (playwright.config.ts). */
export function serverURL(): string {
  const port = process.env.AUTONOMIC_E2E_PORT;
  if (!port) throw new Error('AUTONOMIC_E2E_PORT is not set: run through playwright.config.ts');
  return `http://127.0.0.1:${port}`;
}

async function runReaching(alice: ApiSession, runId: string, status: string): Promise<RunDetail> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const run = await alice.getRun(runId);
    if (run.status === status) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startRun(base: string, workflowId: string, secret: string, ip: string): Promise<string> {
  const hook = await signedWebhook(base, workflowId, secret, { src_ip: ip });
  if (hook.status !== 202 || !hook.body.runId) throw new Error(`webhook answered ${hook.status}`);
  return hook.body.runId;
}

export async function seedEveryPage(): Promise<EveryPageSeed> {
  const base = serverURL();
  const failingIp = `203.0.113.${randomInt(1, 255)}`;
  const receiver = await startReceiver((call) =>
    call.path.endsWith(failingIp) ? replyWith(500, { error: 'probe down' }) : { ok: true },
  );
  const [alice, bob, admin] = await Promise.all([
    ApiSession.login(base, 'alice'),
    ApiSession.login(base, 'bob'),
    ApiSession.login(base, 'admin'),
  ]);
  try {
    const workflowName = uniqueName('E2E every page');
    const probeUrl = `${receiver.url}/probe/{{ event.src_ip }}`;
    const v1 = approvalPlaybook(workflowName, { probeUrl, approver: 'alice' });
    const { workflowId, version } = await alice.createWorkflow(v1, 'e2e: every page, first version');
    const review1 = await alice.requestReview(workflowId, version.number, ['bob']);
    await bob.decide(review1.id, 'approve', 'e2e: read-only');
    await alice.publish(workflowId, version.number);

    const secret = await alice.setWebhookSecret(workflowId);
    const okIp = `198.51.100.${randomInt(1, 255)}`;
    const waitingRunId = await startRun(base, workflowId, secret, okIp);
    const failedRunId = await startRun(base, workflowId, secret, failingIp);
    const waiting = await runReaching(alice, waitingRunId, 'waiting');
    await runReaching(alice, failedRunId, 'failed');
    const taskId = waiting.approvals[0]?.taskId;
    if (!taskId) throw new Error('the waiting run has no approval task');

    const v2 = await alice.saveVersion(
      workflowId,
      approvalPlaybook(workflowName, { probeUrl: `${receiver.url}/probe2/{{ event.src_ip }}`, approver: 'alice' }),
      'e2e: probe another endpoint',
    );
    const review = await alice.requestReview(workflowId, v2.number, ['bob']);
    await bob.post(`/workflows/${workflowId}/versions/${v2.number}/comments`, {
      body: 'Why another endpoint? Please link the change ticket.',
      nodeId: 'probe',
    });
    await alice.saveVersion(
      workflowId,
      approvalPlaybook(workflowName, { probeUrl: `${receiver.url}/probe3/{{ event.src_ip }}`, approver: 'bob' }),
      'e2e: bob approves instead',
    );
    await alice.post(`/workflows/${workflowId}/versions/1/simulate`, { event: { src_ip: okIp } });

    const tokenName = uniqueName('e2e laptop');
    await alice.post('/tokens', { name: tokenName, expiresInDays: 30 });
    const credentialName = uniqueCredentialName('e2e_pages');
    await seedTestCredential(admin, 'abuseipdb', credentialName);
    const safetyValue = `198.18.${randomInt(0, 255)}.${randomInt(1, 255)}`;
    await admin.addSafetyEntry({
      list: 'protected',
      kind: 'ip',
      value: safetyValue,
      criticality: 'high',
      reason: 'e2e: the every-page check',
    });
    return {
      workflowId,
      workflowName,
      waitingRunId,
      taskId,
      approvalMessage: `Contain ${okIp}?`,
      failedRunId,
      reviewId: review.id,
      credentialName,
      safetyValue,
      tokenName,
      receiver,
    };
  } catch (err) {
    await receiver.close();
    throw err;
  } finally {
    await Promise.all([alice, bob, admin].map((s) => s.dispose()));
  }
}
