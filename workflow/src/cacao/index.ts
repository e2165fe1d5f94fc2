export { importCacao, type ImportOptions, type ImportResult } from './import';
export type { ImportReport, ReportEntry, ReportStatus } from './report';
export { CacaoPlaybook, CacaoStep, EXTENSION_ID } from './model';
export { exportCacao, type ExportOptions } from './export';
export { cacaoSchemaProblems, type SchemaCheck, type SchemaError } from './schema-words';
export { uuidV5 } from './uuid';
export { structureProblems as cacaoStructureProblems } from './import-checks';
export type { ConnectorLookup } from './export-connector';
