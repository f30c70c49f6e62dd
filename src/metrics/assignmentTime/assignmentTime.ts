/**
 * Assignment times.
 *
 * Formula, per ticket (`measure`): first assignment − createdAt (`'toFirstAssignment'`), final resolution −
 * first assignment (`'firstAssignmentToResolution'`), final resolution − latest assignment
 * (`'lastAssignmentToResolution'`), or the time unresolved with nobody assigned (`'unassigned'`); summarised.
 * Default definition: Zendesk's assignment metrics (`initially_assigned_at`, `assigned_at`; Explore "First
 * assignment to resolution", "Last assignment to resolution"), Intercom's "Time to first assignment", from
 * assignment events; `of: 'group'` follows the group (team) instead of the agent.
 * Options: measure, of, businessHours, period, attributeTo, percentiles, quantileMethod, by,
 * excludeSpam/Deleted/Merged, and the read options.
 *
 * @module
 */
import { requireSchedule, type Schedule, type ScheduleEngine } from '../../calendar/schedule.js';
import type { Ticket } from '../../model/index.js';
import { readChoice, readSummary, type InstantContext, type SummarySpec } from '../../options/shared.js';
import { createdOutside, readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import { DurationAccumulator, summarize } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import { outsidePeriod } from '../../pipeline/ticketPeriod.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { AssignmentFacts, ticketField, unassignedTime, type AssignmentField } from '../../read/assignmentHistory.js';
import { summaryCount, summaryInstant } from '../../read/summaryExtras.js';
import { F_EVENTS, LEVEL_EVENTS, resolvedNow, type TicketColumns } from '../../read/ticketColumns.js';
import type { DurationSummary, SummaryOptions } from '../../results/durationSummary.js';
import type { InvalidReason } from '../../results/excluded.js';

/**
 * What {@link assignmentTime} measures per ticket:
 * - `'toFirstAssignment'`: creation → the first assignment (Zendesk `initially_assigned_at`);
 * - `'firstAssignmentToResolution'`: the first assignment → the final resolution;
 * - `'lastAssignmentToResolution'`: the latest assignment at or before the final resolution (Zendesk
 *   `assigned_at`) → the final resolution;
 * - `'unassigned'`: the time from creation to the final resolution during which the ticket had no assignee
 *   (no group, with `of: 'group'`) and was not resolved.
 *
 * @category Assignment
 */
export type AssignmentTimeMeasure = 'toFirstAssignment' | 'firstAssignmentToResolution' | 'lastAssignmentToResolution' | 'unassigned';

/**
 * Why a ticket was left out of {@link assignmentTime}:
 * - `never_assigned`: no assignment to an agent (a group) in its history (summary: `assigneeStations: 0` or
 *   `firstAssignedAt: null`);
 * - `assignment_unknown`: the ticket has `assigneeId` (`groupId`) but no assignment event sets it, so when it
 *   was assigned is not known;
 * - `assigned_after_resolution`: first assigned after its final resolution (a resolution measure);
 * - `unresolved`: not solved or closed now (the resolution measures and `'unassigned'`);
 * - `reopened`: solved before but open again now;
 * - `summary_only`: a summary ticket whose columns do not answer: `of: 'group'` and `'unassigned'` (no field),
 *   `firstAssignedAt` (`'toFirstAssignment'`, `'firstAssignmentToResolution'`) or `assignedAt`
 *   (`'lastAssignmentToResolution'`) missing;
 * - `out_of_period`, `no_reply` (with `attributeTo: 'firstReply'`), `ineligible:spam`, `ineligible:deleted`,
 *   `ineligible:merged`, `invalid:<code>`.
 *
 * @category Assignment
 */
export type AssignmentTimeExclusion =
  | 'never_assigned'
  | 'assignment_unknown'
  | 'assigned_after_resolution'
  | 'unresolved'
  | 'reopened'
  | 'summary_only'
  | 'out_of_period'
  | 'no_reply'
  | IneligibleReason
  | InvalidReason;

/**
 * Options of {@link assignmentTime}.
 *
 * @category Assignment
 */
export interface AssignmentTimeOptions extends TicketInputOptions, EligibilityOptions, SummaryOptions, PeriodOptions, BreakdownOptions<TicketBy> {
  /** @defaultValue `'toFirstAssignment'` */
  readonly measure?: AssignmentTimeMeasure;
  /** Follow the agent (`assigneeId`) or the group (`groupId`). @defaultValue `'assignee'` */
  readonly of?: 'assignee' | 'group';
  /** Measure in business time on this schedule (from {@link createSchedule}), summary tickets too (their instants). */
  readonly businessHours?: Schedule;
}

const NAME = 'assignmentTime';

interface Params {
  readonly measure: AssignmentTimeMeasure;
  readonly field: AssignmentField;
  readonly engine: ScheduleEngine | undefined;
  readonly period: ParsedPeriod | undefined;
  readonly summary: SummarySpec;
  readonly ctx: InstantContext;
  readonly facts: AssignmentFacts;
}

const METRIC: TicketMetric<Params, DurationAccumulator, DurationSummary<AssignmentTimeExclusion>> = {
  name: NAME,
  optionKeys: ['measure', 'of', 'businessHours', 'period', 'attributeTo', 'percentiles', 'quantileMethod'],
  params(o, ctx) {
    const measure = readChoice<AssignmentTimeMeasure>(NAME, 'measure', o.measure, ['toFirstAssignment', 'firstAssignmentToResolution', 'lastAssignmentToResolution', 'unassigned'], 'toFirstAssignment');
    const toResolution = measure === 'firstAssignmentToResolution' || measure === 'lastAssignmentToResolution';
    return {
      measure,
      field: readChoice(NAME, 'of', o.of, ['assignee', 'group'], 'assignee') === 'group' ? 'groupId' : 'assigneeId',
      engine: o.businessHours === undefined ? undefined : requireSchedule(NAME, o.businessHours, 'businessHours'),
      period: readPeriod(NAME, o as PeriodOptions, ctx, toResolution ? 'resolved' : 'created'),
      summary: readSummary(NAME, o),
      ctx,
      facts: new AssignmentFacts(),
    };
  },
  level: () => LEVEL_EVENTS,
  step: measureAssignment,
  start: () => new DurationAccumulator(),
  finish: (acc, p) => summarize(acc.durations, p.summary, acc.excluded<AssignmentTimeExclusion>()),
};

/** The definition, for ticket j: the measured span in ms, or why there is none. */
function measureAssignment(c: TicketColumns, j: number, p: Params): number | AssignmentTimeExclusion {
  const created = c.created[j] as number;
  if (createdOutside(p.period, created)) return 'out_of_period';
  const measure = p.measure;
  let end = NaN;
  if (measure !== 'toFirstAssignment') {
    end = c.lastResolved[j] as number;
    if (end !== end) return 'unresolved';
    if (!resolvedNow(c, j)) return 'reopened';
  }
  const outside = outsidePeriod(p.period, c, j);
  if (outside !== undefined) return outside;
  let start: number;
  if (((c.flags[j] as number) & F_EVENTS) === 0) {
    // Summary: Zendesk's assignee instants and stations; nothing about groups or unassigned spans.
    if (p.field === 'groupId' || measure === 'unassigned') return 'summary_only';
    const first = summaryInstant(c, j, 'firstAssignedAt', p.ctx);
    if (first === -Infinity || summaryCount(c, j, 'assigneeStations') === 0) return 'never_assigned';
    start = measure === 'lastAssignmentToResolution' ? summaryInstant(c, j, 'assignedAt', p.ctx) : first;
    if (start !== start || start === -Infinity) return 'summary_only';
  } else {
    const f = p.facts.replay(c, j, p.field);
    if (!f.touched && ticketField(c, j, p.field) !== null) return 'assignment_unknown';
    if (measure === 'unassigned') return unassignedTime(c, j, p.field, end, p.engine);
    if (f.first !== f.first) return 'never_assigned';
    if (measure === 'toFirstAssignment') start = f.first;
    else if (f.first > end) return 'assigned_after_resolution';
    else start = measure === 'firstAssignmentToResolution' ? f.first : p.facts.replay(c, j, p.field, end).last;
  }
  if (measure === 'toFirstAssignment') {
    end = start;
    start = created;
  }
  if (end < start) return 'assigned_after_resolution';
  return p.engine === undefined ? end - start : p.engine.measure(start, end);
}

/**
 * Assignment time: how long tickets waited for an assignee (or a group), how long they took from assignment
 * to resolution, or how long they sat unassigned.
 *
 * Assignments come from the ticket's assignment events (`{ type: 'assignment', at, assigneeId?, groupId? }`:
 * see the model); at one instant they are one update. A ticket is unassigned from its creation until its first
 * assignment event. Summary tickets answer from Zendesk's `firstAssignedAt`, `assignedAt` and
 * `assigneeStations` (agents only).
 *
 * Cost: O(events) per ticket; quantiles O(n log n).
 *
 * @category Assignment
 * @param tickets - tickets with `events` (assignment events), or summary tickets with `firstAssignedAt`,
 *   `assignedAt`; or a prepared set
 * @param options - what to measure, of what, how
 * @returns a {@link DurationSummary}; with `by`, the same per group in `groups`
 * @example
 * ```ts
 * import { assignmentTime } from 'helpdesk-metrics';
 * const tickets = [
 *   { id: 'A-1', createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'assignment', at: '2026-03-02T09:00:00Z', groupId: 'G1' },
 *     { type: 'assignment', at: '2026-03-02T09:20:00Z', assigneeId: 'A1' },
 *     { type: 'assignment', at: '2026-03-02T10:00:00Z', assigneeId: 'A2', groupId: 'G2' },
 *     { type: 'status', at: '2026-03-02T11:00:00Z', status: 'solved' },
 *   ] },
 * ] as const;
 * assignmentTime(tickets).meanMs;                                            //=> 1200000 (20 min to the first agent)
 * assignmentTime(tickets, { measure: 'firstAssignmentToResolution' }).meanMs; //=> 6000000 (1 h 40 min)
 * assignmentTime(tickets, { of: 'group' }).meanMs;                            //=> 0 (routed to G1 on creation)
 * ```
 */
export function assignmentTime(tickets: readonly Ticket[] | PreparedTickets, options?: AssignmentTimeOptions): DurationSummary<AssignmentTimeExclusion> {
  return runTicketMetric(METRIC, tickets, options);
}
