/**
 * The reader of aggregated interval rows (an ACD or WFM interval report), the second form the call-rate metrics
 * take: each row validated once into columns of counts (a {@link RecordBatch}), summed later exactly.
 *
 * @internal
 * @module
 */
import type { Timestamp } from '../model/index.js';
import { MetricsError } from '../results/errors.js';
import { IdSet } from '../_lib/ids.js';
import { describe } from '../_lib/options.js';
import { readError } from '../_lib/readError.js';
import { Invalid, recordError, recordLabel } from '../_lib/records.js';
import { explainTimestamp, toEpochMs } from '../_lib/timestamp.js';
import type { CallReadConfig } from './callReader.js';
import { S_BAD, type RecordBatch } from './recordBatch.js';

/**
 * One row of an aggregated interval report (an ACD or WFM export): counts of calls, summed exactly
 * across rows. Every count is a whole number ≥ 0, with `answered + abandoned ≤ offered`,
 * `answeredWithin ≤ answered`, `abandonedWithin ≤ abandoned` and `shortAbandons ≤ abandoned`.
 * `offered − answered − abandoned` are calls neither answered nor abandoned (still queued at the end of
 * the interval, or flowed out); they are reported as `in_queue`.
 *
 * @category Contact centre
 */
export interface CallIntervalRow {
  /** A label for the row (shown in `excluded.ids`); `#<index>` when absent. */
  readonly id?: string | number;
  /** Start of the interval; needed with the `period` option and for a time bucket of `'interval'` in `by`. */
  readonly intervalStart?: Timestamp;
  /** The channel (or queue) the row counts, for `by: 'channel'`. */
  readonly channel?: string;
  /** Calls offered to the queue. */
  readonly offered: number;
  /** Calls answered by an agent. */
  readonly answered: number;
  /** Calls abandoned by the caller while waiting. */
  readonly abandoned: number;
  /** Answered calls that waited no longer than the service-level threshold (needed by `serviceLevel`). */
  readonly answeredWithin?: number;
  /** Abandoned calls that waited no longer than the threshold (`'positive'` and `'after-threshold'`). */
  readonly abandonedWithin?: number;
  /** Abandoned calls shorter than the short-abandon threshold (when short abandons are excluded). */
  readonly shortAbandons?: number;
}

/** @internal Level bits: which optional counts every row must carry, and how `intervalStart` is read. */
export const NEED_ANSWERED_WITHIN = 1;
/** @internal */ export const NEED_ABANDONED_WITHIN = 2;
/** @internal */ export const NEED_SHORT_ABANDONS = 4;
/** @internal Read `intervalStart` when present (a time bucket of it). */
export const READ_INTERVAL = 8;
/** @internal `intervalStart` is required (the `period` option). */
export const NEED_INTERVAL = 16;

/** Entries looked at to tell calls from interval rows. */
const FORM_SCAN = 4096;

/**
 * @internal Which form an input holds: the first object among its first 4,096 entries decides; `'empty'`
 * without any object (a longer input without one among them is calls, bad ones).
 */
export function detectForm(input: readonly unknown[]): 'calls' | 'rows' | 'empty' {
  // The first object among the first entries decides; entries that are not objects are bad calls (or rows)
  // either way. Bounded, so that a huge sparse array is a MetricsError for its first hole, not a long scan.
  for (let i = 0, n = Math.min(input.length, FORM_SCAN); i < n; i++) {
    const x: unknown = input[i];
    if (x !== null && typeof x === 'object') return 'offered' in x && !('queuedAt' in x) ? 'rows' : 'calls';
  }
  return input.length <= FORM_SCAN ? 'empty' : 'calls';
}

/** @internal The rows, validated: counts per row (whole numbers), `intervalStart` (NaN when not read or absent). */
export class RowColumns implements RecordBatch {
  readonly base = 0;
  offset = 0;
  readonly errors = new Map<number, Invalid>();
  readonly state: Uint8Array;
  readonly flags: Uint8Array;
  readonly offered: Float64Array;
  readonly answered: Float64Array;
  readonly abandoned: Float64Array;
  readonly answeredWithin: Float64Array;
  readonly abandonedWithin: Float64Array;
  readonly shortAbandons: Float64Array;
  readonly intervalStart: Float64Array;

  constructor(
    readonly records: readonly unknown[],
    readonly n = records.length,
  ) {
    this.state = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.offered = new Float64Array(n);
    this.answered = new Float64Array(n);
    this.abandoned = new Float64Array(n);
    this.answeredWithin = new Float64Array(n);
    this.abandonedWithin = new Float64Array(n);
    this.shortAbandons = new Float64Array(n);
    this.intervalStart = new Float64Array(n).fill(NaN);
  }

