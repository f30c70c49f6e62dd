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
import { bucketIndex, bucketLabel, checkInterval, checkWeekStart, makeBuckets, type BucketBounds, type BucketInterval, type WeekStartDay } from '../../_lib/buckets.js';
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import type { ZoneInfo } from '../../calendar/timeZone.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import { optionError, readPeriodRange, readZone, type Period } from '../../options/shared.js';
import { Accumulator } from '../../pipeline/collect.js';
import { mergeByPosition } from '../../pipeline/partial.js';
import type { KeyFunction } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { invalidError } from '../../read/ticketReader.js';
import { LEVEL_IDENTITY, type TicketColumns } from '../../read/ticketColumns.js';
import { withReasonAliases, type Excluded, type InvalidReason } from '../../results/excluded.js';
import type { Group } from '../../results/groups.js';

/**
 * Why a ticket was not counted by {@link ticketVolume}:
 * - `out_of_period`: created before the bucket holding `period.from`, or in or after the bucket holding
 *   `period.to` and beyond it (`out_of_range` is its deprecated name, still readable on `excluded`);
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type TicketVolumeExclusion = 'out_of_period' | /* deprecated: the old name of out_of_period */ 'out_of_range' | IneligibleReason | InvalidReason;

/**
 * Options of {@link ticketVolume}.
 *
 * @category Ticket outcomes
 */
export interface TicketVolumeOptions extends Omit<TicketInputOptions, 'timeZone'>, EligibilityOptions {
  /** Bucket length. */
  readonly interval: BucketInterval;
  /** IANA zone of the bucket boundaries (and of ISO strings without an offset). Required. */
  readonly timeZone: string;
  /**
   * The range `[from, to)`: the first bucket is the one containing `from`, the last the one containing
   * `to − 1 ms`. @defaultValue from the earliest `createdAt` to just after the latest
   */
  readonly period?: Period;
  /** @deprecated Use `period: { from, to }`. */
  readonly from?: Timestamp;
  /** @deprecated Use `period: { from, to }`. */
  readonly to?: Timestamp;
  /** First day of a week bucket, 0 = Sunday ... 6 = Saturday. @defaultValue `1` (Monday) */
  readonly weekStartsOn?: WeekStartDay;
  /**
   * Break the volume down (see {@link TicketBy}): the result adds `groups`, each with its own buckets over the
   * same range. With `'channel'` or a key function returning strings, the deprecated `byKey` (per bucket)
   * and `totalsByKey` are filled too (`'(none)'` for no value).
   */
  readonly by?: TicketBy;
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
  /** @deprecated With `by: 'channel'` or a key function: count per key (keys absent from the bucket are absent); use `groups`. */
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
  /** @deprecated With `by: 'channel'` or a key function: totals per key; use `groups`. */
  readonly totalsByKey?: Readonly<Record<string, number>>;
  /** Present with `by`: the volume of each group, over the same buckets. */
  readonly groups?: readonly Group<TicketVolumeResult>[];
  /** Tickets not counted, by reason. */
  readonly excluded: Excluded<TicketVolumeExclusion>;
}

const NAME = 'ticketVolume';

interface Params {
  readonly zone: ZoneInfo;
  readonly timeZone: string;
  readonly interval: BucketInterval;
  readonly weekStartsOn: WeekStartDay;
  /** The buckets: known up front with a full range, else made from the tickets at the end. */
  bounds: BucketBounds | undefined;
  readonly from: number | undefined;
  readonly to: number | undefined;
  /** The deprecated per-bucket split: the key of ticket j (null when there is no legacy split). */
  readonly legacy: 'channel' | KeyFunction<Ticket> | undefined;
  /** The legacy key of the ticket the step is on (or why it has none). */
  readonly cur: Legacy;
  readonly invalid: 'throw' | 'exclude';
}

/** The legacy key of the ticket the step is on (or why it has none), and the ticket's position in the input. */
interface Legacy {
  key: string;
  failed: string;
  position: number;
}

/** A bucket's legacy split as plain data: `[key, count, position of the key's first ticket]` rows. */
type SavedSplit = readonly (readonly [string, number, number])[];

/**
 * Creation times (no range) or counts per bucket (range), and the legacy split: its keys come out in the order
 * of their first tickets in the input (per bucket), however chunks were merged.
 */
