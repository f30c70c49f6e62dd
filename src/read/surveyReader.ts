/**
 * The one survey reader (NPS, CSAT, CES). Every answer is validated the same way ({@link AnswerReader}):
 * an object or a bare value, an optional unique id, a score on the scale (bare numbers, bigints read exactly,
 * labels mapped by the metric), an optional weight. Two ways to read:
 * - {@link countScores}: one pass counting straight into an integer histogram indexed by `score − min`, the
 *   metrics' way without `by`. Bare numbers in a plain array or a typed array take a tight loop with no call
 *   and no allocation; objects, `null`s and bad values go through the complete checks.
 * - {@link SurveyReader}: batches of answers into {@link SurveyColumns} (the point on the scale, the weight,
 *   and `at` when a time bucket needs it), for the driver (src/pipeline/driver.ts), the way with `by`.
 *
 * @internal
 * @module
 */
import type Decimal from 'decimal.js';
import type { ZoneInfo } from '../calendar/timeZone.js';
import type { SurveyResponse } from '../model/index.js';
import { MetricsError } from '../results/errors.js';
import { createLedger, exclude, type InvalidReason } from '../results/excluded.js';
import { D } from '../_lib/decimal.js';
import { describe } from '../_lib/options.js';
import { readError } from '../_lib/readError.js';
import type { PriorIds } from '../_lib/ids.js';
import { Invalid, recordLabel, recordTime } from '../_lib/records.js';
import type { ScoreCounts, ScoreScale, SurveyExclusion } from '../_lib/surveys.js';
import { optionError } from '../options/shared.js';
import { S_BAD, type RecordBatch } from './recordBatch.js';

/** @internal How a reading pass is set up. */
export interface CountSetup {
  readonly functionName: string;
  readonly scale: ScoreScale;
  readonly invalid: 'throw' | 'exclude';
  /** Accept weights (`options.weights` or `SurveyResponse.weight`); otherwise a response's weight is ignored. */
  readonly allowWeights?: boolean;
  readonly weights?: unknown;
  /**
   * Maps a non-number answer (a string, a boolean) to a score, or to `null` for "no answer"; `undefined`
   * when it is not a known label.
   */
  readonly label?: ((value: unknown) => number | null | undefined) | undefined;
}

/** @internal The point of an answer that was not given (`null`, `undefined`, `NaN`, a rating `'offered'`). */
export const NO_ANSWER = -1;

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** @internal Validates the input and the `weights` option; returns the weights to read (undefined: none). */
export function checkResponses(responses: unknown, setup: CountSetup): ArrayLike<unknown> | undefined {
  const { functionName } = setup;
  if (!isArrayLike(responses)) {
    throw new MetricsError({
      code: 'invalid_argument',
      functionName,
      field: 'responses',
      rule: `responses must be an array or a typed array, got ${describe(responses)}`,
    });
  }
  const weights = setup.allowWeights === true ? setup.weights : undefined;
  if (weights !== undefined && !isArrayLike(weights)) {
    optionError(functionName, 'weights', `must be an array of numbers, one per response, got ${describe(weights)}`);
  }
  return weights as ArrayLike<unknown> | undefined;
}

/**
 * @internal The complete reading of one answer: {@link AnswerReader.read} returns its point on the scale (or
 * {@link NO_ANSWER}) and leaves its label, its explicit weight and whether it was given as a word in the
 * reader's fields; it throws an {@link Invalid} for the first rule the answer breaks. One per pass: it holds
 * the ids seen so far.
 */
export class AnswerReader {
  /** The answer's label in `excluded.ids`: its id, or `#<index>`. */
  label = '';
  /** Whether the answer had an id. */
  hasId = false;
  /** The answer's explicit weight, exact; undefined without one. */
  weight: Decimal | undefined = undefined;
  /** Whether the score was given as a label the metric mapped (`'good'`, `true`). */
  word = false;
  private seen: Set<string> | undefined;
  private readonly lo: number;
  /** The position of `responses[0]` in the whole input (a chunk of the incremental API). */
  offset = 0;
  /** Indices whose ids appeared in earlier chunks of the same input (the incremental API's `duplicates`). */
  forced: ReadonlySet<number> | undefined = undefined;
  /** The ids of earlier chunks of the same input (the incremental API). */
  prior: PriorIds | undefined = undefined;

  constructor(
    private readonly responses: ArrayLike<unknown>,
    private readonly setup: CountSetup,
    private readonly weights: ArrayLike<unknown> | undefined,
  ) {
    this.lo = setup.scale.min;
  }

