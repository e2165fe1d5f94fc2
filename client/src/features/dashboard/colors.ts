/** Chart colours: the app's status colours (styles.css), readable on white. */
export const COLORS = {
  succeeded: '#1e7f4f',
  failed: '#b3261e',
  cancelled: '#6b7280',
  active: '#c27a00',
  accent: '#2457d6',
  accentLight: '#8fb0f5',
  human: '#a15c00',
} as const;
