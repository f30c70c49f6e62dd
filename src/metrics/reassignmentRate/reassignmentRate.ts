/**
 * Reassignment rate.
 *
 * Formula: reassignment rate = tickets with more than one station / tickets assigned at least once.
 * Default definition: Zendesk's reassigned tickets (assignee stations > 1) over assigned tickets, Intercom's
 * "Reassignments"; `count: 'distinct'` asks for two different agents (A → unassigned → A is not a
 * reassignment then); `of: 'group'` for transfers between groups (teams).
 * Options: of, count, tickets ('all' | 'resolved'), period, attributeTo, confidence, by,
 * excludeSpam/Deleted/Merged, and the read options.
 *
 * @module
 */
import type { Ticket } from '../../model/index.js';
import { readChoice, readConfidence, type ConfidenceOptions } from '../../options/shared.js';
import { readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { RateAccumulator } from '../../pipeline/collect.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import { outsidePeriod } from '../../pipeline/ticketPeriod.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { AssignmentFacts, STATIONS_UNKNOWN, ticketStations, type AssignmentField } from '../../read/assignmentHistory.js';
import { LEVEL_EVENTS, resolvedNow, type TicketColumns } from '../../read/ticketColumns.js';
import type { InvalidReason } from '../../results/excluded.js';
import type { RateResult } from '../../results/rate.js';

/**
 * Why a ticket is outside the denominator of {@link reassignmentRate}:
 * - `never_assigned`: no station (never assigned to an agent, or a group);
 * - `assignment_unknown`: it has `assigneeId` (`groupId`) but no assignment event sets it;
 * - `unresolved`: not resolved now (with `tickets: 'resolved'`);
 * - `summary_only`: a summary ticket without `assigneeStations` (`groupStations`), or `count: 'distinct'`;
 * - `out_of_period`, `no_reply`, `ineligible:spam`, `ineligible:deleted`, `ineligible:merged`, `invalid:<code>`.
 *
 * @category Assignment
 */
export type ReassignmentRateExclusion = 'never_assigned' | 'assignment_unknown' | 'unresolved' | 'summary_only' | 'out_of_period' | 'no_reply' | IneligibleReason | InvalidReason;

/**
 * Options of {@link reassignmentRate}.
 *
 * @category Assignment
 */
export interface ReassignmentRateOptions extends TicketInputOptions, EligibilityOptions, PeriodOptions, ConfidenceOptions, BreakdownOptions<TicketBy> {
  /** Agents (`assigneeId`) or groups (`groupId`). @defaultValue `'assignee'` */
  readonly of?: 'assignee' | 'group';
  /** Stations as every assignment to a new value (Zendesk), or distinct values. @defaultValue `'changes'` */
  readonly count?: 'changes' | 'distinct';
  /** Which tickets: every assigned ticket, or those resolved now. @defaultValue `'all'` */
  readonly tickets?: 'all' | 'resolved';
}

const NAME = 'reassignmentRate';

interface Params {
  readonly field: AssignmentField;
  readonly distinct: boolean;
  readonly resolvedOnly: boolean;
  readonly period: ParsedPeriod | undefined;
  readonly level: number;
  readonly facts: AssignmentFacts;
}

const METRIC: TicketMetric<Params, RateAccumulator, RateResult<ReassignmentRateExclusion>> = {
  name: NAME,
  optionKeys: ['of', 'count', 'tickets', 'period', 'attributeTo', 'confidence'],
  params(o, ctx) {
    return {
      field: readChoice(NAME, 'of', o.of, ['assignee', 'group'], 'assignee') === 'group' ? 'groupId' : 'assigneeId',
      distinct: readChoice(NAME, 'count', o.count, ['changes', 'distinct'], 'changes') === 'distinct',
      resolvedOnly: readChoice(NAME, 'tickets', o.tickets, ['all', 'resolved'], 'all') === 'resolved',
      period: readPeriod(NAME, o as PeriodOptions, ctx, 'created'),
      level: readConfidence(NAME, o.confidence),
      facts: new AssignmentFacts(),
    };
  },
  level: () => LEVEL_EVENTS,
  step: classifyReassigned,
  start: () => new RateAccumulator(),
  finish: (acc, p) => acc.rate<ReassignmentRateExclusion>(p.level),
};

/** The definition, for ticket j: 1 reassigned, 0 assigned once, or why it is outside the denominator. */
function classifyReassigned(c: TicketColumns, j: number, p: Params): number | ReassignmentRateExclusion {
  const outside = outsidePeriod(p.period, c, j);
  if (outside !== undefined) return outside;
  if (p.resolvedOnly && !resolvedNow(c, j)) return 'unresolved';
  const s = ticketStations(c, j, p.field, p.distinct, p.facts);
  if (s < 0) return s === STATIONS_UNKNOWN ? 'assignment_unknown' : 'summary_only';
  if (s === 0) return 'never_assigned';
  return s > 1 ? 1 : 0;
}

/**
 * Reassignment rate: the share of assigned tickets that passed to another agent (or group) at least once.
 *
 * Cost: one pass, O(events).
 *
 * @category Assignment
 * @param tickets - tickets with `events` (assignment events), or summary tickets with `assigneeStations` /
 *   `groupStations`; or a prepared set
 * @param options - agents or groups, how stations are counted, which tickets
 * @returns a {@link RateResult}: `numerator` reassigned tickets, `denominator` tickets assigned at least once
 * @example
 * ```ts
 * import { reassignmentRate } from 'helpdesk-metrics';
 * const r = reassignmentRate([
 *   { id: 1, createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'assignment', at: '2026-03-02T09:20:00Z', assigneeId: 'A1' },
 *     { type: 'assignment', at: '2026-03-02T10:00:00Z', assigneeId: 'A2' },
 *   ] },
 *   { id: 2, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T10:00:00Z', assigneeStations: 1 },
 *   { id: 3, createdAt: '2026-03-02T09:00:00Z', events: [] },
 * ]);
 * [r.numerator, r.denominator]; //=> [1, 2]
 * r.excluded.byReason;          //=> { never_assigned: 1 }
 * ```
 */
export function reassignmentRate(tickets: readonly Ticket[] | PreparedTickets, options?: ReassignmentRateOptions): RateResult<ReassignmentRateExclusion> {
  return runTicketMetric(METRIC, tickets, options);
}
