/**
 * Net Promoter Score (NPS).
 *
 * Formula: NPS = 100 × (P − D) / N, with N = promoters + passives + detractors (passives count in N).
 * Default definition: Bain / Satmetrix on a 0–10 scale: promoters 9–10, passives 7–8, detractors 0–6. On a
 * 1–10 scale the same thresholds apply (detractors 1–6).
 * Uncertainty: SE = 100·√((p + d − (p − d)²)/n) (multinomial Wald), margin = z·SE; with weights, n is the
 * effective sample size (Σw)²/Σw² (Kish).
 * Options: scale, bands, weights, confidence, invalid, by (with timeZone, allowEarlyTimestamps for `at`).
 *
 * @module
 */
import { touchCapture } from '../../pipeline/driver.js';
import type { Decimal } from 'decimal.js';
import { D, plusZero, toDouble } from '../../_lib/decimal.js';
import { checkOptionKeys, describe } from '../../_lib/options.js';
import { countBetween, readScale, weightBetween, weightSquares, type ScoreCounts, type ScoreScale, type SurveyAnswer, type SurveyExclusion } from '../../_lib/surveys.js';
import { optionError, readChoice, readConfidence, readInvalid, type ConfidenceOptions, type InvalidOptions } from '../../options/shared.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import type { SurveyBy, SurveyTimeOptions } from '../../pipeline/surveyBy.js';
import { runSurveyMetric, SURVEY_KEYS, surveyMetric } from '../../pipeline/surveyDriver.js';
import { finishLedger, type Excluded } from '../../results/excluded.js';
import type { Grouped } from '../../results/groups.js';
import { zForLevel } from '../../results/rate.js';

/**
 * Why a response was left out of {@link netPromoterScore}: `'no_answer'` (`null`, `undefined`, `NaN`), or
 * `'invalid:<code>'` under `invalid: 'exclude'` (`'invalid:out_of_range'` for 11 or −1,
 * `'invalid:invalid_value'` for 8.5, `'invalid:invalid_record'` for a string, ...).
 *
 * @category Surveys
 */
export type NetPromoterScoreExclusion = SurveyExclusion;

/**
 * An inclusive range of scores, `[from, to]`.
 *
 * @category Surveys
 */
export type ScoreBand = readonly [from: number, to: number];

/**
 * The three NPS groups as inclusive score ranges. They must not overlap and must cover the scale.
 *
 * @category Surveys
 */
export interface NetPromoterBands {
  readonly detractors: ScoreBand;
  readonly passives: ScoreBand;
  readonly promoters: ScoreBand;
}

/**
 * Options of {@link netPromoterScore}.
 *
 * @category Surveys
 */
export interface NetPromoterScoreOptions extends InvalidOptions, ConfidenceOptions, SurveyTimeOptions, BreakdownOptions<SurveyBy> {
  /**
   * The answer scale. On `'1-10'` the default bands are detractors 1–6, passives 7–8, promoters 9–10.
   * @defaultValue `'0-10'`
   */
  readonly scale?: '0-10' | '1-10';
  /**
   * Custom groups (validated: whole numbers inside the scale, no overlap, every point covered).
   * @defaultValue detractors `[0, 6]` (`[1, 6]` on 1–10), passives `[7, 8]`, promoters `[9, 10]`
   */
  readonly bands?: NetPromoterBands;
  /**
   * One survey weight per response (same length as `responses`); overrides `SurveyResponse.weight`. With
   * weights the score is 100 × (Σw·[promoter] − Σw·[detractor]) / Σw and the error uses the effective
   * sample size (Σw)²/Σw².
   */
  readonly weights?: ArrayLike<number> | ArrayLike<bigint>;
}

/**
 * The weighted totals, when any response carried a weight. Exact sums.
 *
 * @category Surveys
 */
export interface NetPromoterWeights {
  readonly promoters: Decimal;
  readonly passives: Decimal;
  readonly detractors: Decimal;
  readonly total: Decimal;
  /** Σw². */
  readonly sumOfSquares: Decimal;
}

/**
 * The result of {@link netPromoterScore}. Every score field is `undefined` when no response was counted
 * (never 0 or NaN).
 *
 * @category Surveys
 */