class VolumeAccumulator extends Accumulator {
  /** With the range known: tickets per bucket. */
  counts: Float64Array;
  /** Without: creation times, bucketed at the end. */
  created = new Float64Array(16);
  n = 0;
  min = Infinity;
  max = -Infinity;
  /** Legacy split: per bucket (by index, or by creation time), key → count. */
  legacy: Array<Map<string, number>> | undefined;
  /** Range and legacy split: per bucket, key → position of its first ticket. */
  legacyFirst: Array<Map<string, number>> | undefined;
  /** No range, legacy split: the key and the position of each ticket of `created` (kept in position order). */
  legacyCreated: string[] | undefined;
  legacyAt: number[] | undefined;
  constructor(private readonly p: Params, private readonly cur: Legacy) {
    super();
    this.counts = new Float64Array(p.bounds === undefined ? 0 : p.bounds.count);
    if (p.legacy !== undefined) {
      if (p.bounds === undefined) {
        this.legacyCreated = [];
        this.legacyAt = [];
      } else {
        this.legacy = [];
        this.legacyFirst = [];
      }
    }
  }
  add(v: number): void {
    if (this.p.bounds !== undefined) {
      this.counts[v] = (this.counts[v] as number) + 1;
      if (this.legacy !== undefined) {
        const m = this.legacy[v] ?? (this.legacy[v] = new Map());
        const had = m.get(this.cur.key);
        m.set(this.cur.key, (had ?? 0) + 1);
        if (had === undefined) {
          const firsts = this.legacyFirst as Array<Map<string, number>>;
          (firsts[v] ?? (firsts[v] = new Map())).set(this.cur.key, this.cur.position);
        }
      }
      return;
    }
    if (this.n === this.created.length) {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.created);
      this.created = grown;
    }
    this.created[this.n++] = v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (this.legacyCreated !== undefined) {
      this.legacyCreated.push(this.cur.key);
      (this.legacyAt as number[]).push(this.cur.position);
    }
  }
  /** The keys of bucket v's legacy split (range known) in the order of their first tickets. */
  split(v: number): [string, number][] {
    const m = (this.legacy as Array<Map<string, number> | undefined>)[v];
    if (m === undefined) return [];
    const first = (this.legacyFirst as Array<Map<string, number>>)[v] as Map<string, number>;
    return [...m].sort((a, b) => (first.get(a[0]) as number) - (first.get(b[0]) as number));
  }
  mergeFrom(o: VolumeAccumulator): void {
    this.load(o.save());
  }
  /**
   * `{ counts, legacy, created, keys, at }`: with the range known, the counts per bucket and the legacy split per
   * bucket (`SavedSplit`, `null` for a bucket without); without it, the creation times, and with a legacy split
   * the key and the position of each, in position order (`null` without a legacy split).
   */
  override save(): unknown {
    const legacy = this.legacy === undefined ? null : Array.from(this.counts, (_, v): SavedSplit | null => {
      const m = (this.legacy as Array<Map<string, number> | undefined>)[v];
      if (m === undefined) return null;
      const first = (this.legacyFirst as Array<Map<string, number>>)[v] as Map<string, number>;
      return [...m].map(([key, n]) => [key, n, first.get(key) as number]);
    });
    return {
      counts: Array.from(this.counts),
      legacy,
      created: Array.from(this.created.subarray(0, this.n)),
      keys: this.legacyCreated === undefined ? null : this.legacyCreated.slice(),
      at: this.legacyAt === undefined ? null : this.legacyAt.slice(),
    };
  }
  override load(saved: unknown): void {
    const s = saved as {
      readonly counts: readonly number[];
      readonly legacy: readonly (SavedSplit | null)[] | null;
      readonly created: readonly number[];
      readonly keys: readonly string[] | null;
      readonly at: readonly number[] | null;
    };
    for (let k = 0; k < this.counts.length; k++) this.counts[k] = (this.counts[k] as number) + (s.counts[k] as number);
    if (this.legacy !== undefined && s.legacy !== null) {
      for (let v = 0; v < s.legacy.length; v++) {
        const pairs = s.legacy[v];
        if (pairs === null || pairs === undefined) continue;
        const m = this.legacy[v] ?? (this.legacy[v] = new Map());
        const firsts = this.legacyFirst as Array<Map<string, number>>;
        const f = firsts[v] ?? (firsts[v] = new Map());
        for (const [key, n, first] of pairs) {
          m.set(key, (m.get(key) ?? 0) + n);
          const mine = f.get(key);
          if (mine === undefined || first < mine) f.set(key, first);
        }
      }
    }
    const created = s.created;
    const at = this.legacyAt;
    if (at !== undefined && at.length > 0 && created.length > 0 && ((s.at as readonly number[])[0] as number) <= (at[at.length - 1] as number)) {
      // Out of input order: interleave by position (the split's keys come in the order of their first tickets).
      const keys = this.legacyCreated as string[];
      const mine = this.created.slice(0, this.n);
      const c: number[] = [];
      const k: string[] = [];
      const q: number[] = [];
      mergeByPosition(at, s.at as readonly number[], (fromMine, i) => {
        c.push((fromMine ? mine[i] : created[i]) as number);
        k.push((fromMine ? keys[i] : (s.keys as readonly string[])[i]) as string);
        q.push((fromMine ? at[i] : (s.at as readonly number[])[i]) as number);
      });
      this.n = 0;
      this.legacyCreated = [];
      this.legacyAt = [];
      this.load({ counts: [], legacy: null, created: c, keys: k, at: q });
      return;
    }
    if (this.n + created.length > this.created.length) {
      let size = this.created.length;
      while (size < this.n + created.length) size *= 2;
      const grown = new Float64Array(size);
      grown.set(this.created);
      this.created = grown;
    }
    for (let k = 0; k < created.length; k++) {
      const v = created[k] as number;
      this.created[this.n++] = v;
      if (v < this.min) this.min = v;
      if (v > this.max) this.max = v;
      if (this.legacyCreated !== undefined) {
        this.legacyCreated.push((s.keys as readonly string[])[k] as string);
        (this.legacyAt as number[]).push((s.at as readonly number[])[k] as number);
      }
    }
  }
  protected override reset(): void {
    this.counts = new Float64Array(0);
    this.created = new Float64Array(16);
    this.n = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.legacy = undefined;
    this.legacyFirst = undefined;
    this.legacyCreated = undefined;
    this.legacyAt = undefined;
  }
}

