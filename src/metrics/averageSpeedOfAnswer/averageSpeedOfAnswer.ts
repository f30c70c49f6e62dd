/**
 * Average speed of answer (ASA).
 *
 * Formula: answeredAt − queuedAt per answered call (or − enteredAt with `clockStartsAt: 'system'`);
 * summarised (mean is the ASA). Default definition: Amazon Connect "Average queue answer time" (time in queue
 * before an agent answers, answered contacts only); Genesys measures from system entry (`'system'`).
 * Options: clockStartsAt, period, percentiles, quantileMethod, by, and the read options (invalid, timeZone,
 * allowEarlyTimestamps). Accepts calls or a prepared set.
 *
 * @module
 */
import type { Call } from '../../model/index.js';
import { outsidePeriod, readCallPeriod, readClockStart, type ClockStart } from '../../options/calls.js';
import { readSummary, type ParsedRange, type SummarySpec } from '../../options/shared.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import type { CallBy } from '../../pipeline/callBy.js';
import { runCallMetric, type CallMetric } from '../../pipeline/callDriver.js';
import type { CallInputOptions, PreparedCalls } from '../../pipeline/callSource.js';
import { DurationAccumulator, summarize } from '../../pipeline/collect.js';
import { ANSWERED, READ_ENTRY, WAITING, waitOf, type CallColumns } from '../../read/callColumns.js';
import type { DurationSummary, SummaryOptions } from '../../results/durationSummary.js';
import type { InvalidReason } from '../../results/excluded.js';

/**
 * Why a call was left out of {@link averageSpeedOfAnswer}.
 * - `abandoned`: the caller hung up before an answer;
 * - `in_queue`: still waiting;
 * - `out_of_period`: queued outside `period`;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Contact centre
 */
export type AverageSpeedOfAnswerExclusion = 'abandoned' | 'in_queue' | 'out_of_period' | InvalidReason;

/**
 * Options of {@link averageSpeedOfAnswer}.
 *
 * @category Contact centre
 */
export interface AverageSpeedOfAnswerOptions extends CallInputOptions, SummaryOptions, BreakdownOptions<CallBy> {
  /** Where the wait starts: queue entry (Amazon Connect), or system entry (Genesys). @defaultValue `'queue'` */
  readonly clockStartsAt?: ClockStart;
}

const NAME = 'averageSpeedOfAnswer';

interface Params {
  readonly period: ParsedRange | undefined;
  readonly fromSystem: boolean;
  readonly summary: SummarySpec;
}

const METRIC: CallMetric<Params, DurationAccumulator, DurationSummary<AverageSpeedOfAnswerExclusion>> = {
  name: NAME,
  optionKeys: ['clockStartsAt', 'period', 'percentiles', 'quantileMethod'],
  params: (o, ctx) => ({ period: readCallPeriod(NAME, o, ctx), fromSystem: readClockStart(NAME, o.clockStartsAt), summary: readSummary(NAME, o) }),
  level: (p) => (p.fromSystem ? READ_ENTRY : 0),
  step: answerWait,
  start: () => new DurationAccumulator(),
  finish: (acc, p) => summarize(acc.durations, p.summary, acc.excluded<AverageSpeedOfAnswerExclusion>()),
};

/** The definition, for call j: queue (or system) entry → answer, for answered calls. */
function answerWait(c: CallColumns, j: number, p: Params): number | AverageSpeedOfAnswerExclusion {
  if (outsidePeriod(p.period, c.queued, j)) return 'out_of_period';
  const outcome = c.outcome[j] as number;
  if (outcome === ANSWERED) return waitOf(c, j, p.fromSystem);
  return outcome === WAITING ? 'in_queue' : 'abandoned';
}

/**
 * Average speed of answer (ASA): how long answered calls waited, as a {@link DurationSummary}
 * (`meanMs` is the ASA; median and percentiles come with it).
 *
 * Cost: O(n) to read, O(n log n) to sort for the quantiles.
 *
 * @category Contact centre
 * @param calls - the calls, or a prepared set ({@link prepareCalls})
 * @param options - the definition
 * @returns a {@link DurationSummary}; abandoned and waiting calls are in `excluded`
 * @example
 * ```ts
 * import { averageSpeedOfAnswer } from 'helpdesk-metrics';
 * const asa = averageSpeedOfAnswer([
 *   { id: 1, queuedAt: '2026-03-02T09:00:00Z', answeredAt: '2026-03-02T09:00:10Z' },
 *   { id: 2, queuedAt: '2026-03-02T09:01:00Z', answeredAt: '2026-03-02T09:01:30Z' },
 *   { id: 3, queuedAt: '2026-03-02T09:02:00Z', abandonedAt: '2026-03-02T09:03:00Z' },
 * ]);
 * asa.meanMs;            //=> 20000
 * asa.excluded.byReason; //=> { abandoned: 1 }
 * ```
 */
export function averageSpeedOfAnswer(
  calls: readonly Call[] | PreparedCalls,
  options?: AverageSpeedOfAnswerOptions,
): DurationSummary<AverageSpeedOfAnswerExclusion> {
  return runCallMetric(METRIC, calls, options);
}
