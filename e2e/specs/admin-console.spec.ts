/**
 * Admin console (issue 16 §1): an admin protects an address on the Safety lists page, and
 * a simulation of a containment playbook that blocks that address shows the block refused,
 * with the entry's criticality; the admin then creates a user on the Users page (the
 * generated password shown once), who can sign in with it, and changes their role.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { request } from '@playwright/test';
import { containmentPlaybook, gatewayCredential } from '../fixtures/playbooks';
import { expect, test, uniqueName } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { SafetyListsPage } from '../pages/SafetyListsPage';
import { SimulationPage } from '../pages/SimulationPage';
import { UsersPage } from '../pages/UsersPage';

/** An address no other test (or retry) uses: 198.18.0.0/15 is reserved for benchmarks. */
const freshIp = () => `198.${randomInt(18, 20)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

test('when an admin protects an address on the Safety lists page then a simulation blocking it shows the block refused; a user created on the Users page signs in and gets a new role', async ({
  page,
  loginAs,
  apiAs,
  serverURL,
}, testInfo) => {
  test.slow(); // two admin pages and a simulation on a 2-core machine
  const ip = freshIp();
  const [admin, alice] = await Promise.all([apiAs('admin'), apiAs('alice')]);
  const credential = await gatewayCredential(admin, 'https://firewall.example');
  const { workflowId, version } = await alice.createWorkflow(
    containmentPlaybook(uniqueName('E2E admin console'), {
      receiverUrl: 'https://intel.example',
      credential,
      approval: { approver: 'bob' },
    }),
    'e2e: block with an approval',
  );
  await loginAs(page, 'admin');

  // The Safety lists link leads to the page; a bad value is refused at its field, in words.
  await new AppShell(page).go('Safety lists');
  const safety = new SafetyListsPage(page);
  await expect(safety.heading).toBeVisible();
  await expect(safety.tab('Protected')).toHaveAttribute('aria-selected', 'true');
  await safety.add({ kind: 'ip', value: '999.1.1.1', criticality: 'high', reason: 'e2e: jump host' });
  await expect(safety.fieldError('body.value')).toHaveText('not an IPv4 or IPv6 address');
  await expect(safety.form).not.toContainText('body.');
  await safety.form.getByRole('button', { name: 'Cancel' }).click();
  await safety.add({ kind: 'ip', value: ip, criticality: 'critical', reason: 'e2e: the SOC jump host', owner: 'soc' });
  await expect(page.getByRole('status')).toHaveText(`Added ${ip} to the Protected list.`);
  await expect(safety.row('protected', ip)).toContainText('e2e: the SOC jump host');
  const shot = testInfo.outputPath('safety-lists.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('safety lists with the new entry', { path: shot, contentType: 'image/png' });

  // A simulation of the playbook on that address, the approval answered yes: the block is refused.
  const sim = new SimulationPage(page);
  await sim.goto(workflowId, version.number);
  await sim.pasteEvent({ alert_id: 'A-1', rule: 'e2e', src_ip: ip });
  await sim.answerApprovals('approved');
  await sim.run();
  await expect(sim.decision('block')).toHaveText('refused');
  await expect(sim.effect('block')).toContainText('criticality critical');
  await expect(sim.status()).toHaveText('failed');

  // Users and roles: a new analyst, the password shown once; they sign in with it.
  await new AppShell(page).go('Users and roles');
  const users = new UsersPage(page);
  await expect(users.heading).toBeVisible();
  await expect(users.row('admin').getByTestId('self-note')).toContainText('You cannot change your own role');
  const username = `e2e-${randomBytes(3).toString('hex')}`;
  const password = await users.create({ username, displayName: 'E2E Analyst', role: 'analyst' });
  await expect(users.row(username)).toContainText('E2E Analyst');
  // Their own sign-in, apart from the admin's browser session.
  const own = await request.newContext({ baseURL: serverURL });
  try {
    const login = await own.post('/api/auth/login', { data: { username, password } });
    expect(login.status(), await login.text()).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('analyst');
  } finally {
    await own.dispose();
  }

  await users.changeRole(username, 'reviewer');
  await expect(users.status).toHaveText(`${username} is now reviewer.`);
  await expect(users.row(username).getByLabel(`Role of ${username}`)).toHaveValue('reviewer');
  const shot2 = testInfo.outputPath('users.png');
  await page.screenshot({ path: shot2, fullPage: true });
  await testInfo.attach('users after the role change', { path: shot2, contentType: 'image/png' });
});
