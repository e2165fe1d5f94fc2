import { seedTestCredential, uniqueCredentialName } from '../fixtures/credentials';
import { expect, test, uniqueName } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { ConnectorStepPanel } from '../pages/ConnectorStepPanel';
import { CredentialsPage } from '../pages/CredentialsPage';
import { EditorPage } from '../pages/EditorPage';

interface SavedStep {
  type: string;
  params: {
    connector: string;
    version: string;
    action: string;
    credential: string;
    input: Record<string, unknown>;
  };
}
interface SavedVersion {
  document: { steps: Record<string, SavedStep> };
}

const SEMVER = /^\d+\.\d+\.\d+$/;

test('when an analyst builds an enrichment → block playbook from connector actions only then fields come from the data picker, a missing credential is a problem until one is picked, and the saved steps pin versions, name credentials and read expressions', async ({
  page,
  loginAs,
  apiAs,
}) => {
  test.slow(); // an authoring session on a 2-core machine
  const admin = await apiAs('admin');
  const abuseCredential = uniqueCredentialName('abuse_e2e');
  const firewallCredential = uniqueCredentialName('fw_e2e');
  await seedTestCredential(admin, 'abuseipdb', abuseCredential);
  await seedTestCredential(admin, 'fortigate', firewallCredential, { host: 'fw.e2e.test', port: '443' });

  await loginAs(page, 'alice');
  const editor = new EditorPage(page);
  const connectors = new ConnectorStepPanel(editor);
  await editor.gotoNew();
  await editor.setName(uniqueName('E2E connectors'));

  //   webhook (event: src_ip) → AbuseIPDB check_ip → FortiGate block_ip
  const trigger = await editor.dropNode('trigger.webhook', { x: 40, y: 120 });
  await editor.select(trigger);
  await editor.panel.getByRole('button', { name: 'Add field' }).click();
  await editor.field('Field 1 name').fill('src_ip');

  // Enrichment: found by vendor, its credential from the pick-list, its IP from the event.
  await connectors.searchPalette('abuse');
  await expect(connectors.paletteAction('fortigate', 'block_ip')).toHaveCount(0);
  const check = await connectors.dropAction('abuseipdb', 'check_ip', { x: 340, y: 120 });
  await editor.connect(trigger, 'out', check);
  await editor.select(check);
  await connectors.chooseCredential(abuseCredential);
  await connectors.pick(connectors.input(/^IP address/), 'event.src_ip');

  // Block: found by verb, wired after, its IP from the enrichment's answer.
  await connectors.searchPalette('block');
  const block = await connectors.dropAction('fortigate', 'block_ip', { x: 640, y: 120 });
  await editor.connect(check, 'out', block);
  await editor.select(block);
  await connectors.pick(connectors.input(/^IPv4 address/), `steps.${check}.output.data.ipAddress`);

  // No credential yet: a problem on the node, in the list and at the field, before saving.
  const credentialProblem = editor.problemsOf(block).filter({ hasText: '· credential' });
  await expect(credentialProblem).toContainText(/credential is required/i);
  await expect(page.getByTestId(`problems-${block}`)).toBeVisible();
  await expect(connectors.credential).toHaveAttribute('aria-invalid', 'true');
  await connectors.chooseCredential(firewallCredential);
  await expect(credentialProblem).toHaveCount(0);
  await expect(connectors.credential).toHaveAttribute('aria-invalid', 'false');

  // The pick-list's "Create a credential" opens the credentials page for this connector (a new tab).
  const opened = page.context().waitForEvent('page');
  await connectors.createCredentialLink.click();
  const tab = await opened;
  const credentials = new CredentialsPage(tab);
  await expect(credentials.heading).toBeVisible();
  expect(new URL(tab.url()).searchParams.get('connector')).toBe('fortigate');
  await expect(credentials.adminsOnly).toContainText('ask an admin to create a credential for it');
  await expect(credentials.adminsOnly).toContainText('FortiGate');
  await expect(credentials.row(firewallCredential)).toBeVisible();
  await tab.close();

  const { workflowId, version } = await editor.save('Enrich with AbuseIPDB, then block on the FortiGate (e2e)');
  const saved = await admin.get<SavedVersion>(`/workflows/${workflowId}/versions/${version}`);
  const steps = saved.document.steps;
  expect(Object.values(steps).filter((s) => s.type === 'connector')).toHaveLength(2);
  const pins = await Promise.all(
    ['abuseipdb', 'fortigate'].map((id) => admin.get<{ version: string }>(`/connectors/${id}`)),
  );
  expect(steps[check]).toMatchObject({
    type: 'connector',
    params: {
      connector: 'abuseipdb',
      version: pins[0]?.version,
      action: 'check_ip',
      credential: abuseCredential,
      input: { ipAddress: '{{ event.src_ip }}' },
    },
  });
  expect(steps[block]).toMatchObject({
    type: 'connector',
    params: {
      connector: 'fortigate',
      version: pins[1]?.version,
      action: 'block_ip',
      credential: firewallCredential,
      input: { ip: `{{ steps.${check}.output.data.ipAddress }}` },
    },
  });
  expect(steps[check]?.params.version).toMatch(SEMVER);
  // Nothing was typed into an expression: every other input is the action's default, and no URL anywhere.
  const defaults = { maxAgeInDays: 30, group: 'SOAR-Blocklist', vdom: 'root', comment: 'Blocked by Autonomic' };
  for (const id of [check, block]) {
    for (const [param, value] of Object.entries(steps[id]?.params.input ?? {})) {
      if (typeof value === 'string' && value.startsWith('{{')) continue;
      expect(value, `${id}.${param}`).toBe(defaults[param as keyof typeof defaults]);
    }
  }
  expect(JSON.stringify(saved.document)).not.toMatch(/https?:\/\//);
});

test("when an admin follows a connector step's 'Create a credential' link then the credentials page opens with the form preset to that connector, and the credential made there is listed and offered by the pick-list", async ({
  page,
  loginAs,
  apiAs,
}, testInfo) => {
  await loginAs(page, 'admin');
  // The admin menu leads to the same page.
  await new AppShell(page).go('Credentials');
  await expect(new CredentialsPage(page).heading).toBeVisible();

  const editor = new EditorPage(page);
  const connectors = new ConnectorStepPanel(editor);
  await editor.gotoNew();
  await connectors.searchPalette('fortinet');
  const block = await connectors.dropAction('fortigate', 'block_ip', { x: 200, y: 120 });
  await editor.select(block);

  const opened = page.context().waitForEvent('page');
  await connectors.createCredentialLink.click();
  const tab = await opened;
  const credentials = new CredentialsPage(tab);
  await expect(credentials.createForm).toBeVisible();
  await expect(credentials.field('Connector')).toHaveValue('fortigate');
  await expect(credentials.field('HTTPS admin port *')).toHaveValue('443');
  await expect(credentials.field('Secret value')).toHaveAttribute('type', 'password');

  const name = uniqueCredentialName('fw_made');
  await credentials.field('Name').fill(name);
  await credentials.field('Secret value').fill('e2e-token-not-shown');
  await credentials.field('Management host *').fill('fw.e2e.test');
  await credentials.createForm.getByRole('button', { name: 'Create credential' }).click();
  await expect(credentials.row(name)).toContainText('test');
  await expect(tab.getByText('e2e-token-not-shown')).toHaveCount(0);
  const shot = testInfo.outputPath('credentials-page.png');
  await tab.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('the credentials page after creating one', { path: shot, contentType: 'image/png' });

  // Back in the editor, the pick-list offers the new credential (listed again when the window regains the focus).
  await tab.close();
  await connectors.returnFromAnotherTab();
  await connectors.chooseCredential(name);
  await expect(editor.problemsOf(block).filter({ hasText: '· credential' })).toHaveCount(0);

  const admin = await apiAs('admin');
  const listed = await admin.get<{ credentials: { name: string; connectorId: string; mode: string }[] }>(
    '/credentials?connectorId=fortigate',
  );
  expect(listed.credentials.find((c) => c.name === name)).toMatchObject({ connectorId: 'fortigate', mode: 'test' });
});
