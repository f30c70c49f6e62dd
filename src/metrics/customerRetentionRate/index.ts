export * from './customerRetentionRate.js';
