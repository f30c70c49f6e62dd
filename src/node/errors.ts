/**
 * The error of the Node entry: a {@link MetricsError} that also names the file and the line.
 *
 * @module
 */
import { MetricsError, type MetricsErrorDetails } from '../index.js';

/**
 * A {@link MetricsError} raised while streaming a file: the library's error for a record (its `code`,
 * `field`, `rule`, `recordId` and `recordIndex`, the record's position in the file), or a line that is not
 * valid JSON (`invalid_record`), with the file and the 1-based line where the record starts. The message ends
 * with ` at <file>:<line>`.
 *
 * @example
 * ```ts
 * import { MetricsError } from 'helpdesk-metrics';
 * import { MetricsFileError, runMetricsOnFile } from 'helpdesk-metrics/node';
 * try {
 *   await runMetricsOnFile('tickets.ndjson', { frt: { metric: 'firstResponseTime' } });
 * } catch (e) {
 *   if (e instanceof MetricsFileError) console.log(e.code, e.file, e.line, e.recordId);
 *   //=> 'invalid_timestamp' 'tickets.ndjson' 12 'T-11'
 *   if (e instanceof MetricsError) console.log(e.message); // a MetricsFileError is a MetricsError
 * }
 * ```
 * @category Node
 */
export class MetricsFileError extends MetricsError {
  /** The file, as given to {@link runMetricsOnFile}. */
  readonly file: string;
  /** The line (1-based) where the record starts; `undefined` when the error is not about one record. */
  readonly line: number | undefined;

  /** `message`: the library's message for the record when it was raised in a worker (it names the collection). */
  constructor(details: MetricsErrorDetails, file: string, line: number | undefined, message?: string) {
    super(details);
    this.file = file;
    this.line = line;
    this.message = `${message ?? this.message} at ${file}${line === undefined ? '' : `:${line}`}`;
  }
}

/** @internal An option or plan error of {@link runMetricsOnFile}. */
export function optionError(field: string, rule: string, code: 'invalid_option' | 'invalid_argument' = 'invalid_option'): never {
  throw new MetricsError({ code, functionName: 'runMetricsOnFile', field, rule });
}
