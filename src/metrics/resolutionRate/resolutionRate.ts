/**
 * Resolution rate.
 *
 * Formula: resolution rate = tickets of the cohort resolved / tickets in the cohort; the cohort is the tickets
 * created in `period` (every ticket without one).
 * Default definition: resolved = solved or closed by the ticket's latest status (Zendesk's "solved tickets"
 * count only currently solved/closed ones). `asOf` replays the status history to an instant; `within` asks
 * "resolved within N ms of creation" (first resolution), e.g. the 24-hour resolution rate.
 * The "resolved in period / created in period" ratio is deliberately not offered: its numerator and
 * denominator are different tickets, so it can pass 100 % and has no confidence interval (see docs).
 * Options: period, asOf, within, confidence, invalid, statusMap, timeZone.
 *
 * @module
 */
import { readPeriodBounds } from '../../_lib/period.js';
import { firstResolution, resolvedAtInstant, summaryResolvedAt } from '../../_lib/statusHistory.js';
import {
  createTicketReader,
  isCurrentlyResolved,
  optionError,
  type Period,
  type TicketInputOptions,
} from '../../_lib/tickets.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import { exclude, finishLedger, type InvalidReason } from '../../results/excluded.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * Why a ticket is outside the resolution-rate cohort:
 * - `out_of_period`: created outside `period`;
 * - `created_after`: created after `asOf`;
 * - `window_open`: with `within` and `asOf`, not resolved yet and its `within` window has not ended by `asOf`
 *   (its verdict is pending);
 * - `summary_only`: summary fields that do not say whether the ticket was resolved at `asOf`;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type ResolutionRateExclusion = 'out_of_period' | 'created_after' | 'window_open' | 'summary_only' | InvalidReason;

/**
 * Options of {@link resolutionRate}.
 *
 * @category Ticket outcomes
 */
export interface ResolutionRateOptions extends TicketInputOptions {
  /** The cohort: tickets created in `[from, to)`. Without it, every ticket. */
  readonly period?: Period;
  /**
   * Replay the status history to this instant: resolved means solved/closed at `asOf` (changes at `asOf`
   * included), so a ticket reopened later still counts as resolved then.
   * @defaultValue each ticket's latest status
   */
  readonly asOf?: Timestamp;
  /**
   * Count a ticket as resolved only when its first resolution came within this many ms of its creation
   * (a whole number > 0). Later reopens do not undo it.
   */
  readonly within?: number;
  /** Confidence level of the Wilson interval, in (0, 1). @defaultValue `0.95` */
  readonly confidence?: number;
}

const NAME = 'resolutionRate';

/**
 * Resolution rate: the share of a cohort of tickets (those created in `period`) that is resolved.
 *
 * Cost: one pass, O(events); O(events log events) per ticket with `asOf`.
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events`, or with the summary fields (`status`, `firstResolvedAt`, `resolvedAt`)
 * @param options - the cohort and the instant; default: every ticket, latest status
 * @returns a {@link RateResult}: `numerator` resolved tickets, `denominator` the cohort
 * @example
 * ```ts
 * import { resolutionRate } from 'helpdesk-metrics';
 * const tickets = [
 *   { id: 'A', createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T12:00:00Z' },
 *   { id: 'B', createdAt: '2026-03-02T10:00:00Z', status: 'solved', resolvedAt: '2026-03-04T10:00:00Z' },
 *   { id: 'C', createdAt: '2026-03-03T09:00:00Z', status: 'open' },
 * ];
 * resolutionRate(tickets).rate;                            //=> 0.6666666666666666
 * resolutionRate(tickets, { within: 86_400_000 }).numerator; //=> 1 (only A within 24 h)
 * ```
 */
export function resolutionRate(tickets: readonly Ticket[], options?: ResolutionRateOptions): RateResult<ResolutionRateExclusion> {
  const reader = createTicketReader<ResolutionRateExclusion>(NAME, tickets, options, undefined, true);
  const level = confidence(options?.confidence);
  const within = options?.within;
  if (within !== undefined && (typeof within !== 'number' || !Number.isInteger(within) || within <= 0)) {
    optionError(NAME, 'within', `must be a whole number of ms > 0, got ${JSON.stringify(within)}`);
  }
  const asOf = options?.asOf === undefined ? undefined : reader.parseOption(options.asOf, 'asOf');
  const { from, to } = readPeriodBounds(reader, options?.period);
  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    if (!reader.read(tickets, i)) continue;
    const c = f.createdMs;
    if (!(c >= from && c < to)) {
      exclude(ledger, 'out_of_period', f.id);
      continue;
    }
    if (asOf !== undefined && c > asOf) {
      exclude(ledger, 'created_after', f.id);
      continue;
    }
    let resolved: boolean;
    if (within !== undefined) {
      let first = f.firstResolvedMs;
      if (f.hasEvents && first === first) {
        reader.sortEvents();
        first = firstResolution(reader);
      }
      resolved = first - c <= within && (asOf === undefined || first <= asOf);
      if (!resolved && asOf !== undefined && c + within > asOf) {
        exclude(ledger, 'window_open', f.id);
        continue;
      }
    } else if (asOf === undefined) {
      resolved = isCurrentlyResolved(f);
    } else if (f.hasEvents) {
      reader.sortEvents();
      resolved = resolvedAtInstant(reader, asOf);
    } else {
      const s = summaryResolvedAt(f, asOf);
      if (s < 0) {
        exclude(ledger, 'summary_only', f.id);
        continue;
      }
      resolved = s === 1;
    }
    denominator++;
    if (resolved) numerator++;
  }
  return buildRate(numerator, denominator, finishLedger(ledger), level);
}

function confidence(value: unknown): number {
  if (value === undefined) return 0.95;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) optionError(NAME, 'confidence', 'must be a number in (0, 1)');
  return value;
}
