/**
 * Transitional: names that moved to src/options/shared.ts when the ticket reader became src/read/ and
 * src/pipeline/. Kept only until the modules that still import them here are moved.
 *
 * @internal
 * @module
 */
export { optionError, readZone as zoneOption, requireArray, type InvalidMode, type Period } from '../options/shared.js';
