export * from './averageSpeedOfAnswer.js';
