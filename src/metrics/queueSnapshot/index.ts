export * from './queueSnapshot.js';
