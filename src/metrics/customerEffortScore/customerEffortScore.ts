/**
 * Customer effort score (CES).
 *
 * Formula: `'mean'`: Σ score / n; `'top-box'`: share of "easy" answers × 100, easy = on the better side of
 * the scale midpoint (5–7 on the CES 2.0 1–7 agreement scale, Gartner's "% agree"; 1–2 on the original
 * 1–5 CES where lower means less effort).
 * Default definition: CES 2.0 ("The company made it easy for me to handle my issue", 1–7, higher is
 * better), reported as the mean.
 * Options: scale, method, direction, easyThreshold, surveysSent, confidence, invalid, by (with timeZone,
 * allowEarlyTimestamps for `at`).
 *
 * @module
 */
import { touchCapture } from '../../pipeline/driver.js';
import type { Decimal } from 'decimal.js';
import { D, toDouble } from '../../_lib/decimal.js';
import { checkOptionKeys } from '../../_lib/options.js';
import {
  countBetween,
  histogramMean,
  readScale,
  readSurveysSent,
  readWhole,
  surveyExtras,
  type ScaleOption,
  type ScoreCounts,
  type ScoreScale,
  type SurveyAnswer,
  type SurveyExclusion,
} from '../../_lib/surveys.js';
import { readChoice, readConfidence, readInvalid, type ConfidenceOptions, type InvalidOptions } from '../../options/shared.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import type { SurveyBy, SurveyTimeOptions } from '../../pipeline/surveyBy.js';
import { runSurveyMetric, SURVEY_KEYS, surveyMetric } from '../../pipeline/surveyDriver.js';
import { finishLedger } from '../../results/excluded.js';
import type { Group } from '../../results/groups.js';
import { buildRate, zForLevel, type RateResult } from '../../results/rate.js';

/**
 * Why a response was left out of {@link customerEffortScore}: `'no_answer'` or `'invalid:<code>'`.
 *
 * @category Surveys
 */
export type CustomerEffortScoreExclusion = SurveyExclusion;

/**
 * Options of {@link customerEffortScore}.
 *
 * @category Surveys
 */
export interface CustomerEffortScoreOptions extends InvalidOptions, ConfidenceOptions, SurveyTimeOptions, BreakdownOptions<SurveyBy> {
  /**
   * The answer scale.
   * @defaultValue `'1-7'` (CES 2.0)
   */
  readonly scale?: ScaleOption;
  /**
   * `'mean'` (the mean score) or `'top-box'` (the share of easy answers, in percent).
   * @defaultValue `'mean'`
   */
  readonly method?: 'mean' | 'top-box';
  /**
   * Which end of the scale means "easy": CES 2.0 agreement scales are `'higher-is-better'`; the original
   * 2010 CES (1–5, "how much effort") is `'lower-is-better'`.
   * @defaultValue `'higher-is-better'`
   */
  readonly direction?: 'higher-is-better' | 'lower-is-better';
  /**
   * The least easy score still counted as easy (inclusive): answers ≥ it (higher is better) or ≤ it (lower
   * is better).
   * @defaultValue the first point beyond the scale midpoint on the better side (5 on 1–7, 4 on 1–5 higher
   * is better, 2 on 1–5 lower is better)
   */
  readonly easyThreshold?: number;
  /** Surveys sent, for the response rate. */
  readonly surveysSent?: number;
}

/**
 * The result of {@link customerEffortScore}: a {@link RateResult} of easy over answered, with the mean.
 * Every value is `undefined` when nothing was counted.
 *
 * @category Surveys
 */
export interface CustomerEffortScoreResult extends RateResult<CustomerEffortScoreExclusion> {
  /** The headline: the mean score (`'mean'`) or the easy percentage (`'top-box'`). */
  readonly score: number | undefined;
  readonly method: 'mean' | 'top-box';
  readonly direction: 'higher-is-better' | 'lower-is-better';
  readonly scale: ScoreScale;
  /** The least easy score counted as easy. */
  readonly easyThreshold: number;
  /** Answers counted. */
  readonly count: number;
  /** Mean score (exact, as the nearest double). */
  readonly mean: number | undefined;
  readonly meanDecimal: Decimal | undefined;
  /** Sample standard deviation (n − 1); `undefined` below 2 answers. */
  readonly standardDeviation: number | undefined;
  /** mean ± z·sd/√n; `undefined` below 2 answers. */
  readonly meanInterval: { readonly low: number; readonly high: number; readonly level: number } | undefined;
  /** Answers per scale point, keyed by the score. */
  readonly distribution: Readonly<Record<number, number>>;
  /** Answers counted / surveysSent, when given (the whole only: `surveysSent` is not known per group). */
  readonly responseRate: RateResult<never> | undefined;
  /** Present with `by`: one row per group, each with its `key` and the same figures as the whole. */
  readonly groups?: readonly Group<CustomerEffortScoreResult>[];
}

