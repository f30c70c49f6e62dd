export * from './netPromoterScore.js';
