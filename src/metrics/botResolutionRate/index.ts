export * from './botResolutionRate.js';
