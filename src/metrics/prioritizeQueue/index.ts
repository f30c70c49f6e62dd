export * from './prioritizeQueue.js';
