/**
 * Assignment stations.
 *
 * Formula: per ticket, the number of assignments to a new agent (`of: 'assignee'`) or group (`of: 'group'`),
 * the first included; mean = Σ stations / tickets (exact), R-7 median, distribution `{ '0': n, …, '5+': n }`.
 * Default definition: Zendesk "Assignee stations" / "Group stations" (`assignee_stations`, `group_stations`;
 * Fivetran's `assignee_stations_count`: A → B → A is three stations, A → unassigned → A two); `count: 'distinct'`
 * counts distinct agents instead (Fivetran's `unique_assignee_count`).
 * Options: of, count, tickets ('all' | 'resolved'), openEndedAt, period, attributeTo, by,
 * excludeSpam/Deleted/Merged, and the read options.
 *
 * @module
 */
import type { Ticket } from '../../model/index.js';
import { readChoice, readWholeNumber } from '../../options/shared.js';
import { readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { countSummary, HistogramAccumulator } from '../../pipeline/histogram.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import { outsidePeriod } from '../../pipeline/ticketPeriod.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { AssignmentFacts, STATIONS_UNKNOWN, ticketStations, type AssignmentField } from '../../read/assignmentHistory.js';
import { LEVEL_EVENTS, resolvedNow, type TicketColumns } from '../../read/ticketColumns.js';
import type { Excluded, InvalidReason } from '../../results/excluded.js';
import type { Grouped } from '../../results/groups.js';

/**
 * Why a ticket was not counted by {@link assignmentStations}:
 * - `assignment_unknown`: it has `assigneeId` (`groupId`) but no assignment event sets it;
 * - `unresolved`: not resolved now (with `tickets: 'resolved'`);
 * - `summary_only`: a summary ticket without `assigneeStations` (`groupStations`), or `count: 'distinct'`
 *   (the columns count changes only);
 * - `out_of_period`, `no_reply` (with `attributeTo: 'firstReply'`), `ineligible:spam`, `ineligible:deleted`,
 *   `ineligible:merged`, `invalid:<code>`.
 *
 * @category Assignment
 */
export type AssignmentStationsExclusion = 'assignment_unknown' | 'unresolved' | 'summary_only' | 'out_of_period' | 'no_reply' | IneligibleReason | InvalidReason;

/**
 * Options of {@link assignmentStations}.
 *
 * @category Assignment
 */
export interface AssignmentStationsOptions extends TicketInputOptions, EligibilityOptions, PeriodOptions, BreakdownOptions<TicketBy> {
  /** Agents (`assigneeId`) or groups (`groupId`). @defaultValue `'assignee'` */
  readonly of?: 'assignee' | 'group';
  /** Every assignment to a new value (Zendesk), or distinct values. @defaultValue `'changes'` */
  readonly count?: 'changes' | 'distinct';
  /** Which tickets: every ticket (a never-assigned one has 0 stations), or those resolved now. @defaultValue `'all'` */
  readonly tickets?: 'all' | 'resolved';
  /** The distribution's last key is `'<openEndedAt>+'`. A whole number from 1 to 1000. @defaultValue `5` */
  readonly openEndedAt?: number;
}

/**
 * The result of {@link assignmentStations}.
 *
 * @category Assignment
 */
export interface AssignmentStationsResult extends Grouped<AssignmentStationsResult> {
  /** Tickets counted. */
  readonly count: number;
  /** Stations over all counted tickets. */
  readonly total: number;
  /** `total / count`, exact then rounded once; `undefined` when `count` is 0. */
  readonly mean: number | undefined;
  /** The R-7 median; `undefined` when `count` is 0. */
  readonly median: number | undefined;
  /** Tickets by number of stations; the values sum to `count`. */
  readonly distribution: Readonly<Record<string, number>>;
  readonly excluded: Excluded<AssignmentStationsExclusion>;
}

const NAME = 'assignmentStations';

interface Params {
  readonly field: AssignmentField;
  readonly distinct: boolean;
  readonly resolvedOnly: boolean;
  readonly open: number;
  readonly period: ParsedPeriod | undefined;
  readonly facts: AssignmentFacts;
}

const METRIC: TicketMetric<Params, HistogramAccumulator, AssignmentStationsResult> = {
  name: NAME,
  optionKeys: ['of', 'count', 'tickets', 'openEndedAt', 'period', 'attributeTo'],
  params(o, ctx) {
    return {
      field: readChoice(NAME, 'of', o.of, ['assignee', 'group'], 'assignee') === 'group' ? 'groupId' : 'assigneeId',
      distinct: readChoice(NAME, 'count', o.count, ['changes', 'distinct'], 'changes') === 'distinct',
      resolvedOnly: readChoice(NAME, 'tickets', o.tickets, ['all', 'resolved'], 'all') === 'resolved',
      open: readWholeNumber(NAME, 'openEndedAt', o.openEndedAt, 5, 1, 1000),
      period: readPeriod(NAME, o as PeriodOptions, ctx, 'created'),
      facts: new AssignmentFacts(),
    };
  },
  level: () => LEVEL_EVENTS,
  step: countStations,
  start: () => new HistogramAccumulator(),
  finish: (acc, p) => ({ ...countSummary(acc, p.open), excluded: acc.excluded<AssignmentStationsExclusion>() as Excluded<AssignmentStationsExclusion> }),
};

/** The definition, for ticket j: its stations, or why it is not counted. */
function countStations(c: TicketColumns, j: number, p: Params): number | AssignmentStationsExclusion {
  const outside = outsidePeriod(p.period, c, j);
  if (outside !== undefined) return outside;
  if (p.resolvedOnly && !resolvedNow(c, j)) return 'unresolved';
  const s = ticketStations(c, j, p.field, p.distinct, p.facts);
  if (s >= 0) return s;
  return s === STATIONS_UNKNOWN ? 'assignment_unknown' : 'summary_only';
}

/**
 * Assignment stations: how many agents (or groups) tickets passed through, as an exact mean, a median and a
 * distribution. From assignment events (a ticket is unassigned until its first one; events at one instant
 * are one update), or Zendesk's `assigneeStations` / `groupStations` summary columns.
 *
 * Cost: one pass, O(events); the median from a histogram (no sort).
 *
 * @category Assignment
 * @param tickets - tickets with `events`, or summary tickets with `assigneeStations` / `groupStations`; or a
 *   prepared set
 * @param options - agents or groups, how to count, which tickets
 * @returns an {@link AssignmentStationsResult}; with `by`, the same per group in `groups`
 * @example
 * ```ts
 * import { assignmentStations } from 'helpdesk-metrics';
 * const r = assignmentStations([
 *   { id: 1, createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'assignment', at: '2026-03-02T09:20:00Z', assigneeId: 'A1' },
 *     { type: 'assignment', at: '2026-03-02T10:00:00Z', assigneeId: 'A2' },
 *   ] },
 *   { id: 2, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T10:00:00Z', assigneeStations: 1 },
 *   { id: 3, createdAt: '2026-03-02T09:00:00Z', events: [] },
 * ]);
 * r.mean;         //=> 1
 * r.distribution; //=> { '0': 1, '1': 1, '2': 1, '3': 0, '4': 0, '5+': 0 }
 * ```
 */
export function assignmentStations(tickets: readonly Ticket[] | PreparedTickets, options?: AssignmentStationsOptions): AssignmentStationsResult {
  return runTicketMetric(METRIC, tickets, options);
}
