/**
 * The facts of a batch of calls, one typed-array column per fact (record `j` of the batch is input index
 * `base + j`). Written by the call reader, read by every call metric's step. A prepared set is one batch holding
 * every call; a metric given a raw array reads it in batches into one reused {@link CallColumns}.
 *
 * Which parts are read is the level, a set of bits: the core (id, `queuedAt`, the outcome) always; the system
 * entry (`enteredAt`) with {@link READ_ENTRY}; the handling fields (`endedAt`, `holdMs`, `wrapUpMs`) with
 * {@link READ_HANDLING}. An invalid core makes the call invalid for every metric ({@link S_BAD}); an invalid
 * entry or handling part only for the metrics that read it ({@link S_BAD_ENTRY}, {@link S_BAD_HANDLING}).
 *
 * @internal
 * @module
 */
import type { Invalid } from '../_lib/records.js';
import { S_BAD, type RecordBatch } from './recordBatch.js';

export { S_BAD };

/** @internal Outcome: neither answered nor abandoned (still waiting). */
export const WAITING = 0;
/** @internal Outcome: answered by an agent. */
export const ANSWERED = 1;
/** @internal Outcome: abandoned by the caller. */
export const ABANDONED = 2;

/** @internal Level bit: read the system entry (`enteredAt`). */
export const READ_ENTRY = 1;
/** @internal Level bit: read the handling fields (`endedAt`, `holdMs`, `wrapUpMs`). */
export const READ_HANDLING = 2;
/** @internal Every part (a prepared set). */
export const READ_ALL = READ_ENTRY | READ_HANDLING;

/** @internal State bit: the system entry is invalid (left out by metrics whose clock starts at system entry). */
export const S_BAD_ENTRY = 2;
/** @internal State bit: the handling fields are invalid (left out by handle time). */
export const S_BAD_HANDLING = 4;

const EMPTY: readonly unknown[] = [];

/** @internal See the module comment. Times are epoch ms, NaN when absent. */
export class CallColumns implements RecordBatch {
  n = 0;
  base = 0;
  offset = 0;
  records: readonly unknown[] = EMPTY;
  /** The parts read: bits of READ_ENTRY and READ_HANDLING. */
  level = 0;
  /** Why records are bad, by batch index: the core (S_BAD), the entry, the handling fields. */
  readonly errors = new Map<number, Invalid>();
  readonly entryErrors = new Map<number, Invalid>();
  readonly handlingErrors = new Map<number, Invalid>();

  /**
   * The id of each valid call as given (its label in `excluded.ids`), kept by a prepared set, so that listing
   * an excluded call does not go back to the call object (a cache miss per exclusion on a large input). A
   * batch read from an array does not keep them: its calls were read just before, and are still in the cache.
   */
  ids: (string | number)[] = [];
  /** Whether `ids` and `numericId` are kept (a prepared set). */
  keepIds = false;
  /** 1 where the id is a number (its label is then its decimal string). 0 after `reset`. */
  numericId = new Uint8Array(0);
  /** 0 after `reset`; the reader sets the bits of the bad parts. */
  state = new Uint8Array(0);
  /** Calls have no flags: zeros, never written. */
  flags = new Uint8Array(0);
  /** `queuedAt`. */
  queued = new Float64Array(0);
  /** WAITING, ANSWERED or ABANDONED. */
  outcome = new Uint8Array(0);
  /** `answeredAt` or `abandonedAt`; NaN while waiting. */
  dequeued = new Float64Array(0);
  /** `enteredAt` (system entry), NaN when absent (READ_ENTRY). */
  entered = new Float64Array(0);
  /** `endedAt`, NaN when absent (READ_HANDLING). */
  ended = new Float64Array(0);
  /** `holdMs`, 0 when absent (READ_HANDLING). */
  hold = new Float64Array(0);
  /** `wrapUpMs`, 0 when absent (READ_HANDLING). */
  wrapUp = new Float64Array(0);

  /** Makes room for `n` records (contents undefined until written) and clears the batch. */
  reset(records: readonly unknown[], base: number, n: number, level: number): void {
    this.records = records;
    this.base = base;
    this.n = n;
    this.level = level;
    this.errors.clear();
    this.entryErrors.clear();
    this.handlingErrors.clear();
    if (this.state.length < n) {
      if (this.keepIds) this.ids = new Array<string | number>(n).fill('');
      this.numericId = new Uint8Array(n);
      this.state = new Uint8Array(n);
      this.flags = new Uint8Array(n);
      this.queued = new Float64Array(n);
      this.outcome = new Uint8Array(n);
      this.dequeued = new Float64Array(n);
    } else {
      // The reader writes these only where they are not 0 (a bad part, a numeric id).
      this.state.fill(0, 0, n);
      this.numericId.fill(0, 0, n);
    }
    if ((level & READ_ENTRY) !== 0 && this.entered.length < n) this.entered = new Float64Array(this.state.length);
    if ((level & READ_HANDLING) !== 0 && this.ended.length < n) {
      this.ended = new Float64Array(this.state.length);
      this.hold = new Float64Array(this.state.length);
      this.wrapUp = new Float64Array(this.state.length);
    }
  }

  /** Drops the unused capacity (for a prepared set that lives on after reading). */
  trim(): void {
    const n = this.n;
    const cut = <T extends { length: number; slice(a: number, b: number): T }>(a: T): T => (a.length > n ? a.slice(0, n) : a);
    if (this.ids.length > n) this.ids = this.ids.slice(0, n);
    this.numericId = cut(this.numericId);
    this.state = cut(this.state);
    this.flags = cut(this.flags);
    this.queued = cut(this.queued);
    this.outcome = cut(this.outcome);
    this.dequeued = cut(this.dequeued);
    this.entered = cut(this.entered);
    this.ended = cut(this.ended);
    this.hold = cut(this.hold);
    this.wrapUp = cut(this.wrapUp);
  }

  /** The rule record j broke in the parts `bits` (the core, else the entry, else the handling fields). */
  errorOf(j: number, bits: number): Invalid {
    const map = (bits & S_BAD) !== 0 ? this.errors : (bits & S_BAD_ENTRY) !== 0 ? this.entryErrors : this.handlingErrors;
    return map.get(j) as Invalid;
  }

  /** The id label of record j (numbers as their decimal string). */
  idOf(j: number): string {
    if (!this.keepIds) {
      const id = (this.records[this.base + j] as { id: string | number }).id;
      return typeof id === 'string' ? id : String(id);
    }
    // No typeof on the id: that would read the string object itself, a cache miss per exclusion.
    return this.numericId[j] === 0 ? (this.ids[j] as string) : String(this.ids[j]);
  }

  /** Bytes held by the columns. */
  byteSize(): number {
    let b = this.ids.length * 8;
    for (const a of [this.numericId, this.state, this.flags, this.queued, this.outcome, this.dequeued, this.entered, this.ended, this.hold, this.wrapUp]) b += a.byteLength;
    return b;
  }
}

/** @internal Where the clock of call j starts: its system entry when `fromSystem` and it has one, else its queue entry. */
export function clockStart(c: CallColumns, j: number, fromSystem: boolean): number {
  if (fromSystem) {
    const e = c.entered[j] as number;
    if (e === e) return e;
  }
  return c.queued[j] as number;
}

/** @internal The wait of call j: answer or abandon − clock start (NaN while waiting). */
export function waitOf(c: CallColumns, j: number, fromSystem: boolean): number {
  return (c.dequeued[j] as number) - clockStart(c, j, fromSystem);
}
