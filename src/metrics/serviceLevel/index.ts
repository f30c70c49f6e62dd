export * from './serviceLevel.js';
