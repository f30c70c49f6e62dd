export * from './averageResolutionTime.js';
