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
import { MetricsError, type MetricsErrorCode } from '../results/errors.js';
import { createLedger, exclude, type ExclusionLedger, type InvalidReason } from '../results/excluded.js';
import { Invalid } from './records.js';
import { buildRate, type RateResult } from '../results/rate.js';
import { D } from './decimal.js';

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
 * A survey answer as the survey functions take it: a bare number, `null`/`undefined`/`NaN` for "no answer",
 * or a {@link SurveyResponse} object.
 *
 * @category Surveys
 */
export type SurveyAnswer = number | null | undefined | SurveyResponse;

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

/** @internal Validates and resolves a scale option. */
export function readScale(functionName: string, value: unknown, fallback: ScoreScaleName, field = 'scale'): ScoreScale {
  if (value === undefined) return { ...NAMED[fallback] };
  if (typeof value === 'string') {
    if (Object.prototype.hasOwnProperty.call(NAMED, value)) return { ...NAMED[value as ScoreScaleName] };
    return surveyOptionError(functionName, field, `unknown scale ${JSON.stringify(value)}; use ${Object.keys(NAMED).map((k) => `'${k}'`).join(', ')} or { min, max }`);
  }
  if (value !== null && typeof value === 'object') {
    const { min, max } = value as { min?: unknown; max?: unknown };
    if (typeof min === 'number' && typeof max === 'number' && Number.isSafeInteger(min) && Number.isSafeInteger(max) && min < max && max - min <= 100) {
      return { min, max };
    }
  }
  return surveyOptionError(functionName, field, 'must be a scale name or { min, max } with integers min < max and at most 101 points');
}

/** @internal Validates `invalid`. */
export function readInvalid(functionName: string, value: unknown): 'throw' | 'exclude' {
  if (value === undefined || value === 'throw') return 'throw';
  if (value === 'exclude') return 'exclude';
  return surveyOptionError(functionName, 'invalid', `must be 'throw' or 'exclude', got ${JSON.stringify(value)}`);
}

/** @internal Validates a confidence level in (0, 1). */
export function readConfidence(functionName: string, value: unknown): number {
  if (value === undefined) return 0.95;
  if (typeof value === 'number' && value > 0 && value < 1) return value;
  return surveyOptionError(functionName, 'confidence', `must be a number strictly between 0 and 1, got ${String(value)}`);
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
  readonly weights?: ArrayLike<number> | undefined;
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
 */
export function countScores(responses: unknown, setup: CountSetup): ScoreCounts {
  const { functionName, scale, invalid, label } = setup;
  if (!isArrayLike(responses)) {
    throw new MetricsError({
      code: 'invalid_argument',
      functionName,
      field: 'responses',
      rule: `responses must be an array or a typed array, got ${responses === null ? 'null' : typeof responses}`,
    });
  }
  const weights = setup.allowWeights === true ? setup.weights : undefined;
  if (weights !== undefined) {
    if (!isArrayLike(weights)) surveyOptionError(functionName, 'weights', 'must be an array of numbers, one per response');
    if (weights.length !== responses.length) {
      surveyOptionError(functionName, 'weights', `has ${weights.length} entries for ${responses.length} responses`);
    }
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
  const n = responses.length;

  const checkScore = (v: number): number => {
    // v is a non-NaN number here.
    if (!Number.isFinite(v)) throw new Invalid('invalid_value', 'score', `${String(v)} is not a score`);
    if (!Number.isInteger(v)) throw new Invalid('invalid_value', 'score', `${v} is not a whole number`);
    if (v < scale.min || v > scale.max) {
      throw new Invalid('out_of_range', 'score', `${v} is outside the ${scale.min}–${scale.max} scale`);
    }
    return v - lo;
  };

  const addWeight = (k: number, w: unknown): void => {
    if (typeof w !== 'number' || !(w >= 0) || !Number.isFinite(w)) {
      throw new Invalid('invalid_value', 'weight', `weight must be a finite number ≥ 0, got ${String(w)}`);
    }
    weighted = true;
    explicitCount[k] = (explicitCount[k] as number) + 1;
    const dw = new D(String(w));
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
      let w: unknown = weights === undefined ? undefined : weights[i];
      if (raw !== null && typeof raw === 'object') {
        if (Array.isArray(raw)) throw new Invalid('invalid_record', undefined, 'an array is not a survey response');
        const r = raw as SurveyResponse;
        const rid: unknown = r.id;
        if (typeof rid === 'string' && rid.length > 0) id = rid;
        else if (typeof rid === 'number' && Number.isFinite(rid)) id = String(rid);
        else if (rid !== undefined) throw new Invalid('invalid_value', 'id', 'id must be a non-empty string or a finite number');
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
      if (typeof v !== 'number') {
        const mapped = label?.(v);
        if (mapped === null) {
          exclude(ledger, 'no_answer', id);
          return;
        }
        if (mapped === undefined) {
          throw raw === v
            ? new Invalid('invalid_record', undefined, `a ${typeof v} (${JSON.stringify(v)}) is not a survey response`)
            : new Invalid('invalid_value', 'score', `a ${typeof v} (${JSON.stringify(v)}) is not a score`);
        }
        v = mapped;
      }
      const k = checkScore(v as number);
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

  if (weights !== undefined) {
    for (let i = 0; i < n; i++) slow(i);
  } else if (Array.isArray(responses)) {
    // Hot loop: bare integer scores counted with no call and no allocation.
    for (let i = 0; i < n; i++) {
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
  } else {
    const a = responses as ArrayLike<number>;
    for (let i = 0; i < n; i++) {
      const k = (a[i] as number) - lo;
      if (k >= 0 && k <= span && (k | 0) === k) hist[k] = (hist[k] as number) + 1;
      else slow(i);
    }
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

/** @internal A Decimal as the nearest double, never -0. */
export function toNumber(d: Decimal): number {
  const x = d.toNumber();
  return x === 0 ? 0 : x;
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
    if (typeof surveysSent !== 'number' || !Number.isSafeInteger(surveysSent) || surveysSent < 0) {
      surveyOptionError(functionName, 'surveysSent', 'must be a whole number ≥ 0');
    }
    if (surveysSent < counts.count) {
      surveyOptionError(functionName, 'surveysSent', `${surveysSent} surveys sent but ${counts.count} answers counted`);
    }
    responseRate = buildRate<never>(counts.count, surveysSent, { total: 0, byReason: {}, ids: {} }, level);
  }
  return { distribution, responseRate };
}
