export * from './backlogSeries.js';
