/**
 * Shared reading of survey answers (NPS, CSAT, CES): scale parsing, and one pass that validates every answer
 * and counts it into an integer histogram indexed by `score − min`. Bare numbers in a plain array or a typed
 * array take a tight loop with no allocation; objects, `null`s and bad values take the slow path.
 *
 * @internal
 * @module
 */
import type { Decimal } from 'decimal.js';
import type { SurveyResponse } from '../model/index.js';
import { MetricsError } from '../results/errors.js';
import { createLedger, exclude, type ExclusionLedger, type InvalidReason } from '../results/excluded.js';
import { Invalid } from './records.js';
import { buildRate, type RateResult } from '../results/rate.js';
import { D, plusZero } from './decimal.js';
import { checkOptionKeys, describe } from './options.js';
import { readError } from './readError.js';

/**
 * An integer answer scale, both ends included (`{ min: 1, max: 5 }`). At most 101 points.
 *
 * @category Surveys
 */
export interface ScoreScale {
  readonly min: number;
  readonly max: number;
}

/**
 * The common scales by name: `'0-10'` and `'1-10'` (NPS), `'1-5'`, `'1-3'`, `'1-2'` (CSAT), `'1-7'` (CES
 * 2.0), `'0-5'`.
 *
 * @category Surveys
 */
export type ScoreScaleName = '0-10' | '1-10' | '1-7' | '1-5' | '0-5' | '1-3' | '1-2';

/**
 * A scale, by name or as `{ min, max }`.
 *
 * @category Surveys
 */
export type ScaleOption = ScoreScaleName | ScoreScale;

/**
 * A survey answer as the survey functions take it: a bare number (or a bigint, read exactly),
 * `null`/`undefined`/`NaN` for "no answer", or a {@link SurveyResponse} object.
 *
 * @category Surveys
 */
export type SurveyAnswer = number | bigint | null | undefined | SurveyResponse;

/**
 * Why an answer was left out of a survey score:
 * - `no_answer`: `null`, `undefined` or `NaN` (or a rating still `'offered'`): the customer did not answer;
 * - `invalid:<code>`: a bad answer under `invalid: 'exclude'` (`invalid:out_of_range`, `invalid:invalid_value`,
 *   `invalid:invalid_record`, `invalid:duplicate_id`).
 *
 * @category Surveys
 */
export type SurveyExclusion = 'no_answer' | InvalidReason;

const NAMED: Readonly<Record<ScoreScaleName, ScoreScale>> = {
  '0-10': { min: 0, max: 10 },
  '1-10': { min: 1, max: 10 },
  '1-7': { min: 1, max: 7 },
  '1-5': { min: 1, max: 5 },
  '0-5': { min: 0, max: 5 },
  '1-3': { min: 1, max: 3 },
  '1-2': { min: 1, max: 2 },
};

/** @internal Throws an option error. */
export function surveyOptionError(functionName: string, field: string, rule: string): never {
  throw new MetricsError({ code: 'invalid_option', functionName, field, rule });
}

