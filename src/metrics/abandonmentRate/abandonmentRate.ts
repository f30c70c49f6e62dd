/**
 * Abandonment rate.
 *
 * Formula: abandoned / offered, where offered = answered + abandoned (calls still waiting are left out),
 * and short abandons (waits under `shortAbandonMs`) are removed from both by default.
 * Default definition: Genesys Cloud "Abandon %" (abandoned / offered) with the industry 5-second short-abandon
 * rule (Talkdesk, Webex, VICIdial guides). Options: shortAbandonMs, shortAbandons, clockStartsAt, confidence,
 * period, by, and the read options (invalid, timeZone, allowEarlyTimestamps). Accepts calls, a prepared set or
 * aggregated interval rows (summed exactly, never averaged).
 *
 * @module
 */
import type { Call } from '../../model/index.js';
import { outsidePeriod, readCallPeriod, readClockStart, type ClockStart } from '../../options/calls.js';
import { readChoice, readConfidence, readWholeMs, type ConfidenceOptions, type ParsedRange } from '../../options/shared.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import type { CallBy, CallIntervalRowBy, CallRateBy } from '../../pipeline/callBy.js';
import { runCallMetric, type CallMetric } from '../../pipeline/callDriver.js';
import type { RowMetric } from '../../pipeline/rowTally.js';
import type { CallInputOptions, PreparedCalls } from '../../pipeline/callSource.js';
import { RateAccumulator } from '../../pipeline/collect.js';
import { NEED_SHORT_ABANDONS, type CallIntervalRow } from '../../read/intervalRows.js';
import { ANSWERED, READ_ENTRY, WAITING, waitOf, type CallColumns } from '../../read/callColumns.js';
import { finishLedger, type Excluded, type InvalidReason } from '../../results/excluded.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * Why a call was left out of {@link abandonmentRate}.
 * - `in_queue`: neither answered nor abandoned (still waiting; with rows, also flowed out);
 * - `short_abandon`: abandoned faster than `shortAbandonMs` under `shortAbandons: 'exclude'`;
 * - `out_of_period`: queued (or, for rows, its interval starts) outside `period`;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Contact centre
 */
export type AbandonmentRateExclusion = 'in_queue' | 'short_abandon' | 'out_of_period' | InvalidReason;

/**
 * Options of {@link abandonmentRate}.
 *
 * @category Contact centre
 */
export interface AbandonmentRateOptions<B = CallRateBy> extends CallInputOptions, ConfidenceOptions, BreakdownOptions<B> {
  /**
   * Abandons with a wait strictly shorter than this are short abandons (misdials, callers who hang up at
   * the greeting). Ignored for interval rows, whose `shortAbandons` were counted by the source.
   * @defaultValue `5000`
   */
  readonly shortAbandonMs?: number;
  /**
   * `'exclude'`: short abandons leave the numerator and the denominator (listed as `'short_abandon'`);
   * `'include'`: they count as abandons.
   * @defaultValue `'exclude'`
   */
  readonly shortAbandons?: 'exclude' | 'include';
  /**
   * Where the short-abandon clock starts: at queue entry, or at system (IVR) entry like Talkdesk and Webex.
   * @defaultValue `'queue'`
   */
  readonly clockStartsAt?: ClockStart;
}

const NAME = 'abandonmentRate';

interface Params {
  readonly period: ParsedRange | undefined;
  readonly shortMs: number;
  readonly dropShort: boolean;
  readonly fromSystem: boolean;
  readonly level: number;
}

const METRIC: CallMetric<Params, RateAccumulator, RateResult<AbandonmentRateExclusion>> = {
  name: NAME,
  optionKeys: ['shortAbandonMs', 'shortAbandons', 'clockStartsAt', 'confidence', 'period'],
  params: (o, ctx) => ({
    period: readCallPeriod(NAME, o, ctx),
    shortMs: readWholeMs(NAME, 'shortAbandonMs', o.shortAbandonMs, 5000),
    dropShort: readChoice(NAME, 'shortAbandons', o.shortAbandons, ['exclude', 'include'], 'exclude') === 'exclude',
    fromSystem: readClockStart(NAME, o.clockStartsAt),
    level: readConfidence(NAME, o.confidence),
  }),
  level: (p) => (p.fromSystem ? READ_ENTRY : 0),
  step: classify,
  start: () => new RateAccumulator(),
  finish: (acc, p) => acc.rate<AbandonmentRateExclusion>(p.level),
};