/**
 * The deprecated split's key of ticket j, or the reason it has none: a channel that is not a string is a bad
 * record (`invalid_value` on `channel`); a key function must return a string (`invalid_value` on `by`).
 */
function legacyKey(p: Params, c: TicketColumns, j: number): string | undefined {
  const t = c.records[c.base + j] as Ticket;
  let key: unknown;
  try {
    key = p.legacy === 'channel' ? t.channel : (p.legacy as KeyFunction<Ticket>)(t);
  } catch (err) {
    return failLegacy(p, c, j, new Invalid('callback_failed', 'by', `the by key function threw ${err instanceof Error ? `${err.name}: ${err.message}` : describe(err)}`, err));
  }
  if (key === undefined || key === null || key === '') key = '(none)';
  if (typeof key !== 'string') {
    return failLegacy(p, c, j, p.legacy === 'channel' ? new Invalid('invalid_value', 'channel', `must be a string, got ${describe(key)}`) : new Invalid('invalid_value', 'by', `the key must be a string, got ${describe(key)}`));
  }
  return key;
}

function failLegacy(p: Params, c: TicketColumns, j: number, rule: Invalid): undefined {
  if (p.invalid === 'throw') throw invalidError(NAME, rule, c.offset + c.base + j, c.records[c.base + j]);
  p.cur.failed = `invalid:${rule.code}`;
  return undefined;
}

