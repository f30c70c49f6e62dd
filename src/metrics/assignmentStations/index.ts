export * from './assignmentStations.js';
