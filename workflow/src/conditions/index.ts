export * from './model';
export { generateCondition, literal as conditionLiteral } from './generate';
export { parseCondition, type ParsedCondition } from './parse';
export { inCidr, EXPRESSION_FUNCTIONS } from './functions';
