/**
 * What every reader writes, whatever the record type: a batch of records with a state and flags per record
 * and the rule each bad one broke. The driver (src/pipeline/driver.ts) reads batches through this interface
 * only; each record type adds its own columns of facts.
 *
 * @internal
 * @module
 */
import type { Invalid } from '../_lib/records.js';

/** @internal `state` bit: the record's identity is invalid (every metric leaves it out). */
export const S_BAD = 1;

/**
 * @internal A batch of records: record `j` is input index `base + j`. `state` is {@link S_BAD} for an invalid
 * identity; its other bits each mark a part of the record as invalid (a ticket's history, a call's handling
 * fields), which only the metrics that read that part leave out.
 */
export interface RecordBatch {
  readonly n: number;
  readonly base: number;
  /**
   * The position of `records[0]` in the whole input (0 for a one-shot call; a chunk's position in the
   * incremental API): positions in messages, `#N` labels and anything a metric keeps by position are
   * `offset + base + j`.
   */
  offset: number;
  /** The input the batch was read from (raw records, for key functions, labels and error messages). */
  readonly records: ArrayLike<unknown>;
  readonly state: Uint8Array;
  /** Record flags a metric may leave out (tickets: deleted, spam, merged); zeros for record types without. */
  readonly flags: Uint8Array;
  /** The rule record j broke in the part(s) `bits` of its state (the first part read, when several). */
  errorOf(j: number, bits: number): Invalid;
  /** The label of record j in `excluded.ids` (its id, numbers as their decimal string). */
  idOf(j: number): string;
}