const METRIC: TicketMetric<Params, VolumeAccumulator, TicketVolumeResult> = {
  name: NAME,
  optionKeys: ['interval', 'weekStartsOn', 'period', 'from', 'to'],
  timeZoneIsDefinition: true,
  params(o, ctx) {
    if (o.timeZone === undefined) optionError(NAME, 'timeZone', 'is required: bucket boundaries are local times');
    const zone = readZone(NAME, o.timeZone) as ZoneInfo;
    const interval = checkInterval(NAME, o.interval);
    const weekStartsOn = checkWeekStart(NAME, o.weekStartsOn);
    const range = readPeriodRange(NAME, o, ctx, true);
    const from = range?.from;
    const to = range?.to;
    // With a full range the buckets (and the bucket limit) are checked before any ticket is read.
    const bounds = from !== undefined && to !== undefined ? makeBuckets(NAME, zone, interval, weekStartsOn, from, to) : undefined;
    const by = o.by;
    const legacy = by === 'channel' || typeof by === 'function' ? (by as 'channel' | KeyFunction<Ticket>) : undefined;
    return { zone, timeZone: o.timeZone as string, interval, weekStartsOn, bounds, from, to, legacy, cur: { key: '', failed: '', position: 0 }, invalid: ctx.invalid ?? 'throw' };
  },
  level: () => LEVEL_IDENTITY,
  step(c, j, p) {
    if (p.legacy !== undefined) {
      const key = legacyKey(p, c, j);
      if (key === undefined) return p.cur.failed as TicketVolumeExclusion;
      p.cur.key = key;
      p.cur.position = c.offset + c.base + j;
    }
    const created = c.created[j] as number;
    const b = p.bounds;
    if (b === undefined) {
      // No range, or one end only (deprecated `from` or `to`): the buckets are made at the end.
      if ((p.from !== undefined && created < p.from) || (p.to !== undefined && !(created < p.to))) return 'out_of_period';
      return created;
    }
    const count = b.count;
    if (!(created >= (b.bounds[0] as number) && created < (b.bounds[count] as number))) return 'out_of_period';
    return bucketIndex(b, created);
  },
  start: (p) => new VolumeAccumulator(p, p.cur),
  finish(acc, p, overall) {
    // The deprecated per-key split is on the whole result only; groups have the shape of a plain call.
    const legacy = acc === overall;
    let bounds = p.bounds;
    let counts = acc.counts;
    let perBucket: Array<Map<string, number>> | undefined = legacy ? acc.legacy : undefined;
    if (bounds === undefined) {
      {
        // Buckets from the earliest to the latest creation of every ticket (groups share them).
        let from = p.from ?? Math.min(overall.min, p.to ?? Infinity);
        let to = p.to ?? overall.max + 1;
        if (from === Infinity || to === -Infinity || from > to) {
          from = 0;
          to = 0;
        }
        bounds = makeBuckets(NAME, p.zone, p.interval, p.weekStartsOn, from, to);
      }
      counts = new Float64Array(bounds.count);
      if (legacy && acc.legacyCreated !== undefined) perBucket = [];
      for (let k = 0; k < acc.n; k++) {
        const i = bucketIndex(bounds, acc.created[k] as number);
        counts[i] = (counts[i] as number) + 1;
        if (perBucket !== undefined) {
          const m = perBucket[i] ?? (perBucket[i] = new Map());
          const key = (acc.legacyCreated as string[])[k] as string;
          m.set(key, (m.get(key) ?? 0) + 1);
        }
      }
    }
    const count = bounds.count;
    const buckets: VolumeBucket[] = new Array(count);
    let total = 0;
    const totals = new Map<string, number>();
    for (let k = 0; k < count; k++) {
      const start = bounds.bounds[k] as number;
      total += counts[k] as number;
      const bucket: VolumeBucket = { start, end: bounds.bounds[k + 1] as number, label: bucketLabel(p.zone, p.interval, start), count: counts[k] as number };
      if (perBucket === undefined) buckets[k] = bucket;
      else {
        const m = perBucket[k];
        // With the range known, in the order of each key's first ticket (chunks may have merged in any order).
        const entries: [string, number][] = m === undefined ? [] : p.bounds !== undefined ? acc.split(k) : [...m];
        for (const [key, n] of entries) totals.set(key, (totals.get(key) ?? 0) + n);
        // Object.fromEntries: the keys are data (see src/pipeline/ticketDriver.ts).
        buckets[k] = { ...bucket, byKey: Object.fromEntries(entries) as Record<string, number> };
      }
    }
    const excluded = withReasonAliases(acc.excluded<TicketVolumeExclusion>() as Excluded<TicketVolumeExclusion>, { out_of_range: 'out_of_period' });
    const result: TicketVolumeResult = {
      interval: p.interval,
      timeZone: p.timeZone,
      buckets,
      total,
      averagePerBucket: count === 0 ? undefined : new D(total).div(count).toNumber(),
      excluded,
    };
    return !legacy || p.legacy === undefined ? result : { ...result, totalsByKey: Object.fromEntries(totals) as Record<string, number> };
  },
};

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
export function ticketVolume(tickets: readonly Ticket[] | PreparedTickets, options: TicketVolumeOptions): TicketVolumeResult {
  if (options === null || typeof options !== 'object') optionError(NAME, 'options', `interval and timeZone are required, got ${describe(options)}`);
  return runTicketMetric(METRIC, tickets, options);
}
