export * from './fromHelpScout.js';
