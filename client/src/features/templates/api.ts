import { templatesApi, type InstantiatedTemplate, type TemplateSummary } from '@autonomic/api';
import { api } from '../../api/client';

export type { InstantiatedTemplate, TemplateConnector, TemplateSummary } from '@autonomic/api';

/** The template library, with what each template needs. */
export function listTemplates(): Promise<{ templates: TemplateSummary[] }> {
  return api(templatesApi.list);
}

/** Creates a workflow whose version 1 is a draft of the template. */
export function instantiateTemplate(id: string): Promise<InstantiatedTemplate> {
  return api(templatesApi.instantiate, { params: { id }, body: {} });
}
