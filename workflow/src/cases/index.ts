export * from './schema';
export { caseProblems } from './problems';
export * from './coverage';