export interface NetPromoterScoreResult extends Grouped<NetPromoterScoreResult> {
  /** NPS in [−100, 100], the exact quotient as the nearest double. */
  readonly score: number | undefined;
  /** NPS as a Decimal (40 significant digits, half-even): the exact rational `100(P − D)/N` correctly rounded. */
  readonly scoreDecimal: Decimal | undefined;
  /** Responses counted: promoters + passives + detractors. */
  readonly count: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** Shares in percent (0..100), weighted when weights were given. */
  readonly promoterPercent: number | undefined;
  readonly passivePercent: number | undefined;
  readonly detractorPercent: number | undefined;
  /** Standard error of the score, in NPS points. */
  readonly standardError: number | undefined;
  /** z × standardError at `confidence`. */
  readonly marginOfError: number | undefined;
  /** score ± marginOfError, clamped to [−100, 100]. */
  readonly interval: { readonly low: number; readonly high: number; readonly level: number } | undefined;
  /** The confidence level used. */
  readonly confidence: number;
  /** n used in the standard error: `count`, or (Σw)²/Σw² with weights. */
  readonly effectiveSampleSize: number | undefined;
  /** Weighted totals, or `undefined` when no response carried a weight. */
  readonly weights: NetPromoterWeights | undefined;
  /** The scale and bands used. */
  readonly scale: ScoreScale;
  readonly bands: NetPromoterBands;
  /** Responses not counted, by reason. */
  readonly excluded: Excluded<NetPromoterScoreExclusion>;
}

const NAME = 'netPromoterScore';
const OPTIONS: readonly (keyof NetPromoterScoreOptions)[] = ['scale', 'bands', 'weights', 'confidence', 'invalid', ...SURVEY_KEYS];
const GROUPS = ['detractors', 'passives', 'promoters'] as const;

function defaultBands(scale: ScoreScale): NetPromoterBands {
  return { detractors: [scale.min, 6], passives: [7, 8], promoters: [9, 10] };
}

function readBands(value: unknown, scale: ScoreScale): NetPromoterBands {
  if (value === undefined) return defaultBands(scale);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    optionError(NAME, 'bands', `must be { detractors, passives, promoters }, got ${describe(value)}`);
  }
  checkOptionKeys(NAME, value, GROUPS, 'bands');
  const owner = new Int8Array(scale.max - scale.min + 1).fill(-1);
  const out: [number, number][] = [];
  GROUPS.forEach((name, g) => {
    const band: unknown = (value as Record<string, unknown>)[name];
    const field = `bands.${name}`;
    if (!Array.isArray(band) || band.length !== 2) optionError(NAME, field, `must be [from, to], got ${describe(band)}`);
    const [rawFrom, rawTo] = band as unknown[];
    if (typeof rawFrom !== 'number' || typeof rawTo !== 'number' || !Number.isInteger(rawFrom) || !Number.isInteger(rawTo) || rawFrom > rawTo) {
      optionError(NAME, field, `must be [from, to] with whole numbers from ≤ to, got [${describe(rawFrom)}, ${describe(rawTo)}]`);
    }
    const from = plusZero(rawFrom);
    const to = plusZero(rawTo);
    if (from < scale.min || to > scale.max) optionError(NAME, field, `[${from}, ${to}] reaches outside the ${scale.min}–${scale.max} scale`);
    for (let v = from; v <= to; v++) {
      const prev = owner[v - scale.min] as number;
      if (prev !== -1) optionError(NAME, field, `overlaps bands.${GROUPS[prev] as string} at ${v}`);
      owner[v - scale.min] = g;
    }
    out.push([from, to]);
  });
  const gap = owner.indexOf(-1);
  if (gap !== -1) optionError(NAME, 'bands', `score ${gap + scale.min} belongs to no band; the bands must cover the scale`);
  return { detractors: out[0] as ScoreBand, passives: out[1] as ScoreBand, promoters: out[2] as ScoreBand };
}

const METRIC = /* @__PURE__ */ surveyMetric(NAME, result);

/**
 * Net Promoter Score (NPS) with its standard error and margin of error.
 *
 * Counting is in integers (one pass, no allocation for bare numbers); the score and its variance are
 * computed once at the end with exact decimals: Var = 100²·(n(P + D) − (P − D)²)/n³.
 * Cost: O(n).
 *
 * @category Surveys
 * @param responses - bare scores, `null`/`undefined`/`NaN` for "no answer", or `SurveyResponse` objects; a
 *   typed array of scores (`Uint8Array`, `Float64Array`, `BigInt64Array`, ...) is accepted too
 * @param options - scale, bands, weights, confidence level, invalid-record policy
 * @returns the score, the group counts, the uncertainty and the exclusions
 * @example
 * ```ts
 * import { netPromoterScore } from 'helpdesk-metrics';
 * const nps = netPromoterScore([10, 9, 9, 8, 7, 6, 3, null]);
 * nps.score;             //=> 14.285714285714286 (100 × (3 − 2) / 7)
 * nps.count;             //=> 7
 * nps.standardError;     //=> 31.484180858247985 (100 × √(34/343))
 * nps.excluded.byReason; //=> { no_answer: 1 }
 * ```
 */
