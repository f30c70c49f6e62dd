/**
 * Average abandon time (time to abandon).
 *
 * Formula: abandonedAt − queuedAt per abandoned call (or − enteredAt with `clockStartsAt: 'system'`);
 * summarised. Default definition: Amazon Connect "Average queue abandon time" (every abandoned contact,
 * dequeue − enqueue), so short abandons are included by default. Options: shortAbandons, shortAbandonMs,
 * clockStartsAt, period, percentiles, quantileMethod, by, and the read options (invalid, timeZone,
 * allowEarlyTimestamps). Accepts calls or a prepared set.
 *
 * @module
 */
import type { Call } from '../../model/index.js';
import { outsidePeriod, readCallPeriod, readClockStart, type ClockStart } from '../../options/calls.js';
import { readChoice, readSummary, readWholeMs, type ParsedRange, type SummarySpec } from '../../options/shared.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import type { CallBy } from '../../pipeline/callBy.js';
import { runCallMetric, type CallMetric } from '../../pipeline/callDriver.js';
import type { CallInputOptions, PreparedCalls } from '../../pipeline/callSource.js';
import { DurationAccumulator, summarize } from '../../pipeline/collect.js';
import { ABANDONED, READ_ENTRY, WAITING, waitOf, type CallColumns } from '../../read/callColumns.js';
import type { DurationSummary, SummaryOptions } from '../../results/durationSummary.js';
import type { InvalidReason } from '../../results/excluded.js';

/**
 * Why a call was left out of {@link averageAbandonTime}.
 * - `answered`: an agent answered it;
 * - `in_queue`: still waiting;
 * - `short_abandon`: shorter than `shortAbandonMs` under `shortAbandons: 'exclude'`;
 * - `out_of_period`: queued outside `period`;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Contact centre
 */
export type AverageAbandonTimeExclusion = 'answered' | 'in_queue' | 'short_abandon' | 'out_of_period' | InvalidReason;

/**
 * Options of {@link averageAbandonTime}.
 *
 * @category Contact centre
 */
export interface AverageAbandonTimeOptions extends CallInputOptions, SummaryOptions, BreakdownOptions<CallBy> {
  /** Whether short abandons are measured or left out as `'short_abandon'`. @defaultValue `'include'` */
  readonly shortAbandons?: 'exclude' | 'include';
  /** Abandons with a wait strictly shorter than this are short. @defaultValue `5000` */
  readonly shortAbandonMs?: number;
  /** Where the wait starts: queue entry, or system (IVR) entry. @defaultValue `'queue'` */
  readonly clockStartsAt?: ClockStart;
}

const NAME = 'averageAbandonTime';

interface Params {
  readonly period: ParsedRange | undefined;
  readonly dropShort: boolean;
  readonly shortMs: number;
  readonly fromSystem: boolean;
  readonly summary: SummarySpec;
}

const METRIC: CallMetric<Params, DurationAccumulator, DurationSummary<AverageAbandonTimeExclusion>> = {
  name: NAME,
  optionKeys: ['shortAbandons', 'shortAbandonMs', 'clockStartsAt', 'period', 'percentiles', 'quantileMethod'],
  params: (o, ctx) => ({
    period: readCallPeriod(NAME, o, ctx),
    dropShort: readChoice(NAME, 'shortAbandons', o.shortAbandons, ['exclude', 'include'], 'include') === 'exclude',
    shortMs: readWholeMs(NAME, 'shortAbandonMs', o.shortAbandonMs, 5000),
    fromSystem: readClockStart(NAME, o.clockStartsAt),
    summary: readSummary(NAME, o),
  }),
  level: (p) => (p.fromSystem ? READ_ENTRY : 0),
  step: abandonWait,
  start: () => new DurationAccumulator(),
  finish: (acc, p) => summarize(acc.durations, p.summary, acc.excluded<AverageAbandonTimeExclusion>()),
};

/** The definition, for call j: clock start → abandon, for abandoned calls (short ones left out when `dropShort`). */
function abandonWait(c: CallColumns, j: number, p: Params): number | AverageAbandonTimeExclusion {
  if (outsidePeriod(p.period, c.queued, j)) return 'out_of_period';
  const outcome = c.outcome[j] as number;
  if (outcome !== ABANDONED) return outcome === WAITING ? 'in_queue' : 'answered';
  const wait = waitOf(c, j, p.fromSystem);
  return p.dropShort && wait < p.shortMs ? 'short_abandon' : wait;
}

/**
 * Average abandon time: how long callers waited before hanging up, as a {@link DurationSummary}.
 *
 * Cost: O(n) to read, O(n log n) to sort for the quantiles.
 *
 * @category Contact centre
 * @param calls - the calls, or a prepared set ({@link prepareCalls})
 * @param options - the definition
 * @returns a {@link DurationSummary}; answered and waiting calls are in `excluded`
 * @example
 * ```ts
 * import { averageAbandonTime } from 'helpdesk-metrics';
 * const t = averageAbandonTime([
 *   { id: 1, queuedAt: '2026-03-02T09:00:00Z', abandonedAt: '2026-03-02T09:01:00Z' },
 *   { id: 2, queuedAt: '2026-03-02T09:01:00Z', abandonedAt: '2026-03-02T09:01:02Z' },
 *   { id: 3, queuedAt: '2026-03-02T09:02:00Z', answeredAt: '2026-03-02T09:02:20Z' },
 * ], { shortAbandons: 'exclude' });
 * t.meanMs;            //=> 60000
 * t.excluded.byReason; //=> { short_abandon: 1, answered: 1 }
 * ```
 */
export function averageAbandonTime(
  calls: readonly Call[] | PreparedCalls,
  options?: AverageAbandonTimeOptions,
): DurationSummary<AverageAbandonTimeExclusion> {
  return runCallMetric(METRIC, calls, options);
}
