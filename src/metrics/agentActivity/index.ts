export * from './agentActivity.js';
