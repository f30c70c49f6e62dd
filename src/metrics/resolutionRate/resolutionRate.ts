/**
 * Resolution rate.
 *
 * Formula: resolution rate = tickets of the cohort resolved / tickets in the cohort; the cohort is the tickets
 * created in `period` (every ticket without one).
 * Default definition: resolved = solved or closed by the ticket's latest status (Zendesk's "solved tickets"
 * count only currently solved/closed ones). `at` replays the status history to an instant; `within` asks
 * "resolved within N ms of creation" (first resolution), e.g. the 24-hour resolution rate.
 * The "resolved in period / created in period" ratio is deliberately not offered: its numerator and
 * denominator are different tickets, so it can pass 100 % and has no confidence interval (see docs).
 * Options: period, at, within, confidence, by, excludeSpam/Deleted/Merged, and the read options.
 *
 * @module
 */
import type { Ticket, Timestamp } from '../../model/index.js';
import { readAt, readConfidence, readPeriodRange, readWholeMs, type ConfidenceOptions, type EvaluationOptions, type Period } from '../../options/shared.js';
import { RateAccumulator } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { statusAt, summaryResolvedAt } from '../../read/statusHistory.js';
import { F_EVENTS, LEVEL_STATUSES, LEVEL_FACTS, resolvedNow, ST_SOLVED, type TicketColumns } from '../../read/ticketColumns.js';
import type { InvalidReason } from '../../results/excluded.js';
import type { RateResult } from '../../results/rate.js';

/**
 * Why a ticket is outside the resolution-rate cohort:
 * - `out_of_period`: created outside `period`;
 * - `created_after`: created after `at`;
 * - `window_open`: with `within` and `at`, not resolved yet and its `within` window has not ended by `at`
 *   (its verdict is pending);
 * - `summary_only`: summary fields that do not say whether the ticket was resolved at `at` (reopened at an
 *   unknown time, or only the last resolution of a reopened ticket known);
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type ResolutionRateExclusion = 'out_of_period' | 'created_after' | 'window_open' | 'summary_only' | IneligibleReason | InvalidReason;

/**
 * Options of {@link resolutionRate}.
 *
 * @category Ticket outcomes
 */
export interface ResolutionRateOptions
  extends TicketInputOptions,
    EligibilityOptions,
    EvaluationOptions,
    ConfidenceOptions,
    BreakdownOptions<TicketBy> {
  /** The cohort: tickets created in `[from, to)`. Without it, every ticket. */
  readonly period?: Period;
  /**
   * Replay the status history to this instant: resolved means solved/closed at `at` (changes at `at`
   * included), so a ticket reopened later still counts as resolved then. (`asOf` is its deprecated name.)
   * @defaultValue each ticket's latest status
   */
  readonly at?: Timestamp;
  /**
   * Count a ticket as resolved only when its first resolution came within this many ms of its creation
   * (a whole number > 0). Later reopens do not undo it.
   */
  readonly within?: number;
}

const NAME = 'resolutionRate';

interface Params {
  readonly from: number;
  readonly to: number;
  readonly at: number | undefined;
  readonly within: number | undefined;
  readonly level: number;
}

const METRIC: TicketMetric<Params, RateAccumulator, RateResult<ResolutionRateExclusion>> = {
  name: NAME,
  optionKeys: ['period', 'at', 'asOf', 'within', 'confidence'],
  params(o, ctx) {
    const range = readPeriodRange(NAME, o, ctx);
    return {
      from: range?.from ?? -Infinity,
      to: range?.to ?? Infinity,
      at: readAt(NAME, o as EvaluationOptions, ctx),
      within: o.within === undefined ? undefined : readWholeMs(NAME, 'within', o.within, undefined, 1),
      level: readConfidence(NAME, o.confidence),
    };
  },
  level: (p) => (p.at !== undefined && p.within === undefined ? LEVEL_STATUSES : LEVEL_FACTS),
  step: classify,
  start: () => new RateAccumulator(),
  finish: (acc, p) => acc.rate<ResolutionRateExclusion>(p.level),
};

/** The definition, for ticket j: 1 resolved, 0 not, or why it is outside the cohort. */
function classify(c: TicketColumns, j: number, p: Params): number | ResolutionRateExclusion {
  const created = c.created[j] as number;
  if (!(created >= p.from && created < p.to)) return 'out_of_period';
  const at = p.at;
  if (at !== undefined && created > at) return 'created_after';
  const events = ((c.flags[j] as number) & F_EVENTS) !== 0;
  if (p.within !== undefined) {
    const first = c.firstResolution[j] as number;
    if (!events && first !== first && c.firstResolved[j] === c.firstResolved[j]) return 'summary_only';
    const resolved = first - created <= p.within && (at === undefined || first <= at);
    if (!resolved && at !== undefined && created + p.within > at) return 'window_open';
    return resolved ? 1 : 0;
  }
  if (at === undefined) return resolvedNow(c, j) ? 1 : 0;
  if (events) return statusAt(c, j, at) >= ST_SOLVED ? 1 : 0;
  const s = summaryResolvedAt(c, j, at);
  return s < 0 ? 'summary_only' : s;
}

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
export function resolutionRate(tickets: readonly Ticket[] | PreparedTickets, options?: ResolutionRateOptions): RateResult<ResolutionRateExclusion> {
  return runTicketMetric(METRIC, tickets, options);
}
