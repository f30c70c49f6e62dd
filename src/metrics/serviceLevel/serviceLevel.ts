/**
 * Service level (SL, "80/20"): the share of calls answered within a threshold.
 *
 * Formula (by `abandoned` treatment; W = answered within, A = answered, B = abandoned):
 * `'ignore'` W / A · `'negative'` W / (A + B) · `'positive'` (W + abandoned within) / (A + B) ·
 * `'exclude-short'` W / (A + B − short abandons) · `'after-threshold'` W / (A + abandoned after the threshold).
 * Default definition: `'negative'`, the base formula of Genesys Cloud and Cisco's "abandoned calls
 * negative". "Within" means a wait ≤ `thresholdMs`. Options: thresholdMs, abandoned, shortAbandonMs,
 * clockStartsAt, confidence, period, invalid, timeZone. Accepts calls or aggregated interval rows.
 *
 * @module
 */
import {
  ABANDONED,
  ANSWERED,
  clockOption,
  confidenceOption,
  createCallReader,
  detectForm,
  msOption,
  sumIntervalRows,
  type CallInputOptions,
  type CallIntervalRow,
  type ClockStart,
  type RowNeeds,
} from '../../_lib/calls.js';
import { optionError } from '../../_lib/tickets.js';
import type { Call } from '../../model/index.js';
import { createLedger, exclude, finishLedger, type InvalidReason } from '../../results/excluded.js';
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
export interface ServiceLevelOptions extends CallInputOptions {
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
  /** Level of the Wilson interval. @defaultValue `0.95` */
  readonly confidence?: number;
}

const NAME = 'serviceLevel';
const MODES: readonly AbandonedTreatment[] = ['ignore', 'negative', 'positive', 'exclude-short', 'after-threshold'];

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
 * @param calls - calls, or interval rows
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
 * ```
 */
export function serviceLevel(
  calls: readonly Call[] | readonly CallIntervalRow[],
  options?: ServiceLevelOptions,
): RateResult<ServiceLevelExclusion> {
  const form = detectForm(NAME, calls);
  const mode = options?.abandoned ?? 'negative';
  if (!MODES.includes(mode)) {
    optionError(NAME, 'abandoned', `must be one of ${MODES.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(mode)}`);
  }
  const shortMs = msOption(NAME, 'shortAbandonMs', options?.shortAbandonMs, 5000);
  const clock = clockOption(NAME, options?.clockStartsAt);
  const level = confidenceOption(NAME, options?.confidence);
  const threshold = options?.thresholdMs;
  if (threshold !== undefined || form === 'calls') msOption(NAME, 'thresholdMs', threshold);

  if (form === 'rows') {
    const ledger = createLedger<ServiceLevelExclusion>();
    const needs: RowNeeds<ServiceLevelExclusion> =
      mode === 'ignore'
        ? { answeredWithin: true, excluded: { abandoned: 'abandoned' } }
        : mode === 'positive'
          ? { answeredWithin: true, abandonedWithin: true }
          : mode === 'exclude-short'
            ? { answeredWithin: true, shortAbandons: true, excluded: { shortAbandons: 'short_abandon' } }
            : mode === 'after-threshold'
              ? { answeredWithin: true, abandonedWithin: true, excluded: { abandonedWithin: 'abandoned_within_threshold' } }
              : { answeredWithin: true };
    const t = sumIntervalRows<ServiceLevelExclusion>(NAME, calls, options, needs, ledger);
    let num = t.answeredWithin;
    let den = t.answered + t.abandoned;
    if (mode === 'ignore') den = t.answered;
    else if (mode === 'positive') num += t.abandonedWithin;
    else if (mode === 'exclude-short') den -= t.shortAbandons;
    else if (mode === 'after-threshold') den -= t.abandonedWithin;
    return buildRate(num, den, finishLedger(ledger), level);
  }

  const limit = threshold as number;
  const list = calls as readonly Call[];
  const reader = createCallReader<ServiceLevelExclusion>(NAME, list, options, clock);
  const ledger = reader.ledger;
  const f = reader.facts;
  const from = reader.periodFrom;
  const to = reader.periodTo;
  const m = MODES.indexOf(mode); // 0 ignore, 1 negative, 2 positive, 3 exclude-short, 4 after-threshold
  let num = 0;
  let den = 0;
  for (let i = 0; i < list.length; i++) {
    if (!reader.read(list, i)) continue;
    if (!(f.queuedMs >= from && f.queuedMs < to)) {
      exclude(ledger, 'out_of_period', f.id);
      continue;
    }
    const wait = f.dequeuedMs - f.startMs;
    if (f.outcome === ANSWERED) {
      den++;
      if (wait <= limit) num++;
    } else if (f.outcome === ABANDONED) {
      if (m === 0) {
        exclude(ledger, 'abandoned', f.id);
      } else if (m === 3 && wait < shortMs) {
        exclude(ledger, 'short_abandon', f.id);
      } else if (m === 4 && wait <= limit) {
        exclude(ledger, 'abandoned_within_threshold', f.id);
      } else {
        den++;
        if (m === 2 && wait <= limit) num++;
      }
    } else {
      exclude(ledger, 'in_queue', f.id);
    }
  }
  return buildRate(num, den, finishLedger(ledger), level);
}
