export * from './assignmentTime.js';
