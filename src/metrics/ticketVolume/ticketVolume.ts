/**
 * Ticket volume.
 *
 * Formula: created[i] = tickets whose `createdAt` falls in bucket i (hour, day, week or month in `timeZone`);
 * average per bucket = Σ created / number of buckets (exact), empty buckets included.
 * Default definition: Zendesk "Tickets created" / Freshdesk "Received tickets" by creation date.
 * Options: interval, timeZone (required), from, to, weekStartsOn, by ('channel' or a key function), invalid,
 * statusMap.
 *
 * @module
 */
import { D } from '../../_lib/decimal.js';
import { bucketIndex, bucketLabel, checkInterval, checkWeekStart, makeBuckets, type BucketInterval, type WeekStartDay } from '../../_lib/buckets.js';
import { createTicketReader, optionError, zoneOption, type TicketInputOptions } from '../../_lib/tickets.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import { MetricsError } from '../../results/errors.js';
import { exclude, finishLedger, type Excluded, type InvalidReason } from '../../results/excluded.js';

/**
 * Why a ticket was not counted by {@link ticketVolume}:
 * - `out_of_range`: created before `from` or at/after `to`;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type TicketVolumeExclusion = 'out_of_range' | InvalidReason;

/**
 * Options of {@link ticketVolume}.
 *
 * @category Ticket outcomes
 */
export interface TicketVolumeOptions extends Omit<TicketInputOptions, 'timeZone'> {
  /** Bucket length. */
  readonly interval: BucketInterval;
  /** IANA zone of the bucket boundaries (and of ISO strings without an offset). Required. */
  readonly timeZone: string;
  /**
   * Start of the range (inclusive). The first bucket is the one containing it.
   * @defaultValue the earliest `createdAt`
   */
  readonly from?: Timestamp;
  /** End of the range (exclusive). @defaultValue just after the latest `createdAt` */
  readonly to?: Timestamp;
  /** First day of a week bucket, 0 = Sunday ... 6 = Saturday. @defaultValue `1` (Monday) */
  readonly weekStartsOn?: WeekStartDay;
  /**
   * Split each bucket by the ticket's `channel` (`'(none)'` when absent) or by a key function returning a
   * string (`undefined` → `'(none)'`).
   */
  readonly by?: 'channel' | ((ticket: Ticket) => string | undefined);
}

/**
 * One bucket of a {@link TicketVolumeResult}.
 *
 * @category Ticket outcomes
 */
export interface VolumeBucket {
  /** First instant of the bucket, epoch ms. */
  readonly start: number;
  /** First instant after it, epoch ms. */
  readonly end: number;
  /** Local label: `'2026-03-29'` (day, week), `'2026-03'` (month), `'2026-03-29T02:00+02:00'` (hour). */
  readonly label: string;
  /** Tickets created in the bucket. */
  readonly count: number;
  /** With `by`: count per key (keys with no ticket in this bucket are absent). */
  readonly byKey?: Readonly<Record<string, number>>;
}

/**
 * The result of {@link ticketVolume}.
 *
 * @category Ticket outcomes
 */
export interface TicketVolumeResult {
  readonly interval: BucketInterval;
  readonly timeZone: string;
  readonly buckets: readonly VolumeBucket[];
  /** Tickets counted. */
  readonly total: number;
  /** `total / buckets.length`, exact then rounded once; `undefined` with no bucket. */
  readonly averagePerBucket: number | undefined;
  /** With `by`: totals per key. */
  readonly totalsByKey?: Readonly<Record<string, number>>;
  /** Tickets not counted, by reason. */
  readonly excluded: Excluded<TicketVolumeExclusion>;
}

const NAME = 'ticketVolume';

/**
 * Ticket volume: tickets created per hour, day, week or month in a time zone, optionally split by channel or
 * any key, and the average per bucket.
 *
 * Cost: one pass with O(log buckets) per ticket (two passes when `from`/`to` are not given).
 *
 * @category Ticket outcomes
 * @param tickets - tickets in either form (only `createdAt` is used, plus what `by` reads)
 * @param options - interval, time zone, range and split
 * @returns a {@link TicketVolumeResult}
 * @example
 * ```ts
 * import { ticketVolume } from 'helpdesk-metrics';
 * const v = ticketVolume([
 *   { id: 1, createdAt: '2026-03-02T08:00:00Z', channel: 'email', events: [] },
 *   { id: 2, createdAt: '2026-03-02T23:30:00Z', channel: 'chat', events: [] },
 *   { id: 3, createdAt: '2026-03-03T10:00:00Z', channel: 'email', events: [] },
 * ], { interval: 'day', timeZone: 'Europe/Paris', by: 'channel' });
 * v.buckets.map((b) => [b.label, b.count]); //=> [['2026-03-02', 1], ['2026-03-03', 2]] (23:30Z is 00:30 in Paris)
 * v.averagePerBucket;                        //=> 1.5
 * v.totalsByKey;                             //=> { email: 2, chat: 1 }
 * ```
 */
