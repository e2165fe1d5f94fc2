export { createSafetySource, type CachedSafetySource, type SafetySourceOptions } from './source';
export { createSafetyService, type SafetyService } from './service';
export { CreateSafetyEntry, UpdateSafetyEntry, SafetyListName, SafetyKind, CriticalityName } from './entry-schema';
