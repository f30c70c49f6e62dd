export * from './requiredAgents.js';
