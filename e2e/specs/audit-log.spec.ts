/**
 * Issue 16 §1, the admin's journey: a credential created on the credentials page is in the
 * audit log, found by filtering on its action and its actor, and its value is nowhere: not
 * on either page, not in the line's details, not in the CSV export.
 */
import { uniqueCredentialName } from '../fixtures/credentials';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { AuditLogPage } from '../pages/AuditLogPage';
import { CredentialsPage } from '../pages/CredentialsPage';

test('when an admin creates a credential then the audit log filtered by action and actor shows that line, and the value appears nowhere', async ({
  page,
  loginAs,
}, testInfo) => {
  const name = uniqueCredentialName('abuse_audit');
  const value = `e2e-secret-${name}`;
  await loginAs(page, 'admin');
  const shell = new AppShell(page);

  // The credential, made on the credentials page.
  await shell.go('Credentials');
  const credentials = new CredentialsPage(page);
  await expect(credentials.heading).toBeVisible();
  await page.getByRole('button', { name: 'New credential' }).click();
  await credentials.field('Connector').selectOption('abuseipdb');
  await credentials.field('Name').fill(name);
  await credentials.field('Mode').selectOption('live');
  await credentials.field('Secret value').fill(value);
  await credentials.createForm.getByRole('button', { name: 'Create credential' }).click();
  await expect(credentials.row(name)).toContainText('live');
  await expect(page.getByText(value)).toHaveCount(0);

  // The audit log, from the admin menu, filtered to credentials created by the admin.
  await shell.go('Audit log');
  const audit = new AuditLogPage(page);
  await expect(audit.heading).toBeVisible();
  await audit.pick('Action', 'Credential created');
  await audit.pick('Actor', 'admin');
  await expect(page).toHaveURL(/action=credential\.created/);
  await expect(page).toHaveURL(/actor=user%3A/);

  const line = audit.lineFor(`credential ${name}`);
  await expect(line).toHaveCount(1);
  await expect(line.getByRole('cell').nth(1)).toHaveText('admin');
  await expect(line.getByRole('cell').nth(2)).toHaveText('Credential created');
  await expect(line.getByRole('link', { name: `credential ${name}` })).toHaveAttribute('href', '/admin/credentials');
  // Every line on the page is a credential created by the admin.
  for (const cells of await audit.lines.all()) {
    await expect(cells.getByRole('cell').nth(2)).toHaveText('Credential created');
    await expect(cells.getByRole('cell').nth(1)).toHaveText('admin');
  }

  await line.getByRole('button', { name: 'Details' }).click();
  const details = page.getByTestId('audit-details');
  await expect(details).toContainText('"connectorId": "abuseipdb"');
  await expect(details).toContainText('"mode": "live"');
  await expect(page.getByText(value)).toHaveCount(0);
  expect(await page.content()).not.toContain(value);

  // The export carries the same filters, and the line, without the value.
  const href = await audit.exportLink.getAttribute('href');
  expect(href).toMatch(/^\/api\/audit\/export\.csv\?.*action=credential\.created/);
  const csv = await page.request.get(href ?? '');
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(`,credential.created,connector_credential,${name},`);
  expect(text).not.toContain(value);

  const shot = testInfo.outputPath('audit-log.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('the audit log filtered to credentials created by the admin', {
    path: shot,
    contentType: 'image/png',
  });
});
