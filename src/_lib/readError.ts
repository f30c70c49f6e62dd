/**
 * What a reader does when reading a record runs user code that throws (a getter, a `Proxy`): the failure
 * surfaces as a {@link MetricsError} naming the record, with what was thrown as `cause`.
 *
 * @internal
 * @module
 */
import { MetricsError } from '../results/errors.js';
import { describe } from './options.js';

/**
 * @internal The error for "reading `collection[index]` threw": code `invalid_record`, the thrown value as
 * `cause`. A `MetricsError` passes through unchanged (it is the library's own verdict on the record).
 */
export function readError(functionName: string, collection: string, index: number | undefined, caught: unknown): MetricsError {
  if (caught instanceof MetricsError) return caught;
  const what = caught instanceof Error ? `${caught.name}: ${caught.message}` : describe(caught);
  return new MetricsError({
    code: 'invalid_record',
    functionName,
    collection,
    recordIndex: index,
    field: index === undefined ? collection : undefined,
    rule: `reading the record threw ${what} (a getter or proxy in the input)`,
    cause: caught,
  });
}
