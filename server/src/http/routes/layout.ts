/** A workflow's layout saved apart from its versions (contract: `layoutApi` in @autonomic/api). */
import { layoutApi } from '@autonomic/api';
import type { LayoutService } from '../../services/workflows/layout';
import type { RouteModule } from '../app';

export function layoutRoutes({ layout }: { layout: LayoutService }): RouteModule {
  return (api) => {
    api.add(layoutApi.get, ({ params }) => layout.get(params.id));
    api.add(layoutApi.put, ({ params, body, actor }) => layout.save(actor, params.id, body.ui));
  };
}