  errorOf(j: number): Invalid {
    return this.errors.get(j) as Invalid;
  }

  /** The row's label: its id, or `#<index>`. */
  idOf(j: number): string {
    return recordLabel(this.records[j]) ?? `#${j}`;
  }
}

/**
 * @internal Validates every row at `level`. A bad row throws under `invalid: 'throw'` (collection `'rows'`), or is
 * marked S_BAD (listed once as `invalid:<code>`: its call count cannot be trusted).
 */
export function readIntervalRows(functionName: string, rows: readonly unknown[], config: CallReadConfig, level: number): RowColumns {
  const c = new RowColumns(rows);
  const seen = new IdSet(rows);
  let i = 0;
  try {
    for (; i < rows.length; i++) {
      const raw: unknown = rows[i];
      try {
        readRow(raw, i, c, seen, config, level);
      } catch (e) {
        if (!(e instanceof Invalid)) throw e;
        if (config.invalid === 'throw') throw recordError(functionName, 'rows', e, i, raw);
        c.state[i] = S_BAD;
        c.errors.set(i, e);
      }
    }
  } catch (e) {
    if (e instanceof MetricsError) throw e;
    throw readError(functionName, 'rows', i, e);
  }
  return c;
}

function count(r: Record<string, unknown>, field: string, required: boolean): number {
  const v = r[field];
  if (v === undefined || v === null) {
    if (!required) return 0;
    throw new Invalid('missing_field', field, `this metric needs ${field} on every row`);
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new Invalid('invalid_value', field, `must be a whole number ≥ 0, got ${describe(v)}`);
  }
  return v === 0 ? 0 : v;
}

function readRow(raw: unknown, i: number, c: RowColumns, seen: IdSet, config: CallReadConfig, level: number): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Invalid('invalid_record', `rows[${i}]`, raw === undefined ? 'the entry is empty (a hole or undefined)' : `${describe(raw)} is not an interval row`);
  }
  const r = raw as Record<string, unknown>;
  if (r.id !== undefined) {
    const label = recordLabel(r);
    if (label === undefined) throw new Invalid('invalid_value', 'id', `id must be a non-empty string or a finite number, got ${describe(r.id)}`);
    if (!seen.add(r.id as string | number, i)) throw new Invalid('duplicate_id', 'id', `id ${JSON.stringify(label)} appears more than once`);
  }
  const offered = count(r, 'offered', true);
  const answered = count(r, 'answered', true);
  const abandoned = count(r, 'abandoned', true);
  const aw = count(r, 'answeredWithin', (level & NEED_ANSWERED_WITHIN) !== 0);
  const bw = count(r, 'abandonedWithin', (level & NEED_ABANDONED_WITHIN) !== 0);
  const sh = count(r, 'shortAbandons', (level & NEED_SHORT_ABANDONS) !== 0);
  if (answered + abandoned > offered) {
    throw new Invalid('inconsistent', 'offered', `answered (${answered}) + abandoned (${abandoned}) exceed offered (${offered})`);
  }
  if (aw > answered) throw new Invalid('inconsistent', 'answeredWithin', `answeredWithin (${aw}) exceeds answered (${answered})`);
  if (bw > abandoned) throw new Invalid('inconsistent', 'abandonedWithin', `abandonedWithin (${bw}) exceeds abandoned (${abandoned})`);
  if (sh > abandoned) throw new Invalid('inconsistent', 'shortAbandons', `shortAbandons (${sh}) exceed abandoned (${abandoned})`);
  if ((level & (READ_INTERVAL | NEED_INTERVAL)) !== 0) {
    const v = r.intervalStart;
    if (v !== undefined || (level & NEED_INTERVAL) !== 0) {
      const t = toEpochMs(v, config.zone, config.minMs);
      if (t !== t) {
        const why = explainTimestamp(v, config.zone, config.minMs);
        throw new Invalid(why.code, 'intervalStart', v === undefined ? 'the period option needs intervalStart on every row' : why.rule);
      }
      c.intervalStart[i] = t;
    }
  }
  c.offered[i] = offered;
  c.answered[i] = answered;
  c.abandoned[i] = abandoned;
  c.answeredWithin[i] = aw;
  c.abandonedWithin[i] = bw;
  c.shortAbandons[i] = sh;
}
