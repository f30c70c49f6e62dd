/**
 * The one call reader. It validates calls and writes their facts into {@link CallColumns}, at the level a
 * metric needs (the core always; the system entry and the handling fields when read), in this order:
 * - core: an object, a unique id (src/_lib/ids.ts), `queuedAt`, the outcome (`answeredAt` or `abandonedAt`,
 *   not both, not before the queue entry);
 * - entry: `enteredAt`, at or before `queuedAt`;
 * - handling: `endedAt` (on an answered or abandoned call, not before the answer or abandon), `holdMs` and
 *   `wrapUpMs` (whole ms ≥ 0), the hold within the connected time.
 * An invalid core throws under `invalid: 'throw'` (or marks the call S_BAD); an invalid entry or handling part is
 * kept on the call (S_BAD_ENTRY, S_BAD_HANDLING) and thrown or listed by the metrics that read that part.
 *
 * Nothing is allocated per call on the happy path and inputs are never mutated. The usual call (a string id
 * greater than the one before, epoch-ms times) is accepted by checks written inline; any other goes through the
 * complete checks, which accept or reject it (test/_lib/callReader.prop.test.ts checks that both ways agree).
 *
 * @internal
 * @module
 */
import type { ZoneInfo } from '../calendar/timeZone.js';
import type { Call } from '../model/index.js';
import { MetricsError } from '../results/errors.js';
import { checkRecordId, IdSet, type PriorIds } from '../_lib/ids.js';
import { describe } from '../_lib/options.js';
import { readError } from '../_lib/readError.js';
import { Invalid, recordError, recordTime } from '../_lib/records.js';
import { isEpochMs, isoOf } from '../_lib/timestamp.js';
import { ABANDONED, ANSWERED, READ_ENTRY, READ_HANDLING, S_BAD, S_BAD_ENTRY, S_BAD_HANDLING, WAITING, type CallColumns } from './callColumns.js';

/** @internal The validated read options. */
export interface CallReadConfig {
  readonly invalid: 'throw' | 'exclude';
  /** The zone of ISO strings without an offset. */
  readonly zone: ZoneInfo | undefined;
  /** Epoch numbers before this are rejected as probably seconds. */
  readonly minMs: number;
}

/** A whole number of ms ≥ 0, 0 when absent. */
function msField(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Invalid('invalid_value', field, `must be a whole number of milliseconds ≥ 0, got ${describe(value)}`);
  }
  return value;
}

/**
 * @internal Reads calls into columns. One reader per metric call (or per prepared set): it holds the id set of
 * the whole input, so batches read one after another share one duplicate check. A class whose methods every
 * call shares (see the driver, src/pipeline/driver.ts, on V8).
 */
export class CallReader {
  private readonly seen: IdSet;

  /**
   * @param fastPath - `false` reads every call through the complete checks (the tests compare both ways)
   */
  /**
   * @param keepIds - keep each call's id in the columns (a prepared set: see {@link CallColumns.ids})
   */
  constructor(
    readonly functionName: string,
    readonly records: readonly unknown[],
    readonly config: CallReadConfig,
    private readonly fastPath = true,
    private readonly keepIds = false,
  ) {
    this.seen = new IdSet(records);
  }

  /** The position of `records[0]` in the whole input (a chunk of the incremental API): added to positions in errors. */
  offset = 0;

  /** Marks records whose ids appeared in earlier chunks of the same input ({@link IdSet.forceDuplicates}). */
  forceDuplicates(indices: ArrayLike<number>): void {
    this.seen.forceDuplicates(indices);
  }

  /** Checks ids against those of earlier chunks of the same input too ({@link IdSet.usePrior}). */
  usePrior(prior: PriorIds): void {
    this.seen.usePrior(prior);
  }

  /** Reads records `[from, to)` into `c` at `level`. Throws a MetricsError for an invalid core in `'throw'` mode. */
  read(c: CallColumns, from: number, to: number, level: number): void {
    const records = this.records;
    const keepIds = this.keepIds;
    c.keepIds = keepIds;
    c.reset(records, from, to - from, level);
    c.offset = this.offset;
    const { ids, queued, outcome, dequeued, entered, ended, hold, wrapUp } = c;
    const seen = this.seen;
    const minMs = this.config.minMs;
    const entry = (level & READ_ENTRY) !== 0;
    const handling = (level & READ_HANDLING) !== 0;
    const fast = this.fastPath;
    let i = from;
    try {
      for (let j = 0; i < to; i++, j++) {
        const raw = records[i] as Call | null | undefined;
        // The usual call, checked inline: the checks of the complete path, for the values they accept at once.
        if (fast && raw !== null && typeof raw === 'object') {
          const id = raw.id;
          const last = seen.last;
          const q = raw.queuedAt;
          if (typeof id === 'string' && typeof last === 'string' && id > last && isEpochMs(q, minMs)) {
            const ans = raw.answeredAt;
            const abd = raw.abandonedAt;
            let o = -1;
            let d = NaN;
            if (ans === undefined || ans === null) {
              if (abd === undefined || abd === null) o = WAITING;
              else if (isEpochMs(abd, minMs) && abd >= q) {
                o = ABANDONED;
                d = abd;
              }
            } else if ((abd === undefined || abd === null) && isEpochMs(ans, minMs) && ans >= q) {
              o = ANSWERED;
              d = ans;
            }
            let e = NaN;
            if (o >= 0 && entry) {
              const v = raw.enteredAt;
              if (v !== undefined && v !== null) {
                if (isEpochMs(v, minMs) && v <= q) e = v;
                else o = -1;
              }
            }
            let end = NaN;
            let h = 0;
            let w = 0;
            if (o >= 0 && handling) {
              const v = raw.endedAt;
              const hv = raw.holdMs;
              const wv = raw.wrapUpMs;
              if (v !== undefined && v !== null) {
                if (o !== WAITING && isEpochMs(v, minMs) && v >= d) end = v;
                else o = -1;
              }
              if (hv !== undefined && hv !== null) {
                if (Number.isSafeInteger(hv) && hv >= 0 && !(hv > 0 && o === ANSWERED && end === end && hv > end - d)) h = hv;
                else o = -1;
              }
              if (wv !== undefined && wv !== null) {
                if (Number.isSafeInteger(wv) && wv >= 0) w = wv;
                else o = -1;
              }
            }
            if (o >= 0) {
              seen.last = id;
              if (keepIds) ids[j] = id;
              queued[j] = q;
              outcome[j] = o;
              dequeued[j] = d;
              if (entry) entered[j] = e;
              if (handling) {
                ended[j] = end;
                hold[j] = h;
                wrapUp[j] = w;
              }
              continue;
            }
          }
        }
        this.readFully(c, j, i, level);
      }
    } catch (e) {
      throw readError(this.functionName, 'calls', i, e);
    }
  }

