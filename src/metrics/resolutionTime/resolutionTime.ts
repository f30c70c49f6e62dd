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
import { createdOutside, placeInPeriod, readPeriod, type PeriodOptions } from '../../_lib/period.js';
import {
  createTicketReader,
  isCurrentlyResolved,
  K_STATUS,
  optionError,
  STATUSES,
  type TicketInputOptions,
} from '../../_lib/tickets.js';
import { requireSchedule, type Schedule, type ScheduleEngine } from '../../calendar/schedule.js';
import type { Ticket, TicketStatus } from '../../model/index.js';
import {
  checkSummaryOptions,
  DurationCollector,
  summarizeDurations,
  type DurationSummary,
  type SummaryOptions,
} from '../../results/durationSummary.js';
import { exclude, finishLedger, type InvalidReason } from '../../results/excluded.js';

/**
 * Why a ticket was left out of {@link resolutionTime}.
 * - `unresolved`: never solved nor closed;
 * - `reopened`: solved before, but open again now (`resolution: 'full'` only: its final resolution has not
 *   happened yet);
 * - `summary_only`: `pauseStatuses` needs the status history;
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
  | InvalidReason;

/**
 * Options of {@link resolutionTime}.
 *
 * @category Ticket timing
 */
export interface ResolutionTimeOptions extends TicketInputOptions, SummaryOptions, PeriodOptions {
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
  tickets: readonly Ticket[],
  options?: ResolutionTimeOptions,
): DurationSummary<ResolutionTimeExclusion> {
  const reader = createTicketReader<ResolutionTimeExclusion>(NAME, tickets, options);
  const bad = checkSummaryOptions(options);
  if (bad !== undefined) optionError(NAME, 'percentiles', bad);
  const resolution = options?.resolution ?? 'full';
  if (resolution !== 'first' && resolution !== 'full') {
    optionError(NAME, 'resolution', `must be 'first' or 'full', got ${JSON.stringify(resolution)}`);
  }
  const pauseList = options?.pauseStatuses ?? [];
  if (!Array.isArray(pauseList)) optionError(NAME, 'pauseStatuses', 'must be an array of statuses');
  const paused = new Uint8Array(STATUSES.length);
  for (const s of pauseList) {
    const k = STATUSES.indexOf(s);
    if (k < 0) optionError(NAME, 'pauseStatuses', `${JSON.stringify(s)} is not a canonical status`);
    paused[k] = 1;
  }
  const pausing = pauseList.length > 0;
  const period = readPeriod(reader, options, 'resolved');
  const engine = options?.businessHours === undefined ? undefined : requireSchedule(NAME, options.businessHours, 'businessHours');
  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  const collector = new DurationCollector(n);

  for (let i = 0; i < n; i++) {
    if (!reader.read(tickets, i)) continue;
    if (createdOutside(period, f.createdMs)) {
      exclude(ledger, 'out_of_period', f.id);
      continue;
    }
    const end = resolution === 'first' ? f.firstResolvedMs : f.lastResolvedMs;
    if (end !== end) {
      exclude(ledger, 'unresolved', f.id);
      continue;
    }
    if (resolution === 'full' && !isCurrentlyResolved(f)) {
      exclude(ledger, 'reopened', f.id);
      continue;
    }
    if (period !== undefined && period.attributeTo !== 'created') {
      const place = placeInPeriod(period, period.attributeTo === 'resolved' ? end : f.firstReplyMs);
      if (place !== 'in') {
        exclude(ledger, place === 'missing' ? 'no_reply' : 'out_of_period', f.id);
        continue;
      }
    }
    let duration = engine === undefined ? end - f.createdMs : engine.measure(f.createdMs, end);
    if (pausing) {
      if (!f.hasEvents) {
        exclude(ledger, 'summary_only', f.id);
        continue;
      }
      reader.sortEvents();
      duration -= pausedTime(reader.at, reader.kind, reader.order, f.eventCount, f.createdMs, end, paused, engine);
    }
    collector.add(duration);
  }
  return summarizeDurations(collector, options, finishLedger(ledger));
}

/** Time in paused statuses within [created, end): the status starts as `new` at creation. */
function pausedTime(
  at: Float64Array,
  kind: Uint8Array,
  order: Int32Array,
  count: number,
  created: number,
  end: number,
  paused: Uint8Array,
  engine: ScheduleEngine | undefined,
): number {
  let status = 0; // new
  let since = created;
  let total = 0;
  for (let j = 0; j < count; j++) {
    const e = order[j] as number;
    const k = kind[e] as number;
    if (k < K_STATUS) continue;
    const t = at[e] as number;
    if (t > end) break;
    if (paused[status] === 1) total += engine === undefined ? t - since : engine.measure(since, t);
    status = k - K_STATUS;
    since = t;
  }
  if (paused[status] === 1 && since < end) total += engine === undefined ? end - since : engine.measure(since, end);
  return total;
}
