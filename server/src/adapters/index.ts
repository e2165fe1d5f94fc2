export { createEffectsFactory, type EffectsFactoryService, type EffectsFactoryDeps } from './effects-factory';
export { createEffectGuard, type EffectGuard } from './effect-guard';
export { createLiveEffects } from './live-effects';
export {
  createHttpClient,
  OutboundRefusedError,
  type HttpClient,
  type OutboundRequest,
  type OutboundResponse,
} from './http-client';
export { createAddressPolicy } from './address-policy';
export { scrub, scrubText } from './redact';