  /** The complete reading of call `index` into batch row `j`, with an {@link Invalid} for every rule broken. */
  private readFully(c: CallColumns, j: number, index: number, level: number): void {
    const raw: unknown = this.records[index];
    const call = raw as Call;
    const zone = this.config.zone;
    const minMs = this.config.minMs;
    let st = 0;
    try {
      const id = checkRecordId(raw, index, 'calls', 'a call', this.seen);
      if (this.keepIds) {
        c.ids[j] = id;
        if (typeof id === 'number') c.numericId[j] = 1;
      }
      const q = recordTime(call.queuedAt, 'queuedAt', zone, minMs);
      const ans = call.answeredAt;
      const abd = call.abandonedAt;
      let o = WAITING;
      let d = NaN;
      if (ans !== undefined && ans !== null) {
        if (abd !== undefined && abd !== null) throw new Invalid('conflicting_fields', 'abandonedAt', 'a call has both answeredAt and abandonedAt; give one');
        d = recordTime(ans, 'answeredAt', zone, minMs);
        if (d < q) throw new Invalid('event_before_creation', 'answeredAt', `answer at ${isoOf(d)} precedes queuedAt ${isoOf(q)}`);
        o = ANSWERED;
      } else if (abd !== undefined && abd !== null) {
        d = recordTime(abd, 'abandonedAt', zone, minMs);
        if (d < q) throw new Invalid('event_before_creation', 'abandonedAt', `abandon at ${isoOf(d)} precedes queuedAt ${isoOf(q)}`);
        o = ABANDONED;
      }
      c.queued[j] = q;
      c.outcome[j] = o;
      c.dequeued[j] = d;
    } catch (e) {
      this.reject(e, c, j, index, raw, S_BAD);
      c.state[j] = S_BAD;
      if (this.keepIds) c.ids[j] = '';
      return;
    }
    if ((level & READ_ENTRY) !== 0) {
      c.entered[j] = NaN;
      try {
        const v = call.enteredAt;
        if (v !== undefined && v !== null) {
          const e = recordTime(v, 'enteredAt', zone, minMs);
          const q = c.queued[j] as number;
          if (e > q) throw new Invalid('inconsistent', 'enteredAt', `system entry ${isoOf(e)} is after queue entry ${isoOf(q)}`);
          c.entered[j] = e;
        }
      } catch (e) {
        this.reject(e, c, j, index, raw, S_BAD_ENTRY);
        st |= S_BAD_ENTRY;
      }
    }
    if ((level & READ_HANDLING) !== 0) {
      c.ended[j] = NaN;
      c.hold[j] = 0;
      c.wrapUp[j] = 0;
      try {
        const o = c.outcome[j] as number;
        const d = c.dequeued[j] as number;
        let end = NaN;
        const v = call.endedAt;
        if (v !== undefined && v !== null) {
          end = recordTime(v, 'endedAt', zone, minMs);
          if (o === WAITING) throw new Invalid('inconsistent', 'endedAt', 'the call ended but was neither answered nor abandoned');
          if (end < d) throw new Invalid('inconsistent', 'endedAt', `end ${isoOf(end)} precedes ${o === ANSWERED ? 'answer' : 'abandon'} ${isoOf(d)}`);
        }
        const h = msField(call.holdMs, 'holdMs');
        const w = msField(call.wrapUpMs, 'wrapUpMs');
        if (h > 0 && o === ANSWERED && end === end && h > end - d) {
          throw new Invalid('inconsistent', 'holdMs', `hold ${h} ms exceeds the connected time answeredAt→endedAt (${end - d} ms)`);
        }
        c.ended[j] = end;
        c.hold[j] = h;
        c.wrapUp[j] = w;
      } catch (e) {
        this.reject(e, c, j, index, raw, S_BAD_HANDLING);
        st |= S_BAD_HANDLING;
      }
    }
    if (st !== 0) c.state[j] = st;
  }

  /**
   * Records why call `index` is bad. An invalid core is thrown at once in `'throw'` mode; an invalid entry or
   * handling part is kept with the call (the metrics that read it throw it).
   */
  private reject(caught: unknown, c: CallColumns, j: number, index: number, raw: unknown, part: number): void {
    if (!(caught instanceof Invalid)) {
      if (caught instanceof MetricsError) throw caught;
      throw readError(this.functionName, 'calls', index + this.offset, caught);
    }
    (part === S_BAD ? c.errors : part === S_BAD_ENTRY ? c.entryErrors : c.handlingErrors).set(j, caught);
    if (part === S_BAD && this.config.invalid === 'throw') throw recordError(this.functionName, 'calls', caught, index + this.offset, raw);
  }
}
