export * from './firstContactResolution.js';
