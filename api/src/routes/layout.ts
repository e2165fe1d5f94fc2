/**
 * A workflow's layout saved apart from its versions: the editor stores moves that leave
 * the content hash unchanged here, and opens the latest version with them.
 */
import { UiBlock } from '@autonomic/workflow';
import { z } from 'zod';
import { defineRoute } from '../contract';
import { WorkflowParams } from './common';

export const LayoutView = z.object({
  /** The latest version's number, or null when the workflow has none. */
  version: z.number().int().nullable(),
  /** The stored layout for that version, or null (then the version's own `ui` applies). */
  ui: UiBlock.nullable(),
});
export type LayoutView = z.infer<typeof LayoutView>;

export const layoutApi = {
  get: defineRoute({
    method: 'get',
    path: '/workflows/:id/layout',
    summary: "The layout stored over the latest version (null: the version's own ui applies)",
    tag: 'workflows',
    access: 'authenticated',
    params: WorkflowParams,
    response: LayoutView,
  }),
  put: defineRoute({
    method: 'put',
    path: '/workflows/:id/layout',
    summary: 'Store positions and notes over the latest version without a new version (owner, admin)',
    tag: 'workflows',
    access: ['analyst', 'admin'],
    params: WorkflowParams,
    body: z.object({ ui: UiBlock }).strict(),
    response: LayoutView,
  }),
};
