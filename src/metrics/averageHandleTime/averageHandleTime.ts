/**
 * Average handle time (AHT).
 *
 * Formula: talk + hold + wrap-up per answered, ended call, where talk + hold = endedAt − answeredAt (the
 * connected time, which contains the hold) and wrap-up = `wrapUpMs` (after-call work; absent = 0);
 * summarised (mean is the AHT). Default definition: Amazon Connect / Genesys "handle time"
 * ((talk + hold + ACW) / handled contacts). Options: includeHold, includeWrapUp, period, percentiles,
 * quantileMethod, invalid, timeZone.
 *
 * @module
 */
import { ANSWERED, createCallReader, summarizeCallDurations, detectForm, WAITING, type CallFacts, type CallInputOptions } from '../../_lib/calls.js';
import { optionError } from '../../_lib/tickets.js';
import type { Call } from '../../model/index.js';
import {
  checkSummaryOptions,
  type DurationSummary,
  type SummaryOptions,
} from '../../results/durationSummary.js';
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
export interface AverageHandleTimeOptions extends CallInputOptions, SummaryOptions {
  /** Count hold time (`holdMs`, part of answeredAt → endedAt). `false` subtracts it. @defaultValue `true` */
  readonly includeHold?: boolean;
  /** Add after-call work (`wrapUpMs`). @defaultValue `true` */
  readonly includeWrapUp?: boolean;
}

const NAME = 'averageHandleTime';

/**
 * Average handle time (AHT): the agent time each handled call took (talk + hold + wrap-up), as a
 * {@link DurationSummary}.
 *
 * Cost: O(n) to read, O(n log n) to sort for the quantiles.
 *
 * @category Contact centre
 * @param calls - the calls; handled ones need `answeredAt` and `endedAt`
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
  calls: readonly Call[],
  options?: AverageHandleTimeOptions,
): DurationSummary<AverageHandleTimeExclusion> {
  if (detectForm(NAME, calls) === 'rows') optionError(NAME, 'calls', 'takes calls, not interval rows', 'invalid_argument');
  const bad = checkSummaryOptions(options);
  if (bad !== undefined) optionError(NAME, 'percentiles', bad);
  const includeHold = options?.includeHold ?? true;
  const includeWrapUp = options?.includeWrapUp ?? true;
  if (typeof includeHold !== 'boolean') optionError(NAME, 'includeHold', 'must be a boolean');
  if (typeof includeWrapUp !== 'boolean') optionError(NAME, 'includeWrapUp', 'must be a boolean');
  const reader = createCallReader<AverageHandleTimeExclusion>(NAME, calls, options, 'queue', true);
  return summarizeCallDurations(reader, calls, calls.length, options, handleTime, { includeHold, includeWrapUp });
}

/** Talk (answer → end), with hold and wrap-up as the options say, for answered calls that ended. */
function handleTime(f: CallFacts, p: { readonly includeHold: boolean; readonly includeWrapUp: boolean }): number | AverageHandleTimeExclusion {
  if (f.outcome !== ANSWERED) return f.outcome === WAITING ? 'in_queue' : 'abandoned';
  if (f.endedMs !== f.endedMs) return 'in_progress';
  let ms = f.endedMs - f.dequeuedMs;
  if (!p.includeHold) ms -= f.holdMs;
  if (p.includeWrapUp) ms += f.wrapUpMs;
  return ms;
}
