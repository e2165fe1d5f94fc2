import { expect, type Locator, type Page } from '@playwright/test';

/** One row of the condition builder: field and operator menus, value box. */
export interface ConditionRow {
  row: Locator;
  field: Locator;
  operator: Locator;
  value: Locator;
}

export interface XY {
  x: number;
  y: number;
}

/**
 * `/workflows/new` and `/workflows/:id`: palette, canvas, config panel, problems, save.
 *
 * How the gestures are done (tried against @xyflow/react 12 in Chromium):
 * - Palette → canvas is HTML5 drag and drop. `locator.dragTo(canvas, { targetPosition })`
 *   works: Playwright drives Chromium's native drag, so `dragstart` fills a real
 *   DataTransfer and the canvas's `drop` reads it. The node's top-left corner lands on the
 *   drop point. (Synthetic `dispatchEvent('drop')` on the canvas wrapper does not reach
 *   React Flow's own drop handler; manual `page.mouse` moves do not start an HTML5 drag.)
 * - Connecting is a pointer gesture on handles: `handle.dragTo(targetHandle)`
 *   (mouse down on the source handle, moves, mouse up on the target handle) works.
 * - Moving a node is a pointer gesture too: `page.mouse` down on the node's header,
 *   moves in steps, up.
 */
export class EditorPage {
  readonly canvas: Locator;
  readonly palette: Locator;
  readonly panel: Locator;
  readonly problemsList: Locator;
  readonly problemCount: Locator;
  readonly saveButton: Locator;
  readonly saveResult: Locator;
  readonly version: Locator;
  readonly simulateLink: Locator;
  readonly requestReview: Locator;
  readonly nodes: Locator;
  readonly edges: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('editor-canvas');
    this.palette = page.getByTestId('palette');
    this.panel = page.getByTestId('node-panel');
    this.problemsList = page.getByTestId('problems-list');
    this.problemCount = page.getByTestId('problem-count');
    this.saveButton = page.getByTestId('save-version');
    this.saveResult = page.getByTestId('save-result');
    this.version = page.getByTestId('editor-version');
    this.simulateLink = page.getByTestId('simulate-link');
    this.requestReview = page.getByTestId('request-review');
    this.nodes = this.canvas.locator('.react-flow__node');
    this.edges = this.canvas.locator('.react-flow__edge');
  }

  async gotoNew(): Promise<void> {
    await this.page.goto('/workflows/new');
    await expect(this.canvas).toBeVisible();
  }

  /** Opens the latest version of a workflow and waits until its nodes are drawn. */
  async goto(workflowId: string): Promise<void> {
    await this.page.goto(`/workflows/${workflowId}`);
    await this.waitUntilDrawn();
  }

  /** The canvas is there and, when the graph has nodes, at least one is drawn and measured. */
  async waitUntilDrawn(): Promise<void> {
    await expect(this.canvas).toBeVisible();
    await expect(this.canvas.locator('.react-flow__node').first()).toBeVisible();
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  /** An output handle (one per port). */
  handle(nodeId: string, port: string): Locator {
    return this.page.getByTestId(`handle-${nodeId}-${port}`);
  }

  /** The input handle of a step (the editor gives it no test id). */
  input(nodeId: string): Locator {
    return this.node(nodeId).locator('.react-flow__handle.target');
  }

  paletteItem(nodeType: string): Locator {
    return this.page.getByTestId(`palette-${nodeType}`);
  }

  async nodeIds(): Promise<string[]> {
    return this.nodes.evaluateAll((ns) => ns.map((n) => n.getAttribute('data-id') ?? ''));
  }

  /** Drags a node type from the palette onto the canvas at `at` (canvas pixels); returns the new node's id. */
  async dropNode(nodeType: string, at: XY): Promise<string> {
    const before = new Set(await this.nodeIds());
    await this.paletteItem(nodeType).dragTo(this.canvas, { targetPosition: at });
    await expect(this.nodes).toHaveCount(before.size + 1);
    const added = (await this.nodeIds()).filter((id) => !before.has(id));
    if (added.length !== 1 || !added[0]) throw new Error(`dropping ${nodeType} added ${added.length} nodes`);
    await this.waitForStillViewport();
    return added[0];
  }

  /**
   * Waits until the view stands still: a node dropped under the minimap or the toolbar is
   * panned into view (a 200 ms animation starting a frame later), and a handle dragged
   * meanwhile is grabbed where it no longer is. Two samples of the viewport's transform
   * 300 ms apart must agree.
   */
  async waitForStillViewport(): Promise<void> {
    const viewport = this.canvas.locator('.react-flow__viewport');
    let last: string | undefined;
    await expect
      .poll(
        async () => {
          const now = await viewport.evaluate((el) => getComputedStyle(el).transform);
          const still = now === last;
          last = now;
          return still;
        },
        { intervals: [300] },
      )
      .toBe(true);
  }

  /** Draws an edge from `source`'s `port` to `target`'s input. */
  async connect(source: string, port: string, target: string): Promise<void> {
    const count = await this.edges.count();
    await this.handle(source, port).dragTo(this.input(target));
    await expect(this.edges).toHaveCount(count + 1);
  }

  /** Drags a node by its header by (dx, dy) screen pixels in `steps` pointer moves. */
  async moveNode(id: string, dx: number, dy: number, steps = 10): Promise<void> {
    const box = await this.node(id).locator('.node-head').boundingBox();
    if (!box) throw new Error(`node ${id} is not visible`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps });
    await this.page.mouse.up();
  }

  /** Selects one node (a click on its header) and waits for its config panel. */
  async select(id: string): Promise<void> {
    await this.node(id).locator('.node-head').click();
    await expect(this.panel.getByRole('heading', { level: 2 })).toContainText(id);
  }

  /** A field of the selected node's config panel, by its label (labels of required fields end in "*"). */
  field(label: string | RegExp): Locator {
    return this.panel.getByLabel(label);
  }

  async fill(label: string | RegExp, value: string): Promise<void> {
    const field = this.field(label);
    await field.fill(value);
    await expect(field).toHaveValue(value);
  }

  /** Row `n` (from 1) of the selected condition step's builder. */
  conditionRow(n: number): ConditionRow {
    const row = this.panel.getByRole('group', { name: `Condition ${n}` });
    return {
      row,
      field: row.getByRole('combobox', { name: `Field of condition ${n}` }),
      operator: row.getByRole('combobox', { name: `Operator of condition ${n}` }),
      value: row.getByRole('textbox', { name: `Value of condition ${n}` }),
    };
  }

  /** The JSONata the condition builder generated, shown read-only under its rows. */
  get generatedJsonata(): Locator {
    return this.panel.getByTestId('condition-jsonata');
  }

  /** Fills row `n` of the condition builder by picking (no JSONata typed): field, operator by its label, value. */
  async buildCondition(n: number, row: { field: string; operator: string; value?: string }): Promise<void> {
    const r = this.conditionRow(n);
    await r.field.selectOption(row.field);
    await r.operator.selectOption({ label: row.operator });
    if (row.value !== undefined) await r.value.fill(row.value);
  }

  /** The selected sub-workflow step's pick-list of workflows ("Enrich an IP — runs v3"). */
  get subworkflowPicker(): Locator {
    return this.panel.getByTestId('subworkflow-picker');
  }

  /** Picks the workflow a sub-workflow step calls, by its name (no id typed). */
  async pickSubworkflow(name: string): Promise<void> {
    const option = this.subworkflowPicker.getByRole('option', { name: new RegExp(`^${escape(name)} — runs v\\d+$`) });
    await expect(option).toBeEnabled();
    await this.subworkflowPicker.selectOption({ label: (await option.textContent()) ?? name });
  }

  /** Picks a stored secret by name for the selected HTTP step's auth (no name typed). */
  async pickSecret(name: string): Promise<void> {
    const picker = this.panel.getByRole('combobox', { name: /^Secret/ });
    await expect(picker.getByRole('option', { name, exact: true })).toBeAttached();
    await picker.selectOption(name);
    await expect(picker).toHaveValue(name);
  }

  /** Ticks an approver of the selected approval step (or of an escalation level, `group`), searching a long directory. */
  async pickApprover(text: string, group: Locator = this.panel): Promise<void> {
    const search = group.getByRole('searchbox', { name: /^Search users/ });
    if (await search.count()) await search.first().fill(text);
    await group.getByRole('checkbox', { name: text }).first().check();
  }

  /**
   * The value of switch case `n` (from 1), drawn for the switched field's type: a number
   * box, a choice of listed values or true/false, or a text box.
   */
  switchCaseValue(n: number): Locator {
    return this.panel
      .getByRole('group', { name: 'Switch cases' })
      .locator(`[data-item="${n - 1}"]`)
      .getByLabel(/^Value/);
  }

  /** Names the workflow in the details drawer. */
  async setName(name: string): Promise<void> {
    await this.page.getByTestId('open-metadata').click();
    const drawer = this.page.getByTestId('metadata-drawer');
    await drawer.getByTestId('meta-name').fill(name);
    await drawer.getByRole('button', { name: 'Close details' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  /** The problems list entries of a node. */
  problemsOf(nodeId: string): Locator {
    return this.page.getByTestId(`problem-${nodeId}`);
  }

  /** Undo / redo with the keyboard, on the focused canvas. */
  async undo(): Promise<void> {
    await this.canvas.focus();
    await this.page.keyboard.press('ControlOrMeta+z');
  }

  async redo(): Promise<void> {
    await this.canvas.focus();
    await this.page.keyboard.press('ControlOrMeta+Shift+z');
  }

  /**
   * Saves a new version with a change note; returns the workflow id and the version number
   * shown afterwards. A first save moves the page from /workflows/new to /workflows/:id,
   * which reopens the saved version (the "Saved as" message does not survive that).
   */
  async save(note: string): Promise<{ workflowId: string; version: number }> {
    const first = this.page.url().endsWith('/workflows/new');
    await this.saveButton.click();
    const dialog = this.page.getByTestId('save-dialog');
    await dialog.getByTestId('change-note').fill(note);
    await dialog.getByTestId('save-confirm').click();
    await expect(dialog).toBeHidden();
    if (first) await expect(this.page).toHaveURL(/\/workflows\/(?!new$)[^/]+$/);
    else await expect(this.saveResult).not.toBeEmpty();
    await expect(this.version).toBeVisible();
    const workflowId = /\/workflows\/([^/?#]+)/.exec(this.page.url())?.[1];
    const version = Number(/v(\d+)/.exec(await this.version.innerText())?.[1]);
    if (!workflowId || !version) throw new Error(`no workflow id or version after saving (${this.page.url()})`);
    return { workflowId, version };
  }
}

/** A string as a literal inside a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
