export * from './abandonmentRate.js';
