/**
 * What the survey metrics (NPS, CSAT, CES) share besides reading (src/read/surveyReader.ts): answer scales and
 * their options, and the statistics of a histogram of answers indexed by `score − min`.
 *
 * @internal
 * @module
 */
import type { Decimal } from 'decimal.js';
import type { SurveyResponse } from '../model/index.js';
import type { ExclusionLedger, InvalidReason } from '../results/excluded.js';
import { buildRate, type RateResult } from '../results/rate.js';
import { D, plusZero } from './decimal.js';
import { checkOptionKeys, describe } from './options.js';
import { optionError } from '../options/shared.js';

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

/** @internal Validates a whole-number option within `[min, max]` (−0 reads as 0). */
export function readWhole(functionName: string, field: string, value: unknown, min: number, max: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return plusZero(value);
  return optionError(functionName, field, `must be a whole number within ${min}–${max}, got ${describe(value)}`);
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
    return optionError(functionName, field, `unknown scale ${describe(value)}; use ${Object.keys(NAMED).map((k) => `'${k}'`).join(', ')} or { min, max }`);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    checkOptionKeys(functionName, value, ['min', 'max'], field);
    const { min, max } = value as { min?: unknown; max?: unknown };
    const whole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
    if (whole(min) && whole(max) && min < max && max - min <= 100) return { min: plusZero(min), max: plusZero(max) };
    return optionError(
      functionName,
      field,
      `must be whole numbers min < max with at most 101 points, got ${describe(value)} (min ${describe(min)}, max ${describe(max)})`,
    );
  }
  return optionError(functionName, field, `must be a scale name or { min, max }, got ${describe(value)}`);
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
  /** True when at least one counted answer was given as a word the metric mapped (CSAT `'good'`). */
  readonly words: boolean;
  /** Per point: how many counted answers carried an explicit weight. */
  readonly explicitCount: Float64Array;
  /** Per point: the exact sum of the explicit weights. */
  readonly explicitWeight: Decimal[];
  /** Exact sum of the squared explicit weights. */
  readonly explicitWeightSquares: Decimal;
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
      optionError(functionName, 'surveysSent', `${surveysSent} surveys sent but ${counts.count} answers counted`);
    }
    responseRate = buildRate<never>(counts.count, surveysSent, { total: 0, byReason: {}, ids: {} }, level);
  }
  return { distribution, responseRate };
}
