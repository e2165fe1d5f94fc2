/**
 * Bit rot, as a SOC meets it: a vendor renames a field of its answer, and the playbook that
 * read it starts failing. The drift is recorded (masked), counted in /metrics and shown on
 * the manager's dashboard under "Connector health".
 */
import { signedWebhook } from '../fixtures/api';
import { reputationPlaybook } from '../fixtures/documents';
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
    const sample = {
      name: 'a reported address',
      event: { src_ip: '203.0.113.9' },
      fixtures: {
        check: { output: { data: { ipAddress: '203.0.113.9', abuseConfidenceScore: 97, totalReports: 42 } } },
      },
      expect: { status: 'succeeded' as const },
    };
    const { workflowId, version } = await alice.createWorkflow(
      reputationPlaybook(name, credential, [sample]),
      'e2e: drift',
    );
    await reviewAndPublish(alice, [bob], workflowId, version);
    const secret = await alice.setWebhookSecret(workflowId);
    // Each alert its own id: two identical signed bodies in the same second would be a replay.
    let alerts = 0;
    const send = () =>
      signedWebhook(
        serverURL,
        workflowId,
        secret,
        { src_ip: '203.0.113.9', alert_id: `A-${++alerts}` },
        { wait: 15_000 },
      );

    // What is recorded of these two drifts so far (another run of this journey on the same server, a probe).
    const recorded = async () => {
      const { drift } = await admin.get<{ drift: DriftRow[] }>('/connectors/drift?connector=abuseipdb');
      const count = (kind: DriftRow['kind'], path: string) =>
        drift
          .filter((d) => d.action === 'check_ip' && d.kind === kind && d.path === path)
          .reduce((n, d) => n + d.count, 0);
      return { missing: count('missing', '/data/totalReports'), added: count('new', '/data/total_reports') };
    };
    const statuses = async () =>
      (await alice.listRuns({ workflowId }))
        .filter((r) => r.mode === 'live')
        .map((r) => r.status)
        .sort();

    // Before the change: the answer fits its schema; the run succeeds and nothing drifts.
    const before = await recorded();
    await send();
    await expect.poll(statuses).toEqual(['succeeded']);
    expect(vendor.callsTo('/api/v2/check').length).toBeGreaterThanOrEqual(1);
    expect(await recorded()).toEqual(before);

    renamed = true;
    await send();
    // A required field gone fails the step (bad_response); the run fails with it.
    await expect.poll(statuses).toEqual(['failed', 'succeeded']);
    await expect
      .poll(async () => {
        const now = await recorded();
        return now.missing > before.missing && now.added > before.added;
      })
      .toBe(true);
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