/** @internal Validates a string-literal option: one of `allowed`, or `fallback` when absent. */
export function readChoice<T extends string>(functionName: string, field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  const names = allowed.map((a) => `'${a}'`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] as string}`;
  return surveyOptionError(functionName, field, `must be ${list}, got ${describe(value)}`);
}

/** @internal Validates a whole-number option within `[min, max]` (−0 reads as 0). */
export function readWhole(functionName: string, field: string, value: unknown, min: number, max: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return plusZero(value);
  return surveyOptionError(functionName, field, `must be a whole number within ${min}–${max}, got ${describe(value)}`);
}

/** @internal Validates `surveysSent` (a whole number ≥ 0), `undefined` when absent. */
export function readSurveysSent(functionName: string, value: unknown): number | undefined {
  return value === undefined ? undefined : readWhole(functionName, 'surveysSent', value, 0, Number.MAX_SAFE_INTEGER);
}

/** @internal Validates and resolves a scale option. */
export function readScale(functionName: string, value: unknown, fallback: ScoreScaleName, field = 'scale'): ScoreScale {
  if (value === undefined) return { ...NAMED[fallback] };
  if (typeof value === 'string') {
    if (Object.prototype.hasOwnProperty.call(NAMED, value)) return { ...NAMED[value as ScoreScaleName] };
    return surveyOptionError(functionName, field, `unknown scale ${describe(value)}; use ${Object.keys(NAMED).map((k) => `'${k}'`).join(', ')} or { min, max }`);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    checkOptionKeys(functionName, value, ['min', 'max'], field);
    const { min, max } = value as { min?: unknown; max?: unknown };
    const whole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
    if (whole(min) && whole(max) && min < max && max - min <= 100) return { min: plusZero(min), max: plusZero(max) };
    return surveyOptionError(
      functionName,
      field,
      `must be whole numbers min < max with at most 101 points, got ${describe(value)} (min ${describe(min)}, max ${describe(max)})`,
    );
  }
  return surveyOptionError(functionName, field, `must be a scale name or { min, max }, got ${describe(value)}`);
}

/** @internal Validates `invalid`. */
export function readInvalid(functionName: string, value: unknown): 'throw' | 'exclude' {
  return readChoice(functionName, 'invalid', value, ['throw', 'exclude'], 'throw');
}

/** @internal Validates a confidence level in (0, 1). */
export function readConfidence(functionName: string, value: unknown): number {
  if (value === undefined) return 0.95;
  if (typeof value === 'number' && value > 0 && value < 1) return value;
  return surveyOptionError(functionName, 'confidence', `must be a number strictly between 0 and 1, got ${describe(value)}`);
}

/** @internal The result of one counting pass. */
export interface ScoreCounts {
  readonly scale: ScoreScale;
  /** Answers per scale point, index `score − min`. Integers. */
  readonly hist: Float64Array;
  /** Answers counted (sum of `hist`). */
  readonly count: number;
  readonly ledger: ExclusionLedger<SurveyExclusion>;
  /** True when at least one answer carried an explicit weight (only when weights are allowed). */
  readonly weighted: boolean;
  /** Per point: how many counted answers carried an explicit weight. */
  readonly explicitCount: Float64Array;
  /** Per point: the exact sum of the explicit weights. */
  readonly explicitWeight: Decimal[];
  /** Exact sum of the squared explicit weights. */
  readonly explicitWeightSquares: Decimal;
}

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

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * @internal One pass over `responses`: validates each answer, counts it into the histogram or the ledger.
 * Cost O(n); no allocation per answer except for excluded ones and weighted ones (exact weight sums).
 * Bigints (a `BigInt64Array`, or `9n` as a score or weight) are integers and read exactly. User code that
 * throws while an answer is read (a getter, a proxy) surfaces as a `MetricsError` with the thrown value as
 * `cause`.
 */
export function countScores(responses: unknown, setup: CountSetup): ScoreCounts {
  const { functionName, scale, invalid, label } = setup;
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
    surveyOptionError(functionName, 'weights', `must be an array of numbers, one per response, got ${describe(weights)}`);
  }
  const allowWeights = setup.allowWeights === true;
  const lo = scale.min;
  const span = scale.max - scale.min;
  const hist = new Float64Array(span + 1);
  const explicitCount = new Float64Array(span + 1);
  const explicitWeight: Decimal[] = [];
  for (let k = 0; k <= span; k++) explicitWeight.push(new D(0));
  let explicitWeightSquares = new D(0);
  let weighted = false;
  const ledger = createLedger<SurveyExclusion>();
  let seen: Set<string> | undefined;

  // The index of the point on the scale, or an Invalid naming the rule broken.
  const checkScore = (v: number | bigint): number => {
    if (typeof v === 'bigint') {
      if (v >= BigInt(scale.min) && v <= BigInt(scale.max)) return Number(v - BigInt(lo));
      throw new Invalid('out_of_range', 'score', `${describe(v)} is outside the ${scale.min}–${scale.max} scale`);
    }
    // v is a non-NaN number here.
    if (!Number.isFinite(v)) throw new Invalid('invalid_value', 'score', `${describe(v)} is not a score`);
    if (!Number.isInteger(v)) throw new Invalid('invalid_value', 'score', `${describe(v)} is not a whole number`);
    if (v < scale.min || v > scale.max) {
      throw new Invalid('out_of_range', 'score', `${describe(v)} is outside the ${scale.min}–${scale.max} scale`);
    }
    return v - lo;
  };

  const addWeight = (k: number, w: unknown): void => {
    let dw: Decimal;
    if (typeof w === 'number' && w >= 0 && Number.isFinite(w)) dw = new D(String(w)); // String(-0) is '0'
    else if (typeof w === 'bigint' && w >= 0n) dw = new D(w.toString());
    else throw new Invalid('invalid_value', 'weight', `weight must be a finite number ≥ 0, got ${describe(w)}`);
    weighted = true;
    explicitCount[k] = (explicitCount[k] as number) + 1;
    explicitWeight[k] = (explicitWeight[k] as Decimal).plus(dw);
    explicitWeightSquares = explicitWeightSquares.plus(dw.times(dw));
  };

  // Reads answer i the slow way. Returns normally when counted or excluded; throws MetricsError in 'throw' mode.
  const slow = (i: number): void => {
    const raw: unknown = responses[i];
    let id = `#${i}`;
    let hasId = false;
    try {
      let v: unknown = raw;
      let w: unknown = weights === undefined ? undefined : (weights as ArrayLike<unknown>)[i];
      if (raw !== null && typeof raw === 'object') {
        if (Array.isArray(raw)) throw new Invalid('invalid_record', undefined, 'an array is not a survey response');
        const r = raw as SurveyResponse;
        const rid: unknown = r.id;
        if (typeof rid === 'string' && rid.length > 0) id = rid;
        else if (typeof rid === 'number' && Number.isFinite(rid)) id = String(rid);
        else if (rid !== undefined) {
          throw new Invalid('invalid_value', 'id', `id must be a non-empty string or a finite number, got ${describe(rid)}`);
        }
        if (rid !== undefined) {
          hasId = true;
          seen ??= new Set<string>();
          if (seen.has(id)) throw new Invalid('duplicate_id', 'id', `id ${JSON.stringify(id)} appears more than once`);
          seen.add(id);
        }
        v = r.score;
        if (weights === undefined && allowWeights) w = r.weight;
      }
      if (v === null || v === undefined || (typeof v === 'number' && v !== v)) {
        exclude(ledger, 'no_answer', id);
        return;
      }
      if (typeof v !== 'number' && typeof v !== 'bigint') {
        const mapped = label?.(v);
        if (mapped === null) {
          exclude(ledger, 'no_answer', id);
          return;
        }
        if (mapped === undefined) {
          throw raw === v
            ? new Invalid('invalid_record', undefined, `${describe(v)} is not a survey response`)
            : new Invalid('invalid_value', 'score', `${describe(v)} is not a score`);
        }
        v = mapped;
      }
      const k = checkScore(v as number | bigint);
      if (w !== undefined) addWeight(k, w);
      hist[k] = (hist[k] as number) + 1;
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      if (invalid === 'throw') {
        throw new MetricsError({
          code: e.code,
          functionName,
          collection: 'responses',
          recordIndex: i,
          recordId: hasId ? id : undefined,
          field: e.field,
          rule: e.rule,
        });
      }
      exclude(ledger, `invalid:${e.code}` as InvalidReason, id);
    }
  };

  // One try around the whole pass: whatever user code throws while an answer is read (a getter on the array
  // or on a response, a proxy) is reported once, here, with the index it was thrown at.
  let i = -1;
  try {
    const n = responses.length;
    if (weights !== undefined) {
      const m = (weights as ArrayLike<unknown>).length;
      if (m !== n) surveyOptionError(functionName, 'weights', `has ${m} entries for ${n} responses`);
      for (i = 0; i < n; i++) slow(i);
    } else if (Array.isArray(responses)) {
      // Hot loop: bare integer scores counted with no call and no allocation.
      for (i = 0; i < n; i++) {
        const v: unknown = responses[i];
        if (typeof v === 'number') {
          const k = v - lo;
          if (k >= 0 && k <= span && (k | 0) === k) {
            hist[k] = (hist[k] as number) + 1;
            continue;
          }
        }
        slow(i);
      }
    } else if (n > 0 && typeof responses[0] === 'bigint') {
      // BigInt64Array, BigUint64Array: every element is a bigint (typed arrays are homogeneous).
      const a = responses as ArrayLike<bigint>;
      const bLo = BigInt(lo);
      const bHi = BigInt(scale.max);
      for (i = 0; i < n; i++) {
        const v = a[i] as bigint;
        if (v >= bLo && v <= bHi) hist[Number(v - bLo)] = (hist[Number(v - bLo)] as number) + 1;
        else slow(i);
      }
    } else {
      const a = responses as ArrayLike<number>;
      for (i = 0; i < n; i++) {
        const k = (a[i] as number) - lo;
        if (k >= 0 && k <= span && (k | 0) === k) hist[k] = (hist[k] as number) + 1;
        else slow(i);
      }
    }
  } catch (e) {
    throw readError(functionName, 'responses', i < 0 ? undefined : i, e);
  }
  let count = 0;
  for (let k = 0; k <= span; k++) count += hist[k] as number;
  return { scale, hist, count, ledger, weighted, explicitCount, explicitWeight, explicitWeightSquares };
}

