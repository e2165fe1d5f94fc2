export * from './document';
export * from './duration';
export * from './retry';
export * from './expression-fields';
export * from './expression';
export * from './canonical';
export * from './graph';
export * from './nodes';
export * from './diff';
export { WORKFLOW_NODE, type Problem } from './problem';
export * from './migrations';
export * from './load';
export * from './compile';
export { LIMITS } from './validate/limits';
export { cronProblem } from './validate/cron';
export { connectorProblems, type ConnectorContext, type CredentialRef } from './validate/connectors';
export { widgetFields, paramsJsonSchema, type WidgetField } from './validate/schema-walk';
export { documentWarnings } from './validate/warnings';
export { fieldWords, friendlyMessage } from './validate/zod-words';
export { generateChainGraph } from './testing/generate';
export { gatewayParams } from './testing/gateway';
export { jsonDepthExceededAt } from './json-depth';
export { Re2RegExp, re2RegExp, UnsupportedRegexError } from './regex';
export * from './connectors';
export {
  credentialSlug,
  GATEWAY_CONNECTOR,
  gatewayStep,
  LEGACY_STEP_TYPES,
  legacyCredentials,
  splitLegacyUrl,
  type GatewayStep,
  type LegacyAuth,
  type LegacyCredential,
} from './legacy-gateway';
export * from './cases';
export * from './policies';
export * from './conditions';
export * from './cacao';
export {
  contains as networkContains,
  parseAddress,
  parseNetwork,
  sameAddress,
  type Address,
  type Network,
} from './net';
