export * from './erlangC.js';