/** @internal Sum of `hist` over scale points `from..to` (scores, both included). */
export function countBetween(counts: ScoreCounts, from: number, to: number): number {
  let s = 0;
  for (let v = from; v <= to; v++) s += counts.hist[v - counts.scale.min] ?? 0;
  return s;
}

/** @internal Exact total weight of points `from..to`: unweighted answers weigh 1. */
export function weightBetween(counts: ScoreCounts, from: number, to: number): Decimal {
  let s = new D(0);
  for (let v = from; v <= to; v++) {
    const k = v - counts.scale.min;
    const plain = (counts.hist[k] ?? 0) - (counts.explicitCount[k] ?? 0);
    s = s.plus(plain).plus(counts.explicitWeight[k] ?? 0);
  }
  return s;
}

/** @internal Exact Σw² over all counted answers (unweighted answers weigh 1). */
export function weightSquares(counts: ScoreCounts): Decimal {
  let plain = 0;
  for (let k = 0; k < counts.hist.length; k++) plain += (counts.hist[k] as number) - (counts.explicitCount[k] as number);
  return counts.explicitWeightSquares.plus(plain);
}

/**
 * @internal Exact mean of the counted scores and the sample standard deviation (n − 1), from the histogram;
 * `undefined` when nothing was counted (sd: fewer than 2).
 */
