/**
 * Chart colours, readable on white: recharts writes each legend label in its series'
 * colour, so every one keeps WCAG AA's 4.5:1 for text (colors.test.ts measures them).
 */
export const COLORS = {
  succeeded: '#1e7f4f',
  failed: '#b3261e',
  cancelled: '#6b7280',
  /** Darker than the app's amber (#c27a00 is 3.5:1 on white). */
  active: '#9a6700',
  accent: '#2457d6',
  /** The median beside the p95 (accent): another hue, as the light blue it replaced was 2.2:1. */
  p50: '#0e7490',
  human: '#a15c00',
} as const;

/** WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}
