export * from './types';
export { generateDemoData, demoAccounts, DEMO_PASSWORD } from './generate';
export { demoSystemAccounts, demoQueues, type DemoQueue, type DemoSystemAccount } from './platform';
export { generateHistory, workingDays, type HistoryOptions, type HistoryRow } from './history';
