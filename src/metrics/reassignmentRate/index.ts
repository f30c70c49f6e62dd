export * from './reassignmentRate.js';
