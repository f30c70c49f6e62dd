export * from './resolutionRate.js';
