export * from './definition';
export { templateParams, bodyStrings, type TemplateScan } from './templates';
export type { DefinitionIssue } from './checks';
export { authOf, TEMPLATE_CONTEXT, type TemplateContextName } from './auth';