export function netPromoterScore(
  responses: readonly SurveyAnswer[] | ArrayLike<number> | ArrayLike<bigint>,
  options?: NetPromoterScoreOptions,
): NetPromoterScoreResult {
  touchCapture(responses); // the incremental API: options are read here first (src/pipeline/driver.ts)
  checkOptionKeys(NAME, options, OPTIONS);
  const scale = readScale(NAME, readChoice(NAME, 'scale', options?.scale, ['0-10', '1-10'], '0-10'), '0-10');
  const params: Params = { bands: readBands(options?.bands, scale), confidence: readConfidence(NAME, options?.confidence) };
  const setup = { functionName: NAME, scale, invalid: readInvalid(NAME, options?.invalid), allowWeights: true, weights: options?.weights };
  return runSurveyMetric(METRIC, responses, setup, options, params);
}

interface Params {
  readonly bands: NetPromoterBands;
  readonly confidence: number;
}

/** The score of a histogram of answers, with its uncertainty. */
function result(counts: ScoreCounts, p: Params): NetPromoterScoreResult {
  const { bands, confidence } = p;
  const scale = counts.scale;
  const promoters = countBetween(counts, bands.promoters[0], bands.promoters[1]);
  const passives = countBetween(counts, bands.passives[0], bands.passives[1]);
  const detractors = countBetween(counts, bands.detractors[0], bands.detractors[1]);
  const n = counts.count;
  const excluded = finishLedger(counts.ledger);

  let weights: NetPromoterWeights | undefined;
  // Weighted or not, everything below works on totals: wP, wA (passives), wD, W = wP + wA + wD, and the
  // effective sample size nEff.
  let wP: Decimal;
  let wA: Decimal;
  let wD: Decimal;
  let nEff: Decimal;
  if (counts.weighted) {
    wP = weightBetween(counts, bands.promoters[0], bands.promoters[1]);
    wA = weightBetween(counts, bands.passives[0], bands.passives[1]);
    wD = weightBetween(counts, bands.detractors[0], bands.detractors[1]);
    const total = wP.plus(wA).plus(wD);
    const sumOfSquares = weightSquares(counts);
    weights = { promoters: wP, passives: wA, detractors: wD, total, sumOfSquares };
    nEff = sumOfSquares.isZero() ? new D(0) : total.times(total).div(sumOfSquares);
  } else {
    wP = new D(promoters);
    wA = new D(passives);
    wD = new D(detractors);
    nEff = new D(n);
  }
  const W = wP.plus(wA).plus(wD);
  const base = {
    count: n,
    promoters,
    passives,
    detractors,
    confidence,
    weights,
    scale,
    bands,
    excluded,
  };
  if (W.isZero()) {
    return {
      ...base,
      score: undefined,
      scoreDecimal: undefined,
      promoterPercent: undefined,
      passivePercent: undefined,
      detractorPercent: undefined,
      standardError: undefined,
      marginOfError: undefined,
      interval: undefined,
      effectiveSampleSize: n === 0 ? undefined : toDouble(nEff),
    };
  }
  const net = wP.minus(wD);
  const scoreDecimal = net.times(100).div(W);
  // p + d − (p − d)² = (W(wP + wD) − (wP − wD)²) / W², so Var = 100² · that / nEff.
  const spread = W.times(wP.plus(wD)).minus(net.times(net));
  const variance = spread.times(10000).div(W.times(W)).div(nEff);
  const se = variance.isNegative() ? new D(0) : variance.sqrt();
  const moe = se.times(zForLevel(confidence));
  const clamp = (v: number): number => (v < -100 ? -100 : v > 100 ? 100 : v === 0 ? 0 : v);
  const score = toDouble(scoreDecimal);
  return {
    ...base,
    score,
    scoreDecimal,
    promoterPercent: toDouble(wP.times(100).div(W)),
    passivePercent: toDouble(wA.times(100).div(W)),
    detractorPercent: toDouble(wD.times(100).div(W)),
    standardError: toDouble(se),
    marginOfError: toDouble(moe),
    interval: {
      low: clamp(toDouble(scoreDecimal.minus(moe))),
      high: clamp(toDouble(scoreDecimal.plus(moe))),
      level: confidence,
    },
    effectiveSampleSize: toDouble(nEff),
  };
}
