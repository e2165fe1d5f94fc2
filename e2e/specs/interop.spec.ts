import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../fixtures/test';
import { EditorPage } from '../pages/EditorPage';
import { ImportPage } from '../pages/ImportPage';

const example = (name: string) => fileURLToPath(new URL(`../../third_party/cacao/examples/${name}`, import.meta.url));

test('when an analyst imports a CACAO playbook then the report, the draft on the canvas, the CACAO export and the own-file round trip are there; a broken file is refused naming its element', async ({
  page,
  loginAs,
}) => {
  test.slow(); // import, editor, export, second import
  await loginAs(page, 'alice');
  const importer = new ImportPage(page);
  await importer.openFromList();

  // A parallel step with two branches, an action and two ends.
  await importer.importFile(example('parallels_playbook.json'));
  await expect(importer.openDraft).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Imported as draft version 1.');
  expect(await importer.count('mapped')).toBeGreaterThan(0);
  const approximated = await importer.count('approximated');
  expect(approximated).toBeGreaterThan(0);
  await expect(importer.entries('approximated')).toHaveCount(approximated);
  // Each approximation says how: the CACAO id is not kept, the export gets one of its own.
  await expect(importer.entries('approximated').filter({ hasText: 'the CACAO id is not kept' })).toHaveCount(1);

  const href = (await importer.openDraft.getAttribute('href')) ?? '';
  const workflowId = /^\/workflows\/([^/]+)\/versions\/1$/.exec(href)?.[1] ?? '';
  expect(workflowId).not.toBe('');
  await importer.openDraft.click();
  const editor = new EditorPage(page);
  await editor.waitUntilDrawn();
  expect(await editor.nodes.count()).toBeGreaterThanOrEqual(4);

  // Exported again from the versions page: a CACAO 2.0 playbook with its steps.
  await page.goto(`/workflows/${workflowId}/versions`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cacao-1').click()]);
  const playbook = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
    type: string;
    spec_version: string;
    workflow: Record<string, { type: string }>;
  };
  expect(playbook).toMatchObject({ type: 'playbook', spec_version: 'cacao-2.0' });
  const kinds = Object.values(playbook.workflow).map((s) => s.type);
  expect(kinds).toEqual(expect.arrayContaining(['start', 'parallel', 'action', 'end']));

  // The same version as a workflow file of our own, imported back as the next draft of the same workflow.
  const [ownFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-file-1').click()]);
  const ownPath = (await ownFile.path()) ?? '';
  expect(JSON.parse(await readFile(ownPath, 'utf8'))).toMatchObject({ kind: 'autonomic.workflow' });
  await importer.openFromList();
  await importer.file.setInputFiles({
    name: 'own.json',
    mimeType: 'application/json',
    buffer: await readFile(ownPath),
  });
  await page.getByLabel('Import into').selectOption({ value: workflowId });
  await importer.importButton.click();
  // Same content as v1: nothing new is saved, and the page says so.
  await expect(page.getByRole('status')).toContainText('already has version 1 with exactly this content');

  // A playbook whose step goes on to a step that is not there.
  await importer.openFromList();
  await importer.importFile(example('missing_step_playbook.json'));
  await expect(importer.error).toContainText(
    'action--2190f685-1857-44ac-ad0e-0ded6c6ef3ce: on_completion points at end--6b23c237-ade8-4d00-9aa1-75999738d558, which does not exist',
  );
  await expect(importer.error).not.toContainText('validation_failed');
  await expect(importer.openDraft).toHaveCount(0);
});
