/**
 * The shared call reader for the contact-centre metrics, and the reader of aggregated interval rows.
 *
 * One pass per call validates the record (id, timestamps, outcome, hold and wrap-up) and fills `facts`;
 * nothing is allocated per call in the common case, inputs are never mutated. Duplicate ids are found with
 * an open-addressing hash table over record indices (no per-id string or Set entry).
 *
 * @internal
 * @module
 */
import type { Call, Timestamp } from '../model/index.js';
import { MetricsError } from '../results/errors.js';
import { DurationCollector, summarizeDurations, type DurationSummary, type SummaryOptions } from '../results/durationSummary.js';
import { createLedger, exclude, excludeMany, finishLedger, type ExclusionLedger, type InvalidReason } from '../results/excluded.js';
import { checkRecordId, IdSet } from './ids.js';
import { Invalid, RecordFacts, recordLabel, recordTime, rejectRecord } from './records.js';
import { optionError, requireArray, zoneOption, type InvalidMode, type Period } from './tickets.js';
import { explainTimestamp, isEpochMs, isoOf, toEpochMs } from './timestamp.js';

/**
 * Where a call's clock starts: when it entered the queue (`queuedAt`), or when it entered the system
 * (`enteredAt`, the IVR; calls without `enteredAt` fall back to `queuedAt`).
 *
 * @category Contact centre
 */
export type ClockStart = 'queue' | 'system';

/**
 * Options every call metric takes for reading its input.
 *
 * @category Contact centre
 */
export interface CallInputOptions {
  /** @defaultValue `'throw'` */
  readonly invalid?: InvalidMode;
  /** IANA zone in which to read ISO strings that carry no offset. Without it such strings are errors. */
  readonly timeZone?: string;
  /**
   * Only calls queued in `[from, to)` (the interval in which a call was offered, as ACD interval reports
   * count it). With interval rows, only rows whose `intervalStart` lies in it. Without it, everything.
   */
  readonly period?: Period;
}

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
  /** Start of the interval; needed only with the `period` option. */
  readonly intervalStart?: Timestamp;
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

/** @internal Outcomes. */
export const WAITING = 0;
/** @internal */ export const ANSWERED = 1;
/** @internal */ export const ABANDONED = 2;

/** @internal The facts read from one call. Times are epoch ms, `NaN` when absent. */
export interface CallFacts {
  index: number;
  /** The id as a label, built when read: exclusions and errors only. */
  readonly id: string;
  /** The id as given. */
  rawId: string | number;
  queuedMs: number;
  /** Where the clock starts (queue or system entry). */
  startMs: number;
  /** WAITING, ANSWERED or ABANDONED. */
  outcome: number;
  /** answeredAt or abandonedAt. */
  dequeuedMs: number;
  endedMs: number;
  holdMs: number;
  wrapUpMs: number;
}

/** @internal The per-call reading context. */
export interface CallReader<R extends string> {
  readonly functionName: string;
  readonly ledger: ExclusionLedger<R | InvalidReason>;
  readonly facts: CallFacts;
  /** `[from, to)` or `undefined`. */
  readonly periodFrom: number;
  readonly periodTo: number;
  readonly hasPeriod: boolean;
  /** Reads call `index`; false when it was invalid (and excluded). */
  read(calls: readonly Call[], index: number): boolean;
}


/** @internal Validates the `invalid` option. */
export function invalidOption(functionName: string, value: unknown): InvalidMode {
  const v = value ?? 'throw';
  if (v !== 'throw' && v !== 'exclude') {
    optionError(functionName, 'invalid', `must be 'throw' or 'exclude', got ${JSON.stringify(v)}`);
  }
  return v;
}

/** @internal Validates `clockStartsAt`. */
export function clockOption(functionName: string, value: unknown): ClockStart {
  const v = value ?? 'queue';
  if (v !== 'queue' && v !== 'system') {
    optionError(functionName, 'clockStartsAt', `must be 'queue' or 'system', got ${JSON.stringify(v)}`);
  }
  return v;
}

