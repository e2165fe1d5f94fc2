/**
 * One page of the every-page check: open it, wait for its content, save a full-page
 * screenshot, then assert (softly, so that one run lists every fault) no sideways scroll,
 * a top bar on one line, and no serious or critical axe violation of WCAG 2.1 A/AA.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

export interface PageVisit {
  /** File-name friendly: `run-detail-failed`. */
  name: string;
  path: string;
  /** Something only the loaded page shows (a seeded row, a canvas node); the h1 otherwise. */
  ready?: (page: Page) => Locator;
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What axe found, one line per element: `rule (impact): help — selector`. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} ${[...n.any, ...n.all, ...n.none][0]?.message ?? ''}`,
      ),
    );
}

/** Header items (links, buttons, the brand) that are taller than one line or below the first row. */
function headerWraps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const header = document.querySelector('header');
    if (!header) return [];
    const items = Array.from(header.querySelectorAll<HTMLElement>('.brand, nav > ul > li > a, button')).filter(
      (el) => el.offsetParent !== null && !el.closest('[hidden]') && !el.closest('.nav-menu-list'),
    );
    const rects = items.map((el) => ({ el, r: el.getBoundingClientRect() }));
    const firstTop = Math.min(...rects.map((x) => x.r.top));
    const faults: string[] = [];
    for (const { el, r } of rects) {
      const line = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.3;
      const label = (el.textContent ?? '').trim();
      if (el.getClientRects().length > 1 || r.height > line * 1.9 + 16) faults.push(`"${label}" wraps`);
      if (r.top > firstTop + r.height) faults.push(`"${label}" is on a second row`);
    }
    return faults;
  });
}

/** Opens `visit` at the page's current viewport and records what is wrong with it. */
export async function checkPage(page: Page, visit: PageVisit, testInfo: TestInfo): Promise<void> {
  const size = page.viewportSize();
  const tag = `${size?.width ?? 0}x${size?.height ?? 0}`;
  const where = `${visit.name} at ${tag} (${visit.path})`;
  await page.goto(visit.path);
  const h1 = page.getByRole('heading', { level: 1 }).first();
  await expect.soft(h1, `${where}: no page heading`).toBeVisible();
  if (visit.name !== 'not-found') {
    await expect.soft(h1, `${where}: the route does not exist (yet)`).not.toHaveText('Page not found');
  }
  await expect.soft(page.locator('[aria-busy="true"]'), `${where}: still loading`).toHaveCount(0);
  if (visit.ready) await expect.soft(visit.ready(page).first(), `${where}: content not shown`).toBeVisible();

  const shot = testInfo.outputPath(`${tag}-${visit.name}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach(`${visit.name} ${tag}`, { path: shot, contentType: 'image/png' });

  const width = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect.soft(width.scroll, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(width.client);
  expect.soft(await headerWraps(page), `${where}: the top bar wraps`).toEqual([]);
  expect.soft(await seriousViolations(page), `${where}: serious or critical accessibility violations`).toEqual([]);
}

export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** Every visit at 1280×800, then at 1920×1080. */
export async function checkPages(page: Page, visits: PageVisit[], testInfo: TestInfo): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const visit of visits) await checkPage(page, visit, testInfo);
  }
}
