export * from './types';
export { generateDemoData, demoAccounts, DEMO_PASSWORD } from './generate';
