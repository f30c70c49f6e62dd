/**
 * Calendar buckets (hour, day, week, month) in an IANA time zone.
 *
 * Boundaries are local wall-clock starts converted to instants with the zone's offsets, so a day on which
 * daylight saving time starts has 23 hours and one on which it ends has 25; an hour bucket is a local clock
 * hour (a fall-back day has 25 of them). A local midnight that does not exist (a zone that springs forward at
 * 00:00) starts its day at the first instant that does exist.
 *
 * The first bucket is the one containing `from`; buckets follow until the one containing `to − 1 ms`
 * (`to` is exclusive). More than {@link MAX_BUCKETS} buckets is an error raised before any ticket is read;
 * generating the boundaries stops at that cap, so the check itself is bounded.
 *
 * @internal
 * @module
 */
import type { ZoneInfo } from '../calendar/timeZone.js';
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
    optionError(functionName, 'interval', `must be 'hour', 'day', 'week' or 'month', got ${JSON.stringify(interval)}`);
  }
  return interval;
}

/** @internal Validates `weekStartsOn` (default Monday). */
export function checkWeekStart(functionName: string, weekStartsOn: unknown): WeekStartDay {
  if (weekStartsOn === undefined) return 1;
  if (typeof weekStartsOn !== 'number' || !Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    optionError(functionName, 'weekStartsOn', `must be an integer 0 (Sunday) to 6 (Saturday), got ${JSON.stringify(weekStartsOn)}`);
  }
  return weekStartsOn as WeekStartDay;
}

/** Local wall time (UTC-encoded) of an instant. */
function local(zone: ZoneInfo, utc: number): number {
  return utc + zone.offsetAt(utc);
}

/** The first instant of the local day whose wall-clock midnight is `localMidnight`. */
function dayStart(zone: ZoneInfo, localMidnight: number): number {
  return zone.localToUtc(localMidnight);
}

/** @internal The start of the bucket containing the instant `t`. */
export function floorToBucket(zone: ZoneInfo, interval: BucketInterval, weekStartsOn: WeekStartDay, t: number): number {
  const wall = local(zone, t);
  if (interval === 'hour') {
    const into = wall - Math.floor(wall / HOUR_MS) * HOUR_MS;
    return t - into;
  }
  let midnight = Math.floor(wall / DAY_MS) * DAY_MS;
  if (interval === 'week') {
    const dow = (((Math.floor(midnight / DAY_MS) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    midnight -= ((dow - weekStartsOn + 7) % 7) * DAY_MS;
  } else if (interval === 'month') {
    const d = new Date(midnight);
    midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const start = dayStart(zone, midnight);
  // A wall time inside a gap maps forward; never return a start after t.
  return start > t ? t : start;
}

/** @internal The start of the bucket after the one starting at `start` (strictly later). */
export function nextBucket(zone: ZoneInfo, interval: BucketInterval, start: number): number {
  if (interval === 'hour') {
    const candidate = start + HOUR_MS;
    const wall = local(zone, candidate);
    const next = candidate - (wall - Math.floor(wall / HOUR_MS) * HOUR_MS);
    return next > start ? next : candidate;
  }
  const wall = local(zone, start);
  const midnight = Math.floor(wall / DAY_MS) * DAY_MS;
  let nextMidnight: number;
  if (interval === 'day') nextMidnight = midnight + DAY_MS;
  else if (interval === 'week') nextMidnight = midnight + 7 * DAY_MS;
  else {
    const d = new Date(midnight);
    nextMidnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  const next = dayStart(zone, nextMidnight);
  return next > start ? next : start + HOUR_MS;
}

/**
 * @internal Computes the buckets covering `[from, to)`; throws `invalid_option` for `from > to` or more than
 * {@link MAX_BUCKETS} buckets. `from === to` gives no buckets.
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
  // A cheap upper bound first, so an absurd range fails before anything is computed.
  const shortest = interval === 'hour' ? HOUR_MS / 2 : interval === 'day' ? DAY_MS / 2 : interval === 'week' ? 6 * DAY_MS : 27 * DAY_MS;
  if ((to - from) / shortest > 2 * MAX_BUCKETS + 2) tooMany(functionName, interval);
  const list: number[] = [floorToBucket(zone, interval, weekStartsOn, from)];
  let s = list[0] as number;
  while (s < to) {
    if (list.length > MAX_BUCKETS) tooMany(functionName, interval);
    s = nextBucket(zone, interval, s);
    list.push(s);
  }
  return { bounds: Float64Array.from(list), count: list.length - 1 };
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
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
