export * from './costPerContact.js';
