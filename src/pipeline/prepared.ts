/**
 * What every prepared set shares (prepareTickets, prepareCalls): the columns of every record read once, the
 * read options they were read with, the input they refer to, and the one message for a metric given a read
 * option that differs from the set's.
 *
 * @internal
 * @module
 */
import { describe } from '../_lib/options.js';
import { optionError } from '../options/shared.js';
import { S_BAD, type RecordBatch } from '../read/recordBatch.js';

/** @internal The implementation every prepared set extends. */
export abstract class PreparedSet<C extends RecordBatch & { byteSize(): number }, Config> {
  constructor(
    readonly columns: C,
    readonly config: Config,
    readonly records: readonly unknown[],
  ) {}
  /** How many records were given (valid or not). */
  get count(): number {
    return this.columns.n;
  }
  /** How many are invalid for every metric. */
  get invalid(): number {
    let k = 0;
    const s = this.columns.state;
    for (let j = 0; j < this.columns.n; j++) if (((s[j] as number) & S_BAD) !== 0) k++;
    return k;
  }
  /** Bytes held by the columns (the records themselves not counted). */
  get bytes(): number {
    return this.columns.byteSize();
  }
}

/**
 * @internal Throws for read option `field` given as `given` with a set of `collection` (`'tickets'`, `'calls'`)
 * prepared with `fixed` (in words).
 */
export function preparedConflict(functionName: string, collection: string, field: string, given: unknown, fixed: string): never {
  const preparer = `prepare${collection.charAt(0).toUpperCase()}${collection.slice(1)}`;
  return optionError(functionName, field, `${describe(given)} differs from the ${fixed} the ${collection} were prepared with; read options are fixed by ${preparer} (prepare again, or leave the option out)`);
}