  read(i: number): number {
    const raw: unknown = this.responses[i];
    const { scale, label } = this.setup;
    this.label = `#${i + this.offset}`;
    this.hasId = false;
    this.weight = undefined;
    this.word = false;
    let v: unknown = raw;
    let w: unknown = this.weights === undefined ? undefined : this.weights[i];
    if (raw !== null && typeof raw === 'object') {
      if (Array.isArray(raw)) throw new Invalid('invalid_record', undefined, 'an array is not a survey response');
      const r = raw as SurveyResponse;
      const rid: unknown = r.id;
      if (typeof rid === 'string' && rid.length > 0) this.label = rid;
      else if (typeof rid === 'number' && Number.isFinite(rid)) this.label = String(rid);
      else if (rid !== undefined) {
        throw new Invalid('invalid_value', 'id', `id must be a non-empty string or a finite number, got ${describe(rid)}`);
      }
      if (rid !== undefined) {
        this.hasId = true;
        this.seen ??= new Set<string>();
        if (this.seen.has(this.label) || (this.forced !== undefined && this.forced.has(i)) || (this.prior !== undefined && this.prior.has(rid as string | number))) throw new Invalid('duplicate_id', 'id', `id ${JSON.stringify(this.label)} appears more than once`);
        this.seen.add(this.label);
      }
      v = r.score;
      if (this.weights === undefined && this.setup.allowWeights === true) w = r.weight;
    }
    if (v === null || v === undefined || (typeof v === 'number' && v !== v)) return NO_ANSWER;
    if (typeof v !== 'number' && typeof v !== 'bigint') {
      const mapped = label?.(v);
      if (mapped === null) return NO_ANSWER;
      if (mapped === undefined) {
        throw raw === v
          ? new Invalid('invalid_record', undefined, `${describe(v)} is not a survey response`)
          : new Invalid('invalid_value', 'score', `${describe(v)} is not a score`);
      }
      v = mapped;
      this.word = true;
    }
    const k = this.point(v as number | bigint, scale);
    if (w !== undefined) {
      if (typeof w === 'number' && w >= 0 && Number.isFinite(w)) this.weight = new D(String(w)); // String(-0) is '0'
      else if (typeof w === 'bigint' && w >= 0n) this.weight = new D(w.toString());
      else throw new Invalid('invalid_value', 'weight', `weight must be a finite number ≥ 0, got ${describe(w)}`);
    }
    return k;
  }

  /** The index of the point on the scale, or an Invalid naming the rule broken (`v` is not NaN). */
  private point(v: number | bigint, scale: ScoreScale): number {
    if (typeof v === 'bigint') {
      if (v >= BigInt(scale.min) && v <= BigInt(scale.max)) return Number(v - BigInt(this.lo));
      throw new Invalid('out_of_range', 'score', `${describe(v)} is outside the ${scale.min}–${scale.max} scale`);
    }
    if (!Number.isFinite(v)) throw new Invalid('invalid_value', 'score', `${describe(v)} is not a score`);
    if (!Number.isInteger(v)) throw new Invalid('invalid_value', 'score', `${describe(v)} is not a whole number`);
    if (v < scale.min || v > scale.max) throw new Invalid('out_of_range', 'score', `${describe(v)} is outside the ${scale.min}–${scale.max} scale`);
    return v - this.lo;
  }

  /** The MetricsError for answer `i` that broke `e`. */
  error(e: Invalid, i: number): MetricsError {
    return new MetricsError({
      code: e.code,
      functionName: this.setup.functionName,
      collection: 'responses',
      recordIndex: i + this.offset,
      recordId: this.hasId ? this.label : undefined,
      field: e.field,
      rule: e.rule,
    });
  }
}

/** @internal Exact weighted counts as a histogram: the part of {@link ScoreCounts} a pass or an accumulator fills. */
export class ScoreHistogram {
  readonly hist: Float64Array;
  readonly explicitCount: Float64Array;
  readonly explicitWeight: Decimal[] = [];
  explicitWeightSquares: Decimal = new D(0);
  weighted = false;
  words = false;

  constructor(points: number) {
    this.hist = new Float64Array(points);
    this.explicitCount = new Float64Array(points);
    for (let k = 0; k < points; k++) this.explicitWeight.push(new D(0));
  }

  /** Counts an answer at point k with its explicit weight, if any. */
  add(k: number, weight: Decimal | undefined, word: boolean): void {
    this.hist[k] = (this.hist[k] as number) + 1;
    if (word) this.words = true;
    if (weight === undefined) return;
    this.weighted = true;
    this.explicitCount[k] = (this.explicitCount[k] as number) + 1;
    this.explicitWeight[k] = (this.explicitWeight[k] as Decimal).plus(weight);
    this.explicitWeightSquares = this.explicitWeightSquares.plus(weight.times(weight));
  }

