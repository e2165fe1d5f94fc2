export { compileGraph, type CompileResult } from './compile';
export { documentToGraph } from './to-graph';
export * from './types';
