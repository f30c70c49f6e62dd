export * from './resolutionTime.js';
