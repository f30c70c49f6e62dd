/**
 * The survey part of the driver (src/pipeline/driver.ts). Without `by`, a survey score is one counting pass of
 * the survey reader into a histogram (its fast paths for arrays and typed arrays of bare scores), then the
 * metric's finish. With `by`, the answers are read in batches into columns and run through the driver: the
 * step puts each answer's point on the scale into the histogram of the whole and of each of its groups, and
 * every group is finished the same way, so that each has the full result shape. Answers have no flags; their
 * `at` is read (and an invalid one is invalid) only for a time bucket of `'at'`.
 *
 * @internal
 * @module
 */
import type Decimal from 'decimal.js';
import { D } from '../_lib/decimal.js';
import { earliestEpochMs } from '../_lib/timestamp.js';
import type { ScoreCounts, ScoreScale, SurveyExclusion } from '../_lib/surveys.js';
import { optionError, readBoolean, readZone } from '../options/shared.js';
import { countScores, NO_ANSWER, READ_AT, S_BAD_AT, ScoreHistogram, SurveyColumns, SurveyReader, type CountSetup } from '../read/surveyReader.js';
import { Accumulator } from './collect.js';
import { savedBoolean, savedCounts, savedDecimal, savedList, savedObject } from './partial.js';
import { readBy, type RecordSchema } from './breakdown.js';
import { ColumnKeys, drive, touchCapture, type RecordKind, type RecordMetric, type WithGroups } from './driver.js';

/** @internal The option keys every survey score takes besides its own. */
export const SURVEY_KEYS = ['by', 'timeZone', 'allowEarlyTimestamps'] as const;

/** @internal The schema of survey responses for breakdowns. */
export const SURVEY_SCHEMA: RecordSchema = {
  collection: 'responses',
  fields: ['channel', 'agentId', 'ticketId'],
  aliases: new Map([['agent', 'agentId']]),
  multiFields: [],
  customFields: false,
  derived: [],
  instants: ['at'],
};

/** A group key source over a batch of answers: their `at`. */
class SurveyKeys extends ColumnKeys<SurveyColumns> {
  override instant(): ArrayLike<number> {
    return this.c.at;
  }
}

/** Survey responses as the driver sees them. */
const SURVEYS: RecordKind<SurveyColumns> = {
  collection: 'responses',
  batch: 4_096,
  keys: () => new SurveyKeys(),
  flagReason: () => 'ineligible',
  idle() {
    const cols = new SurveyColumns();
    const reader = new SurveyReader([], { functionName: 'anchor', scale: { min: 0, max: 10 }, invalid: 'throw' }, undefined, 0);
    reader.read(cols, 0, 0, READ_AT);
    return [cols, reader];
  },
};

/** The answer the step is on: what its accumulators need besides its point (its weight, whether a word). */
class CurrentAnswer {
  weight: Decimal | undefined = undefined;
  word = false;
}

/** A histogram of answers, with the ledger of the others. */
class ScoreAccumulator extends Accumulator {
  h: ScoreHistogram;
  constructor(
    private readonly points: number,
    private readonly cur: CurrentAnswer,
  ) {
    super();
    this.h = new ScoreHistogram(points);
  }
  add(k: number): void {
    this.h.add(k, this.cur.weight, this.cur.word);
  }
  mergeFrom(o: ScoreAccumulator): void {
    this.h.merge(o.h);
  }
  /**
   * `{ hist, explicitCount, explicitWeight, explicitWeightSquares, weighted, words }`: the counts per point,
   * the exact weight sums as decimal strings.
   */
  override save(): unknown {
    const h = this.h;
    return {
      hist: Array.from(h.hist),
      explicitCount: Array.from(h.explicitCount),
      explicitWeight: h.explicitWeight.map((w) => w.toString()),
      explicitWeightSquares: h.explicitWeightSquares.toString(),
      weighted: h.weighted,
      words: h.words,
    };
  }
  override load(saved: unknown): void {
    const what = 'a score histogram';
    const o = savedObject(saved, what);
    const points = this.h.hist.length;
    // The saved histogram, checked whole before it is added (ScoreHistogram.merge, as mergeFrom does).
    const h = new ScoreHistogram(points);
    h.hist.set(savedCounts(o.hist, what, points, true));
    h.explicitCount.set(savedCounts(o.explicitCount, what, points, true));
    savedList(o.explicitWeight, what, points, true).forEach((w, k) => (h.explicitWeight[k] = new D(savedDecimal(w, what))));
    h.explicitWeightSquares = new D(savedDecimal(o.explicitWeightSquares, what));
    h.weighted = savedBoolean(o.weighted, what);
    h.words = savedBoolean(o.words, what);
    this.h.merge(h);
  }
  protected override reset(): void {
    this.h = new ScoreHistogram(this.points);
  }
}

