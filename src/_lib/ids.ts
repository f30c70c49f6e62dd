/**
 * The duplicate-id check every record reader shares.
 *
 * @internal
 * @module
 */
import { describe } from './options.js';
import { Invalid, recordLabel } from './records.js';

/**
 * @internal The identity checks every reader makes of record `index` of `collection`, in this order: an object,
 * an id that is a non-empty string or a finite number, not seen before in `seen`. Returns the id; throws
 * {@link Invalid} for the first rule broken. (`noun` names the record in the message: 'a call'.)
 */
export function checkRecordId(raw: unknown, index: number, collection: string, noun: string, seen: IdSet): string | number {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Invalid('invalid_record', undefined, raw === undefined ? 'the entry is empty (a hole or undefined)' : `${describe(raw)} is not ${noun}`);
  }
  const id = (raw as { id?: unknown }).id;
  if (typeof id === 'string' ? id.length === 0 : typeof id !== 'number' || !Number.isFinite(id)) {
    throw new Invalid(id === undefined ? 'missing_field' : 'invalid_value', 'id', `id must be a non-empty string or a finite number, got ${describe(id)}`);
  }
  if (!seen.add(id as string | number, index)) throw new Invalid('duplicate_id', 'id', `id ${JSON.stringify(String(id))} appears more than once`);
  return id as string | number;
}

/**
 * @internal The ids of earlier chunks of the same input (the incremental API): a record whose id is there is
 * a duplicate, as the later of two records with one id is in a one-shot call.
 */
export interface PriorIds {
  /**
   * The greatest id of the earlier chunks while they all increase (all strings, or all numbers), else
   * undefined: an id of its type greater than it is new.
   */
  readonly floor: string | number | undefined;
  /** Whether an earlier chunk had this id (7 and '7' are one id). */
  has(id: string | number): boolean;
}

/**
 * @internal An insert-only set of id labels over the records of one input list (7 and '7' are the same id;
 * −0 and 0 too).
 *
 * While ids arrive strictly increasing (all strings, or all numbers: exports sorted by id) they are distinct by
 * construction and nothing is stored. At the first id out of order, the labels of the records before it are
 * loaded into a `Set` of strings, and every later id is checked there. V8 hashes strings with a seed drawn at
 * random per process (`--hash-seed=0`), so no list of ids chosen in advance makes the set degrade: expected
 * O(1) per id whatever the ids. Numbers are stored as their decimal string (V8 hashes small integers without a
 * seed), which also makes 7 and '7' the same id.
 *
 * Readers may test the increasing case inline: while `last` is a string, a string id greater than it is new, and
 * the reader sets `last` to it. Anything else goes through {@link IdSet.add}. `last` is `undefined` before the
 * first id and once the set is in use.
 */
export class IdSet {
  /** The greatest id so far while ids increase; `undefined` before the first id and once the set is in use. */
  last: string | number | undefined = undefined;
  private hashed = false;
  private readonly labels = new Set<string>();

  /** Indices of `list` whose ids appeared earlier in a larger input (the incremental API's `duplicates`). */
  private forced: ReadonlySet<number> | undefined = undefined;

  constructor(private readonly list: readonly unknown[]) {}

  /**
   * Marks the records at `indices` as duplicates of records outside `list` (ids seen in earlier chunks of the
   * same input). Called before the first `add`: every id then goes through the set (`last` stays undefined).
   */
  forceDuplicates(indices: ArrayLike<number>): void {
    if (indices.length === 0) return;
    this.forced = new Set(Array.from(indices));
    this.hashed = true;
    this.last = undefined;
  }

  /** The ids of earlier chunks of the same input: ids found there are duplicates too. */
  private prior: PriorIds | undefined = undefined;

  /**
   * Checks ids against those of earlier chunks too. Called before the first `add`: while the earlier chunks'
   * ids increase, `last` starts at the greatest of them (an id greater than it is new to both); otherwise every
   * id goes through the set.
   */
  usePrior(prior: PriorIds): void {
    this.prior = prior;
    if (this.hashed) return;
    if (prior.floor !== undefined) this.last = prior.floor;
    else {
      this.hashed = true;
      this.last = undefined;
    }
  }

  /** Adds the id of `list[index]`; returns false when it was already there. */
  add(id: string | number, index: number): boolean {
    if (this.forced !== undefined && this.forced.has(index)) return false;
    if (!this.hashed) {
      const last = this.last;
      if (last === undefined || (typeof id === typeof last && id > last)) {
        this.last = id;
        return true;
      }
      this.hashed = true;
      this.last = undefined;
      const labels = this.labels;
      for (let i = 0; i < index; i++) {
        const label = recordLabel(this.list[i]);
        if (label !== undefined) labels.add(label);
      }
    }
    if (this.prior !== undefined && this.prior.has(id)) return false;
    const label = typeof id === 'string' ? id : String(id);
    const labels = this.labels;
    const before = labels.size;
    labels.add(label);
    return labels.size !== before;
  }

  /** Ids stored so far (0 while ids increase). */
  get size(): number {
    return this.labels.size;
  }
}
