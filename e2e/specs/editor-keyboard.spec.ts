import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { containmentPlaybook, gatewayCredential } from '../fixtures/playbooks';
import { expect, test, uniqueName } from '../fixtures/test';
import { AppShell } from '../pages/AppShell';
import { EditorLayout } from '../pages/EditorLayout';
import { EditorPage } from '../pages/EditorPage';

test.use({ viewport: { width: 1280, height: 800 } });

/** The serious and critical WCAG 2.1 AA violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('when an analyst at 1280x800 builds with the keyboard only then the canvas is 2 tab stops away, two palette nodes are connected through the Connect dialog (undoable), the version saves, and the page never scrolls with its header on one line, with no serious axe violation', async ({
  page,
  loginAs,
}, testInfo) => {
  await loginAs(page, 'alice');
  const editor = new EditorPage(page);
  const layout = new EditorLayout(page);
  const shell = new AppShell(page);
  await editor.gotoNew();

  // Tab 1: the app's skip link, to the page; tab 2: the editor's, to the canvas.
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(shell.skipLink).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(layout.skipToCanvas).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.canvas).toBeFocused();

  // Header on one line: as tall as its buttons, with the secondary actions under More.
  let m = await layout.expectNoPageScroll();
  expect(m.headerHeight).toBeLessThanOrEqual(m.saveHeight + 2);
  await expect(page.getByTestId('header-more')).toBeVisible();
  expect(m.canvasWidth).toBeGreaterThanOrEqual(790);

  // Two nodes from the palette, by keyboard: search, Tab, Enter.
  await layout.insertFromPalette('manual', 'Manual trigger');
  await expect(editor.node('manual_1')).toBeVisible();
  await layout.insertFromPalette('transform', 'Transform');
  await expect(editor.node('transform_1')).toBeVisible();
  // The new node is selected: its panel (a long form) is open, and still nothing scrolls the page.
  await expect(editor.panel.getByRole('heading', { level: 2 })).toContainText('transform_1');
  await layout.expectNoPageScroll();

  // Select the trigger with the keyboard (Tab onto it from the canvas, Enter), then C opens Connect.
  await layout.skipToCanvas.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  // React Flow's node wrapper takes the focus (the test id is on the card inside it).
  await expect(editor.canvas.locator('.react-flow__node[data-id="manual_1"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor.panel.getByRole('heading', { level: 2 })).toContainText('manual_1');
  await page.keyboard.press('c');
  await expect(layout.connectDialog).toBeVisible();
  await expect(layout.connectPort).toBeFocused();
  await expect(layout.connectTarget).toHaveValue('transform_1');
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Tab'); // Leads to
  await page.keyboard.press('Tab'); // Close
  await page.keyboard.press('Tab'); // Connect
  await expect(layout.connectDialog.getByRole('button', { name: 'Connect' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(layout.connectDialog).toBeHidden();
  await expect(editor.edges).toHaveCount(1);
  await expect(layout.announcer).toContainText(
    'Connected Manual trigger (manual_1), Start, to Transform (transform_1)',
  );

  // Undo and redo on the canvas, by keyboard.
  await editor.undo();
  await expect(editor.edges).toHaveCount(0);
  await editor.redo();
  await expect(editor.edges).toHaveCount(1);

  // The panel's "Connect…" lists the connection and removes it (then undo brings it back).
  await layout.connectButton.focus();
  await page.keyboard.press('Enter');
  const remove = layout.connectDialog.getByRole('button', {
    name: 'Remove Manual trigger (manual_1) · Start → Transform (transform_1)',
  });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(editor.edges).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(layout.connectDialog).toBeHidden();
  await editor.undo();
  await expect(editor.edges).toHaveCount(1);

  // Both side columns folded by keyboard: the canvas takes the width; unfolding brings them back.
  await layout.paletteToggle.focus();
  await page.keyboard.press('Enter');
  await layout.panelToggle.focus();
  await page.keyboard.press('Enter');
  await expect(layout.paletteToggle).toHaveAttribute('aria-expanded', 'false');
  await expect(layout.panelToggle).toHaveAttribute('aria-expanded', 'false');
  m = await layout.expectNoPageScroll();
  expect(m.canvasWidth).toBeGreaterThanOrEqual(1100);
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Enter');
  await layout.paletteToggle.focus();
  await page.keyboard.press('Enter');
  await expect(editor.palette).toBeVisible();

  // Named through More → Details, then saved.
  await page.getByTestId('header-more').click();
  const name = uniqueName('E2E keyboard');
  await page.getByTestId('open-metadata').click();
  await page.getByTestId('metadata-drawer').getByTestId('meta-name').fill(name);
  await page.getByTestId('metadata-drawer').getByRole('button', { name: 'Close details' }).click();
  const saved = await editor.save('built with the keyboard');
  expect(saved.version).toBe(1);
  await editor.waitUntilDrawn();
  await expect(editor.edges).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('title', name);
  m = await layout.expectNoPageScroll();
  expect(m.headerHeight).toBeLessThanOrEqual(m.saveHeight + 2);
  await page.screenshot({ path: testInfo.outputPath('editor-1280x800.png') });
});

test('when a long-named playbook opens at 1920x1080 then the header stays on one line with every action inline, the minimap shows, a node dropped in its corner is panned into view, the page does not scroll and axe finds nothing serious', async ({
  page,
  loginAs,
  apiAs,
}, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const credential = await gatewayCredential(await apiAs('admin'), 'https://firewall.example');
  const name = uniqueName('E2E a containment playbook whose name is far too long to fit in any header at all');
  const doc = containmentPlaybook(name, {
    receiverUrl: 'https://receiver.example',
    credential,
    enrich: true,
    approval: { approver: 'bob' },
  });
  const saved = await (await apiAs('alice')).createWorkflow(doc);
  await loginAs(page, 'alice');
  const editor = new EditorPage(page);
  const layout = new EditorLayout(page);
  await editor.goto(saved.workflowId);

  await expect(page.getByTestId('open-metadata')).toBeVisible();
  await expect(page.getByTestId('header-more')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('title', name);
  await expect(editor.canvas.locator('.react-flow__minimap')).toBeVisible();
  const m = await layout.expectNoPageScroll();
  expect(m.headerHeight).toBeLessThanOrEqual(m.saveHeight + 2);
  expect(m.canvasWidth).toBeGreaterThanOrEqual(1200);
  await editor.select('block');
  await layout.expectNoPageScroll();
  expect(await axeViolations(page)).toEqual([]);

  // A node dropped into the minimap's corner is panned into plain view.
  const canvasBox = await editor.canvas.boundingBox();
  if (!canvasBox) throw new Error('no canvas');
  const dropped = await editor.dropNode('http', { x: canvasBox.width - 120, y: canvasBox.height - 60 });
  await expect(async () => {
    const node = await editor.node(dropped).boundingBox();
    const map = await editor.canvas.locator('.react-flow__minimap').boundingBox();
    if (!node || !map) throw new Error('node or minimap not drawn');
    expect(node.x + node.width).toBeLessThanOrEqual(canvasBox.x + canvasBox.width);
    expect(node.y + node.height).toBeLessThanOrEqual(canvasBox.y + canvasBox.height);
    const overlaps =
      node.x < map.x + map.width &&
      node.x + node.width > map.x &&
      node.y < map.y + map.height &&
      node.y + node.height > map.y;
    expect(overlaps, 'the dropped node is under the minimap').toBe(false);
  }).toPass();
  await page.screenshot({ path: testInfo.outputPath('editor-1920x1080.png') });
});
