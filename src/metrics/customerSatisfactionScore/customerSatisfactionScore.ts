/**
 * Customer satisfaction score (CSAT).
 *
 * Formula: CSAT = satisfied / rated × 100, with satisfied = answers ≥ `satisfiedFrom` ('top-2-box': the two
 * top points, 4–5 on 1–5, the Intercom / Chatwoot convention; 'top-box': the top point only; 'good-bad':
 * Zendesk's good / (good + bad)); or, with `method: 'mean'`, the mean rating.
 * Response rate = rated / surveysSent when `surveysSent` is given.
 * Options: method, scale, satisfiedFrom, surveysSent, confidence, invalid, by (with timeZone,
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
  type SurveyExclusion,
} from '../../_lib/surveys.js';
import type { SurveyResponse } from '../../model/index.js';
import { readChoice, readConfidence, readInvalid, type ConfidenceOptions, type InvalidOptions } from '../../options/shared.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import type { SurveyBy, SurveyTimeOptions } from '../../pipeline/surveyBy.js';
import { runSurveyMetric, SURVEY_KEYS, surveyMetric } from '../../pipeline/surveyDriver.js';
import { finishLedger } from '../../results/excluded.js';
import type { Group } from '../../results/groups.js';
import { buildRate, zForLevel, type RateResult } from '../../results/rate.js';

/**
 * Why a response was left out of {@link customerSatisfactionScore}: `'no_answer'` (`null`, `undefined`,
 * `NaN`, or a rating `'offered'` but not given), or `'invalid:<code>'` under `invalid: 'exclude'`.
 *
 * @category Surveys
 */
export type CustomerSatisfactionScoreExclusion = SurveyExclusion;

/**
 * How satisfaction is counted:
 * - `'top-2-box'`: share of answers in the two top points (4–5 on 1–5);
 * - `'top-box'`: share of answers in the top point (5 on 1–5);
 * - `'good-bad'`: Zendesk's good / (good + bad); answers `'good'`/`'bad'` (or `true`/`false`), or numbers
 *   mapped as Zendesk maps its scales (1–2: 2 good; 1–3: 3 good; 1–5: 4–5 good);
 * - `'mean'`: the mean rating on the scale.
 *
 * @category Surveys
 */
export type CustomerSatisfactionMethod = 'top-2-box' | 'top-box' | 'good-bad' | 'mean';

/**
 * A Zendesk-style rating: `'good'`, `'bad'`, or `'offered'` / `'unoffered'` (no answer).
 *
 * @category Surveys
 */
export type SatisfactionRating = 'good' | 'bad' | 'offered' | 'unoffered';

/**
 * A CSAT answer: a number on the scale, a rating (method `'good-bad'`), `true`/`false` (good/bad),
 * `null`/`undefined`/`NaN` for no answer, or an object whose `score` is one of these.
 *
 * @category Surveys
 */
export type SatisfactionAnswer =
  | number
  | boolean
  | SatisfactionRating
  | null
  | undefined
  | SurveyResponse
  | (Omit<SurveyResponse, 'score'> & { readonly score: number | boolean | SatisfactionRating | null | undefined });

/**
 * Options of {@link customerSatisfactionScore}.
 *
 * @category Surveys
 */
export interface CustomerSatisfactionScoreOptions extends InvalidOptions, ConfidenceOptions, SurveyTimeOptions, BreakdownOptions<SurveyBy> {
  /** @defaultValue `'top-2-box'` */
  readonly method?: CustomerSatisfactionMethod;
  /**
   * The answer scale.
   * @defaultValue `'1-5'` (`'1-2'` for `method: 'good-bad'`)
   */
  readonly scale?: ScaleOption;
  /**
   * The lowest satisfied score, overriding the method's (top-2-box: max − 1; top-box: max; good-bad: max on
   * scales of up to 3 points, max − 1 above).
   */
  readonly satisfiedFrom?: number;
  /** Surveys sent, for the response rate (rated / sent). A whole number ≥ the answers counted. */
  readonly surveysSent?: number;
}

/**
 * The result of {@link customerSatisfactionScore}: a {@link RateResult} of satisfied over rated (`numerator`,
 * `denominator`, `rate`, `percent`, Wilson `interval`) plus the headline `score`, the mean and the
 * distribution. Every value is `undefined` when nothing was rated.
 *
 * @category Surveys
 */
export interface CustomerSatisfactionScoreResult extends RateResult<CustomerSatisfactionScoreExclusion> {
  /** The headline: `percent` (0..100) for the share methods, the mean rating for `'mean'`. */
  readonly score: number | undefined;
  readonly method: CustomerSatisfactionMethod;
  readonly scale: ScoreScale;
  /** The lowest satisfied score. */
  readonly satisfiedFrom: number;
  /** Answers counted (= `denominator`). */
  readonly count: number;
  /** Mean rating on the scale (exact, as the nearest double); `undefined` for ratings given as words. */
  readonly mean: number | undefined;
  /** Mean rating as a Decimal. */
  readonly meanDecimal: Decimal | undefined;
  /** Sample standard deviation of the ratings (n − 1); `undefined` below 2 answers. */
  readonly standardDeviation: number | undefined;
  /** mean ± z·sd/√n (normal approximation); `undefined` below 2 answers. */
  readonly meanInterval: { readonly low: number; readonly high: number; readonly level: number } | undefined;
  /** Answers per scale point, keyed by the score. */
  readonly distribution: Readonly<Record<number, number>>;
  /** Rated / surveysSent, when `surveysSent` was given (the whole only: `surveysSent` is not known per group). */
  readonly responseRate: RateResult<never> | undefined;
  /** Present with `by`: one row per group, each with its `key` and the same figures as the whole. */
  readonly groups?: readonly Group<CustomerSatisfactionScoreResult>[];
}

