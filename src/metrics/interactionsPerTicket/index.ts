export * from './interactionsPerTicket.js';