const NAME = 'customerEffortScore';
const OPTIONS: readonly (keyof CustomerEffortScoreOptions)[] = [
  'scale',
  'method',
  'direction',
  'easyThreshold',
  'surveysSent',
  'confidence',
  'invalid',
  ...SURVEY_KEYS,
];

const METRIC = /* @__PURE__ */ surveyMetric(NAME, result);

/**
 * Customer effort score (CES): the mean effort score, or the share of "easy" answers, on a scale whose
 * direction is explicit.
 *
 * Cost: O(n); integer counting, one exact division at the end.
 *
 * @category Surveys
 * @param responses - scores, `null` for no answer, or `SurveyResponse` objects
 * @param options - scale, method, direction
 * @returns the score with the easy share as a {@link RateResult}
 * @example
 * ```ts
 * import { customerEffortScore } from 'helpdesk-metrics';
 * const ces = customerEffortScore([7, 6, 5, 5, 4, 2]);
 * ces.score;   //=> 4.833333333333333 (29 / 6)
 * ces.percent; //=> 66.66666666666667 (4 of 6 answers are 5–7)
 * ```
 */
export function customerEffortScore(
  responses: readonly SurveyAnswer[] | ArrayLike<number> | ArrayLike<bigint>,
  options?: CustomerEffortScoreOptions,
): CustomerEffortScoreResult {
  touchCapture(responses); // the incremental API: options are read here first (src/pipeline/driver.ts)
  checkOptionKeys(NAME, options, OPTIONS);
  const method = readChoice(NAME, 'method', options?.method, ['mean', 'top-box'], 'mean');
  const direction = readChoice(NAME, 'direction', options?.direction, ['higher-is-better', 'lower-is-better'], 'higher-is-better');
  const scale = readScale(NAME, options?.scale, '1-7');
  const level = readConfidence(NAME, options?.confidence);
  const invalid = readInvalid(NAME, options?.invalid);
  const given = options?.easyThreshold;
  let easyThreshold: number;
  if (given !== undefined) {
    easyThreshold = readWhole(NAME, 'easyThreshold', given, scale.min, scale.max);
  } else {
    // First whole point strictly beyond the midpoint: 2·v > min + max (higher) or 2·v < min + max (lower).
    const sum = scale.min + scale.max;
    easyThreshold = direction === 'higher-is-better' ? Math.floor(sum / 2) + 1 : Math.ceil(sum / 2) - 1;
  }
  const sent = readSurveysSent(NAME, options?.surveysSent);
  return runSurveyMetric(METRIC, responses, { functionName: NAME, scale, invalid }, options, { method, direction, level, easyThreshold, sent });
}

interface Params {
  readonly method: 'mean' | 'top-box';
  readonly direction: 'higher-is-better' | 'lower-is-better';
  readonly level: number;
  readonly easyThreshold: number;
  readonly sent: number | undefined;
}

/** The score of a histogram of answers. */
function result(counts: ScoreCounts, p: Params, group: boolean): CustomerEffortScoreResult {
  const { method, direction, level, easyThreshold } = p;
  const scale = counts.scale;
  const easy =
    direction === 'higher-is-better' ? countBetween(counts, easyThreshold, scale.max) : countBetween(counts, scale.min, easyThreshold);
  const excluded = finishLedger(counts.ledger);
  const rate: Omit<RateResult<CustomerEffortScoreExclusion>, 'groups'> = buildRate(easy, counts.count, excluded, level);
  const { distribution, responseRate } = surveyExtras(NAME, counts, group ? undefined : p.sent, level);
  const { mean, sd } = histogramMean(counts);
  let meanInterval: CustomerEffortScoreResult['meanInterval'];
  if (mean !== undefined && sd !== undefined) {
    const half = sd.times(zForLevel(level)).div(new D(counts.count).sqrt());
    meanInterval = { low: toDouble(mean.minus(half)), high: toDouble(mean.plus(half)), level };
  }
  const meanNumber = mean === undefined ? undefined : toDouble(mean);
  return {
    ...rate,
    score: method === 'mean' ? meanNumber : rate.percent,
    method,
    direction,
    scale,
    easyThreshold,
    count: counts.count,
    mean: meanNumber,
    meanDecimal: mean,
    standardDeviation: sd === undefined ? undefined : toDouble(sd),
    meanInterval,
    distribution,
    responseRate,
  };
}
