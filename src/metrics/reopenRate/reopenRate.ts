/**
 * Reopen rate.
 *
 * Formula: reopen rate = tickets reopened at least once / tickets resolved at least once.
 * Default definition: Zendesk "Reopened tickets" (`Reopens > 0`) over solved tickets; a reopen is a change
 * from solved/closed back to an open status, and a solve and a reopen in the same instant (one update) does not
 * count. Tickets, not reopen events, are counted (Kaizo's reopen rate).
 * Options: period, attributeTo ('resolved' = first resolution, default; or 'created'), at, confidence, by,
 * excludeSpam/Deleted/Merged, and the read options.
 *
 * @module
 */
import type { Ticket, Timestamp } from '../../model/index.js';
import { readAt, readChoice, readConfidence, readPeriodRange, type ConfidenceOptions, type EvaluationOptions, type Period } from '../../options/shared.js';
import { RateAccumulator } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { reopensUntil, summaryReopened } from '../../read/statusHistory.js';
import { F_EVENTS, F_FIRST_RES_UNKNOWN, LEVEL_STATUSES, LEVEL_FACTS, type TicketColumns } from '../../read/ticketColumns.js';
import { withReasonAliases, type InvalidReason } from '../../results/excluded.js';
import type { RateResult } from '../../results/rate.js';

/**
 * Why a ticket is outside the reopen-rate denominator:
 * - `unresolved`: not solved or closed at any time (up to `at`); `never_resolved` is its deprecated name (still
 *   readable on `excluded.byReason` and `excluded.ids`);
 * - `out_of_period`: its `attributeTo` instant is outside `period`;
 * - `summary_only`: summary fields that cannot say whether it was reopened by `at`;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type ReopenRateExclusion = 'unresolved' | /* deprecated: the old name of unresolved */ 'never_resolved' | 'out_of_period' | 'summary_only' | IneligibleReason | InvalidReason;

/**
 * Options of {@link reopenRate}.
 *
 * @category Ticket outcomes
 */
export interface ReopenRateOptions
  extends TicketInputOptions,
    EligibilityOptions,
    EvaluationOptions,
    ConfidenceOptions,
    BreakdownOptions<TicketBy> {
  /** Only tickets whose `attributeTo` instant lies in `[from, to)`. Without it, every ticket. */
  readonly period?: Period;
  /** `'resolved'`: the first resolution places a ticket in `period`; `'created'`: its creation. @defaultValue `'resolved'` */
  readonly attributeTo?: 'resolved' | 'created';
  /** Only history up to this instant (changes at it included); `asOf` is its deprecated name. @defaultValue the whole history */
  readonly at?: Timestamp;
}

const NAME = 'reopenRate';

interface Params {
  readonly from: number;
  readonly to: number;
  readonly at: number;
  readonly byCreation: boolean;
  readonly level: number;
}

const METRIC: TicketMetric<Params, RateAccumulator, RateResult<ReopenRateExclusion>> = {
  name: NAME,
  optionKeys: ['period', 'attributeTo', 'at', 'asOf', 'confidence'],
  params(o, ctx) {
    const range = readPeriodRange(NAME, o, ctx);
    return {
      from: range?.from ?? -Infinity,
      to: range?.to ?? Infinity,
      at: readAt(NAME, o as EvaluationOptions, ctx) ?? Infinity,
      byCreation: readChoice(NAME, 'attributeTo', o.attributeTo, ['resolved', 'created'], 'resolved') === 'created',
      level: readConfidence(NAME, o.confidence),
    };
  },
  level: (p) => (p.at === Infinity ? LEVEL_FACTS : LEVEL_STATUSES),
  step: classify,
  start: () => new RateAccumulator(),
  finish: (acc, p) => {
    const r = acc.rate<ReopenRateExclusion>(p.level);
    withReasonAliases(r.excluded, { never_resolved: 'unresolved' });
    return r;
  },
};

/** The definition, for ticket j: 1 reopened, 0 not, or why it is outside the denominator. */
function classify(c: TicketColumns, j: number, p: Params): number | ReopenRateExclusion {
  const f = c.flags[j] as number;
  const events = (f & F_EVENTS) !== 0;
  // The first resolution (the summary's, which may be unknown when only the last one is given).
  const first = events ? (c.firstResolution[j] as number) : (c.firstResolved[j] as number);
  if (!(first <= p.at)) {
    if (!events && (f & F_FIRST_RES_UNKNOWN) !== 0 && p.at !== Infinity) return 'summary_only';
    return 'unresolved';
  }
  const anchor = p.byCreation ? (c.created[j] as number) : first;
  // A period placed by the first resolution cannot place a ticket whose first resolution is not known.
  if (!events && !p.byCreation && (f & F_FIRST_RES_UNKNOWN) !== 0 && (p.from !== -Infinity || p.to !== Infinity)) return 'summary_only';
  if (!(anchor >= p.from && anchor < p.to)) return 'out_of_period';
  if (events) return (p.at === Infinity ? (c.reopens[j] as number) : reopensUntil(c, j, p.at)) > 0 ? 1 : 0;
  const r = summaryReopened(c, j, p.at);
  return r < 0 ? 'summary_only' : r;
}

/**
 * Reopen rate: the share of resolved tickets that were reopened at least once.
 *
 * Cost: one pass, O(events log events) per ticket (events are ordered to collapse same-instant updates).
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events`, or with the summary fields (`reopens`, `firstResolvedAt`,
 *   `resolvedAt`, `status`)
 * @param options - the period and its anchor
 * @returns a {@link RateResult}: `numerator` reopened tickets, `denominator` tickets resolved at least once
 * @example
 * ```ts
 * import { reopenRate } from 'helpdesk-metrics';
 * const r = reopenRate([
 *   { id: 'A', createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'status', at: '2026-03-02T10:00:00Z', status: 'solved' },
 *     { type: 'status', at: '2026-03-03T08:00:00Z', status: 'open' },
 *   ] },
 *   { id: 'B', createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'status', at: '2026-03-02T11:00:00Z', status: 'solved' },
 *     { type: 'status', at: '2026-03-02T11:00:00Z', status: 'open' }, // same update: no reopen
 *   ] },
 *   { id: 'C', createdAt: '2026-03-02T09:00:00Z', events: [] },
 * ]);
 * r.numerator;          //=> 1
 * r.denominator;        //=> 2
 * r.excluded.byReason;  //=> { unresolved: 1 }
 * ```
 */
export function reopenRate(tickets: readonly Ticket[] | PreparedTickets, options?: ReopenRateOptions): RateResult<ReopenRateExclusion> {
  return runTicketMetric(METRIC, tickets, options);
}
