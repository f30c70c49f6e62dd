export * from './fromChatwoot.js';
