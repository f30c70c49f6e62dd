/**
 * Average speed of answer (ASA).
 *
 * Formula: answeredAt − queuedAt per answered call (or − enteredAt with `clockStartsAt: 'system'`);
 * summarised (mean is the ASA). Default definition: Amazon Connect "Average queue answer time" (time in queue
 * before an agent answers, answered contacts only); Genesys measures from system entry (`'system'`).
 * Options: clockStartsAt, period, percentiles, quantileMethod, invalid, timeZone.
 *
 * @module
 */
import { ANSWERED, clockOption, createCallReader, summarizeCallDurations, detectForm, WAITING, type CallFacts, type CallInputOptions, type ClockStart } from '../../_lib/calls.js';
import { optionError } from '../../_lib/tickets.js';
import type { Call } from '../../model/index.js';
import {
  checkSummaryOptions,
  type DurationSummary,
  type SummaryOptions,
} from '../../results/durationSummary.js';
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
export interface AverageSpeedOfAnswerOptions extends CallInputOptions, SummaryOptions {
  /** Where the wait starts: queue entry (Amazon Connect), or system entry (Genesys). @defaultValue `'queue'` */
  readonly clockStartsAt?: ClockStart;
}

const NAME = 'averageSpeedOfAnswer';

/**
 * Average speed of answer (ASA): how long answered calls waited, as a {@link DurationSummary}
 * (`meanMs` is the ASA; median and percentiles come with it).
 *
 * Cost: O(n) to read, O(n log n) to sort for the quantiles.
 *
 * @category Contact centre
 * @param calls - the calls
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
  calls: readonly Call[],
  options?: AverageSpeedOfAnswerOptions,
): DurationSummary<AverageSpeedOfAnswerExclusion> {
  if (detectForm(NAME, calls) === 'rows') optionError(NAME, 'calls', 'takes calls, not interval rows', 'invalid_argument');
  const bad = checkSummaryOptions(options);
  if (bad !== undefined) optionError(NAME, 'percentiles', bad);
  const reader = createCallReader<AverageSpeedOfAnswerExclusion>(NAME, calls, options, clockOption(NAME, options?.clockStartsAt));
  return summarizeCallDurations(reader, calls, calls.length, options, answerWait, undefined);
}

/** Queue (or system) entry → answer, for answered calls. */
function answerWait(f: CallFacts): number | AverageSpeedOfAnswerExclusion {
  return f.outcome === ANSWERED ? f.dequeuedMs - f.startMs : f.outcome === WAITING ? 'in_queue' : 'abandoned';
}
