export * from './schema';
export { evaluatePolicies } from './evaluate';
export { hostAllowed, urlHost, type UrlHost } from './hosts';
