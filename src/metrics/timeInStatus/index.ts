export * from './timeInStatus.js';
