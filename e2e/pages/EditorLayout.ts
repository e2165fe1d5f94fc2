import { expect, type Locator, type Page } from '@playwright/test';

/** What the window's scrolling element and the editor's regions measure, in CSS pixels. */
export interface EditorMetrics {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  canvasWidth: number;
  headerHeight: number;
  saveHeight: number;
}

/**
 * The editor's frame as a keyboard user meets it: the skip link, the folding palette and
 * panel, the header's More menu and the Connect dialog (connecting without a mouse).
 */
export class EditorLayout {
  readonly skipToCanvas: Locator;
  readonly paletteToggle: Locator;
  readonly panelToggle: Locator;
  readonly paletteSearch: Locator;
  readonly connectButton: Locator;
  readonly connectDialog: Locator;
  readonly announcer: Locator;
  readonly header: Locator;

  constructor(readonly page: Page) {
    this.skipToCanvas = page.getByRole('link', { name: 'Skip to canvas' });
    this.paletteToggle = page.getByTestId('palette-column-toggle');
    this.panelToggle = page.getByTestId('side-column-toggle');
    this.paletteSearch = page.getByTestId('palette-search');
    this.connectButton = page.getByTestId('node-connect');
    this.connectDialog = page.getByTestId('connect-dialog');
    this.announcer = page.getByTestId('canvas-announcer');
    this.header = page.locator('.editor-header');
  }

  get connectPort(): Locator {
    return this.connectDialog.getByTestId('connect-port');
  }

  get connectTarget(): Locator {
    return this.connectDialog.getByTestId('connect-target');
  }

  /** Adds a node type from the palette with the keyboard only: search, Tab to the first match, Enter. */
  async insertFromPalette(search: string, label: string): Promise<void> {
    await this.paletteSearch.focus();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(search);
    await this.page.keyboard.press('Tab');
    await expect(this.page.getByRole('button', { name: new RegExp(`^${label}`) }).first()).toBeFocused();
    await this.page.keyboard.press('Enter');
  }

  async metrics(): Promise<EditorMetrics> {
    return this.page.evaluate(() => {
      const doc = document.scrollingElement ?? document.documentElement;
      const height = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().height ?? -1;
      return {
        scrollWidth: doc.scrollWidth,
        clientWidth: doc.clientWidth,
        scrollHeight: doc.scrollHeight,
        clientHeight: doc.clientHeight,
        canvasWidth: document.querySelector('[data-testid="editor-canvas"]')?.getBoundingClientRect().width ?? -1,
        headerHeight: height('.editor-header'),
        saveHeight: height('[data-testid="save-version"]'),
      };
    });
  }

  /** The page itself does not scroll either way: only its regions (palette, canvas, panel) do. */
  async expectNoPageScroll(): Promise<EditorMetrics> {
    const m = await this.metrics();
    expect(m.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(m.clientWidth);
    expect(m.scrollHeight, 'the page scrolls down').toBeLessThanOrEqual(m.clientHeight);
    return m;
  }
}
