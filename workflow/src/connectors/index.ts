export * from './definition';
export { templateParams, bodyStrings, type TemplateScan } from './templates';
export type { DefinitionIssue } from './checks';
