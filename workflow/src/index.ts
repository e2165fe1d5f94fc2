export * from './document';
export * from './duration';
export * from './retry';
export * from './expression-fields';
export * from './expression';
export * from './canonical';
export * from './graph';
export * from './nodes';
