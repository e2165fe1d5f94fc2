import type { ReactElement } from 'react';
import { EditorPage } from '../features/editor-page/EditorPage';
import { SimulatePage } from '../features/simulation/SimulatePage';
import { DiffPage } from '../features/versions/DiffPage';
import { VersionsPage } from '../features/versions/VersionsPage';

/**
 * Feature pages, one line each: `{ path, element }`. Features register here so that
 * App.tsx stays small and features do not edit each other's files.
 */
export const routes: { path: string; element: ReactElement }[] = [
  { path: '/workflows/new', element: <EditorPage /> },
  { path: '/workflows/:id', element: <EditorPage /> },
  { path: '/workflows/:id/versions/:number', element: <EditorPage /> },
  { path: '/workflows/:id/versions', element: <VersionsPage /> },
  { path: '/workflows/:id/diff', element: <DiffPage /> },
  { path: '/workflows/:id/versions/:number/simulate', element: <SimulatePage /> },
];
