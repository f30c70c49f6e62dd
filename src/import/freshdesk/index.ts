export * from './fromFreshdesk.js';
export * from './fromFreshdeskExport.js';
