/**
 * Bit rot caught before it runs: a live credential whose vendor now refuses its key (401 to
 * the health action) marks the workflows using it in the list, and publishing a version that
 * uses it is refused naming the credential, unless the publisher gives a reason, which the
 * audit log keeps.
 */
import { listAudit } from '../fixtures/api';
import { uniqueCredentialName } from '../fixtures/credentials';
import { reputationPlaybook } from '../fixtures/documents';
import { replyWith, startReceiver } from '../fixtures/receiver';
import { expect, test, uniqueName } from '../fixtures/test';
import { ReviewPage } from '../pages/ReviewPage';
import { WorkflowListPage } from '../pages/WorkflowListPage';

/** AbuseIPDB's answer to a key it does not know (server/connectors/abuseipdb/mock.ts). */
const REFUSED = {
  errors: [
    {
      detail:
        'Authentication failed. Your API key is either missing, incorrect, or revoked. Note: The APIv2 key differs from the APIv1 key.',
      status: 401,
    },
  ],
};

interface Probe {
  ok: boolean;
  status?: number;
  message: string;
  source: string;
}

test('when a live credential failed its health probe then the workflows list flags it, publish is refused naming it, and a reason publishes anyway into the audit log', async ({
  page,
  loginAs,
  apiAs,
}) => {
  test.slow(); // a probe through a mock vendor, three personas, then two pages
  const vendor = await startReceiver(() => replyWith(401, REFUSED));
  try {
    const [admin, alice, bob] = await Promise.all([apiAs('admin'), apiAs('alice'), apiAs('bob')]);
    const credential = uniqueCredentialName('abuse_revoked');
    await admin.createCredential({
      name: credential,
      connectorId: 'abuseipdb',
      mode: 'live',
      value: 'e2e-abuseipdb-revoked-0123456789',
      settings: {},
      baseUrl: vendor.url,
    });
    // "Test connection" runs the health action (check_ip) now and records the probe.
    const tested = await admin.post<{ ok: boolean; status?: number; message: string }>(
      `/credentials/${credential}/test`,
    );
    expect(tested).toMatchObject({ ok: false, status: 401 });
    expect(vendor.callsTo('/api/v2/check').length).toBeGreaterThanOrEqual(1);
    const { probes } = await admin.get<{ probes: Probe[] }>(`/credentials/${credential}/probes`);
    expect(probes[0]).toMatchObject({ ok: false, status: 401, source: 'manual' });

    const name = uniqueName('E2E gate');
    const { workflowId, version } = await alice.createWorkflow(reputationPlaybook(name, credential), 'e2e: gate');
    const review = await alice.requestReview(workflowId, version.number, ['bob']);
    await bob.decide(review.id, 'approve', 'e2e: a read-only lookup');

    // The workflows list flags the workflow with the failing credential.
    await loginAs(page, 'alice');
    const list = new WorkflowListPage(page);
    await list.goto();
    const badge = list.row(name).getByTestId('connector-failing');
    await expect(badge).toHaveText(`connector failing: ${credential}`);
    await expect(badge).toHaveAttribute('title', /Authentication failed/);

    // Publish is refused, naming the credential; the override asks why.
    const reviewPage = new ReviewPage(page);
    await reviewPage.goto(review.id);
    await expect(reviewPage.versionStatus()).toHaveText('approved');
    await reviewPage.publish();
    const refusal = reviewPage.root.getByTestId('api-error');
    await expect(refusal).toContainText(`uses credentials that failed their latest health probe: ${credential}`);
    await expect(refusal).not.toContainText('credential_failing');
    await expect(refusal.getByRole('listitem')).toContainText(`Credential ${credential}`);
    await expect(reviewPage.versionStatus()).toHaveText('approved');

    const override = page.getByTestId('publish-override');
    const submit = override.getByTestId('publish-override-submit');
    await expect(submit).toBeDisabled();
    const reason = `Vendor key rotation ${credential} is under way; the lookup is advisory only.`;
    await override.getByTestId('publish-override-reason').fill(reason);
    await expect(submit).toBeEnabled();
    await submit.click();
    await expect(reviewPage.versionStatus()).toHaveText('published');

    // Published, and the audit log holds the override with its reason and the credential.
    const workflow = await alice.get<{ published: { number: number } | null }>(`/workflows/${workflowId}`);
    expect(workflow.published?.number).toBe(version.number);
    const events = await listAudit(admin, { action: 'version.published_with_failing_credentials', limit: '50' });
    const audited = events.find((e) => e.details['workflowId'] === workflowId);
    expect(audited?.actor).toBe(`user:${alice.user.id}:alice`);
    expect(audited?.details).toMatchObject({ number: version.number, reason, rolledBack: false });
    expect(JSON.stringify(audited?.details['credentials'])).toContain(credential);
  } finally {
    await vendor.close();
  }
});