interface Params<P> {
  readonly scale: ScoreScale;
  readonly cur: CurrentAnswer;
  readonly metric: P;
}

/** @internal A survey score on the driver: its name and how a histogram of answers becomes its result. */
export interface SurveyMetric<P, Res> extends RecordMetric<SurveyColumns, Params<P>, ScoreAccumulator, Res> {
  /** The result of a histogram; `group` is true for the histogram of a group (not the whole). */
  readonly result: (counts: ScoreCounts, p: P, group: boolean) => Res;
}

/** The definition every survey score shares: an answer counts at its point on the scale, or has no answer. */
function countAnswer(c: SurveyColumns, j: number, p: Params<unknown>): number | SurveyExclusion {
  const k = c.point[j] as number;
  if (k === NO_ANSWER) return 'no_answer';
  p.cur.weight = c.weight[j];
  p.cur.word = c.word[j] === 1;
  return k;
}

/** @internal Defines a survey score (one constant per metric module). */
export function surveyMetric<P, Res>(name: string, result: (counts: ScoreCounts, p: P, group: boolean) => Res): SurveyMetric<P, Res> {
  return {
    name,
    result,
    step: countAnswer,
    start: (p) => new ScoreAccumulator(p.scale.max - p.scale.min + 1, p.cur),
    finish(acc, p, overall) {
      return result(acc.h.counts(p.scale, acc.ledger as ScoreCounts['ledger']), p.metric, acc !== overall);
    },
  };
}

/**
 * @internal Runs a survey score: the counting pass and `def.result` without `by`; the driver with it. `options`
 * have been checked for unknown keys; `setup` says how to read the answers, `params` are the metric's own.
 */
export function runSurveyMetric<P, Res extends object>(
  def: SurveyMetric<P, Res>,
  responses: unknown,
  setup: CountSetup,
  options: { readonly by?: unknown; readonly timeZone?: unknown; readonly allowEarlyTimestamps?: unknown } | undefined,
  params: P,
): WithGroups<Res> {
  const name = def.name;
  const zone = readZone(name, options?.timeZone);
  const minMs = earliestEpochMs(readBoolean(name, 'allowEarlyTimestamps', options?.allowEarlyTimestamps, false));
  const spec = readBy(name, options?.by, SURVEY_SCHEMA);
  const capture = touchCapture(responses) ? responses : undefined;
  if (spec === undefined && capture === undefined) return def.result(countScores(responses, setup), params, false) as WithGroups<Res>;
  if (capture !== undefined && setup.weights !== undefined) optionError(name, 'weights', 'a weights array is not incremental: give each response its weight', 'invalid_argument');
  const reader = new SurveyReader((capture === undefined ? responses : capture.records) as ArrayLike<unknown>, setup, zone, minMs);
  if (capture !== undefined) {
    reader.offset = capture.offset;
    if (capture.duplicates !== undefined) reader.forceDuplicates(capture.duplicates);
    if (capture.prior !== undefined) reader.usePrior(capture.prior);
  }
  const level = spec !== undefined && spec.instants.length > 0 ? READ_AT : 0;
  const p: Params<P> = { scale: setup.scale, cur: new CurrentAnswer(), metric: params };
  return drive(SURVEYS, def, p, spec, { invalid: setup.invalid, need: level !== 0 ? S_BAD_AT : 0, mask: 0 }, {
    reader,
    columns: capture === undefined ? new SurveyColumns() : capture.keep(SurveyColumns, () => new SurveyColumns()),
    length: reader.responses.length,
    level,
  }, capture);
}
