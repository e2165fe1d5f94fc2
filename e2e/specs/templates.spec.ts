import { expect, test } from '../fixtures/test';
import { EditorPage } from '../pages/EditorPage';
import { TemplatesPage } from '../pages/TemplatesPage';

test('when an analyst picks "Ransomware host isolation" under New from template then the editor opens on its draft and every test case of it passes', async ({
  page,
  loginAs,
}) => {
  test.slow(); // the draft's cases run in the background test runner
  await loginAs(page, 'alice');
  const templates = new TemplatesPage(page);
  await templates.openFromList();

  const card = templates.card('Ransomware host isolation');
  await expect(card).toContainText('Defender ransomware alert');
  await expect(card.getByTestId('needs-microsoft-defender-endpoint')).toContainText('isolates it from the network');
  await templates.use('Ransomware host isolation');

  await expect(page).toHaveURL(/\/workflows\/[^/]+\/versions\/1$/);
  const editor = new EditorPage(page);
  await editor.waitUntilDrawn();
  expect(await editor.nodes.count()).toBeGreaterThanOrEqual(10);

  await page.getByTestId('open-tests').click();
  const panel = page.getByTestId('tests-panel');
  const rows = panel.locator('[data-testid^="case-row-"]');
  await expect(rows).toHaveCount(7);
  for (let i = 0; i < 7; i++) {
    await expect(panel.getByTestId(`case-row-${i}`).getByTestId('case-verdict')).toHaveText(/passed/i, {
      timeout: 30_000,
    });
  }
});
