/**
 * Comparison of two Net Promoter Scores (two independent samples).
 *
 * Formula: Δ = NPS_a − NPS_b; SE_Δ = √(SE_a² + SE_b²); z = Δ / SE_Δ; p = 2·Q(|z|) (two-sided, normal
 * approximation, the z test of the R `sigtest` package and of Rocks/Verstraete).
 * Options: confidence (of the interval of Δ).
 *
 * @module
 */
import { D, toDouble } from '../../_lib/decimal.js';
import { normalUpperTail } from '../../_lib/normal.js';
import { checkOptionKeys, describe } from '../../_lib/options.js';
import { readError } from '../../_lib/readError.js';
import { readConfidence } from '../../options/shared.js';
import { MetricsError } from '../../results/errors.js';
import { zForLevel } from '../../results/rate.js';
import type { NetPromoterScoreResult } from '../netPromoterScore/netPromoterScore.js';

/**
 * The part of a {@link NetPromoterScoreResult} a comparison reads: any object with a `score` and its
 * `standardError` will do.
 *
 * @category Surveys
 */
export type NetPromoterScoreSample = Pick<NetPromoterScoreResult, 'score' | 'standardError'>;

/**
 * Options of {@link compareNetPromoterScores}.
 *
 * @category Surveys
 */
export interface CompareNetPromoterScoresOptions {
  /**
   * Confidence level of `interval`.
   * @defaultValue `0.95`
   */
  readonly confidence?: number;
}

/**
 * The result of {@link compareNetPromoterScores}. The fields are `undefined` when either score is
 * `undefined`; `z` and `pValue` are also `undefined` when the standard error of the difference is 0 (two
 * samples with no spread: the normal approximation says nothing). Every number is finite.
 *
 * @category Surveys
 */
export interface NetPromoterScoreComparison {
  /** `a.score − b.score`, in NPS points. */
  readonly difference: number | undefined;
  /** √(SE_a² + SE_b²). */
  readonly standardError: number | undefined;
  /**
   * difference / standardError. Also `undefined` when |z| is beyond the largest double (a non-zero
   * difference over a standard error below about 1e-306 points); `pValue` is then 0.
   */
  readonly z: number | undefined;
  /** Two-sided p value, 2·P(Z > |z|). */
  readonly pValue: number | undefined;
  /** difference ± z_(level)·standardError (not clamped; a difference lies in [−200, 200]). */
  readonly interval: { readonly low: number; readonly high: number; readonly level: number } | undefined;
}

const NAME = 'compareNetPromoterScores';

function check(value: unknown, field: 'a' | 'b'): NetPromoterScoreSample {
  if (value === null || typeof value !== 'object') {
    throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field, rule: `must be a netPromoterScore result, got ${describe(value)}` });
  }
  let score: unknown;
  let standardError: unknown;
  try {
    ({ score, standardError } = value as Record<string, unknown>);
  } catch (e) {
    throw readError(NAME, field, undefined, e);
  }
  // An NPS lies in [−100, 100]; its standard error 100·√((p + d − (p − d)²)/n) in [0, 100] (n ≥ 1).
  const okScore = score === undefined || (typeof score === 'number' && score >= -100 && score <= 100);
  const okSe = standardError === undefined || (typeof standardError === 'number' && standardError >= 0 && standardError <= 100);
  if (!okScore || !okSe || (score === undefined) !== (standardError === undefined)) {
    throw new MetricsError({
      code: 'invalid_argument',
      functionName: NAME,
      field,
      rule:
        'must have score in [−100, 100] and standardError in [0, 100] (or both undefined), ' +
        `got score ${describe(score)}, standardError ${describe(standardError)}`,
    });
  }
  return { score: score as number | undefined, standardError: standardError as number | undefined };
}

/**
 * Compares two Net Promoter Scores from independent samples: the difference, its standard error, the z
 * statistic and the two-sided p value.
 *
 * @category Surveys
 * @param a - a {@link NetPromoterScoreResult} (this period, this team)
 * @param b - another one (last period, another team)
 * @param options - confidence level of the interval of the difference
 * @returns the difference `a − b` with its uncertainty
 * @example
 * ```ts
 * import { netPromoterScore, compareNetPromoterScores } from 'helpdesk-metrics';
 * const march = netPromoterScore([...Array(60).fill(10), ...Array(20).fill(8), ...Array(20).fill(3)]);
 * const april = netPromoterScore([...Array(50).fill(10), ...Array(20).fill(8), ...Array(30).fill(3)]);
 * const c = compareNetPromoterScores(march, april);
 * c.difference;    //=> 20 (40 − 20)
 * c.standardError; //=> 11.832159566199232 (√(8² + √76²) = √140)
 * c.z;             //=> 1.6903085094570331
 * c.pValue;        //=> 0.0909689479753576 (not significant at 5 %)
 * ```
 */
export function compareNetPromoterScores(
  a: NetPromoterScoreSample,
  b: NetPromoterScoreSample,
  options?: CompareNetPromoterScoresOptions,
): NetPromoterScoreComparison {
  checkOptionKeys(NAME, options, ['confidence']);
  const x = check(a, 'a');
  const y = check(b, 'b');
  const level = readConfidence(NAME, options?.confidence);
  if (x.score === undefined || y.score === undefined || x.standardError === undefined || y.standardError === undefined) {
    return { difference: undefined, standardError: undefined, z: undefined, pValue: undefined, interval: undefined };
  }
  const diff = new D(x.score).minus(y.score);
  const sea = new D(x.standardError);
  const seb = new D(y.standardError);
  const se = sea.times(sea).plus(seb.times(seb)).sqrt();
  const half = se.times(zForLevel(level));
  const difference = toDouble(diff);
  const interval = { low: toDouble(diff.minus(half)), high: toDouble(diff.plus(half)), level };
  if (se.isZero()) {
    return { difference, standardError: 0, z: undefined, pValue: undefined, interval };
  }
  const z = toDouble(diff.div(se));
  if (!Number.isFinite(z)) {
    // |z| > 1.8e308: the p value 2·Q(|z|) is 0 to the last double (it underflows from |z| ≈ 38.5 on).
    return { difference, standardError: toDouble(se), z: undefined, pValue: 0, interval };
  }
  const p = 2 * normalUpperTail(Math.abs(z));
  return { difference, standardError: toDouble(se), z, pValue: p > 1 ? 1 : p, interval };
}
