export * from './averageHandleTime.js';
