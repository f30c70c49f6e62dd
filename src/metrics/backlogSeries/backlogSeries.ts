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
import { bucketIndex, bucketLabel, checkInterval, checkWeekStart, makeBuckets, type BucketInterval, type WeekStartDay } from '../../_lib/buckets.js';
import { replayTransitions, summaryOnlyResolution } from '../../_lib/statusHistory.js';
import { createTicketReader, optionError, zoneOption, type TicketInputOptions } from '../../_lib/tickets.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import { exclude, finishLedger, type Excluded, type InvalidReason } from '../../results/excluded.js';

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
export type BacklogSeriesExclusion = 'created_after' | 'summary_only' | InvalidReason;

/**
 * Options of {@link backlogSeries}.
 *
 * @category Ticket outcomes
 */
export interface BacklogSeriesOptions extends Omit<TicketInputOptions, 'timeZone'> {
  /** Start of the range; the first bucket is the one containing it. */
  readonly from: Timestamp;
  /** End of the range (exclusive); the last bucket is the one containing `to − 1 ms`. */
  readonly to: Timestamp;
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
export interface BacklogSeriesResult {
  readonly interval: BucketInterval;
  readonly timeZone: string;
  /** The backlog just before the first bucket starts. */
  readonly opening: number;
  readonly buckets: readonly BacklogBucket[];
  /** Tickets left out, by reason. */
  readonly excluded: Excluded<BacklogSeriesExclusion>;
}

const NAME = 'backlogSeries';

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
 * ], { from: '2026-03-02T00:00:00Z', to: '2026-03-04T00:00:00Z', interval: 'day', timeZone: 'UTC' });
 * s.buckets.map((b) => [b.label, b.created, b.resolved, b.backlog]);
 * //=> [['2026-03-02', 1, 0, 1], ['2026-03-03', 1, 1, 1]]
 * ```
 */
export function backlogSeries(tickets: readonly Ticket[], options: BacklogSeriesOptions): BacklogSeriesResult {
  if (options === null || typeof options !== 'object') optionError(NAME, 'options', 'from, to, interval and timeZone are required');
  if (options.timeZone === undefined) optionError(NAME, 'timeZone', 'is required: bucket boundaries are local times');
  const zone = zoneOption(NAME, options.timeZone);
  const interval = checkInterval(NAME, options.interval);
  const weekStartsOn = checkWeekStart(NAME, options.weekStartsOn);
  const reader = createTicketReader<BacklogSeriesExclusion>(NAME, tickets, options, undefined, true);
  if (options.from === undefined) optionError(NAME, 'from', 'is required');
  if (options.to === undefined) optionError(NAME, 'to', 'is required');
  const from = reader.parseOption(options.from, 'from');
  const to = reader.parseOption(options.to, 'to');
  if (zone === undefined) optionError(NAME, 'timeZone', 'is required');
  const b = makeBuckets(NAME, zone, interval, weekStartsOn, from, to);
  const count = b.count;
  const end = b.bounds[count] as number;
  // Changes before the first bucket go to `opening`; changes at or after `end` are ignored.
  const created = new Float64Array(count);
  const resolved = new Float64Array(count);
  const reopened = new Float64Array(count);
  let opening = 0;

  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  let changes = new Float64Array(64);
  const sink = (t: number, becameResolved: boolean): void => {
    if (t >= end) return;
    const k = bucketIndex(b, t);
    if (k < 0) {
      opening += becameResolved ? -1 : 1;
    } else if (becameResolved) {
      resolved[k] = (resolved[k] as number) + 1;
    } else {
      reopened[k] = (reopened[k] as number) + 1;
    }
  };
  for (let i = 0; i < n; i++) {
    if (!reader.read(tickets, i)) continue;
    const c = f.createdMs;
    if (c >= end) {
      exclude(ledger, 'created_after', f.id);
      continue;
    }
    let r = NaN;
    if (!f.hasEvents) {
      r = summaryOnlyResolution(f);
      if (r !== r) {
        exclude(ledger, 'summary_only', f.id);
        continue;
      }
    }
    // Creation: the ticket enters the backlog.
    const k = bucketIndex(b, c);
    if (k < 0) opening++;
    else created[k] = (created[k] as number) + 1;
    if (f.hasEvents) {
      if (f.firstResolvedMs === f.firstResolvedMs) {
        reader.sortEvents();
        if (changes.length < f.sortedCount) changes = new Float64Array(f.sortedCount * 2);
        const m = replayTransitions(reader, changes);
        for (let j = 0; j < m; j++) sink(changes[j] as number, (j & 1) === 0);
      }
    } else if (r !== Infinity) {
      sink(r, true);
    }
  }
  return finish();

  function finish(): BacklogSeriesResult {
    const buckets: BacklogBucket[] = new Array(count);
    let level = opening;
    for (let k = 0; k < count; k++) {
      level += (created[k] as number) - (resolved[k] as number) + (reopened[k] as number);
      buckets[k] = {
        start: b.bounds[k] as number,
        end: b.bounds[k + 1] as number,
        label: bucketLabel(zone as NonNullable<typeof zone>, interval, b.bounds[k] as number),
        created: created[k] as number,
        resolved: resolved[k] as number,
        reopened: reopened[k] as number,
        backlog: level,
      };
    }
    return { interval, timeZone: options.timeZone, opening, buckets, excluded: finishLedger(ledger) };
  }
}
