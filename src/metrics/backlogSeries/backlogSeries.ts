/**
 * Backlog series.
 *
 * Formula: for each bucket i of `[from, to)` (hour, day, week or month in `timeZone`),
 * backlog[i] = backlog at the end of bucket i = backlog({ at: end[i] − 1 ms }), and
 * backlog[i] = backlog[i−1] + created[i] − resolved[i] + reopened[i] exactly (backlog[−1] = `opening`).
 * Default definition: Zendesk Backlog history (unsolved tickets at the end of each local day), reconstructed
 * from the status history as Fivetran's `zendesk__ticket_backlog` does.
 * Options: from, to, interval, timeZone (required), weekStartsOn, invalid, statusMap.
 *
 * @module
 */
import { bucketIndex, bucketLabel, checkInterval, checkWeekStart, makeBuckets, type BucketBounds, type BucketInterval, type WeekStartDay } from '../../_lib/buckets.js';
import { describe } from '../../_lib/options.js';
import type { ZoneInfo } from '../../calendar/timeZone.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import { optionError, readPeriodRange, readZone, type Period } from '../../options/shared.js';
import { Accumulator } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { resolvedTransitions, summaryOnlyResolution } from '../../read/statusHistory.js';
import { F_EVENTS, LEVEL_STATUSES, type TicketColumns } from '../../read/ticketColumns.js';
import type { Excluded, InvalidReason } from '../../results/excluded.js';
import type { Grouped } from '../../results/groups.js';

/**
 * Why a ticket plays no part in {@link backlogSeries}:
 * - `created_after`: created at or after the end of the last bucket;
 * - `summary_only`: summary fields that do not give its full resolved/reopened history (it was reopened);
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * Every other ticket is counted: in `opening` or in a bucket's `created`, and in `resolved`/`reopened` for
 * each change inside the range.
 *
 * @category Ticket outcomes
 */
export type BacklogSeriesExclusion = 'created_after' | 'summary_only' | IneligibleReason | InvalidReason;

/**
 * Options of {@link backlogSeries}.
 *
 * @category Ticket outcomes
 */
export interface BacklogSeriesOptions extends Omit<TicketInputOptions, 'timeZone'>, EligibilityOptions, BreakdownOptions<TicketBy> {
  /** The range `[from, to)`: the first bucket is the one containing `from`, the last the one containing `to − 1 ms`. Required (or the deprecated `from`/`to`). */
  readonly period?: Period;
  /** @deprecated Use `period: { from, to }`. */
  readonly from?: Timestamp;
  /** @deprecated Use `period: { from, to }`. */
  readonly to?: Timestamp;
  /** Bucket length. */
  readonly interval: BucketInterval;
  /** IANA zone of the bucket boundaries (and of ISO strings without an offset). Required. */
  readonly timeZone: string;
  /** First day of a week bucket, 0 = Sunday ... 6 = Saturday. @defaultValue `1` (Monday) */
  readonly weekStartsOn?: WeekStartDay;
}

/**
 * One bucket of a {@link BacklogSeriesResult}.
 *
 * @category Ticket outcomes
 */
export interface BacklogBucket {
  /** First instant of the bucket, epoch ms. */
  readonly start: number;
  /** First instant after it, epoch ms. */
  readonly end: number;
  /** Local label: `'2026-03-29'` (day, week), `'2026-03'` (month), `'2026-03-29T02:00+02:00'` (hour). */
  readonly label: string;
  /** Tickets created in the bucket. */
  readonly created: number;
  /** Resolutions in the bucket (a ticket solved, reopened and solved again counts twice). */
  readonly resolved: number;
  /** Reopens in the bucket. */
  readonly reopened: number;
  /** Tickets unresolved at the end of the bucket. */
  readonly backlog: number;
}

/**
 * The result of {@link backlogSeries}.
 *
 * @category Ticket outcomes
 */
