export * from './averageAbandonTime.js';
