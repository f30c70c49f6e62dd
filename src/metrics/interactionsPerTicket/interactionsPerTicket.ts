/**
 * Interactions per ticket.
 *
 * Formula: mean = Σ interactions / tickets counted (exact); median and a distribution
 * `{ '0': n, '1': n, ..., '5+': n }`, where interactions are a ticket's public messages by `count`:
 * `'agent'` (public agent messages: Zendesk "Agent replies", Help Scout "Replies sent"), `'customer'`
 * (Help Scout "Messages received") or `'all'` (Gorgias "Messages per ticket"); bot messages only with
 * `includeBots`, system messages and internal notes never.
 * Default: resolved tickets only (Gorgias "only includes closed tickets"); distribution open-ended at 5 as
 * Help Scout's replies-to-resolve buckets.
 * Options: count, includeBots, tickets ('resolved' | 'all'), openEndedAt, invalid, statusMap, timeZone.
 *
 * @module
 */
import type { Ticket } from '../../model/index.js';
import { readBoolean, readChoice, readWholeNumber } from '../../options/shared.js';
import { countSummary, HistogramAccumulator } from '../../pipeline/histogram.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { F_EVENTS, LEVEL_FACTS, resolvedNow, type TicketColumns } from '../../read/ticketColumns.js';
import type { Excluded, InvalidReason } from '../../results/excluded.js';
import type { Grouped } from '../../results/groups.js';

/**
 * Why a ticket was not counted by {@link interactionsPerTicket}:
 * - `unresolved`: not solved or closed now (with the default `tickets: 'resolved'`);
 * - `summary_only`: the summary field needed (`agentReplies`, `customerReplies`) is missing, or bots are asked
 *   for and the summary cannot separate them;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type InteractionsPerTicketExclusion = 'unresolved' | 'summary_only' | IneligibleReason | InvalidReason;

/**
 * Options of {@link interactionsPerTicket}.
 *
 * @category Ticket outcomes
 */
export interface InteractionsPerTicketOptions extends TicketInputOptions, EligibilityOptions, BreakdownOptions<TicketBy> {
  /** Whose public messages count. @defaultValue `'agent'` */
  readonly count?: 'agent' | 'customer' | 'all';
  /** Count public bot messages on the agent side (`'agent'`, `'all'`). @defaultValue `false` */
  readonly includeBots?: boolean;
  /** Which tickets: resolved now (solved or closed), or every ticket. @defaultValue `'resolved'` */
  readonly tickets?: 'resolved' | 'all';
  /** The distribution's last key is `'<openEndedAt>+'`; keys `'0'` .. `'<openEndedAt − 1>'` before it. A whole number ≥ 1. @defaultValue `5` */
  readonly openEndedAt?: number;
}

/**
 * The result of {@link interactionsPerTicket}.
 *
 * @category Ticket outcomes
 */
export interface InteractionsPerTicketResult extends Grouped<InteractionsPerTicketResult> {
  /** Tickets counted. */
  readonly count: number;
  /** Interactions over all counted tickets. */
  readonly total: number;
  /** `total / count`, exact then rounded once; `undefined` when `count` is 0. */
  readonly mean: number | undefined;
  /** The R-7 median; `undefined` when `count` is 0. */
  readonly median: number | undefined;
  /** Tickets by number of interactions; the values sum to `count`. */
  readonly distribution: Readonly<Record<string, number>>;
  /** Tickets not counted, by reason. */
  readonly excluded: Excluded<InteractionsPerTicketExclusion>;
}

const NAME = 'interactionsPerTicket';

interface Params {
  readonly wantAgent: boolean;
  readonly wantCustomer: boolean;
  readonly bots: boolean;
  readonly resolvedOnly: boolean;
  readonly open: number;
}

const METRIC: TicketMetric<Params, HistogramAccumulator, InteractionsPerTicketResult> = {
  name: NAME,
  optionKeys: ['count', 'includeBots', 'tickets', 'openEndedAt'],
  params(o) {
    const who = readChoice(NAME, 'count', o.count, ['agent', 'customer', 'all'], 'agent');
    const bots = readBoolean(NAME, 'includeBots', o.includeBots, false);
    const which = readChoice(NAME, 'tickets', o.tickets, ['resolved', 'all'], 'resolved');
    const open = readWholeNumber(NAME, 'openEndedAt', o.openEndedAt, 5, 1, 1000);
    const wantAgent = who !== 'customer';
    const wantCustomer = who !== 'agent';
    return { wantAgent, wantCustomer, bots, resolvedOnly: which === 'resolved', open };
  },
  level: () => LEVEL_FACTS,
  step: countInteractions,
  start: () => new HistogramAccumulator(),
  finish: (acc, p) => ({ ...countSummary(acc, p.open), excluded: acc.excluded<InteractionsPerTicketExclusion>() as Excluded<InteractionsPerTicketExclusion> }),
};

/** The definition, for ticket j: its public messages of the counted kinds, or why it is not counted. */
function countInteractions(c: TicketColumns, j: number, p: Params): number | InteractionsPerTicketExclusion {
  if (p.resolvedOnly && !resolvedNow(c, j)) return 'unresolved';
  if (((c.flags[j] as number) & F_EVENTS) !== 0) {
    return (p.wantCustomer ? (c.publicCustomer[j] as number) : 0) + (p.wantAgent ? (c.publicAgent[j] as number) + (p.bots ? (c.publicBot[j] as number) : 0) : 0);
  }
  const a = p.wantAgent ? (c.replies[j] as number) : 0;
  const cu = p.wantCustomer ? (c.customers[j] as number) : 0;
  if (a < 0 || cu < 0 || (p.bots && p.wantAgent)) return 'summary_only';
  return a + cu;
}

/**
 * Interactions per ticket: how many public messages tickets needed, as an exact mean, a median and a
 * distribution (`{ '0': 3, '1': 40, '2': 25, '3': 10, '4': 5, '5+': 7 }`).
 *
 * Cost: one pass, O(events); the median comes from a histogram (no sort).
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events`, or with the summary fields `agentReplies` / `customerReplies`
 * @param options - whose messages, which tickets, the distribution's open end
 * @returns an {@link InteractionsPerTicketResult}
 * @example
 * ```ts
 * import { interactionsPerTicket } from 'helpdesk-metrics';
 * const r = interactionsPerTicket([
 *   { id: 1, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T10:00:00Z', agentReplies: 1 },
 *   { id: 2, createdAt: '2026-03-02T09:00:00Z', status: 'closed', resolvedAt: '2026-03-03T10:00:00Z', agentReplies: 2 },
 *   { id: 3, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-05T10:00:00Z', agentReplies: 6 },
 *   { id: 4, createdAt: '2026-03-02T09:00:00Z', status: 'open', agentReplies: 1 },
 * ]);
 * r.mean;          //=> 3
 * r.median;        //=> 2
 * r.distribution;  //=> { '0': 0, '1': 1, '2': 1, '3': 0, '4': 0, '5+': 1 }
 * ```
 */
export function interactionsPerTicket(
  tickets: readonly Ticket[] | PreparedTickets,
  options?: InteractionsPerTicketOptions,
): InteractionsPerTicketResult {
  return runTicketMetric(METRIC, tickets, options);
}
