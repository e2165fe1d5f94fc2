/**
 * Bit rot, the way out: an admin adds a newer version of a custom connector (approved by a
 * reviewer because an action became destructive); the owner of a playbook still pinning the
 * old version finds it on /connectors, sees what the new version changes, upgrades, reads
 * the re-pin and its risk on the diff of the new draft and sends it to review, which asks
 * for two approvals. The new version is never used until that review passes.
 */
import { randomUUID } from 'node:crypto';
import type { EditorNode } from '@autonomic/workflow';
import { uniqueCredentialName } from '../fixtures/credentials';
import { compileOrThrow } from '../fixtures/documents';
import { expect, test, uniqueName } from '../fixtures/test';
import { ConnectorsPage } from '../pages/ConnectorsPage';
import { DiffPage } from '../pages/DiffPage';
import { RequestReviewPage } from '../pages/RequestReviewPage';
import { ReviewPage } from '../pages/ReviewPage';

/**
 * An identity provider `id` at `version`: lookup_user (read, target user) and suspend_user,
 * a write without a target in 1.0.0 that becomes destructive, aimed at the user, in 1.1.0.
 */
function idpConnector(id: string, version: '1.0.0' | '1.1.0') {
  const params = { type: 'object', properties: { username: { type: 'string' } }, required: ['username'] };
  const user = { param: 'username', kind: 'user' };
  return {
    formatVersion: 1,
    id,
    name: `E2E IdP ${id.slice(-8)}`,
    vendor: 'ACME',
    version,
    description: 'Identity provider (e2e).',
    baseUrl: 'https://idp.acme.example',
    auth: { type: 'api_key', in: 'header', name: 'X-Api-Key' },
    actions: {
      lookup_user: {
        title: 'Look up a user',
        description: 'The account.',
        effect: 'read',
        method: 'GET',
        path: '/v1/users/{{ username }}',
        params,
        response: { type: 'object', properties: { id: { type: 'string' } } },
        target: user,
        example: { id: 'u1' },
      },
      suspend_user: {
        title: 'Suspend a user',
        description: 'Signs the user out and blocks sign-in.',
        effect: version === '1.0.0' ? 'write' : 'destructive',
        method: 'POST',
        path: '/v1/users/{{ username }}/suspend',
        params,
        response: { type: 'object', properties: { id: { type: 'string' } } },
        ...(version === '1.0.0' ? {} : { target: user }),
        example: { id: 'u1' },
      },
    },
  };
}

const node = (id: string, nodeType: string, column: number, params: unknown, label: string): EditorNode => ({
  id,
  type: nodeType.startsWith('trigger.') ? 'trigger' : 'step',
  position: { x: column * 260, y: 0 },
  data: { nodeType, params, label },
});

/** alert (webhook: user) → suspend (`connector` 1.0.0 suspend_user, a write) → done */
function suspendPlaybook(name: string, connector: string, credential: string): Record<string, unknown> {
  const alert = node('alert', 'trigger.webhook', 0, {}, 'Phishing report');
  alert.data.inputSchema = { type: 'object', required: ['user'], properties: { user: { type: 'string' } } };
  const suspend = node(
    'suspend',
    'connector',
    1,
    {
      connector,
      version: '1.0.0',
      action: 'suspend_user',
      credential,
      input: { username: '{{ event.user }}' },
      effect: 'write',
    },
    'Suspend the account',
  );
  const done = node('done', 'end', 2, { status: 'succeeded', message: 'Suspended {{ event.user }}' }, 'Done');
  return compileOrThrow({
    metadata: { name, tags: ['e2e'] },
    nodes: [alert, suspend, done],
    edges: [
      { id: 'e1', source: 'alert', target: 'suspend', sourceHandle: 'out' },
      { id: 'e2', source: 'suspend', target: 'done', sourceHandle: 'out' },
    ],
    tests: [
      {
        name: 'a phished user',
        event: { user: 'mallory' },
        fixtures: { suspend: { output: { id: 'u1' } } },
        expect: { status: 'succeeded' },
      },
    ],
  });
}

interface SavedStep {
  type: string;
  params: { connector?: string; version?: string; action?: string; effect?: string; target?: unknown };
}

