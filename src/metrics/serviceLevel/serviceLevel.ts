/**
 * Service level (SL, "80/20"): the share of calls answered within a threshold.
 *
 * Formula (by `abandoned` treatment; W = answered within, A = answered, B = abandoned):
 * `'ignore'` W / A · `'negative'` W / (A + B) · `'positive'` (W + abandoned within) / (A + B) ·
 * `'exclude-short'` W / (A + B − short abandons) · `'after-threshold'` W / (A + abandoned after the threshold).
 * Default definition: `'negative'`, the base formula of Genesys Cloud and Cisco's "abandoned calls
 * negative". "Within" means a wait ≤ `thresholdMs`. Options: thresholdMs, abandoned, shortAbandonMs,
 * clockStartsAt, confidence, period, by, and the read options (invalid, timeZone, allowEarlyTimestamps).
 * Accepts calls, a prepared set or aggregated interval rows.
 *
 * @module
 */
import type { Call } from '../../model/index.js';
import { outsidePeriod, readCallPeriod, readClockStart, type ClockStart } from '../../options/calls.js';
import { readChoice, readConfidence, readWholeMs, type ConfidenceOptions, type ParsedRange } from '../../options/shared.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import type { CallBy, CallIntervalRowBy, CallRateBy } from '../../pipeline/callBy.js';
import { runCallMetric, type CallMetric } from '../../pipeline/callDriver.js';
import type { CallInputOptions, PreparedCalls } from '../../pipeline/callSource.js';
import { RateAccumulator } from '../../pipeline/collect.js';
import type { RowMetric } from '../../pipeline/rowTally.js';
import { ABANDONED, ANSWERED, READ_ENTRY, waitOf, type CallColumns } from '../../read/callColumns.js';
import { NEED_ABANDONED_WITHIN, NEED_ANSWERED_WITHIN, NEED_SHORT_ABANDONS, type CallIntervalRow } from '../../read/intervalRows.js';
import { finishLedger, type Excluded, type InvalidReason } from '../../results/excluded.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * How abandoned calls enter the service level.
 * - `'ignore'`: answered within / answered; abandons are left out entirely.
 * - `'negative'`: answered within / (answered + abandoned); every abandon is a miss.
 * - `'positive'`: (answered within + abandoned within) / (answered + abandoned); an abandon before the
 *   threshold counts as a success (Cisco "abandoned calls positive", Amazon Connect "removed from queue
 *   within X").
 * - `'exclude-short'`: answered within / (answered + abandoned − short abandons); short abandons are neutral
 *   (Genesys with "Include short abandons" off, Bright Pattern, RingCentral's abandon threshold).
 * - `'after-threshold'`: answered within / (answered + abandoned after the threshold); abandons before the
 *   threshold are neutral (Cisco "abandoned calls ignored", Genesys glossary).
 *
 * @category Contact centre
 */
export type AbandonedTreatment = 'ignore' | 'negative' | 'positive' | 'exclude-short' | 'after-threshold';

/**
 * Why a call was left out of {@link serviceLevel}.
 * - `in_queue`: neither answered nor abandoned (still waiting; with rows, also flowed out);
 * - `abandoned`: an abandon under `'ignore'`;
 * - `short_abandon`: a short abandon under `'exclude-short'`;
 * - `abandoned_within_threshold`: an abandon within the threshold under `'after-threshold'`;
 * - `out_of_period`: queued (or, for rows, its interval starts) outside `period`;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Contact centre
 */
export type ServiceLevelExclusion =
  | 'in_queue'
  | 'abandoned'
  | 'short_abandon'
  | 'abandoned_within_threshold'
  | 'out_of_period'
  | InvalidReason;

/**
 * Options of {@link serviceLevel}.
 *
 * @category Contact centre
 */
export interface ServiceLevelOptions<B = CallRateBy> extends CallInputOptions, ConfidenceOptions, BreakdownOptions<B> {
  /**
   * The answer-time threshold ("20 seconds" of 80/20): a call is within it when its wait is ≤ thresholdMs.
   * Required for calls; with interval rows the counts were made by the source and this is not used.
   */
  readonly thresholdMs?: number;
  /** How abandoned calls count. @defaultValue `'negative'` */
  readonly abandoned?: AbandonedTreatment;
  /** Abandons with a wait strictly shorter than this are short (used by `'exclude-short'`). @defaultValue `5000` */
  readonly shortAbandonMs?: number;
  /** Where the wait starts: queue entry, or system (IVR) entry. @defaultValue `'queue'` */
  readonly clockStartsAt?: ClockStart;
}

const NAME = 'serviceLevel';
const MODES: readonly AbandonedTreatment[] = ['ignore', 'negative', 'positive', 'exclude-short', 'after-threshold'];

interface Params {
  readonly period: ParsedRange | undefined;
  readonly mode: AbandonedTreatment;
  readonly thresholdMs: number;
  readonly shortMs: number;
  readonly fromSystem: boolean;
  readonly level: number;
}

const METRIC: CallMetric<Params, RateAccumulator, RateResult<ServiceLevelExclusion>> = {
  name: NAME,
  optionKeys: ['thresholdMs', 'abandoned', 'shortAbandonMs', 'clockStartsAt', 'confidence', 'period'],
  params(o, ctx) {
    const mode = readChoice(NAME, 'abandoned', o.abandoned, MODES, 'negative');
    const shortMs = readWholeMs(NAME, 'shortAbandonMs', o.shortAbandonMs, 5000);
    const fromSystem = readClockStart(NAME, o.clockStartsAt);
    const level = readConfidence(NAME, o.confidence);
    // Required for calls; rows carry their own counts within the source's threshold.
    const thresholdMs = o.thresholdMs !== undefined || !ctx.rows ? readWholeMs(NAME, 'thresholdMs', o.thresholdMs) : 0;
    return { period: readCallPeriod(NAME, o, ctx), mode, thresholdMs, shortMs, fromSystem, level };
  },
  level: (p) => (p.fromSystem ? READ_ENTRY : 0),
  step: classify,
  start: () => new RateAccumulator(),
  finish: (acc, p) => acc.rate<ServiceLevelExclusion>(p.level),
};

/** The definition, for call j: 1 within the threshold, 0 a miss, or why it is outside the denominator. */
function classify(c: CallColumns, j: number, p: Params): number | ServiceLevelExclusion {
  if (outsidePeriod(p.period, c.queued, j)) return 'out_of_period';
  const outcome = c.outcome[j] as number;
  const wait = waitOf(c, j, p.fromSystem);
  if (outcome === ANSWERED) return wait <= p.thresholdMs ? 1 : 0;
  if (outcome !== ABANDONED) return 'in_queue';
  switch (p.mode) {
    case 'ignore':
      return 'abandoned';
    case 'exclude-short':
      return wait < p.shortMs ? 'short_abandon' : 0;
    case 'after-threshold':
      return wait <= p.thresholdMs ? 'abandoned_within_threshold' : 0;
    case 'positive':
      return wait <= p.thresholdMs ? 1 : 0;
    default:
      return 0;
  }
}

/** Interval rows: the same formulas on the counts (W answered within, A answered, B abandoned). */
const ROWS: RowMetric<Params, RateResult<ServiceLevelExclusion>> = {
  needs: (p) =>
    NEED_ANSWERED_WITHIN |
    (p.mode === 'positive' || p.mode === 'after-threshold' ? NEED_ABANDONED_WITHIN : 0) |
    (p.mode === 'exclude-short' ? NEED_SHORT_ABANDONS : 0),
  excluded: (p) =>
    p.mode === 'ignore'
      ? { abandoned: 'abandoned' }
      : p.mode === 'exclude-short'
        ? { shortAbandons: 'short_abandon' }
        : p.mode === 'after-threshold'
          ? { abandonedWithin: 'abandoned_within_threshold' }
          : {},
  finish(t, p) {
    let num = t.answeredWithin;
    let den = t.answered + t.abandoned;
    if (p.mode === 'ignore') den = t.answered;
    else if (p.mode === 'positive') num += t.abandonedWithin;
    else if (p.mode === 'exclude-short') den -= t.shortAbandons;
    else if (p.mode === 'after-threshold') den -= t.abandonedWithin;
    return buildRate(num, den, finishLedger(t.ledger) as Excluded<ServiceLevelExclusion>, p.level);
  },
};

/**
 * Service level: the share of calls answered within `thresholdMs`, with the abandoned-call treatment as
 * an explicit option ({@link AbandonedTreatment}).
 *
 * Accepts either calls or aggregated interval rows ({@link CallIntervalRow}: `answeredWithin` always,
 * `abandonedWithin` for `'positive'` and `'after-threshold'`, `shortAbandons` for `'exclude-short'`),
 * summed exactly.
 *
 * Cost: O(n), no sort.
 *
 * @category Contact centre
 * @param calls - calls, a prepared set ({@link prepareCalls}), or interval rows
 * @param options - `thresholdMs` (required for calls) and the abandon treatment
 * @returns a {@link RateResult}
 * @example
 * ```ts
 * import { serviceLevel } from 'helpdesk-metrics';
 * // Cisco's example: 70 answered within, 20 answered late, 10 abandoned within the threshold.
 * const row = { offered: 100, answered: 90, abandoned: 10, answeredWithin: 70, abandonedWithin: 10 };
 * serviceLevel([row], { abandoned: 'negative' }).percent;        //=> 70
 * serviceLevel([row], { abandoned: 'positive' }).percent;        //=> 80
 * serviceLevel([row], { abandoned: 'after-threshold' }).percent; //=> 77.77777777777777
 * const calls = [
 *   { id: 'C1', queuedAt: '2026-03-02T09:00:00Z', answeredAt: '2026-03-02T09:00:10Z', agentId: 'ana' },
 *   { id: 'C2', queuedAt: '2026-03-02T09:01:00Z', answeredAt: '2026-03-02T09:01:45Z', agentId: 'ana' },
 *   { id: 'C3', queuedAt: '2026-03-02T09:02:00Z', answeredAt: '2026-03-02T09:02:05Z', agentId: 'ben' },
 * ];
 * serviceLevel(calls, { thresholdMs: 20_000, by: 'agent' }).groups?.map((g) => [g.key.agent, g.percent]);
 * //=> [['ana', 50], ['ben', 100]]
 * ```
 */
export function serviceLevel(calls: readonly Call[] | PreparedCalls, options?: ServiceLevelOptions<CallBy>): RateResult<ServiceLevelExclusion>;
export function serviceLevel(rows: readonly CallIntervalRow[], options?: ServiceLevelOptions<CallIntervalRowBy>): RateResult<ServiceLevelExclusion>;
export function serviceLevel(calls: readonly Call[] | readonly CallIntervalRow[] | PreparedCalls, options?: ServiceLevelOptions): RateResult<ServiceLevelExclusion>;
export function serviceLevel(
  calls: readonly Call[] | readonly CallIntervalRow[] | PreparedCalls,
  options?: ServiceLevelOptions<CallBy | CallIntervalRowBy | CallRateBy>,
): RateResult<ServiceLevelExclusion> {
  return runCallMetric(METRIC, calls, options, ROWS);
}
