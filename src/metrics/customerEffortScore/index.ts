export * from './customerEffortScore.js';