const NAME = 'customerSatisfactionScore';
const OPTIONS: readonly (keyof CustomerSatisfactionScoreOptions)[] = ['method', 'scale', 'satisfiedFrom', 'surveysSent', 'confidence', 'invalid', ...SURVEY_KEYS];
const METHODS: readonly CustomerSatisfactionMethod[] = ['top-2-box', 'top-box', 'good-bad', 'mean'];

function label(value: unknown, scale: ScoreScale): number | null | undefined {
  if (value === 'good' || value === true) return scale.max;
  if (value === 'bad' || value === false) return scale.min;
  if (value === 'offered' || value === 'unoffered') return null;
  return undefined;
}

const METRIC = /* @__PURE__ */ surveyMetric(NAME, result);

/**
 * Customer satisfaction score (CSAT): the share of satisfied answers (top-2-box by default), or the mean
 * rating, with its interval and the response rate.
 *
 * Counting is in integers (one pass, no allocation for bare numbers); one exact division at the end.
 * Cost: O(n).
 *
 * @category Surveys
 * @param responses - ratings: numbers on the scale, `'good'`/`'bad'`, `null` for no answer, or objects
 * @param options - method, scale, threshold, surveys sent
 * @returns satisfied over rated as a {@link RateResult}, with the headline `score`
 * @example
 * ```ts
 * import { customerSatisfactionScore } from 'helpdesk-metrics';
 * const csat = customerSatisfactionScore([5, 4, 4, 3, 1, null], { surveysSent: 10 });
 * csat.score;                 //=> 60 (3 of 5 answers are 4 or 5)
 * csat.mean;                  //=> 3.4
 * csat.responseRate?.percent; //=> 50
 * csat.excluded.byReason;     //=> { no_answer: 1 }
 * ```
 */
export function customerSatisfactionScore(
  responses: readonly SatisfactionAnswer[] | ArrayLike<number> | ArrayLike<bigint>,
  options?: CustomerSatisfactionScoreOptions,
): CustomerSatisfactionScoreResult {
  touchCapture(responses); // the incremental API: options are read here first (src/pipeline/driver.ts)
  checkOptionKeys(NAME, options, OPTIONS);
  const method = readChoice(NAME, 'method', options?.method, METHODS, 'top-2-box');
  const scale = readScale(NAME, options?.scale, method === 'good-bad' ? '1-2' : '1-5');
  const level = readConfidence(NAME, options?.confidence);
  const invalid = readInvalid(NAME, options?.invalid);
  let satisfiedFrom: number;
  const given = options?.satisfiedFrom;
  if (given !== undefined) satisfiedFrom = readWhole(NAME, 'satisfiedFrom', given, scale.min, scale.max);
  else if (method === 'top-box') satisfiedFrom = scale.max;
  else if (method === 'good-bad') satisfiedFrom = scale.max - scale.min <= 2 ? scale.max : scale.max - 1;
  else satisfiedFrom = scale.max - 1;
  const sent = readSurveysSent(NAME, options?.surveysSent);
  const setup = {
    functionName: NAME,
    scale,
    invalid,
    label: method === 'good-bad' ? (v: unknown) => label(v, scale) : (v: unknown) => (v === 'offered' || v === 'unoffered' ? null : undefined),
  };
  return runSurveyMetric(METRIC, responses, setup, options, { method, level, satisfiedFrom, sent });
}

interface Params {
  readonly method: CustomerSatisfactionMethod;
  readonly level: number;
  readonly satisfiedFrom: number;
  readonly sent: number | undefined;
}

/** The score of a histogram of answers. */
function result(counts: ScoreCounts, p: Params, group: boolean): CustomerSatisfactionScoreResult {
  const { method, level, satisfiedFrom } = p;
  const scale = counts.scale;
  const satisfied = countBetween(counts, satisfiedFrom, scale.max);
  const excluded = finishLedger(counts.ledger);
  const rate: Omit<RateResult<CustomerSatisfactionScoreExclusion>, 'groups'> = buildRate(satisfied, counts.count, excluded, level);
  const { distribution, responseRate } = surveyExtras(NAME, counts, group ? undefined : p.sent, level);
  const { mean, sd } = counts.words ? { mean: undefined, sd: undefined } : histogramMean(counts);
  let meanInterval: CustomerSatisfactionScoreResult['meanInterval'];
  if (mean !== undefined && sd !== undefined) {
    const half = sd.times(zForLevel(level)).div(new D(counts.count).sqrt());
    meanInterval = { low: toDouble(mean.minus(half)), high: toDouble(mean.plus(half)), level };
  }
  const meanNumber = mean === undefined ? undefined : toDouble(mean);
  return {
    ...rate,
    score: method === 'mean' ? meanNumber : rate.percent,
    method,
    scale,
    satisfiedFrom,
    count: counts.count,
    mean: meanNumber,
    meanDecimal: mean,
    standardDeviation: sd === undefined ? undefined : toDouble(sd),
    meanInterval,
    distribution,
    responseRate,
  };
}
