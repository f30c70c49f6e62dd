export { resolutionTime, type ResolutionTimeOptions, type ResolutionTimeExclusion } from './resolutionTime.js';
