export * from './fromRows.js';
