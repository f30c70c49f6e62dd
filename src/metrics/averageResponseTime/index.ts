export * from './averageResponseTime.js';
