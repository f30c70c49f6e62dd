export * from './slaCompliance.js';
