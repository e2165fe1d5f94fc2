/**
 * The API contract shared by server and client: per route the request and response
 * schemas, the error codes, roles and the actor, and the run, step, approval and SSE
 * event types. Pure: zod and @autonomic/workflow only.
 */
export * from './errors';
export * from './issue-words';
export * from './actor';
export * from './contract';
export * from './fields';
export * from './routes';
export * from './model';
