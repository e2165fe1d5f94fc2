/**
 * A workflow's layout saved apart from its versions: the editor stores moves that leave
 * the content hash unchanged here, and opens the latest version with them.
 */
import { UiBlock } from '@autonomic/workflow';
import { z } from 'zod';
import type { LayoutService } from '../../services/workflows/layout';
import type { RouteModule } from '../app';
import { WorkflowRef } from './workflows';

const Ref = z.object({ id: WorkflowRef });
const LayoutBody = z.object({ ui: UiBlock }).strict();

export function layoutRoutes({ layout }: { layout: LayoutService }): RouteModule {
  return (api) => {
    const tag = 'workflows';
    api.add(
      {
        method: 'get',
        path: '/workflows/:id/layout',
        summary: "The layout stored over the latest version (null: the version's own ui applies)",
        tag,
        access: 'authenticated',
        params: Ref,
      },
      async ({ params }) => layout.get(params.id),
    );
    api.add(
      {
        method: 'put',
        path: '/workflows/:id/layout',
        summary: 'Store positions and notes over the latest version without a new version (owner, admin)',
        tag,
        access: ['analyst', 'admin'],
        params: Ref,
        body: LayoutBody,
      },
      async ({ params, body, actor }) => layout.save(actor, params.id, body.ui),
    );
  };
}
