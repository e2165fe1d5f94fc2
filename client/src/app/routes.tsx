import type { ReactElement } from 'react';

/**
 * Feature pages, one line each: `{ path, element }`. Features register here so that
 * App.tsx stays small and features do not edit each other's files.
 */
export const routes: { path: string; element: ReactElement }[] = [];
