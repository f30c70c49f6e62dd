/**
 * Abandonment rate.
 *
 * Formula: abandoned / offered, where offered = answered + abandoned (calls still waiting are left out),
 * and short abandons (waits under `shortAbandonMs`) are removed from both by default.
 * Default definition: Genesys Cloud "Abandon %" (abandoned / offered) with the industry 5-second short-abandon
 * rule (Talkdesk, Webex, VICIdial guides). Options: shortAbandonMs, shortAbandons, clockStartsAt, confidence,
 * period, invalid, timeZone. Accepts calls or aggregated interval rows (summed exactly, never averaged).
 *
 * @module
 */
import {
  ABANDONED,
  clockOption,
  confidenceOption,
  createCallReader,
  detectForm,
  msOption,
  sumIntervalRows,
  WAITING,
  type CallInputOptions,
  type CallIntervalRow,
  type ClockStart,
} from '../../_lib/calls.js';
import { optionError } from '../../_lib/tickets.js';
import type { Call } from '../../model/index.js';
import { createLedger, exclude, finishLedger, type InvalidReason } from '../../results/excluded.js';
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
export interface AbandonmentRateOptions extends CallInputOptions {
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
  /** Level of the Wilson interval. @defaultValue `0.95` */
  readonly confidence?: number;
}

const NAME = 'abandonmentRate';

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
 * @param calls - calls, or interval rows
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
export function abandonmentRate(
  calls: readonly Call[] | readonly CallIntervalRow[],
  options?: AbandonmentRateOptions,
): RateResult<AbandonmentRateExclusion> {
  const form = detectForm(NAME, calls);
  const shortMs = msOption(NAME, 'shortAbandonMs', options?.shortAbandonMs, 5000);
  const mode = options?.shortAbandons ?? 'exclude';
  if (mode !== 'exclude' && mode !== 'include') {
    optionError(NAME, 'shortAbandons', `must be 'exclude' or 'include', got ${JSON.stringify(mode)}`);
  }
  const clock = clockOption(NAME, options?.clockStartsAt);
  const level = confidenceOption(NAME, options?.confidence);
  const dropShort = mode === 'exclude';

  if (form === 'rows') {
    const ledger = createLedger<AbandonmentRateExclusion>();
    const t = sumIntervalRows(NAME, calls, options, dropShort ? { shortAbandons: true, excluded: { shortAbandons: 'short_abandon' } } : {}, ledger);
    const short = dropShort ? t.shortAbandons : 0;
    const abandoned = t.abandoned - short;
    const offered = t.answered + t.abandoned - short;
    return buildRate(abandoned, offered, finishLedger(ledger), level);
  }

  const list = calls as readonly Call[];
  const reader = createCallReader<AbandonmentRateExclusion>(NAME, list, options, clock);
  const ledger = reader.ledger;
  const f = reader.facts;
  const from = reader.periodFrom;
  const to = reader.periodTo;
  let abandoned = 0;
  let offered = 0;
  for (let i = 0; i < list.length; i++) {
    if (!reader.read(list, i)) continue;
    if (!(f.queuedMs >= from && f.queuedMs < to)) {
      exclude(ledger, 'out_of_period', f.id);
      continue;
    }
    const outcome = f.outcome;
    if (outcome === WAITING) {
      exclude(ledger, 'in_queue', f.id);
      continue;
    }
    if (outcome === ABANDONED) {
      if (dropShort && f.dequeuedMs - f.startMs < shortMs) {
        exclude(ledger, 'short_abandon', f.id);
        continue;
      }
      abandoned++;
    }
    offered++;
  }
  return buildRate(abandoned, offered, finishLedger(ledger), level);
}
