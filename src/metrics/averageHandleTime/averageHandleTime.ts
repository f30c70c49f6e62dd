/**
 * Average handle time (AHT).
 *
 * Formula: talk + hold + wrap-up per answered, ended call, where talk + hold = endedAt − answeredAt (the
 * connected time, which contains the hold) and wrap-up = `wrapUpMs` (after-call work; absent = 0);
 * summarised (mean is the AHT). Default definition: Amazon Connect / Genesys "handle time"
 * ((talk + hold + ACW) / handled contacts). Options: includeHold, includeWrapUp, period, percentiles,
 * quantileMethod, by, and the read options (invalid, timeZone, allowEarlyTimestamps). Accepts calls or a
 * prepared set.
 *
 * @module
 */
import type { Call } from '../../model/index.js';
import { outsidePeriod, readCallPeriod } from '../../options/calls.js';
import { readBoolean, readSummary, type ParsedRange, type SummarySpec } from '../../options/shared.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import type { CallBy } from '../../pipeline/callBy.js';
import { runCallMetric, type CallMetric } from '../../pipeline/callDriver.js';
import type { CallInputOptions, PreparedCalls } from '../../pipeline/callSource.js';
import { DurationAccumulator, summarize } from '../../pipeline/collect.js';
import { ANSWERED, READ_HANDLING, WAITING, type CallColumns } from '../../read/callColumns.js';
import type { DurationSummary, SummaryOptions } from '../../results/durationSummary.js';
import type { InvalidReason } from '../../results/excluded.js';

/**
 * Why a call was left out of {@link averageHandleTime}.
 * - `abandoned`: never answered, so never handled;
 * - `in_queue`: still waiting;
 * - `in_progress`: answered but not ended (no `endedAt`), so its handle time is not known yet;
 * - `out_of_period`: queued outside `period`;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Contact centre
 */
export type AverageHandleTimeExclusion = 'abandoned' | 'in_queue' | 'in_progress' | 'out_of_period' | InvalidReason;

/**
 * Options of {@link averageHandleTime}.
 *
 * @category Contact centre
 */
export interface AverageHandleTimeOptions extends CallInputOptions, SummaryOptions, BreakdownOptions<CallBy> {
  /** Count hold time (`holdMs`, part of answeredAt → endedAt). `false` subtracts it. @defaultValue `true` */
  readonly includeHold?: boolean;
  /** Add after-call work (`wrapUpMs`). @defaultValue `true` */
  readonly includeWrapUp?: boolean;
}

const NAME = 'averageHandleTime';

interface Params {
  readonly period: ParsedRange | undefined;
  readonly includeHold: boolean;
  readonly includeWrapUp: boolean;
  readonly summary: SummarySpec;
}

const METRIC: CallMetric<Params, DurationAccumulator, DurationSummary<AverageHandleTimeExclusion>> = {
  name: NAME,
  optionKeys: ['includeHold', 'includeWrapUp', 'period', 'percentiles', 'quantileMethod'],
  params: (o, ctx) => ({
    period: readCallPeriod(NAME, o, ctx),
    includeHold: readBoolean(NAME, 'includeHold', o.includeHold, true),
    includeWrapUp: readBoolean(NAME, 'includeWrapUp', o.includeWrapUp, true),
    summary: readSummary(NAME, o),
  }),
  level: () => READ_HANDLING,
  step: handleTime,
  start: () => new DurationAccumulator(),
  finish: (acc, p) => summarize(acc.durations, p.summary, acc.excluded<AverageHandleTimeExclusion>()),
};

/** The definition, for call j: talk (answer → end), with hold and wrap-up as the options say, for answered calls that ended. */
function handleTime(c: CallColumns, j: number, p: Params): number | AverageHandleTimeExclusion {
  if (outsidePeriod(p.period, c.queued, j)) return 'out_of_period';
  const outcome = c.outcome[j] as number;
  if (outcome !== ANSWERED) return outcome === WAITING ? 'in_queue' : 'abandoned';
  const ended = c.ended[j] as number;
  if (ended !== ended) return 'in_progress';
  let ms = ended - (c.dequeued[j] as number);
  if (!p.includeHold) ms -= c.hold[j] as number;
  if (p.includeWrapUp) ms += c.wrapUp[j] as number;
  return ms;
}

/**
 * Average handle time (AHT): the agent time each handled call took (talk + hold + wrap-up), as a
 * {@link DurationSummary}.
 *
 * Cost: O(n) to read, O(n log n) to sort for the quantiles.
 *
 * @category Contact centre
 * @param calls - the calls (handled ones need `answeredAt` and `endedAt`), or a prepared set ({@link prepareCalls})
 * @param options - which parts count
 * @returns a {@link DurationSummary}
 * @example
 * ```ts
 * import { averageHandleTime } from 'helpdesk-metrics';
 * const aht = averageHandleTime([
 *   { id: 1, queuedAt: '2026-03-02T09:00:00Z', answeredAt: '2026-03-02T09:00:10Z',
 *     endedAt: '2026-03-02T09:04:10Z', holdMs: 30_000, wrapUpMs: 60_000 },
 *   { id: 2, queuedAt: '2026-03-02T09:01:00Z', answeredAt: '2026-03-02T09:01:05Z',
 *     endedAt: '2026-03-02T09:03:05Z' },
 * ]);
 * aht.meanMs; //=> 210000 (300 s and 120 s)
 * ```
 */
export function averageHandleTime(
  calls: readonly Call[] | PreparedCalls,
  options?: AverageHandleTimeOptions,
): DurationSummary<AverageHandleTimeExclusion> {
  return runCallMetric(METRIC, calls, options);
}
