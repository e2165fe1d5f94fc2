import type { Page } from '@playwright/test';
import { VIEWPORT_SCALE } from './page-scripts';

const VIEWPORT_TRANSFORM = `(() => document.querySelector('.react-flow__viewport')?.style.transform ?? '')()`;

/**
 * Presses the toolbar's Fit (every node on screen) and waits until the view stands still
 * (three samples of the viewport transform 100 ms apart agree; Fit animates for 200 ms).
 * Returns the zoom it settled at.
 */
export async function fitAll(page: Page): Promise<number> {
  await page.getByTestId('canvas-fit').click();
  let last = '';
  for (let same = 0, i = 0; same < 3 && i < 100; i++) {
    await page.waitForTimeout(100);
    const now = (await page.evaluate(VIEWPORT_TRANSFORM)) as string;
    same = now === last ? same + 1 : 0;
    last = now;
  }
  // Let the level of detail settle (nodes swap to plain boxes, React Flow re-measures them).
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  return (await page.evaluate(VIEWPORT_SCALE)) as number;
}

/** The page's JS heap in MB after a garbage collection. */
export async function heapUsedMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}