/** @internal Validates a duration option: a whole number of ms ≥ 0. */
export function msOption(functionName: string, field: string, value: unknown, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    optionError(functionName, field, `must be a whole number of milliseconds ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** @internal Validates `confidence` (the Wilson interval level) in (0, 1). */
export function confidenceOption(functionName: string, value: unknown): number {
  if (value === undefined) return 0.95;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    optionError(functionName, 'confidence', `must be a number in (0, 1), got ${JSON.stringify(value)}`);
  }
  return value;
}

function readPeriodOption(functionName: string, period: unknown, zone: ReturnType<typeof zoneOption>): [number, number] | undefined {
  if (period === undefined) return undefined;
  if (period === null || typeof period !== 'object') optionError(functionName, 'period', 'must be { from, to }');
  const p = period as Period;
  const parse = (v: unknown, field: string): number => {
    const t = toEpochMs(v, zone);
    if (t !== t) optionError(functionName, field, explainTimestamp(v, zone).rule);
    return t;
  };
  const from = parse(p.from, 'period.from');
  const to = parse(p.to, 'period.to');
  if (from > to) optionError(functionName, 'period', 'period.from is after period.to');
  return [from, to];
}

/**
 * @internal Creates the reader for one call of a call metric.
 *
 * The reader is a class instance, not an object of closures, and one idle instance lives as long as the module:
 * V8 builds the optimised code of a metric's loop (which inlines `read`) on the hidden classes of the reader,
 * its facts and its id set, and on the functions it calls, and it throws that code away once any of them is
 * garbage collected ("weak objects"). With closures made afresh per call, and no object of these classes
 * surviving the call, each call after a garbage collection began unoptimised.
 *
 * `fastPath: false` reads every call through the complete checks only: the tests compare both ways.
 */
export function createCallReader<R extends string>(
  functionName: string,
  calls: readonly unknown[],
  options: CallInputOptions | undefined,
  clockStartsAt: ClockStart,
  readHandling = false,
  fastPath = true,
): CallReader<R> {
  const invalid = invalidOption(functionName, options?.invalid);
  const zone = zoneOption(functionName, options?.timeZone);
  const period = readPeriodOption(functionName, options?.period, zone);
  const fromSystem = clockStartsAt === 'system';
  const reader = new CallReaderImpl<R>(functionName, calls, invalid, zone, period, fromSystem, readHandling, fastPath);
  // One idle reader, kept for the life of the module, keeps the hidden classes of the reader and its parts
  // alive between calls (see above). It holds no input.
  anchor ??= new CallReaderImpl<string>(functionName, [], invalid, zone, period, fromSystem, readHandling, fastPath);
  return reader;
}

let anchor: CallReaderImpl<string> | undefined;

/** A whole number of ms ≥ 0, 0 when absent. */
function countField(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Invalid('invalid_value', field, `must be a whole number of milliseconds ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

class CallReaderImpl<R extends string> implements CallReader<R> {
  readonly ledger = createLedger<R | InvalidReason>();
  readonly facts: CallFacts = new CallFactsRecord();
  readonly hasPeriod: boolean;
  readonly periodFrom: number;
  readonly periodTo: number;
  private readonly seen: IdSet;
  /** Whether {@link read} may take the fast path (not when hold, wrap-up and end must be read). */
  private readonly fast: boolean;

  constructor(
    readonly functionName: string,
    calls: readonly unknown[],
    private readonly invalid: InvalidMode,
    private readonly zone: ReturnType<typeof zoneOption>,
    period: [number, number] | undefined,
    private readonly fromSystem: boolean,
    private readonly readHandling: boolean,
    fastPath: boolean,
  ) {
    this.hasPeriod = period !== undefined;
    this.periodFrom = period === undefined ? -Infinity : period[0];
    this.periodTo = period === undefined ? Infinity : period[1];
    this.seen = new IdSet(calls);
    this.fast = fastPath && !readHandling;
  }

  /**
   * Reads call `index`; false when it was invalid (and excluded).
   *
   * The fast path: for the usual call (a string id greater than the one before, epoch-ms times, no hold or
   * wrap-up to read), the checks of {@link readFully} written as one expression per field, with no call and no
   * throw. Any call it does not accept at once goes to readFully, which accepts or rejects it: the fast path
   * never accepts a call that readFully would reject, it only decides sooner for the ones it is sure of.
   */
  read(list: readonly Call[], index: number): boolean {
    const c = list[index];
    if (this.fast && c !== null && typeof c === 'object') {
      const id = c.id;
      const seen = this.seen;
      const last = seen.last;
      const q = c.queuedAt;
      if (typeof id === 'string' && typeof last === 'string' && id > last && isEpochMs(q)) {
        const ans = c.answeredAt;
        const abd = c.abandonedAt;
        let outcome = -1;
        let dequeued = NaN;
        if (ans === undefined || ans === null) {
          if (abd === undefined || abd === null) outcome = WAITING;
          else if (isEpochMs(abd) && abd >= q) {
            outcome = ABANDONED;
            dequeued = abd;
          }
        } else if ((abd === undefined || abd === null) && isEpochMs(ans) && ans >= q) {
          outcome = ANSWERED;
          dequeued = ans;
        }
        let start = q;
        if (this.fromSystem) {
          const e = c.enteredAt;
          if (e !== undefined && e !== null) start = isEpochMs(e) && e <= q ? e : NaN;
        }
        if (outcome >= 0 && start === start) {
          seen.last = id;
          const facts = this.facts;
          facts.queuedMs = q;
          facts.startMs = start;
          facts.outcome = outcome;
          facts.dequeuedMs = dequeued;
          facts.index = index;
          facts.rawId = id;
          return true;
        }
      }
    }
    return this.readFully(list, index);
  }

  /** The complete reading of call `index`, with an {@link Invalid} for every rule a call can break. */
  private readFully(list: readonly Call[], index: number): boolean {
    const raw: unknown = list[index];
    // No label is built on the happy path: a '#index' or String(id) per call would cost an allocation.
    try {
      const id = checkRecordId(raw, index, 'calls', 'a call', this.seen);
      this.readCall(raw as Call);
      this.facts.index = index;
      this.facts.rawId = id;
      return true;
    } catch (e) {
      return rejectRecord(e, this.invalid, this.functionName, 'calls', index, raw, this.ledger);
    }
  }

  private readCall(c: Call): void {
    const zone = this.zone;
    const facts = this.facts;
    const queued = recordTime(c.queuedAt, 'queuedAt', zone);
    let start = queued;
    const entered = this.fromSystem ? c.enteredAt : undefined;
    if (entered !== undefined && entered !== null) {
      const e = recordTime(entered, 'enteredAt', zone);
      if (e > queued) {
        throw new Invalid('inconsistent', 'enteredAt', `system entry ${isoOf(e)} is after queue entry ${isoOf(queued)}`);
      }
      start = e;
    }
    const ans = c.answeredAt;
    const abd = c.abandonedAt;
    const hasAns = ans !== undefined && ans !== null;
    const hasAbd = abd !== undefined && abd !== null;
    let outcome = WAITING;
    let dequeued = NaN;
    if (hasAns) {
      if (hasAbd) {
        throw new Invalid('conflicting_fields', 'abandonedAt', 'a call has both answeredAt and abandonedAt; give one');
      }
      dequeued = recordTime(ans, 'answeredAt', zone);
      if (dequeued < queued) {
        throw new Invalid('event_before_creation', 'answeredAt', `answer at ${isoOf(dequeued)} precedes queuedAt ${isoOf(queued)}`);
      }
      outcome = ANSWERED;
    } else if (hasAbd) {
      dequeued = recordTime(abd, 'abandonedAt', zone);
      if (dequeued < queued) {
        throw new Invalid('event_before_creation', 'abandonedAt', `abandon at ${isoOf(dequeued)} precedes queuedAt ${isoOf(queued)}`);
      }
      outcome = ABANDONED;
    }
    facts.queuedMs = queued;
    facts.startMs = start;
    facts.outcome = outcome;
    facts.dequeuedMs = dequeued;
    if (!this.readHandling) return;
    let ended = NaN;
    const end = c.endedAt;
    if (end !== undefined && end !== null) {
      ended = recordTime(end, 'endedAt', zone);
      if (outcome === WAITING) {
        throw new Invalid('inconsistent', 'endedAt', 'the call ended but was neither answered nor abandoned');
      }
      if (ended < dequeued) {
        throw new Invalid('inconsistent', 'endedAt', `end ${isoOf(ended)} precedes ${outcome === ANSWERED ? 'answer' : 'abandon'} ${isoOf(dequeued)}`);
      }
    }
    const hold = countField(c.holdMs, 'holdMs');
    const wrap = countField(c.wrapUpMs, 'wrapUpMs');
    if (hold > 0 && outcome === ANSWERED && ended === ended && hold > ended - dequeued) {
      throw new Invalid('inconsistent', 'holdMs', `hold ${hold} ms exceeds the connected time answeredAt→endedAt (${ended - dequeued} ms)`);
    }
    facts.endedMs = ended;
    facts.holdMs = hold;
    facts.wrapUpMs = wrap;
  }
}

/** @internal Validates that the input is an array and says which form it holds. */
export function detectForm(functionName: string, input: unknown): 'calls' | 'rows' {
  requireArray(functionName, input, 'calls');
  for (let i = 0; i < input.length; i++) {
    const x: unknown = input[i];
    if (x !== null && typeof x === 'object') return 'offered' in x && !('queuedAt' in x) ? 'rows' : 'calls';
  }
  return 'calls';
}

/** @internal Exact sums of interval rows (each a safe integer). */
export interface IntervalTotals {
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithin: number;
  abandonedWithin: number;
  shortAbandons: number;
}

/** @internal Which optional counts a metric needs from every row. */
export interface RowNeeds<R extends string> {
  readonly answeredWithin?: boolean;
  readonly abandonedWithin?: boolean;
  readonly shortAbandons?: boolean;
  /** Counts of each in-period row that the metric leaves out, and the reason they are listed under. */
  readonly excluded?: Partial<Record<'abandoned' | 'abandonedWithin' | 'shortAbandons', R>>;
}

/**
 * @internal Validates interval rows and sums them exactly. Calls neither answered nor abandoned go to the
 * ledger as `in_queue`; rows outside the period as `out_of_period` (all their calls). A bad row throws, or
 * under `invalid: 'exclude'` is listed once as `invalid:<code>` (its call count being unknowable).
 */
export function sumIntervalRows<R extends string>(
  functionName: string,
  rows: readonly unknown[],
  options: CallInputOptions | undefined,
  needs: RowNeeds<R>,
  ledger: ExclusionLedger<R | 'in_queue' | 'out_of_period' | InvalidReason>,
): IntervalTotals {
  const invalid = invalidOption(functionName, options?.invalid);
  const zone = zoneOption(functionName, options?.timeZone);
  const period = readPeriodOption(functionName, options?.period, zone);
  const totals: IntervalTotals = { offered: 0, answered: 0, abandoned: 0, answeredWithin: 0, abandonedWithin: 0, shortAbandons: 0 };
  const seen = new IdSet(rows);
  for (let i = 0; i < rows.length; i++) {
    const raw: unknown = rows[i];
    let label = `#${i}`;
    try {
      if (raw === null || typeof raw !== 'object') {
        throw new Invalid('invalid_record', `rows[${i}]`, raw === undefined ? 'the entry is empty (a hole or undefined)' : `a ${raw === null ? 'null' : typeof raw} is not an interval row`);
      }
      const r = raw as Record<string, unknown>;
      if (r.id !== undefined) {
        const l = recordLabel(r);
        if (l === undefined) throw new Invalid('invalid_value', 'id', 'id must be a non-empty string or a finite number');
        label = l;
        if (!seen.add(r.id as string | number, i)) throw new Invalid('duplicate_id', 'id', `id ${JSON.stringify(label)} appears more than once`);
      }
      const num = (field: string, required: boolean): number => {
        const v = r[field];
        if (v === undefined || v === null) {
          if (!required) return 0;
          throw new Invalid('missing_field', field, `this metric needs ${field} on every row`);
        }
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
          throw new Invalid('invalid_value', field, `must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
        }
        return v;
      };
      const offered = num('offered', true);
      const answered = num('answered', true);
      const abandoned = num('abandoned', true);
      const aw = num('answeredWithin', needs.answeredWithin === true);
      const bw = num('abandonedWithin', needs.abandonedWithin === true);
      const sh = num('shortAbandons', needs.shortAbandons === true);
      if (answered + abandoned > offered) {
        throw new Invalid('inconsistent', 'offered', `answered (${answered}) + abandoned (${abandoned}) exceed offered (${offered})`);
      }
      if (aw > answered) throw new Invalid('inconsistent', 'answeredWithin', `answeredWithin (${aw}) exceeds answered (${answered})`);
      if (bw > abandoned) throw new Invalid('inconsistent', 'abandonedWithin', `abandonedWithin (${bw}) exceeds abandoned (${abandoned})`);
      if (sh > abandoned) throw new Invalid('inconsistent', 'shortAbandons', `shortAbandons (${sh}) exceed abandoned (${abandoned})`);
      if (period !== undefined) {
        const v = r.intervalStart;
        const t = toEpochMs(v, zone);
        if (t !== t) {
          const why = explainTimestamp(v, zone);
          throw new Invalid(why.code, 'intervalStart', v === undefined ? 'the period option needs intervalStart on every row' : why.rule);
        }
        if (!(t >= period[0] && t < period[1])) {
          excludeMany(ledger, 'out_of_period', label, offered);
          continue;
        }
      }
      if (totals.offered + offered > Number.MAX_SAFE_INTEGER) {
        throw new Invalid('out_of_range', 'offered', 'the total of offered calls exceeds 2^53 − 1');
      }
      totals.offered += offered;
      totals.answered += answered;
      totals.abandoned += abandoned;
      totals.answeredWithin += aw;
      totals.abandonedWithin += bw;
      totals.shortAbandons += sh;
      excludeMany(ledger, 'in_queue', label, offered - answered - abandoned);
      const ex = needs.excluded;
      if (ex !== undefined) {
        if (ex.abandoned !== undefined) excludeMany(ledger, ex.abandoned, label, abandoned);
        if (ex.abandonedWithin !== undefined) excludeMany(ledger, ex.abandonedWithin, label, bw);
        if (ex.shortAbandons !== undefined) excludeMany(ledger, ex.shortAbandons, label, sh);
      }
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      if (invalid === 'throw') {
        throw new MetricsError({
          code: e.code,
          functionName,
          collection: 'rows',
          recordIndex: i,
          recordId: label.startsWith('#') ? undefined : label,
          field: e.field,
          rule: e.rule,
        });
      }
      exclude(ledger, `invalid:${e.code}` as InvalidReason, label);
    }
  }
  return totals;
}

/**
 * @internal The loop shared by the call duration metrics (ASA, AHT, abandon time): read every call, drop the
 * ones outside the period, and let `measure(facts, params)` return the call's duration in ms or the reason it
 * is excluded. `measure` is a module-level function and `params` its options: a closure made per call would
 * be built into the optimised loop and throw it away once collected (decision 14).
 */
export function summarizeCallDurations<R extends string, P>(
  reader: CallReader<R>,
  calls: readonly Call[],
  capacity: number,
  options: SummaryOptions | undefined,
  measure: (f: CallFacts, params: P) => number | R,
  params: P,
): DurationSummary<R | InvalidReason | 'out_of_period'> {
  const ledger = reader.ledger as ExclusionLedger<R | InvalidReason | 'out_of_period'>;
  const f = reader.facts;
  const from = reader.periodFrom;
  const to = reader.periodTo;
  const collector = new DurationCollector(capacity);
  for (let i = 0; i < calls.length; i++) {
    if (!reader.read(calls, i)) continue;
    if (!(f.queuedMs >= from && f.queuedMs < to)) {
      exclude(ledger, 'out_of_period', f.id);
      continue;
    }
    const ms = measure(f, params);
    if (typeof ms === 'number') collector.add(ms);
    else exclude(ledger, ms, f.id);
  }
  return summarizeDurations(collector, options, finishLedger(ledger));
}

/** The per-call facts. */
class CallFactsRecord extends RecordFacts implements CallFacts {
  queuedMs = NaN;
  startMs = NaN;
  outcome = WAITING;
  dequeuedMs = NaN;
  endedMs = NaN;
  holdMs = 0;
  wrapUpMs = 0;
}
