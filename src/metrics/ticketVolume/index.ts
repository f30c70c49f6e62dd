export * from './ticketVolume.js';
