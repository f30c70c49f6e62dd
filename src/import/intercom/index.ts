export * from './fromIntercom.js';
