/** The template library (contract: `templatesApi` in @autonomic/api). */
import { templatesApi } from '@autonomic/api';
import type { TemplateService } from '../../services/templates/service';
import type { RouteModule } from '../app';

export function templateRoutes({ templates }: { templates: TemplateService }): RouteModule {
  return (api) => {
    api.add(templatesApi.list, () => templates.list());
    api.add(templatesApi.instantiate, ({ params, body, actor }) => templates.instantiate(actor, params.id, body));
  };
}