test('when a newer connector version makes an action destructive then the owner upgrades from /connectors, reads the re-pin and its risk on the diff and sends the draft to a two-approval review', async ({
  page,
  loginAs,
  apiAs,
}) => {
  test.slow(); // three personas seeding, then four pages
  const [admin, alice, bob] = await Promise.all([apiAs('admin'), apiAs('alice'), apiAs('bob')]);
  const connector = `e2e-idp-${randomUUID().slice(0, 8)}`;
  await admin.post('/connectors', idpConnector(connector, '1.0.0'));
  const credential = uniqueCredentialName('idp_test');
  await admin.createCredential({
    name: credential,
    connectorId: connector,
    mode: 'test',
    value: `e2e-${randomUUID()}`,
  });

  // alice's playbook pins 1.0.0 and is published.
  const name = uniqueName('E2E suspend');
  const { workflowId, slug, version } = await alice.createWorkflow(
    suspendPlaybook(name, connector, credential),
    'e2e: suspend phished accounts',
  );
  const first = await alice.requestReview(workflowId, version.number, ['bob']);
  await bob.decide(first.id, 'approve', 'e2e: a write, one approval');
  await alice.publish(workflowId, version.number);

  // 1.1.0 makes suspend_user destructive: it waits for another person's review, then bob installs it.
  const added = await admin.post<{ status: string }>('/connectors', idpConnector(connector, '1.1.0'));
  expect(added.status).toBe('pending_review');
  await bob.post(`/connectors/${connector}/versions/1.1.0/approve`);

  // alice finds her workflow under 1.0.0 and what 1.1.0 changes.
  await loginAs(page, 'alice');
  const connectors = new ConnectorsPage(page);
  await connectors.goto();
  await expect(connectors.entry(connector)).toContainText('installed: 1.0.0, 1.1.0');
  await connectors.open(connector);
  const old = connectors.version(connector, '1.0.0');
  const usage = connectors.usage(connector, '1.0.0', slug, 1);
  await expect(usage).toContainText(name);
  await expect(usage).toContainText('v1 · published');
  await expect(usage).toContainText('suspend (suspend_user)');
  await expect(connectors.version(connector, '1.1.0')).toContainText(
    'No published or latest workflow version uses it.',
  );
  const changes = old.getByLabel('What 1.1.0 changes');
  const effectRise = changes.getByRole('listitem').filter({ hasText: 'effect' });
  await expect(effectRise).toHaveText('suspend_user effect: write → destructive (high risk)');
  await expect(effectRise).toHaveClass(/conn-risky/);
  await expect(changes.getByRole('listitem').filter({ hasText: 'target' })).toHaveText(
    'suspend_user target: none → user (username) (high risk)',
  );

  // The upgrade is a new draft; its diff against the published version shows the re-pin.
  await usage.getByRole('button', { name: 'Upgrade to 1.1.0' }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}/diff\\?from=published&to=2$`));
  const diff = new DiffPage(page);
  await expect(diff.heading).toContainText(name);
  await expect(diff.connectorChanges.getByRole('heading', { name: 'Connector upgrades' })).toBeVisible();
  const repin = diff.connectorChange('suspend');
  await expect(repin).toContainText(`${connector} 1.0.0 → 1.1.0`);
  await expect(repin.locator('del').first()).toHaveText('1.0.0');
  await expect(repin.locator('ins').first()).toHaveText('1.1.0');
  await expect(repin).toContainText('effect write → destructive');
  await expect(repin).toContainText('high risk');
  await expect(diff.risk).toContainText('Risk: high');
  await expect(diff.risk).toContainText(
    `Step "suspend" (Suspend the account) is re-pinned from ${connector} 1.0.0 to ${connector} 1.1.0 (action suspend_user): its effect rises from write to destructive`,
  );

  // The saved draft pins 1.1.0 with the new effect and target; v1 stays published.
  const saved = await alice.get<{ status: string; document: { steps: Record<string, SavedStep> } }>(
    `/workflows/${workflowId}/versions/2`,
  );
  expect(saved.status).toBe('draft');
  expect(saved.document.steps.suspend?.params).toMatchObject({
    connector,
    version: '1.1.0',
    action: 'suspend_user',
    effect: 'destructive',
    target: { param: 'username', kind: 'user' },
  });
  const workflow = await alice.get<{ published: { number: number } | null }>(`/workflows/${workflowId}`);
  expect(workflow.published?.number).toBe(1);

  // alice sends it to bob and carol; a destructive re-pin needs both.
  await diff.requestReview(2).click();
  const request = new RequestReviewPage(page);
  await expect(request.heading).toContainText(name);
  await request.request(['bob', 'carol'], 'Upgrade: suspend_user is destructive in 1.1.0.');
  await expect(request.requested).toContainText('2 approval(s) needed');
  await expect(request.requested.getByTestId('risk-banner')).toContainText('Risk: high');
  await request.openReview.click();

  const review = new ReviewPage(page);
  await expect(review.root).toBeVisible();
  await expect(review.heading).toContainText(`${name} v2`);
  await expect(review.versionStatus()).toHaveText('in review');
  await expect(review.policy).toContainText('Approvals: 0 of 2');
  await expect(review.policy).toContainText('Every test case must pass');
  await expect(review.root.getByTestId('risk-banner')).toContainText('Risk: high');
  await expect(review.root.getByTestId('connector-change-suspend')).toContainText(`${connector} 1.0.0 → 1.1.0`);
});