  /** Adds another histogram of the same scale. */
  merge(o: ScoreHistogram): void {
    for (let k = 0; k < this.hist.length; k++) {
      this.hist[k] = (this.hist[k] as number) + (o.hist[k] as number);
      this.explicitCount[k] = (this.explicitCount[k] as number) + (o.explicitCount[k] as number);
      this.explicitWeight[k] = (this.explicitWeight[k] as Decimal).plus(o.explicitWeight[k] as Decimal);
    }
    this.explicitWeightSquares = this.explicitWeightSquares.plus(o.explicitWeightSquares);
    this.weighted ||= o.weighted;
    this.words ||= o.words;
  }

  /** The {@link ScoreCounts} of this histogram and `ledger`. */
  counts(scale: ScoreScale, ledger: ScoreCounts['ledger']): ScoreCounts {
    let count = 0;
    for (let k = 0; k < this.hist.length; k++) count += this.hist[k] as number;
    const { hist, weighted, words, explicitCount, explicitWeight, explicitWeightSquares } = this;
    return { scale, hist, count, ledger, weighted, words, explicitCount, explicitWeight, explicitWeightSquares };
  }
}

/**
 * @internal One pass over `responses`: validates each answer, counts it into the histogram or the ledger.
 * Cost O(n); no allocation per answer except for excluded ones and weighted ones (exact weight sums).
 * Bigints (a `BigInt64Array`, or `9n` as a score or weight) are integers and read exactly. User code that
 * throws while an answer is read (a getter, a proxy) surfaces as a `MetricsError` with the thrown value as
 * `cause`.
 */
export function countScores(responses: unknown, setup: CountSetup): ScoreCounts {
  const weights = checkResponses(responses, setup);
  const list = responses as ArrayLike<unknown>;
  const { functionName, scale, invalid } = setup;
  const lo = scale.min;
  const span = scale.max - scale.min;
  const h = new ScoreHistogram(span + 1);
  const hist = h.hist;
  const ledger = createLedger<SurveyExclusion>();
  const answers = new AnswerReader(list, setup, weights);

  // Reads answer i the complete way. Returns normally when counted or excluded; throws MetricsError in 'throw' mode.
  const slow = (i: number): void => {
    let k: number;
    try {
      k = answers.read(i);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      if (invalid === 'throw') throw answers.error(e, i);
      exclude(ledger, `invalid:${e.code}` as InvalidReason, answers.label);
      return;
    }
    if (k === NO_ANSWER) exclude(ledger, 'no_answer', answers.label);
    else h.add(k, answers.weight, answers.word);
  };

  // One try around the whole pass: whatever user code throws while an answer is read (a getter on the array
  // or on a response, a proxy) is reported once, here, with the index it was thrown at.
  let i = -1;
  try {
    const n = list.length;
    if (weights !== undefined) {
      const m = weights.length;
      if (m !== n) optionError(functionName, 'weights', `has ${m} entries for ${n} responses`);
      for (i = 0; i < n; i++) slow(i);
    } else if (Array.isArray(list)) {
      // Hot loop: bare integer scores counted with no call and no allocation.
      for (i = 0; i < n; i++) {
        const v: unknown = list[i];
        if (typeof v === 'number') {
          const k = v - lo;
          if (k >= 0 && k <= span && (k | 0) === k) {
            hist[k] = (hist[k] as number) + 1;
            continue;
          }
        }
        slow(i);
      }
    } else if (n > 0 && typeof list[0] === 'bigint') {
      // BigInt64Array, BigUint64Array: every element is a bigint (typed arrays are homogeneous).
      const a = list as ArrayLike<bigint>;
      const bLo = BigInt(lo);
      const bHi = BigInt(scale.max);
      for (i = 0; i < n; i++) {
        const v = a[i] as bigint;
        if (v >= bLo && v <= bHi) hist[Number(v - bLo)] = (hist[Number(v - bLo)] as number) + 1;
        else slow(i);
      }
    } else {
      const a = list as ArrayLike<number>;
      for (i = 0; i < n; i++) {
        const k = (a[i] as number) - lo;
        if (k >= 0 && k <= span && (k | 0) === k) hist[k] = (hist[k] as number) + 1;
        else slow(i);
      }
    }
  } catch (e) {
    throw readError(functionName, 'responses', i < 0 ? undefined : i, e);
  }
  return h.counts(scale, ledger);
}

/** @internal Level bit: read `at` (a time bucket of it). */
export const READ_AT = 1;
/** @internal State bit: `at` is invalid (left out by a breakdown that buckets it). */
export const S_BAD_AT = 2;

