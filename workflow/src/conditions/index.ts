export * from './model';
export { generateCondition, literal as conditionLiteral } from './generate';
export { parseCondition, parseField, type ParsedCondition } from './parse';
export { inCidr, EXPRESSION_FUNCTIONS } from './functions';
