/**
 * Calendar buckets (hour, day, week, month) in an IANA time zone.
 *
 * Boundaries are local wall-clock starts converted to instants with the zone's offsets, so a day on which
 * daylight saving time starts has 23 hours and one on which it ends has 25. A day, week or month starts at the
 * instant of its local midnight (a midnight inside a DST gap moves forward by the gap, decision 7; a date the
 * clocks skip entirely, such as Pacific/Apia's 2011-12-30, has no bucket). An hour bucket is a local clock
 * hour: a new one starts whenever the local hour changes or the clocks are set back, so a fall-back night has
 * its repeated hour twice, and a 30-minute shift (Australia/Lord_Howe) gives a half hour.
 *
 * The first bucket is the one containing `from`; buckets follow until the one containing `to − 1 ms`
 * (`to` is exclusive). Their number is computed arithmetically from the local wall times of `from` and
 * `to − 1` and the zone's offset transitions, and more than {@link MAX_BUCKETS} is an error raised before any
 * bucket is built or any ticket read. The boundaries are then built in one pass over the transition table of
 * the zone (no `Intl` call per bucket).
 *
 * @internal
 * @module
 */
import { offsetText, type ZoneInfo } from '../calendar/timeZone.js';
import { describe } from './options.js';
import { optionError } from './tickets.js';

/**
 * The length of a bucket: a local clock hour, a local day (midnight to midnight), a week starting on
 * `weekStartsOn`, or a calendar month.
 *
 * @category Options
 */
export type BucketInterval = 'hour' | 'day' | 'week' | 'month';

/**
 * A day of the week: 0 = Sunday, 1 = Monday, ..., 6 = Saturday (as `Date.prototype.getDay`).
 *
 * @category Options
 */
export type WeekStartDay = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** @internal The most buckets one call may ask for. */
export const MAX_BUCKETS = 100_000;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** @internal Validated bucket boundaries: `bounds[i]` is the start of bucket i, `bounds[count]` the end of the last. */
export interface BucketBounds {
  readonly bounds: Float64Array;
  readonly count: number;
}

/** @internal Validates `interval`. */
export function checkInterval(functionName: string, interval: unknown): BucketInterval {
  if (interval !== 'hour' && interval !== 'day' && interval !== 'week' && interval !== 'month') {
    optionError(functionName, 'interval', `must be 'hour', 'day', 'week' or 'month', got ${describe(interval)}`);
  }
  return interval;
}

/** @internal Validates `weekStartsOn` (default Monday). */
export function checkWeekStart(functionName: string, weekStartsOn: unknown): WeekStartDay {
  if (weekStartsOn === undefined) return 1;
  if (typeof weekStartsOn !== 'number' || !Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    optionError(functionName, 'weekStartsOn', `must be an integer 0 (Sunday) to 6 (Saturday), got ${describe(weekStartsOn)}`);
  }
  return weekStartsOn as WeekStartDay;
}

/** `x mod m` in `[0, m)`. */
function mod(x: number, m: number): number {
  return x - Math.floor(x / m) * m;
}

/** Local wall time (UTC-encoded) of an instant. */
function local(zone: ZoneInfo, utc: number): number {
  return utc + zone.offsetAt(utc);
}

/**
 * Whether the offset transition into segment `k` of the zone's table (k ≥ 1) starts a local clock hour: the
 * local hour changes there, or the clocks are set back.
 */
function hourStartsAt(zone: ZoneInfo, k: number): boolean {
  const t = zone.starts[k - 1] as number;
  const before = zone.offsets[k - 1] as number;
  const after = zone.offsets[k] as number;
  return after < before || Math.floor((t + after) / HOUR_MS) !== Math.floor((t - 1 + before) / HOUR_MS);
}

/**
 * The start of the hour bucket containing `t`. Within an offset segment hours start where the wall clock shows
 * a whole hour; a bucket is never longer than one real hour, so the walk back crosses at most a few segments.
 */
function hourFloor(zone: ZoneInfo, t: number): number {
  zone.cover(t - DAY_MS, t);
  let i = zone.index(t);
  let x = t;
  for (;;) {
    const c = x - mod(x + (zone.offsets[i] as number), HOUR_MS);
    const a = i > 0 ? (zone.starts[i - 1] as number) : -Infinity;
    if (c >= a) return c;
    if (hourStartsAt(zone, i)) return a;
    x = a - 1;
    i--;
  }
}

/** The first hour boundary strictly after `t`. */
function hourNext(zone: ZoneInfo, t: number): number {
  zone.cover(t, t + DAY_MS);
  const n = zone.starts.length;
  let i = zone.index(t);
  let x = t;
  for (;;) {
    const o = zone.offsets[i] as number;
    const c = (Math.floor((x + o) / HOUR_MS) + 1) * HOUR_MS - o;
    const segEnd = i < n ? (zone.starts[i] as number) : Infinity;
    if (c < segEnd) return c;
    i++;
    if (hourStartsAt(zone, i)) return segEnd;
    x = segEnd;
  }
}

