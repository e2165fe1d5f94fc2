/**
 * Bit rot, as a SOC meets it: a vendor renames a field of its answer, and the playbook that
 * read it starts failing. The drift is recorded (masked), counted in /metrics and shown on
 * the manager's dashboard under "Connector health".
 */
import type { EditorNode } from '@autonomic/workflow';
import { signedWebhook } from '../fixtures/api';
import { compileOrThrow } from '../fixtures/documents';
import { reviewAndPublish } from '../fixtures/playbooks';
import { startReceiver } from '../fixtures/receiver';
import { expect, test, uniqueName } from '../fixtures/test';
import { uniqueCredentialName } from '../fixtures/credentials';

interface DriftRow {
  connectorId: string;
  action: string;
  path: string;
  kind: 'missing' | 'new' | 'type';
  count: number;
  sample: unknown;
}

const node = (id: string, nodeType: string, column: number, params: unknown, label: string): EditorNode => ({
  id,
  type: nodeType.startsWith('trigger.') ? 'trigger' : 'step',
  position: { x: column * 260, y: 0 },
  data: { nodeType, params, label },
});

/** alert (webhook: src_ip) → check (AbuseIPDB check_ip with `credential`) → done */
function reputationPlaybook(name: string, credential: string): Record<string, unknown> {
  const alert = node('alert', 'trigger.webhook', 0, {}, 'SIEM alert');
  alert.data.inputSchema = { type: 'object', required: ['src_ip'], properties: { src_ip: { type: 'string' } } };
  const check = node(
    'check',
    'connector',
    1,
    {
      connector: 'abuseipdb',
      version: '1.0.0',
      action: 'check_ip',
      credential,
      input: { ipAddress: '{{ event.src_ip }}' },
      effect: 'read',
      target: { param: 'ipAddress', kind: 'ip' },
    },
    'AbuseIPDB: Check IP reputation',
  );
  const done = node(
    'done',
    'end',
    2,
    { status: 'succeeded', message: 'Score {{ steps.check.output.data.abuseConfidenceScore }}' },
    'Done',
  );
  return compileOrThrow({
    metadata: { name, tags: ['e2e'] },
    nodes: [alert, check, done],
    edges: [
      { id: 'e1', source: 'alert', target: 'check', sourceHandle: 'out' },
      { id: 'e2', source: 'check', target: 'done', sourceHandle: 'out' },
    ],
    samples: [
      {
        name: 'a reported address',
        event: { src_ip: '203.0.113.9' },
        fixtures: { check: { data: { ipAddress: '203.0.113.9', abuseConfidenceScore: 97, totalReports: 42 } } },
        expect: { status: 'succeeded' },
      },
    ],
  });
}

test('when a vendor renames a field of its answer then the drift is recorded masked, counted in /metrics and shown on the dashboard', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}) => {
  test.slow(); // a live run through the executor on a 2-core machine
  // AbuseIPDB as it answers today; after the "release", `totalReports` is `total_reports`.
  let renamed = false;
  const vendor = await startReceiver(() => {
    const counts = renamed ? { total_reports: 42 } : { totalReports: 42 };
    return { data: { ipAddress: '203.0.113.9', abuseConfidenceScore: 97, ...counts } };
  });
  try {
    const [admin, alice, bob] = await Promise.all([apiAs('admin'), apiAs('alice'), apiAs('bob')]);
    const credential = uniqueCredentialName('abuse_live');
    await admin.createCredential({
      name: credential,
      connectorId: 'abuseipdb',
      mode: 'live',
      value: 'e2e-abuseipdb-key-0123456789',
      settings: {},
      baseUrl: vendor.url,
    });
    const name = uniqueName('E2E drift');
    const { workflowId, version } = await alice.createWorkflow(reputationPlaybook(name, credential), 'e2e: drift');
    await reviewAndPublish(alice, [bob], workflowId, version);
    const secret = await alice.setWebhookSecret(workflowId);
    const send = () => signedWebhook(serverURL, workflowId, secret, { src_ip: '203.0.113.9' }, { wait: 15_000 });

    // Before the change: the answer fits its schema, nothing drifts.
    expect((await send()).status).toBe(200);
    expect(vendor.callsTo('/api/v2/check')).toHaveLength(1);
    const before = await admin.get<{ drift: DriftRow[] }>('/connectors/drift?connector=abuseipdb');
    expect(before.drift.filter((d) => d.path.endsWith('otal_reports') || d.path.endsWith('totalReports'))).toEqual([]);

    renamed = true;
    await send();
    await expect
      .poll(async () => {
        const { drift } = await admin.get<{ drift: DriftRow[] }>('/connectors/drift?connector=abuseipdb');
        return drift
          .filter((d) => d.action === 'check_ip')
          .map((d) => `${d.kind} ${d.path}`)
          .sort();
      })
      .toEqual(expect.arrayContaining(['missing /data/totalReports', 'new /data/total_reports']));
    const { drift } = await admin.get<{ drift: DriftRow[] }>('/connectors/drift?connector=abuseipdb');
    // The sample is the value's shape, never the vendor's data.
    expect(JSON.stringify(drift.map((d) => d.sample))).not.toContain('42');

    const metrics = (await (await fetch(`${serverURL}/metrics`)).text()).split('\n');
    const counted = (kind: string) =>
      metrics
        .filter((l) => l.startsWith('autonomic_connector_drift_events_total{'))
        .filter((l) => ['connector="abuseipdb"', 'action="check_ip"', `kind="${kind}"`].every((p) => l.includes(p)))
        .map((l) => Number(l.split(' ').pop()));
    expect(counted('missing')[0]).toBeGreaterThanOrEqual(1);
    expect(counted('new')[0]).toBeGreaterThanOrEqual(1);

    await loginAs(page, 'dave');
    await page.goto('/dashboard');
    const panel = page.locator('section[aria-labelledby="dash-connector-health"]');
    await expect(panel.getByRole('heading', { name: 'Connector health' })).toBeVisible();
    const row = panel.getByRole('row').filter({ hasText: 'AbuseIPDB' });
    await expect(row).toBeVisible();
    await expect(row.getByTestId(`credential-health-${credential}`)).toBeVisible();
    const [open, total] = (await row.getByRole('cell').nth(3).innerText()).split('/').map((s) => Number(s.trim()));
    expect(open).toBeGreaterThanOrEqual(2);
    expect(total).toBeGreaterThanOrEqual(2);
  } finally {
    await vendor.close();
  }
});
