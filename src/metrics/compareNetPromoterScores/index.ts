export * from './compareNetPromoterScores.js';