/**
 * Hour boundaries in `(first, last]`: counted, and written to `out[1..]` when given. One step per offset
 * segment when counting; the table must cover `[first, last]`.
 */
function hourWalk(zone: ZoneInfo, first: number, last: number, out: Float64Array | undefined): number {
  const starts = zone.starts;
  const n = starts.length;
  let i = zone.index(first);
  let x = first;
  let count = 0;
  for (;;) {
    const o = zone.offsets[i] as number;
    const segEnd = i < n ? (starts[i] as number) : Infinity;
    // Whole hours on the wall clock in (x + o, min(segEnd − 1, last) + o].
    let h = Math.floor((x + o) / HOUR_MS) + 1;
    const hEnd = Math.floor((Math.min(segEnd - 1, last) + o) / HOUR_MS);
    if (out === undefined) count += Math.max(0, hEnd - h + 1);
    else for (; h <= hEnd; h++) out[++count] = h * HOUR_MS - o;
    if (segEnd > last) return count;
    i++;
    if (hourStartsAt(zone, i)) {
      count++;
      if (out !== undefined) out[count] = segEnd;
    }
    x = segEnd;
  }
}

/** Local midnight (UTC-encoded) of the day, week or month holding the local wall time `wall`. */
function periodFloor(interval: 'day' | 'week' | 'month', weekStartsOn: WeekStartDay, wall: number): number {
  const day = Math.floor(wall / DAY_MS);
  if (interval === 'day') return day * DAY_MS;
  if (interval === 'week') {
    const dow = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    return (day - ((dow - weekStartsOn + 7) % 7)) * DAY_MS;
  }
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Month number (year · 12 + month − 1) of a local midnight. */
function monthIndex(midnight: number): number {
  const d = new Date(midnight);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The local midnight `k` periods after the period start `midnight`. */
function periodAdd(interval: 'day' | 'week' | 'month', midnight: number, k: number): number {
  if (interval === 'day') return midnight + k * DAY_MS;
  if (interval === 'week') return midnight + 7 * k * DAY_MS;
  const m = monthIndex(midnight) + k;
  return Date.UTC(Math.floor(m / 12), mod(m, 12), 1);
}

/**
 * The local midnight `p` of the day, week or month whose bucket holds the instant `t`: image(p) <= t <
 * image(next p), image being `localToUtc`. Usually the period of `t`'s local date; one period earlier just
 * after a gap that swallowed a midnight, one later in a set-back across midnight (America/St_Johns until 2011:
 * 00:01 → 23:01, so that 23:01–00:00 of the old date is shown again after the new date has begun).
 */
function periodOf(zone: ZoneInfo, interval: 'day' | 'week' | 'month', weekStartsOn: WeekStartDay, t: number): number {
  let p = periodFloor(interval, weekStartsOn, local(zone, t));
  while (zone.localToUtc(p) > t) p = periodAdd(interval, p, -1);
  for (;;) {
    const q = periodAdd(interval, p, 1);
    if (zone.localToUtc(q) > t) return p;
    p = q;
  }
}

/** @internal The start of the bucket containing the instant `t`. */
export function floorToBucket(zone: ZoneInfo, interval: BucketInterval, weekStartsOn: WeekStartDay, t: number): number {
  if (interval === 'hour') return hourFloor(zone, t);
  return zone.localToUtc(periodOf(zone, interval, weekStartsOn, t));
}

/** @internal The start of the bucket after the one starting at `start` (strictly later). */
export function nextBucket(zone: ZoneInfo, interval: BucketInterval, start: number): number {
  if (interval === 'hour') return hourNext(zone, start);
  const midnight = Math.floor(local(zone, start) / DAY_MS) * DAY_MS;
  let p = interval === 'month' ? periodFloor('month', 1, midnight) : midnight;
  let next: number;
  do {
    p = periodAdd(interval, p, 1);
    next = zone.localToUtc(p);
  } while (next <= start);
  return next;
}

/** The longest a bucket can be (a day of 24 h plus a 23-hour set-back, ...): a bound for the cheap check. */
const LONGEST_MS: Readonly<Record<BucketInterval, number>> = { hour: HOUR_MS, day: 2 * DAY_MS, week: 8 * DAY_MS, month: 32 * DAY_MS };

/**
 * @internal Computes the buckets covering `[from, to)`; throws `invalid_option` for `from > to` or more than
 * {@link MAX_BUCKETS} buckets, before building any. `from === to` gives no buckets.
 *
 * Cost: O(offset changes in the range) to count, then O(buckets) (days, weeks, months: a binary search in the
 * transition table per bucket) to build; `Intl` is called only to extend the zone's transition table, about a
 * hundred times per year spanned, once per zone object.
 */
export function makeBuckets(
  functionName: string,
  zone: ZoneInfo,
  interval: BucketInterval,
  weekStartsOn: WeekStartDay,
  from: number,
  to: number,
): BucketBounds {
  if (from > to) optionError(functionName, 'from', 'from is after to');
  if (from === to) return { bounds: new Float64Array([from]), count: 0 };
  // No bucket is longer than LONGEST_MS, so a longer range has too many: rejected before any offset is read.
  if (to - from > MAX_BUCKETS * LONGEST_MS[interval]) tooMany(functionName, interval);
  const last = to - 1;
  zone.cover(from - DAY_MS, to + DAY_MS);
  if (interval === 'hour') {
    const first = hourFloor(zone, from);
    const count = 1 + hourWalk(zone, first, last, undefined);
    if (count > MAX_BUCKETS) tooMany(functionName, interval);
    const bounds = new Float64Array(count + 1);
    bounds[0] = first;
    hourWalk(zone, first, last, bounds);
    bounds[count] = hourNext(zone, bounds[count - 1] as number);
    return { bounds, count };
  }
  // Days, weeks, months: the period starts p0 … pEnd (local midnights) holding `from` and `to − 1`.
  const p0 = periodOf(zone, interval, weekStartsOn, from);
  const first = zone.localToUtc(p0);
  const pEnd = periodOf(zone, interval, weekStartsOn, last);
  const steps =
    interval === 'day' ? Math.round((pEnd - p0) / DAY_MS) : interval === 'week' ? Math.round((pEnd - p0) / (7 * DAY_MS)) : monthIndex(pEnd) - monthIndex(p0);
  const count = steps + 1 - (interval === 'day' ? skippedDates(zone, first, p0, pEnd) : 0);
  if (count > MAX_BUCKETS) tooMany(functionName, interval);
  const bounds = new Float64Array(count + 1);
  bounds[0] = first;
  const m0 = monthIndex(p0);
  let j = 0;
  for (let k = 1; k <= steps + 1; k++) {
    const p = interval === 'day' ? p0 + k * DAY_MS : interval === 'week' ? p0 + 7 * k * DAY_MS : Date.UTC(Math.floor((m0 + k) / 12), (m0 + k) % 12, 1);
    const b = zone.localToUtc(p);
    // A date skipped entirely (a 24-hour gap) starts at the same instant as the next: it has no bucket.
    if (b > (bounds[j] as number)) bounds[++j] = b;
  }
  return { bounds, count };
}

/**
 * Dates in `[p0, pEnd)` that the clocks skip entirely: each lies in a gap of 24 hours (the longest the tz
 * database has, Pacific/Apia 2011 and four others), so its midnight and the next one are the same instant.
 */
function skippedDates(zone: ZoneInfo, first: number, p0: number, pEnd: number): number {
  const starts = zone.starts;
  let skipped = 0;
  for (let i = zone.index(first); i < starts.length; i++) {
    const t = starts[i] as number;
    const before = zone.offsets[i] as number;
    const after = zone.offsets[i + 1] as number;
    if (t + before > pEnd) break;
    if (after - before < DAY_MS) continue;
    const midnight = Math.ceil((t + before) / DAY_MS) * DAY_MS; // the midnight inside the gap
    if (midnight >= p0 && midnight < pEnd && zone.localToUtc(midnight + DAY_MS) <= zone.localToUtc(midnight)) skipped++;
  }
  return skipped;
}

function tooMany(functionName: string, interval: BucketInterval): never {
  optionError(functionName, 'interval', `from..to spans more than ${MAX_BUCKETS.toLocaleString('en-US')} ${interval} buckets; use a longer interval or a shorter range`);
}

/**
 * @internal The bucket index of instant `t`: −1 before the first bucket, `count` at or after the end.
 * Binary search, O(log count).
 */
export function bucketIndex(b: BucketBounds, t: number): number {
  const { bounds, count } = b;
  if (!(t >= (bounds[0] as number))) return -1;
  if (t >= (bounds[count] as number)) return count;
  let lo = 0;
  let hi = count; // bounds[lo] <= t < bounds[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((bounds[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * @internal A label for the bucket starting at `start`: `'2026-03-29T02:00+02:00'` (hour, with the offset so
 * the repeated hour of a fall-back night stays distinct), `'2026-03-29'` (day; week: the first day), `'2026-03'`
 * (month).
 */
export function bucketLabel(zone: ZoneInfo, interval: BucketInterval, start: number): string {
  const offset = zone.offsetAt(start);
  const d = new Date(start + offset);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`;
  if (interval === 'month') return date;
  const day = `${date}-${pad(d.getUTCDate())}`;
  if (interval !== 'hour') return day;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${offsetText(offset)}`;
}
