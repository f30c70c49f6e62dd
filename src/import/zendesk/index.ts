export * from './fromZendesk.js';
export * from './fromZendeskExport.js';
