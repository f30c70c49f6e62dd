/**
 * Resolution time.
 *
 * Formula: resolution instant − createdAt, per resolved ticket; summarised. `resolution: 'full'` uses the
 * latest solve, `'first'` the first; a ticket closed without ever being solved uses the close.
 * Default definition: Zendesk "Full resolution time" / "First resolution time" (calendar time; pending time
 * is not subtracted unless `pauseStatuses` says so, as Zoho and SLA clocks do).
 * Options: resolution, pauseStatuses, businessHours, period, attributeTo, percentiles, quantileMethod, invalid, statusMap,
 * timeZone.
 *
 * @module
 */
import { requireSchedule, type Schedule, type ScheduleEngine } from '../../calendar/schedule.js';
import type { Ticket, TicketStatus } from '../../model/index.js';
import { readChoice, readSummary, type SummarySpec } from '../../options/shared.js';
import { createdOutside, placeInPeriod, readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import { readStatusMask } from '../../options/tickets.js';
import { DurationAccumulator, summarize } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { timeInStatuses } from '../../read/statusHistory.js';
import { F_EVENTS, F_FIRST_RES_UNKNOWN, LEVEL_STATUSES, LEVEL_FACTS, resolvedNow, type TicketColumns } from '../../read/ticketColumns.js';
import type { DurationSummary, SummaryOptions } from '../../results/durationSummary.js';
import type { InvalidReason } from '../../results/excluded.js';

/**
 * Why a ticket was left out of {@link resolutionTime}.
 * - `unresolved`: never solved nor closed;
 * - `reopened`: solved before, but open again now (`resolution: 'full'` only: its final resolution has not
 *   happened yet);
 * - `summary_only`: `pauseStatuses` needs the status history, or (`resolution: 'first'`) the summary gives only
 *   the last resolution of a reopened ticket;
 * - `out_of_period`, `no_reply` (with `attributeTo: 'firstReply'`), `invalid:<code>`.
 *
 * @category Ticket timing
 */
export type ResolutionTimeExclusion =
  | 'unresolved'
  | 'reopened'
  | 'summary_only'
  | 'out_of_period'
  | 'no_reply'
  | IneligibleReason
  | InvalidReason;

/**
 * Options of {@link resolutionTime}.
 *
 * @category Ticket timing
 */
export interface ResolutionTimeOptions
  extends TicketInputOptions,
    EligibilityOptions,
    SummaryOptions,
    PeriodOptions,
    BreakdownOptions<TicketBy> {
  /**
   * `'full'`: created → the latest solve (Zendesk "Full resolution time"; what Freshdesk and Gorgias call
   * resolution time). `'first'`: created → the first solve (Zendesk "First resolution time").
   * @defaultValue `'full'`
   */
  readonly resolution?: 'first' | 'full';
  /** Statuses whose time is subtracted (the clock pauses), such as `['pending', 'on_hold']`. @defaultValue `[]` */
  readonly pauseStatuses?: readonly TicketStatus[];
  /**
   * Measure in business time: only the open time of this schedule (from {@link createSchedule}) counts.
   * Zendesk's rule: one schedule for the whole span. A ticket created and answered while closed measures 0.
   */
  readonly businessHours?: Schedule;
}

const NAME = 'resolutionTime';

/** @internal */
export interface Params {
  readonly first: boolean;
  readonly paused: Uint8Array | undefined;
  readonly period: ParsedPeriod | undefined;
  readonly engine: ScheduleEngine | undefined;
  readonly summary: SummarySpec;
}

/** @internal The metric, under `name` (averageResolutionTime runs it under its own name). */
export function resolutionTimeMetric(name: string): TicketMetric<Params, DurationAccumulator, DurationSummary<ResolutionTimeExclusion>> {
  return {
  name,
  optionKeys: ['resolution', 'pauseStatuses', 'businessHours', 'period', 'attributeTo', 'percentiles', 'quantileMethod'],
  params(o, ctx) {
    const resolution = readChoice(name, 'resolution', o.resolution, ['first', 'full'], 'full');
    const mask = readStatusMask(name, 'pauseStatuses', o.pauseStatuses, []);
    const engine = o.businessHours === undefined ? undefined : requireSchedule(name, o.businessHours, 'businessHours');
    return {
      first: resolution === 'first',
      paused: mask.includes(1) ? mask : undefined,
      period: readPeriod(name, o as PeriodOptions, ctx, 'resolved'),
      engine,
      summary: readSummary(name, o),
    };
  },
  level: (p) => (p.paused === undefined ? LEVEL_FACTS : LEVEL_STATUSES),
  step: measureResolution,
  start: () => new DurationAccumulator(),
  finish: (acc, p) => summarize(acc.durations, p.summary, acc.excluded<ResolutionTimeExclusion>()),
};
}

const METRIC = /* @__PURE__ */ resolutionTimeMetric(NAME);

/** The definition, for ticket j: created → its first or last resolution (pauses subtracted), or why not. */
function measureResolution(c: TicketColumns, j: number, p: Params): number | ResolutionTimeExclusion {
  const created = c.created[j] as number;
  if (createdOutside(p.period, created)) return 'out_of_period';
  const f = c.flags[j] as number;
  const end = p.first ? (c.firstResolved[j] as number) : (c.lastResolved[j] as number);
  if (end !== end) return 'unresolved';
  if (!p.first && !resolvedNow(c, j)) return 'reopened';
  if (p.first && (f & F_FIRST_RES_UNKNOWN) !== 0) return 'summary_only';
  const period = p.period;
  if (period !== undefined && period.attributeTo !== 'created') {
    const place = placeInPeriod(period, period.attributeTo === 'resolved' ? end : (c.firstReply[j] as number));
    if (place !== 'in') return place === 'missing' ? 'no_reply' : 'out_of_period';
  }
  let duration = p.engine === undefined ? end - created : p.engine.measure(created, end);
  if (p.paused !== undefined) {
    if ((f & F_EVENTS) === 0) return 'summary_only';
    duration -= timeInStatuses(c, j, created, end, p.paused, p.engine);
  }
  return duration;
}

/**
 * Resolution time: how long tickets took from creation to resolution.
 *
 * `attributeTo` defaults to `'resolved'` here: with a `period`, the tickets resolved in it (Freshdesk,
 * Gorgias, Help Scout, Zendesk Explore's "solved" reports).
 *
 * Cost: O(events); O(events log events) per ticket only with `pauseStatuses`.
 *
 * @category Ticket timing
 * @example
 * ```ts
 * import { resolutionTime } from 'helpdesk-metrics';
 * const r = resolutionTime([
 *   { id: 'T-1', createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'status', at: '2026-03-02T11:00:00Z', status: 'solved' },
 *     { type: 'status', at: '2026-03-02T12:00:00Z', status: 'open' },
 *     { type: 'status', at: '2026-03-02T13:00:00Z', status: 'solved' },
 *   ] },
 * ], { resolution: 'first' });
 * r.meanMs; //=> 7200000 (two hours; 'full' gives four)
 * ```
 */
export function resolutionTime(
  tickets: readonly Ticket[] | PreparedTickets,
  options?: ResolutionTimeOptions,
): DurationSummary<ResolutionTimeExclusion> {
  return runTicketMetric(METRIC, tickets, options);
}
