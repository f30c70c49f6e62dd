export * from './firstResponseTime.js';