export function ticketVolume(tickets: readonly Ticket[], options: TicketVolumeOptions): TicketVolumeResult {
  if (options === null || typeof options !== 'object') optionError(NAME, 'options', 'interval and timeZone are required');
  if (options.timeZone === undefined) optionError(NAME, 'timeZone', 'is required: bucket boundaries are local times');
  const zone = zoneOption(NAME, options.timeZone);
  if (zone === undefined) optionError(NAME, 'timeZone', 'is required');
  const interval = checkInterval(NAME, options.interval);
  const weekStartsOn = checkWeekStart(NAME, options.weekStartsOn);
  const by = options.by;
  if (by !== undefined && by !== 'channel' && typeof by !== 'function') {
    optionError(NAME, 'by', `must be 'channel' or a function, got ${JSON.stringify(by)}`);
  }
  const reader = createTicketReader<TicketVolumeExclusion>(NAME, tickets, options);
  let from = options.from === undefined ? NaN : reader.parseOption(options.from, 'from');
  let to = options.to === undefined ? NaN : reader.parseOption(options.to, 'to');
  if (from > to) optionError(NAME, 'from', 'from is after to');
  // With an explicit range, the bucket limit is checked before any ticket is read.
  let b = from === from && to === to ? makeBuckets(NAME, zone, interval, weekStartsOn, from, to) : undefined;
  const n = tickets.length;
  const f = reader.facts;
  const ledger = reader.ledger;
  // Without an explicit range the buckets depend on the earliest and latest creation times: one pass finds
  // them (keeping each valid creation time, NaN for an invalid ticket, so tickets are read once), a second
  // counts. With a range the buckets are known and one pass does both.
  let created: Float64Array | undefined;
  if (b === undefined) {
    created = new Float64Array(n);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      // Only the identity is read (id, uniqueness, createdAt): volume never looks at a ticket's history
      // (decision 10).
      if (!reader.readIdentity(tickets, i)) {
        created[i] = NaN;
        continue;
      }
      const c = f.createdMs;
      created[i] = c;
      if (c < min) min = c;
      if (c > max) max = c;
    }
    if (from !== from) from = Math.min(min, to === to ? to : Infinity);
    if (to !== to) to = max + 1;
    if (from === Infinity || to === -Infinity || from > to) {
      // No valid ticket and no explicit range: no bucket.
      from = 0;
      to = 0;
    }
    b = makeBuckets(NAME, zone, interval, weekStartsOn, from, to);
  }
  const bk = b;
  const count = bk.count;
  const lo = bk.bounds[0] as number;
  const hi = bk.bounds[count] as number;
  const counts = new Float64Array(count);
  const keyed: Array<Record<string, number> | undefined> | undefined = by === undefined ? undefined : new Array(count);
  // Null-prototype records: a key such as 'constructor' or '__proto__' is data, not an inherited property.
  const totalsByKey: Record<string, number> | undefined = by === undefined ? undefined : (Object.create(null) as Record<string, number>);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let c: number;
    if (created === undefined) {
      if (!reader.readIdentity(tickets, i)) continue;
      c = f.createdMs;
    } else {
      c = created[i] as number;
      if (c !== c) continue;
    }
    // Whole buckets, as in backlogSeries: from the bucket holding `from` to the one holding `to − 1 ms`.
    if (!(c >= lo && c < hi)) {
      const id = (tickets[i] as Ticket).id;
      exclude(ledger, 'out_of_range', typeof id === 'string' ? id : String(id));
      continue;
    }
    const k = bucketIndex(bk, c);
    counts[k] = (counts[k] as number) + 1;
    total++;
    if (keyed !== undefined && totalsByKey !== undefined) {
      const ticket = tickets[i] as Ticket;
      let key: unknown = by === 'channel' ? ticket.channel : (by as (t: Ticket) => unknown)(ticket);
      if (key === undefined || key === null || key === '') key = '(none)';
      if (typeof key !== 'string') {
        throw new MetricsError({
          code: 'invalid_option',
          functionName: NAME,
          collection: 'tickets',
          recordIndex: i,
          recordId: typeof ticket.id === 'string' ? ticket.id : String(ticket.id),
          field: 'by',
          rule: `the key must be a string, got ${typeof key}`,
        });
      }
      const row = keyed[k] ?? (keyed[k] = Object.create(null) as Record<string, number>);
      row[key] = (row[key] ?? 0) + 1;
      totalsByKey[key] = (totalsByKey[key] ?? 0) + 1;
    }
  }
  const buckets: VolumeBucket[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const start = bk.bounds[k] as number;
    const bucket: VolumeBucket = {
      start,
      end: bk.bounds[k + 1] as number,
      label: bucketLabel(zone, interval, start),
      count: counts[k] as number,
    };
    buckets[k] = keyed === undefined ? bucket : { ...bucket, byKey: keyed[k] ?? {} };
  }
  const result: TicketVolumeResult = {
    interval,
    timeZone: options.timeZone,
    buckets,
    total,
    averagePerBucket: count === 0 ? undefined : new D(total).div(count).toNumber(),
    excluded: finishLedger(ledger),
  };
  return totalsByKey === undefined ? result : { ...result, totalsByKey };
}