export interface BacklogSeriesResult extends Grouped<BacklogSeriesResult> {
  readonly interval: BucketInterval;
  readonly timeZone: string;
  /** The backlog just before the first bucket starts. */
  readonly opening: number;
  readonly buckets: readonly BacklogBucket[];
  /** Tickets left out, by reason. */
  readonly excluded: Excluded<BacklogSeriesExclusion>;
}

const NAME = 'backlogSeries';

/** What the step found for one ticket: its creation bucket (−1: before the range) and its state changes. */
class Changes {
  created = 0;
  at = new Float64Array(64);
  n = 0;
}

interface Params {
  readonly zone: ZoneInfo;
  readonly timeZone: string;
  readonly interval: BucketInterval;
  readonly b: BucketBounds;
  readonly end: number;
  readonly changes: Changes;
}

/** Per bucket: created, resolved, reopened; and the opening backlog. */
class SeriesAccumulator extends Accumulator {
  created: Float64Array;
  resolved: Float64Array;
  reopened: Float64Array;
  opening = 0;
  constructor(private readonly p: Params) {
    super();
    this.created = new Float64Array(p.b.count);
    this.resolved = new Float64Array(p.b.count);
    this.reopened = new Float64Array(p.b.count);
  }
  add(): void {
    const { changes, b, end } = this.p;
    const k = changes.created;
    if (k < 0) this.opening++;
    else this.created[k] = (this.created[k] as number) + 1;
    // Changes before the first bucket go to `opening`; changes at or after `end` are ignored. A ticket starts
    // unresolved, so even positions are resolutions, odd ones reopens.
    for (let m = 0; m < changes.n; m++) {
      const t = changes.at[m] as number;
      if (t >= end) break;
      const becameResolved = (m & 1) === 0;
      const i = bucketIndex(b, t);
      if (i < 0) this.opening += becameResolved ? -1 : 1;
      else if (becameResolved) this.resolved[i] = (this.resolved[i] as number) + 1;
      else this.reopened[i] = (this.reopened[i] as number) + 1;
    }
  }
  mergeFrom(o: SeriesAccumulator): void {
    this.opening += o.opening;
    for (let k = 0; k < this.created.length; k++) {
      this.created[k] = (this.created[k] as number) + (o.created[k] as number);
      this.resolved[k] = (this.resolved[k] as number) + (o.resolved[k] as number);
      this.reopened[k] = (this.reopened[k] as number) + (o.reopened[k] as number);
    }
  }
  /** The opening backlog and the counts per bucket. */
  override save(): unknown {
    return { opening: this.opening, created: Array.from(this.created), resolved: Array.from(this.resolved), reopened: Array.from(this.reopened) };
  }
  override load(saved: unknown): void {
    const s = saved as { readonly opening: number; readonly created: readonly number[]; readonly resolved: readonly number[]; readonly reopened: readonly number[] };
    this.opening += s.opening;
    for (let k = 0; k < this.created.length; k++) {
      this.created[k] = (this.created[k] as number) + (s.created[k] as number);
      this.resolved[k] = (this.resolved[k] as number) + (s.resolved[k] as number);
      this.reopened[k] = (this.reopened[k] as number) + (s.reopened[k] as number);
    }
  }
  protected override reset(): void {
    this.created = this.resolved = this.reopened = new Float64Array(0);
    this.opening = 0;
  }
}