/** The definition, for call j: 1 abandoned, 0 answered (both offered), or why it is not offered. */
function classify(c: CallColumns, j: number, p: Params): number | AbandonmentRateExclusion {
  if (outsidePeriod(p.period, c.queued, j)) return 'out_of_period';
  const outcome = c.outcome[j] as number;
  if (outcome === ANSWERED) return 0;
  if (outcome === WAITING) return 'in_queue';
  return p.dropShort && waitOf(c, j, p.fromSystem) < p.shortMs ? 'short_abandon' : 1;
}

/** Interval rows: abandoned / (answered + abandoned), short abandons out of both when excluded. */
const ROWS: RowMetric<Params, RateResult<AbandonmentRateExclusion>> = {
  needs: (p) => (p.dropShort ? NEED_SHORT_ABANDONS : 0),
  excluded: (p) => (p.dropShort ? { shortAbandons: 'short_abandon' } : {}),
  finish(t, p) {
    const short = p.dropShort ? t.shortAbandons : 0;
    return buildRate(t.abandoned - short, t.answered + t.abandoned - short, finishLedger(t.ledger) as Excluded<AbandonmentRateExclusion>, p.level);
  },
};

/**
 * Abandonment rate: the share of offered calls whose caller hung up before an agent answered.
 *
 * Accepts either calls or aggregated interval rows ({@link CallIntervalRow}: `offered`, `answered`,
 * `abandoned`, `shortAbandons`); the form is recognised by the first record (`offered` without
 * `queuedAt` means rows). Rows are summed exactly: never an average of per-row percentages.
 *
 * Cost: O(n), no sort.
 *
 * @category Contact centre
 * @param calls - calls, a prepared set ({@link prepareCalls}), or interval rows
 * @param options - the definition
 * @returns a {@link RateResult}: `numerator` abandoned, `denominator` offered
 * @example
 * ```ts
 * import { abandonmentRate } from 'helpdesk-metrics';
 * const r = abandonmentRate([{ offered: 100, answered: 95, abandoned: 5, shortAbandons: 0 }]);
 * r.percent; //=> 5
 * const c = abandonmentRate([
 *   { id: 1, queuedAt: '2026-03-02T09:00:00Z', answeredAt: '2026-03-02T09:00:30Z' },
 *   { id: 2, queuedAt: '2026-03-02T09:01:00Z', abandonedAt: '2026-03-02T09:02:00Z' },
 *   { id: 3, queuedAt: '2026-03-02T09:03:00Z', abandonedAt: '2026-03-02T09:03:02Z' },
 * ]);
 * c.rate;              //=> 0.5 (the 2-second abandon is short)
 * c.excluded.byReason; //=> { short_abandon: 1 }
 * ```
 */
export function abandonmentRate(calls: readonly Call[] | PreparedCalls, options?: AbandonmentRateOptions<CallBy>): RateResult<AbandonmentRateExclusion>;
export function abandonmentRate(rows: readonly CallIntervalRow[], options?: AbandonmentRateOptions<CallIntervalRowBy>): RateResult<AbandonmentRateExclusion>;
export function abandonmentRate(calls: readonly Call[] | readonly CallIntervalRow[] | PreparedCalls, options?: AbandonmentRateOptions): RateResult<AbandonmentRateExclusion>;
export function abandonmentRate(
  calls: readonly Call[] | readonly CallIntervalRow[] | PreparedCalls,
  options?: AbandonmentRateOptions<CallBy | CallIntervalRowBy | CallRateBy>,
): RateResult<AbandonmentRateExclusion> {
  return runCallMetric(METRIC, calls, options, ROWS);
}
