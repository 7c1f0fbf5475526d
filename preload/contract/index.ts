export * from './domain';
export * from './errors';
export * from './calls';
export * from './events';
export * from './wire';
export * from './client';
export * from '../../shared/personal-code';
export { isValidCreditorReference } from '../../shared/creditor-reference';
export { scriptProblems } from '../../shared/script-graph';
