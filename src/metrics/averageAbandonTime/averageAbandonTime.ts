/**
 * Average abandon time (time to abandon).
 *
 * Formula: abandonedAt − queuedAt per abandoned call (or − enteredAt with `clockStartsAt: 'system'`);
 * summarised. Default definition: Amazon Connect "Average queue abandon time" (every abandoned contact,
 * dequeue − enqueue), so short abandons are included by default. Options: shortAbandons, shortAbandonMs,
 * clockStartsAt, period, percentiles, quantileMethod, invalid, timeZone.
 *
 * @module
 */
import {
  ABANDONED,
  clockOption,
  createCallReader,
  summarizeCallDurations,
  detectForm,
  msOption,
  WAITING,
  type CallFacts,
  type CallInputOptions,
  type ClockStart,
} from '../../_lib/calls.js';
import { optionError } from '../../_lib/tickets.js';
import type { Call } from '../../model/index.js';
import {
  checkSummaryOptions,
  type DurationSummary,
  type SummaryOptions,
} from '../../results/durationSummary.js';
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
export interface AverageAbandonTimeOptions extends CallInputOptions, SummaryOptions {
  /** Whether short abandons are measured or left out as `'short_abandon'`. @defaultValue `'include'` */
  readonly shortAbandons?: 'exclude' | 'include';
  /** Abandons with a wait strictly shorter than this are short. @defaultValue `5000` */
  readonly shortAbandonMs?: number;
  /** Where the wait starts: queue entry, or system (IVR) entry. @defaultValue `'queue'` */
  readonly clockStartsAt?: ClockStart;
}

const NAME = 'averageAbandonTime';

/**
 * Average abandon time: how long callers waited before hanging up, as a {@link DurationSummary}.
 *
 * Cost: O(n) to read, O(n log n) to sort for the quantiles.
 *
 * @category Contact centre
 * @param calls - the calls
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
  calls: readonly Call[],
  options?: AverageAbandonTimeOptions,
): DurationSummary<AverageAbandonTimeExclusion> {
  if (detectForm(NAME, calls) === 'rows') optionError(NAME, 'calls', 'takes calls, not interval rows', 'invalid_argument');
  const bad = checkSummaryOptions(options);
  if (bad !== undefined) optionError(NAME, 'percentiles', bad);
  const mode = options?.shortAbandons ?? 'include';
  if (mode !== 'exclude' && mode !== 'include') {
    optionError(NAME, 'shortAbandons', `must be 'exclude' or 'include', got ${JSON.stringify(mode)}`);
  }
  const shortMs = msOption(NAME, 'shortAbandonMs', options?.shortAbandonMs, 5000);
  const dropShort = mode === 'exclude';
  const reader = createCallReader<AverageAbandonTimeExclusion>(NAME, calls, options, clockOption(NAME, options?.clockStartsAt));
  return summarizeCallDurations(reader, calls, calls.length >> 3, options, abandonWait, { dropShort, shortMs });
}

/** Clock start → abandon, for abandoned calls (short ones excluded when `dropShort`). */
function abandonWait(f: CallFacts, p: { readonly dropShort: boolean; readonly shortMs: number }): number | AverageAbandonTimeExclusion {
  if (f.outcome !== ABANDONED) return f.outcome === WAITING ? 'in_queue' : 'answered';
  const wait = f.dequeuedMs - f.startMs;
  return p.dropShort && wait < p.shortMs ? 'short_abandon' : wait;
}
