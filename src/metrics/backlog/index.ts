export * from './backlog.js';
