/**
 * helpdesk-metrics/node: the Node entry. Streams a file of records (NDJSON or a JSON array) through a plan of
 * metrics on worker threads, one per core by default, in bounded memory. Never imported by the package's root
 * entry (which stays free of Node built-ins, for browsers).
 *
 * @example
 * ```ts
 * import { runMetricsOnFile } from 'helpdesk-metrics/node';
 * const { results } = await runMetricsOnFile('tickets.ndjson', { frt: { metric: 'firstResponseTime' } });
 * ```
 * @packageDocumentation
 */
export { runMetricsOnFile, type RunMetricsOnFileOptions, type FileMetricsResult, type StreamProgress, type BadLine } from './run.js';
export { MetricsFileError } from './errors.js';
export type { StreamFormat } from './split.js';
