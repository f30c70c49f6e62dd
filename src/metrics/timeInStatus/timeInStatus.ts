/**
 * Time in status.
 *
 * Formula: Σ over the ticket's status intervals inside [createdAt, final resolution) of the intervals whose
 * status is counted, per ticket; summarised.
 * Default definitions (Zendesk native duration metrics): `'requesterWait'` new + open + on-hold, and the time a
 * ticket spent solved before a reopen (the full-resolution clock runs through it), so requester wait + agent
 * wait = full resolution time; `'agentWait'` pending; `'onHold'` on-hold; `'agentWork'` new + open (Zendesk's SLA
 * agent work time). Any list of statuses with `statuses`.
 * Options: definition | statuses, includeReopenedSolves, businessHours (a Schedule, or 'vendor' for the
 * helpdesk's own business figures on summary tickets), at, includeUnresolved, period, attributeTo, percentiles,
 * quantileMethod, by, excludeSpam/Deleted/Merged, and the read options.
 *
 * @module
 */
import { requireSchedule, type Schedule, type ScheduleEngine } from '../../calendar/schedule.js';
import type { Ticket, TicketStatus, Timestamp } from '../../model/index.js';
import { describe } from '../../_lib/options.js';
import { optionError, readAt, readBoolean, readChoice, readSummary, type EvaluationOptions, type SummarySpec } from '../../options/shared.js';
import { createdOutside, placeInPeriod, readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import { readStatusMask } from '../../options/tickets.js';
import { DurationAccumulator, summarize } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { summaryResolvedAt, timeInStatuses } from '../../read/statusHistory.js';
import { summaryCount, type SummaryCountField } from '../../read/summaryExtras.js';
import { F_EVENTS, KB_STATUS, KIND_SHIFT, K_CLOSED, K_SOLVED, K_STATUS, LEVEL_EVENTS, resolvedNow, type TicketColumns } from '../../read/ticketColumns.js';
import type { DurationSummary, SummaryOptions } from '../../results/durationSummary.js';
import type { InvalidReason } from '../../results/excluded.js';

/**
 * The named definitions of {@link timeInStatus} (Zendesk's):
 * - `'requesterWait'`: new, open and on-hold, plus the time solved before a reopen (Zendesk "Requester wait
 *   time"; summary field `requesterWaitMs`);
 * - `'agentWait'`: pending (Zendesk "Agent wait time", waiting on the requester; `agentWaitMs`);
 * - `'onHold'`: on-hold (Zendesk "On-hold time", waiting on a third party; `onHoldMs`);
 * - `'agentWork'`: new and open (Zendesk's SLA "Agent work time"; no summary field).
 *
 * @category Ticket timing
 */
export type TimeInStatusDefinition = 'requesterWait' | 'agentWait' | 'onHold' | 'agentWork';

/**
 * Why a ticket was left out of {@link timeInStatus}:
 * - `unresolved`: not resolved (solved or closed) now, or at `at`: its final resolution has not happened
 *   (`includeUnresolved` measures it up to `at` instead);
 * - `created_after`: created after `at`;
 * - `summary_only`: a summary ticket whose columns do not answer: `statuses` or `'agentWork'` (no summary
 *   field), the definition's field missing (`requesterWaitMs`, `agentWaitMs`, `onHoldMs`, or with
 *   `businessHours: 'vendor'` `requesterWaitBusinessMs`, `agentWaitBusinessMs`, `onHoldBusinessMs`), a
 *   `Schedule` given (the helpdesk's business figures are on its own schedule), `includeReopenedSolves` changed
 *   from the definition's default, or `at` before its final resolution;
 * - `no_vendor_value`: `businessHours: 'vendor'` on a ticket with events (the helpdesk's figures come only in
 *   summary columns);
 * - `out_of_period`: its `attributeTo` instant is outside `period`; `no_reply` with `attributeTo: 'firstReply'`;
 * - `ineligible:spam`, `ineligible:deleted`, `ineligible:merged`, `invalid:<code>`.
 *
 * @category Ticket timing
 */
export type TimeInStatusExclusion =
  | 'unresolved'
  | 'created_after'
  | 'summary_only'
  | 'no_vendor_value'
  | 'out_of_period'
  | 'no_reply'
  | IneligibleReason
  | InvalidReason;

/**
 * Options of {@link timeInStatus}: `definition` or `statuses` (not both).
 *
 * @category Ticket timing
 */
export interface TimeInStatusOptions
  extends TicketInputOptions,
    EligibilityOptions,
    SummaryOptions,
    PeriodOptions,
    EvaluationOptions,
    BreakdownOptions<TicketBy> {
  /** A named definition (see {@link TimeInStatusDefinition}). @defaultValue `'requesterWait'` (unless `statuses` is given) */
  readonly definition?: TimeInStatusDefinition;
  /** The statuses whose time counts (canonical statuses), instead of a named definition. */
  readonly statuses?: readonly TicketStatus[];
  /**
   * Count the time a ticket spent solved (or closed) before it was reopened. The window ends at the final
   * resolution, so this is the resolved time inside it.
   * @defaultValue `true` for `'requesterWait'`, `false` otherwise
   */
  readonly includeReopenedSolves?: boolean;
  /**
   * Business time: a schedule from {@link createSchedule} (events-form tickets, each status interval measured
   * on it), or `'vendor'`: the helpdesk's own business figures of summary tickets (`requesterWaitBusinessMs`,
   * …; Zendesk's `…_in_minutes.business`).
   */
  readonly businessHours?: Schedule | 'vendor';
  /**
   * The evaluation instant: later events are ignored, tickets created after it are `created_after`.
   * (`asOf` is its deprecated name.)
   */
  readonly at?: Timestamp;
  /** Measure tickets not resolved at `at` up to `at` (the time so far); needs `at`. @defaultValue `false` */
  readonly includeUnresolved?: boolean;
}

const NAME = 'timeInStatus';

/** Per definition: the statuses, whether reopened solves count, the summary fields (calendar, vendor business). */
const DEFINITIONS: Readonly<Record<TimeInStatusDefinition, { statuses: readonly TicketStatus[]; reopened: boolean; calendar?: SummaryCountField; business?: SummaryCountField }>> = {
  requesterWait: { statuses: ['new', 'open', 'on_hold'], reopened: true, calendar: 'requesterWaitMs', business: 'requesterWaitBusinessMs' },
  agentWait: { statuses: ['pending'], reopened: false, calendar: 'agentWaitMs', business: 'agentWaitBusinessMs' },
  onHold: { statuses: ['on_hold'], reopened: false, calendar: 'onHoldMs', business: 'onHoldBusinessMs' },
  agentWork: { statuses: ['new', 'open'], reopened: false },
};

interface Params {
  readonly mask: Uint8Array;
  /** The summary field this call answers from (undefined: summary tickets are summary_only). */
  readonly field: SummaryCountField | undefined;
  readonly engine: ScheduleEngine | undefined;
  readonly vendor: boolean;
  readonly at: number | undefined;
  readonly includeUnresolved: boolean;
  readonly period: ParsedPeriod | undefined;
  readonly summary: SummarySpec;
}

const METRIC: TicketMetric<Params, DurationAccumulator, DurationSummary<TimeInStatusExclusion>> = {
  name: NAME,
  optionKeys: ['definition', 'statuses', 'includeReopenedSolves', 'businessHours', 'at', 'asOf', 'includeUnresolved', 'period', 'attributeTo', 'percentiles', 'quantileMethod'],
  params(o, ctx) {
    if (o.definition !== undefined && o.statuses !== undefined) {
      optionError(NAME, 'statuses', "give either definition ('requesterWait', 'agentWait', 'onHold', 'agentWork') or statuses, not both");
    }
    let mask: Uint8Array;
    let field: SummaryCountField | undefined;
    let business: SummaryCountField | undefined;
    let reopened = false;
    let standard = false;
    if (o.statuses === undefined) {
      const name = readChoice<TimeInStatusDefinition>(NAME, 'definition', o.definition, ['requesterWait', 'agentWait', 'onHold', 'agentWork'], 'requesterWait');
      const d = DEFINITIONS[name];
      mask = readStatusMask(NAME, 'definition', d.statuses, []);
      reopened = d.reopened;
      field = d.calendar;
      business = d.business;
      standard = true;
    } else {
      mask = readStatusMask(NAME, 'statuses', o.statuses, []);
    }
    const include = readBoolean(NAME, 'includeReopenedSolves', o.includeReopenedSolves, reopened);
    // The vendor's figure follows the vendor's rule: another rule cannot be answered from it.
    if (include !== reopened) standard = false;
    if (include) {
      mask[4] = 1;
      mask[5] = 1;
    }
    const bh = o.businessHours;
    const vendor = bh === 'vendor';
    if (typeof bh === 'string' && !vendor) optionError(NAME, 'businessHours', `must be a schedule from createSchedule or 'vendor', got ${describe(bh)}`);
    const engine = bh === undefined || vendor ? undefined : requireSchedule(NAME, bh, 'businessHours');
    const at = readAt(NAME, o as EvaluationOptions, ctx);
    const includeUnresolved = readBoolean(NAME, 'includeUnresolved', o.includeUnresolved, false);
    if (includeUnresolved && at === undefined) optionError(NAME, 'includeUnresolved', 'needs at: the library never reads the clock, so "up to now" must be given');
    return {
      mask,
      field: !standard || engine !== undefined ? undefined : vendor ? business : field,
      engine,
      vendor,
      at,
      includeUnresolved,
      period: readPeriod(NAME, o as PeriodOptions, ctx, 'resolved'),
      summary: readSummary(NAME, o),
    };
  },
  level: () => LEVEL_EVENTS,
  step: measureTimeInStatus,
  start: () => new DurationAccumulator(),
  finish: (acc, p) => summarize(acc.durations, p.summary, acc.excluded<TimeInStatusExclusion>()),
};

/** Events form: the last resolution at or before `at` (solve, else close: the reader's rule), NaN when not resolved then. */
function finalResolutionAt(c: TicketColumns, j: number, at: number): number {
  const { evAt, evKind } = c;
  let status = 0;
  let lastSolved = NaN;
  let lastClosed = NaN;
  for (let e = c.evStart[j] as number, end = c.evStart[j + 1] as number; e < end; e++) {
    const b = evKind[e] as number;
    if (b < KB_STATUS) continue;
    const t = evAt[e] as number;
    if (t > at) break;
    status = (b >> KIND_SHIFT) - K_STATUS;
    if (b >> KIND_SHIFT === K_SOLVED) lastSolved = t;
    else if (b >> KIND_SHIFT === K_CLOSED) lastClosed = t;
  }
  if (status < 4) return NaN;
  return lastSolved === lastSolved ? lastSolved : lastClosed;
}

/** The definition, for ticket j: its time in the counted statuses in ms, or why it has none. */
function measureTimeInStatus(c: TicketColumns, j: number, p: Params): number | TimeInStatusExclusion {
  const created = c.created[j] as number;
  if (createdOutside(p.period, created)) return 'out_of_period';
  const at = p.at;
  if (at !== undefined && created > at) return 'created_after';
  const events = ((c.flags[j] as number) & F_EVENTS) !== 0;
  let end: number;
  let resolved: boolean;
  if (events) {
    if (p.vendor) return 'no_vendor_value';
    end = at === undefined ? (resolvedNow(c, j) ? (c.lastResolved[j] as number) : NaN) : finalResolutionAt(c, j, at);
    resolved = end === end;
  } else {
    end = c.lastResolved[j] as number;
    resolved = at === undefined ? resolvedNow(c, j) : summaryResolvedAt(c, j, at) === 1 && end <= at;
    // Resolved later than `at`, or when is unknown: the vendor's figure is not the one as of `at`.
    if (!resolved && at !== undefined && (summaryResolvedAt(c, j, at) !== 0 || p.includeUnresolved)) return 'summary_only';
  }
  if (!resolved) {
    if (!p.includeUnresolved) return 'unresolved';
    end = at as number;
  }
  const period = p.period;
  if (period !== undefined && period.attributeTo !== 'created') {
    // A ticket measured while unresolved has no resolution: it is placed by its creation.
    const anchor = period.attributeTo === 'firstReply' ? (c.firstReply[j] as number) : resolved ? end : created;
    const place = placeInPeriod(period, anchor);
    if (place !== 'in') return place === 'missing' ? 'no_reply' : 'out_of_period';
  }
  if (!events) {
    if (p.field === undefined) return 'summary_only';
    const v = summaryCount(c, j, p.field);
    return v < 0 ? 'summary_only' : v;
  }
  return timeInStatuses(c, j, created, end, p.mask, p.engine);
}

/**
 * Time in status: how long each ticket spent in some statuses before its final resolution: Zendesk's
 * requester wait, agent wait, on-hold and agent work time, or any list of statuses.
 *
 * The clock is the full-resolution clock: it runs from creation to the final resolution (the latest solve, as
 * {@link resolutionTime} with `resolution: 'full'`), so the statuses of a ticket split its full resolution time
 * exactly; time after the final resolution is never counted. Business time sums each interval's open time on
 * the schedule (Zendesk's rule for multi-event metrics, one schedule).
 *
 * Cost: O(events) per ticket (business time: O(intervals × log holidays)); quantiles O(n log n).
 *
 * @category Ticket timing
 * @param tickets - tickets with `events`, or summary tickets with `requesterWaitMs` / `agentWaitMs` / `onHoldMs`;
 *   or a prepared set
 * @param options - `definition` (default `'requesterWait'`) or `statuses`, and how to measure
 * @returns a {@link DurationSummary} of one value per ticket; with `by`, the same per group in `groups`
 * @example
 * ```ts
 * import { timeInStatus } from 'helpdesk-metrics';
 * const tickets = [
 *   { id: 'Z-1', createdAt: '2026-03-02T08:00:00Z', events: [
 *     { type: 'status', at: '2026-03-02T09:30:00Z', status: 'open' },
 *     { type: 'status', at: '2026-03-02T11:00:00Z', status: 'pending' },
 *     { type: 'status', at: '2026-03-02T15:00:00Z', status: 'on_hold' },
 *     { type: 'status', at: '2026-03-02T18:00:00Z', status: 'solved' },
 *     { type: 'status', at: '2026-03-03T10:00:00Z', status: 'open' },
 *     { type: 'status', at: '2026-03-03T12:00:00Z', status: 'solved' },
 *   ] },
 * ] as const;
 * timeInStatus(tickets, { definition: 'requesterWait' }).totalMs; //=> 86400000 (24 h: new, open, on-hold, and the 16 h solved before the reopen)
 * timeInStatus(tickets, { definition: 'agentWait' }).totalMs;     //=> 14400000 (4 h pending; 24 h + 4 h = the 28 h full resolution time)
 * timeInStatus(tickets, { statuses: ['new', 'open'] }).totalMs;   //=> 18000000 (5 h)
 * ```
 */
export function timeInStatus(tickets: readonly Ticket[] | PreparedTickets, options?: TimeInStatusOptions): DurationSummary<TimeInStatusExclusion> {
  return runTicketMetric(METRIC, tickets, options);
}