export function histogramMean(counts: ScoreCounts): { mean: Decimal | undefined; sd: Decimal | undefined } {
  if (counts.count === 0) return { mean: undefined, sd: undefined };
  let sum = new D(0);
  let squares = new D(0);
  for (let k = 0; k < counts.hist.length; k++) {
    const c = counts.hist[k] as number;
    if (c === 0) continue;
    const v = new D(counts.scale.min + k);
    sum = sum.plus(v.times(c));
    squares = squares.plus(v.times(v).times(c));
  }
  const n = new D(counts.count);
  const mean = sum.div(n);
  if (counts.count < 2) return { mean, sd: undefined };
  // s² = (Σx² − (Σx)²/n) / (n − 1), exact up to the final square root.
  const s2 = squares.minus(sum.times(sum).div(n)).div(n.minus(1));
  return { mean, sd: s2.isNegative() ? new D(0) : s2.sqrt() };
}

/** @internal The distribution by score and the response rate (answers counted / surveys sent). */
export function surveyExtras(
  functionName: string,
  counts: ScoreCounts,
  surveysSent: number | undefined,
  level: number,
): { distribution: Record<number, number>; responseRate: RateResult<never> | undefined } {
  const distribution: Record<number, number> = {};
  for (let k = 0; k < counts.hist.length; k++) distribution[counts.scale.min + k] = counts.hist[k] as number;
  let responseRate: RateResult<never> | undefined;
  if (surveysSent !== undefined) {
    if (surveysSent < counts.count) {
      surveyOptionError(functionName, 'surveysSent', `${surveysSent} surveys sent but ${counts.count} answers counted`);
    }
    responseRate = buildRate<never>(counts.count, surveysSent, { total: 0, byReason: {}, ids: {} }, level);
  }
  return { distribution, responseRate };
}
