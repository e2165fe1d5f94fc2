export { createSafetySource, type CachedSafetySource, type SafetySourceOptions } from './source';
export { createSafetyService, type SafetyService } from './service';
