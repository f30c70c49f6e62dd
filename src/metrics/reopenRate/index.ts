export * from './reopenRate.js';