const METRIC: TicketMetric<Params, SeriesAccumulator, BacklogSeriesResult> = {
  name: NAME,
  optionKeys: ['period', 'from', 'to', 'interval', 'weekStartsOn'],
  timeZoneIsDefinition: true,
  params(o, ctx) {
    if (o.timeZone === undefined) optionError(NAME, 'timeZone', 'is required: bucket boundaries are local times');
    const zone = readZone(NAME, o.timeZone) as ZoneInfo;
    const interval = checkInterval(NAME, o.interval);
    const weekStartsOn = checkWeekStart(NAME, o.weekStartsOn);
    const range = readPeriodRange(NAME, o, ctx, true);
    if (range?.from === undefined) optionError(NAME, range === undefined ? 'period' : 'from', 'is required: the series needs its range { from, to }');
    if (range.to === undefined) optionError(NAME, 'to', 'is required: the series needs its range { from, to }');
    const b = makeBuckets(NAME, zone, interval, weekStartsOn, range.from, range.to);
    return { zone, timeZone: o.timeZone as string, interval, b, end: b.bounds[b.count] as number, changes: new Changes() };
  },
  level: () => LEVEL_STATUSES,
  screen: (c, j, p) => ((c.created[j] as number) >= p.end ? 'created_after' : undefined),
  historyUntil: (p) => p.end - 1,
  step: changesOf,
  start: (p) => new SeriesAccumulator(p),
  finish(acc, p) {
    const { b } = p;
    const buckets: BacklogBucket[] = new Array(b.count);
    let level = acc.opening;
    for (let k = 0; k < b.count; k++) {
      level += (acc.created[k] as number) - (acc.resolved[k] as number) + (acc.reopened[k] as number);
      buckets[k] = {
        start: b.bounds[k] as number,
        end: b.bounds[k + 1] as number,
        label: bucketLabel(p.zone, p.interval, b.bounds[k] as number),
        created: acc.created[k] as number,
        resolved: acc.resolved[k] as number,
        reopened: acc.reopened[k] as number,
        backlog: level,
      };
    }
    return { interval: p.interval, timeZone: p.timeZone, opening: acc.opening, buckets, excluded: acc.excluded<BacklogSeriesExclusion>() as Excluded<BacklogSeriesExclusion> };
  },
};

/** The definition, for ticket j: its creation bucket and resolved-state changes into `p.changes`. */
function changesOf(c: TicketColumns, j: number, p: Params): number | BacklogSeriesExclusion {
  const ch = p.changes;
  if (((c.flags[j] as number) & F_EVENTS) === 0) {
    const r = summaryOnlyResolution(c, j);
    if (r !== r) return 'summary_only';
    ch.n = 0;
    if (r !== Infinity) {
      ch.at[0] = r;
      ch.n = 1;
    }
  } else {
    const events = (c.evStart[j + 1] as number) - (c.evStart[j] as number);
    if (ch.at.length < events) ch.at = new Float64Array(events * 2);
    ch.n = c.firstResolution[j] === c.firstResolution[j] ? resolvedTransitions(c, j, ch.at) : 0;
  }
  ch.created = bucketIndex(p.b, c.created[j] as number);
  return 1;
}

/**
 * Backlog series: the backlog at the end of each hour, day, week or month in a time zone, with the tickets
 * created, resolved and reopened in each bucket.
 *
 * Days follow the zone's clock: a day on which daylight saving time starts has 23 hours, one on which it ends
 * 25. The identity `backlog[i] = backlog[i−1] + created[i] − resolved[i] + reopened[i]` holds exactly, with
 * `opening` before the first bucket.
 *
 * Cost: O(events log events) per ticket plus O(log buckets) per status change: O((tickets + events) log),
 * independent of tickets × buckets.
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events`; summary-form tickets only when resolved at most once
 * @param options - range, interval and time zone
 * @returns a {@link BacklogSeriesResult}
 * @example
 * ```ts
 * import { backlogSeries } from 'helpdesk-metrics';
 * const s = backlogSeries([
 *   { id: 'A', createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-03T09:00:00Z' },
 *   { id: 'B', createdAt: '2026-03-03T09:00:00Z', status: 'open' },
 * ], { period: { from: '2026-03-02T00:00:00Z', to: '2026-03-04T00:00:00Z' }, interval: 'day', timeZone: 'UTC' });
 * s.buckets.map((b) => [b.label, b.created, b.resolved, b.backlog]);
 * //=> [['2026-03-02', 1, 0, 1], ['2026-03-03', 1, 1, 1]]
 * ```
 */
export function backlogSeries(tickets: readonly Ticket[] | PreparedTickets, options: BacklogSeriesOptions): BacklogSeriesResult {
  if (options === null || typeof options !== 'object') optionError(NAME, 'options', `period, interval and timeZone are required, got ${describe(options)}`);
  return runTicketMetric(METRIC, tickets, options);
}
