export * from './customerSatisfactionScore.js';