/** @internal A batch of answers for the driver. */
export class SurveyColumns implements RecordBatch {
  n = 0;
  base = 0;
  offset = 0;
  records: ArrayLike<unknown> = [];
  readonly errors = new Map<number, Invalid>();
  readonly atErrors = new Map<number, Invalid>();
  state = new Uint8Array(0);
  /** Answers have no flags: zeros. */
  flags = new Uint8Array(0);
  /** The point on the scale (`score − min`), or NO_ANSWER. */
  point = new Int16Array(0);
  /** 1 where the score was given as a word (CSAT `'good'`). */
  word = new Uint8Array(0);
  /** Explicit weights (undefined: none). */
  weight: (Decimal | undefined)[] = [];
  /** `at`, NaN when absent (READ_AT). */
  at = new Float64Array(0);

  reset(records: ArrayLike<unknown>, base: number, n: number): void {
    this.records = records;
    this.base = base;
    this.n = n;
    this.errors.clear();
    this.atErrors.clear();
    if (this.state.length < n) {
      this.state = new Uint8Array(n);
      this.flags = new Uint8Array(n);
      this.point = new Int16Array(n);
      this.word = new Uint8Array(n);
      this.weight = new Array<Decimal | undefined>(n).fill(undefined);
      this.at = new Float64Array(n);
    }
  }

  errorOf(j: number, bits: number): Invalid {
    return ((bits & S_BAD) !== 0 ? this.errors : this.atErrors).get(j) as Invalid;
  }

  /** The answer's label: its id, or `#<index>`. */
  idOf(j: number): string {
    return recordLabel(this.records[this.base + j]) ?? `#${this.offset + this.base + j}`;
  }
}

/** @internal Reads answers into {@link SurveyColumns}, batch by batch, with the checks of {@link AnswerReader}. */
export class SurveyReader {
  private readonly answers: AnswerReader;
  private readonly weights: ArrayLike<unknown> | undefined;

  constructor(
    readonly responses: ArrayLike<unknown>,
    readonly setup: CountSetup,
    private readonly zone: ZoneInfo | undefined,
    private readonly minMs: number,
  ) {
    this.weights = checkResponses(responses, setup);
    if (this.weights !== undefined && this.weights.length !== responses.length) {
      optionError(setup.functionName, 'weights', `has ${this.weights.length} entries for ${responses.length} responses`);
    }
    this.answers = new AnswerReader(responses, setup, this.weights);
  }

  /** The position of `responses[0]` in the whole input (a chunk of the incremental API). */
  set offset(offset: number) {
    this.answers.offset = offset;
  }
  get offset(): number {
    return this.answers.offset;
  }

  /** Marks answers whose ids appeared in earlier chunks of the same input. */
  forceDuplicates(indices: ArrayLike<number>): void {
    if (indices.length > 0) this.answers.forced = new Set(Array.from(indices));
  }

  /** Checks ids against those of earlier chunks of the same input too. */
  usePrior(prior: PriorIds): void {
    this.answers.prior = prior;
  }

  /** Reads answers `[from, to)` into `c`; `level` READ_AT also reads `at`. Throws a bad answer in `'throw'` mode. */
  read(c: SurveyColumns, from: number, to: number, level: number): void {
    const list = this.responses;
    c.reset(list, from, to - from);
    c.offset = this.answers.offset;
    const answers = this.answers;
    let i = from;
    try {
      for (let j = 0; i < to; i++, j++) {
        c.state[j] = 0;
        c.weight[j] = undefined;
        c.word[j] = 0;
        c.at[j] = NaN;
        try {
          c.point[j] = answers.read(i);
        } catch (e) {
          if (!(e instanceof Invalid)) throw e;
          if (this.setup.invalid === 'throw') throw answers.error(e, i);
          c.state[j] = S_BAD;
          c.errors.set(j, e);
          continue;
        }
        c.weight[j] = answers.weight;
        if (answers.word) c.word[j] = 1;
        if ((level & READ_AT) !== 0) {
          const raw = list[i] as { at?: unknown } | null;
          if (raw !== null && typeof raw === 'object' && raw.at !== undefined && raw.at !== null) {
            try {
              c.at[j] = recordTime(raw.at, 'at', this.zone, this.minMs);
            } catch (e) {
              if (!(e instanceof Invalid)) throw e;
              c.state[j] = S_BAD_AT;
              c.atErrors.set(j, e);
            }
          }
        }
      }
    } catch (e) {
      throw readError(this.setup.functionName, 'responses', i + this.answers.offset, e);
    }
  }
}
