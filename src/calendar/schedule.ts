/**
 * Business-hours schedules: an IANA time zone, weekly open windows in local wall-clock time, and holidays.
 *
 * Definition: the open time of a schedule is the set of real instants whose local wall-clock time (in the
 * schedule's zone, with the offset `Intl` gives for that instant) falls in an open window of its local date
 * and is not closed by a holiday of that date. Durations measure that set on real instants, so a DST change
 * inside a window counts the time that really passed (a repeated hour twice, a skipped hour not at all).
 *
 * Engine: open wall-clock time is a weekly pattern (a per-minute prefix table) minus holiday exceptions (a
 * sorted day list with prefix sums). `F(X)`, the open wall time before wall instant `X`, costs O(1), so a
 * duration costs O(DST changes in the span), whatever the span; its inverse is closed form, O(log holidays), so
 * a due instant costs O(DST changes in the span + log holidays). Offsets come from the transition table of the
 * schedule's {@link ZoneInfo} (found with `Intl` a year at a time, only the years asked for), so a million
 * durations format about a hundred dates per year spanned.
 *
 * @module
 */
import { checkOptionKeys, describe } from '../_lib/options.js';
import { MAX_EPOCH_MS } from '../_lib/timestamp.js';
import { createZoneInfo, type ZoneInfo } from './timeZone.js';
import { MetricsError } from '../results/errors.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MIN = 10_080;
const WEEK_MS = 604_800_000;
const FN = 'createSchedule';

/**
 * A weekday key of {@link ScheduleOptions.weekly}: `'mon'` … `'sun'` (ISO order, the week starts on Monday).
 *
 * @category Business time
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** The weekday keys in ISO order (Monday first). @internal */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * A half-open local time window `[start, end)` as `'HH:MM'` strings. `'24:00'` is allowed as an end. As a
 * weekly window, an end before the start runs overnight into the next day (`['22:00', '06:00']`).
 *
 * @category Business time
 */
export type TimeWindow = readonly [start: string, end: string];

/**
 * A holiday: a whole local date `'YYYY-MM-DD'`; a date with partial closures
 * (`{ date: '2026-12-24', closed: [['12:00', '24:00']] }`); or a yearly recurring date
 * (`{ month: 12, day: 25 }`, optionally with `closed` too). A holiday closes wall-clock time of its local
 * date only (the part of an overnight window after midnight belongs to the next date).
 *
 * @category Business time
 */
export type Holiday =
  | string
  | { readonly date: string; readonly closed?: readonly TimeWindow[]; readonly name?: string }
  | { readonly month: number; readonly day: number; readonly closed?: readonly TimeWindow[]; readonly name?: string };

/**
 * Options of {@link createSchedule}.
 *
 * @category Business time
 */
export interface ScheduleOptions {
  /** IANA time zone in which the windows and holidays are read, such as `'Europe/Berlin'`. */
  readonly timeZone: string;
  /** Open windows per weekday; a missing or empty day is closed. */
  readonly weekly: Readonly<Partial<Record<Weekday, readonly TimeWindow[]>>>;
  /** Closed dates. @defaultValue `[]` */
  readonly holidays?: readonly Holiday[];
  /** A label for reports. */
  readonly name?: string;
}

/**
 * A normalised holiday of a {@link Schedule}: `date` (one date) or `month`/`day` (every year), and the closed
 * local windows (`[['00:00', '24:00']]` for a whole day).
 *
 * @category Business time
 */
export interface ScheduleHoliday {
  readonly date?: string;
  readonly month?: number;
  readonly day?: number;
  readonly closed: readonly TimeWindow[];
  readonly name?: string;
}

/**
 * A validated, immutable business-hours schedule made by {@link createSchedule}. Its fields echo the
 * normalised definition (overnight windows split at midnight, overlaps merged); the engine behind it is
 * internal.
 *
 * @category Business time
 */
export interface Schedule {
  readonly name: string | undefined;
  readonly timeZone: string;
  /** Open windows per weekday after splitting overnight windows at midnight and merging overlaps. */
  readonly weekly: Readonly<Record<Weekday, readonly TimeWindow[]>>;
  readonly holidays: readonly ScheduleHoliday[];
  /** Open time of a week without holidays, in ms (168 h for 24/7). */
  readonly weeklyOpenMs: number;
}

/** @internal The engine attached (non-enumerable) to every schedule. */
export interface ScheduleEngine {
  readonly zone: ZoneInfo;
  /** True for 24/7 without holidays: durations are wall-clock. */
  readonly always: boolean;
  /** Open wall-clock ms before wall instant X (UTC-encoded wall time). */
  F(X: number): number;
  /** Smallest wall instant X with F(X) >= V; closed form, O(log holidays). */
  Finv(V: number): number;
  /** Business ms in [s, e) (instants, epoch ms); 0 when e <= s. */
  measure(s: number, e: number): number;
  /**
   * Smallest instant t >= s with measure(s, t) = ms; `s` itself when ms <= 0. NaN when that instant is at or
   * after MAX_EPOCH_MS (2201-01-01Z), so that a finite result is always an instant the library accepts
   * (slaCompliance reads NaN as "no due instant"; addBusinessTime throws `out_of_range`).
   */
  add(s: number, ms: number): number;
  /** Offset segments covering [s, e): starts, offsets (parallel arrays; the first start is s). */
  segments(s: number, e: number): { starts: number[]; offsets: number[] };
  /** Open wall intervals of local date `day` (days since 1970-01-01), ms within the day, after holidays. */
  dayOpen(day: number): { windows: Array<[number, number]>; holiday: ScheduleHoliday | undefined };
}

/** @internal Key under which the engine is stored. */
export const ENGINE = '__businessEngine';

/** @internal Returns the engine of a schedule, or undefined when `value` is not one. */
export function engineOf(value: unknown): ScheduleEngine | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const e = (value as Record<string, unknown>)[ENGINE];
  return e === undefined ? undefined : (e as ScheduleEngine);
}

/** @internal Throws unless `value` is a schedule. */
export function requireSchedule(functionName: string, value: unknown, field = 'schedule'): ScheduleEngine {
  const e = engineOf(value);
  if (e === undefined) {
    throw new MetricsError({
      code: 'invalid_argument',
      functionName,
      field,
      rule: 'must be a Schedule made by createSchedule',
    });
  }
  return e;
}

function fail(field: string, rule: string, code: 'invalid_option' | 'unknown_time_zone' | 'out_of_range' | 'duplicate_id' = 'invalid_option'): never {
  throw new MetricsError({ code, functionName: FN, field, rule });
}

/** Option keys of createSchedule and of its holiday objects. */
const SCHEDULE_KEYS: readonly string[] = ['timeZone', 'weekly', 'holidays', 'name'];
const DATED_HOLIDAY_KEYS: readonly string[] = ['date', 'closed', 'name'];
const YEARLY_HOLIDAY_KEYS: readonly string[] = ['month', 'day', 'closed', 'name'];

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of 'HH:MM'; '24:00' only when `end`. */
function parseTime(value: unknown, field: string, end: boolean): number {
  if (typeof value === 'string') {
    if (end && value === '24:00') return 1440;
    const m = TIME_RE.exec(value);
    if (m !== null) return Number(m[1]) * 60 + Number(m[2]);
  }
  fail(field, `${describe(value)} is not a time 'HH:MM' (00:00–23:59${end ? ', or 24:00 as an end' : ''})`);
}

function hhmm(min: number): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function windowList(value: unknown, field: string): Array<[number, number]> {
  if (!Array.isArray(value)) fail(field, `must be an array of [start, end] windows, got ${describe(value)}`);
  const out: Array<[number, number]> = [];
  value.forEach((w: unknown, i: number) => {
    if (!Array.isArray(w) || w.length !== 2) fail(`${field}[${i}]`, `must be a pair ['HH:MM', 'HH:MM'], got ${describe(w)}`);
    const a = parseTime(w[0], `${field}[${i}][0]`, false);
    const b = parseTime(w[1], `${field}[${i}][1]`, true);
    if (a === b) fail(`${field}[${i}]`, `the window ${w[0]}–${w[1]} has zero length`);
    out.push([a, b]);
  });
  return out;
}

/** Merges [a, b) minute intervals (sorted, overlapping or touching joined). */
function mergeIntervals(list: Array<[number, number]>): Array<[number, number]> {
  const sorted = list.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
}

/** @internal Days since 1970-01-01 of a local date. */
export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** @internal 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** @internal ISO weekday index (0 = Monday) of a day number. */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Creates a business-hours schedule. Validates everything once; the result is immutable and reusable across
 * calls (its offset cache is private to it: no module state).
 *
 * Throws a {@link MetricsError} for an unknown zone (`unknown_time_zone`), an unknown key on the options or on a
 * holiday object (`invalid_option`, naming the nearest known key), a bad time such as `'25:00'` or `'9:5'`, a
 * zero-length window, a duplicate holiday, a holiday outside 1970–2200, or a schedule with no open time at all
 * (`invalid_option`, with the field named).
 *
 * @category Business time
 * @example
 * ```ts
 * import { createSchedule, businessDuration } from 'helpdesk-metrics';
 * const office = createSchedule({
 *   timeZone: 'Europe/Berlin',
 *   weekly: { mon: [['09:00', '12:00'], ['13:00', '17:00']], fri: [['09:00', '15:00']] },
 *   holidays: [{ month: 12, day: 25 }, '2026-04-03', { date: '2026-12-24', closed: [['12:00', '24:00']] }],
 * });
 * office.weeklyOpenMs; //=> 46800000 (13 h)
 * businessDuration('2026-03-02T07:00:00Z', '2026-03-02T12:30:00Z', office); //=> 12600000 (3.5 h)
 * ```
 */
export function createSchedule(options: ScheduleOptions): Schedule {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) fail('options', `must be an object, got ${describe(options)}`);
  checkOptionKeys(FN, options, SCHEDULE_KEYS);
  const { timeZone, weekly, holidays = [], name } = options;
  if (typeof timeZone !== 'string') fail('timeZone', `must be an IANA time zone name, got ${describe(timeZone)}`, 'unknown_time_zone');
  const zone = createZoneInfo(timeZone);
  if (zone === undefined) fail('timeZone', `${describe(timeZone)} is not an IANA time zone known to this runtime`, 'unknown_time_zone');
  if (name !== undefined && typeof name !== 'string') fail('name', `must be a string, got ${describe(name)}`);
  if (weekly === null || typeof weekly !== 'object' || Array.isArray(weekly)) fail('weekly', `must be an object keyed 'mon' … 'sun', got ${describe(weekly)}`);

  // Weekly windows in minutes of the week (Monday 00:00 = 0), overnight windows wrapped.
  const weekIntervals: Array<[number, number]> = [];
  for (const key of Object.keys(weekly)) {
    const dow = WEEKDAYS.indexOf(key as Weekday);
    if (dow < 0) fail(`weekly.${key}`, `unknown weekday; use ${WEEKDAYS.map((d) => `'${d}'`).join(', ')}`);
    const value = (weekly as Record<string, unknown>)[key];
    if (value === undefined) continue;
    for (const [a, b] of windowList(value, `weekly.${key}`)) {
      const base = dow * 1440;
      const end = b > a ? base + b : base + 1440 + b; // overnight
      if (end <= WEEK_MIN) weekIntervals.push([base + a, end]);
      else {
        weekIntervals.push([base + a, WEEK_MIN]);
        weekIntervals.push([0, end - WEEK_MIN]);
      }
    }
  }
  const merged = mergeIntervals(weekIntervals);
  const open = new Uint8Array(WEEK_MIN);
  for (const [a, b] of merged) open.fill(1, a, b);
  const cum = new Float64Array(WEEK_MIN + 1);
  for (let m = 0; m < WEEK_MIN; m++) cum[m + 1] = (cum[m] as number) + (open[m] as number) * MINUTE_MS;
  const weekOpen = cum[WEEK_MIN] as number;
  if (weekOpen === 0) fail('weekly', 'the schedule has no open time at all (every weekday is closed)');

  // Per-day echo (split at midnight).
  const dayWindows: Array<Array<[number, number]>> = WEEKDAYS.map(() => []);
  for (let dow = 0; dow < 7; dow++) {
    let m = dow * 1440;
    const endDay = m + 1440;
    while (m < endDay) {
      if (open[m] === 1) {
        const a = m;
        while (m < endDay && open[m] === 1) m++;
        (dayWindows[dow] as Array<[number, number]>).push([a - dow * 1440, m - dow * 1440]);
      } else m++;
    }
  }

  // Holidays.
  if (!Array.isArray(holidays)) fail('holidays', `must be an array, got ${describe(holidays)}`);
  const normalized: ScheduleHoliday[] = [];
  const dated = new Map<number, { closed: Array<[number, number]>; holiday: ScheduleHoliday }>();
  const recurring = new Map<number, { month: number; day: number; closed: Array<[number, number]>; holiday: ScheduleHoliday }>();
  holidays.forEach((h: unknown, i: number) => {
    const field = `holidays[${i}]`;
    let dateStr: string | undefined;
    let month: number | undefined;
    let day: number | undefined;
    let closed: Array<[number, number]> = [[0, 1440]];
    let hname: string | undefined;
    if (typeof h === 'string') dateStr = h;
    else if (h !== null && typeof h === 'object' && !Array.isArray(h)) {
      const o = h as Record<string, unknown>;
      if (o.date !== undefined && (o.month !== undefined || o.day !== undefined)) fail(field, 'give either date or month/day, not both');
      checkOptionKeys(FN, o, o.date !== undefined ? DATED_HOLIDAY_KEYS : YEARLY_HOLIDAY_KEYS, field);
      if (o.name !== undefined) {
        if (typeof o.name !== 'string') fail(`${field}.name`, `must be a string, got ${describe(o.name)}`);
        hname = o.name;
      }
      if (o.closed !== undefined) {
        closed = windowList(o.closed, `${field}.closed`);
        closed.forEach(([a, b], j) => {
          if (b < a) fail(`${field}.closed[${j}]`, 'a closure must end after it starts on the same date (use 24:00 for midnight)');
        });
        closed = mergeIntervals(closed);
        if (closed.length === 0) fail(`${field}.closed`, 'must list at least one window');
      }
      if (o.date !== undefined) {
        if (typeof o.date !== 'string') fail(`${field}.date`, `must be a date 'YYYY-MM-DD', got ${describe(o.date)}`);
        dateStr = o.date;
      } else {
        if (!Number.isInteger(o.month) || (o.month as number) < 1 || (o.month as number) > 12) fail(`${field}.month`, `must be a whole number 1–12, got ${describe(o.month)}`);
        month = o.month as number;
        if (!Number.isInteger(o.day) || (o.day as number) < 1 || (o.day as number) > daysInMonth(2000, month)) {
          fail(`${field}.day`, `must be a day of month ${month}, got ${describe(o.day)}`);
        }
        day = o.day as number;
      }
    } else fail(field, `must be 'YYYY-MM-DD', { date, closed? } or { month, day, closed? }, got ${describe(h)}`);
    const closedEcho = closed.map(([a, b]) => [hhmm(a), hhmm(b)] as const);
    if (dateStr !== undefined) {
      const f = typeof h === 'string' ? field : `${field}.date`;
      const m = DATE_RE.exec(dateStr);
      if (m === null) fail(f, `${describe(dateStr)} is not a date 'YYYY-MM-DD'`);
      const y = Number(m[1]);
      const mo = Number(m[2]);
      const d = Number(m[3]);
      if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) fail(f, `${dateStr} is not a calendar date`);
      if (y < 1970 || y > 2200) fail(f, `${dateStr} lies outside the years 1970–2200`, 'out_of_range');
      const dn = dayNumber(y, mo, d);
      if (dated.has(dn)) fail(f, `${dateStr} is listed twice`, 'duplicate_id');
      const holiday: ScheduleHoliday = { date: dateStr, closed: closedEcho, ...(hname === undefined ? {} : { name: hname }) };
      dated.set(dn, { closed, holiday });
      normalized.push(holiday);
    } else {
      const key = (month as number) * 100 + (day as number);
      if (recurring.has(key)) fail(field, `the yearly date ${month}-${day} is listed twice`, 'duplicate_id');
      const holiday: ScheduleHoliday = { month: month as number, day: day as number, closed: closedEcho, ...(hname === undefined ? {} : { name: hname }) };
      recurring.set(key, { month: month as number, day: day as number, closed, holiday });
      normalized.push(holiday);
    }
  });
  let wholeRecurring = 0;
  for (const r of recurring.values()) if (r.closed.length === 1 && r.closed[0]?.[0] === 0 && r.closed[0][1] === 1440) wholeRecurring++;
  if (wholeRecurring === 366) fail('holidays', 'the schedule has no open time at all (every date of the year is a holiday)');

  // Materialise holidays by day number (recurring for wall years 1969–2201), union of closures per day.
  const byDay = new Map<number, { closed: Array<[number, number]>; holiday: ScheduleHoliday }>();
  for (const [dn, v] of dated) byDay.set(dn, { closed: v.closed.slice(), holiday: v.holiday });
  if (recurring.size > 0) {
    for (let y = 1969; y <= 2201; y++) {
      for (const r of recurring.values()) {
        if (r.day > daysInMonth(y, r.month)) continue;
        const dn = dayNumber(y, r.month, r.day);
        const prev = byDay.get(dn);
        if (prev === undefined) byDay.set(dn, { closed: r.closed.slice(), holiday: r.holiday });
        else prev.closed = mergeIntervals(prev.closed.concat(r.closed));
      }
    }
  }
  const hDays = Int32Array.from([...byDay.keys()].sort((a, b) => a - b));
  const hCount = hDays.length;
  const hClosedIdx = new Int32Array(hCount + 1);
  const flat: number[] = [];
  const hInfo: ScheduleHoliday[] = [];
  for (let j = 0; j < hCount; j++) {
    const v = byDay.get(hDays[j] as number) as { closed: Array<[number, number]>; holiday: ScheduleHoliday };
    hClosedIdx[j] = flat.length / 2;
    for (const [a, b] of v.closed) flat.push(a * MINUTE_MS, b * MINUTE_MS);
    hInfo.push(v.holiday);
  }
  hClosedIdx[hCount] = flat.length / 2;
  const hClosed = Float64Array.from(flat);

  // ---- engine ----
  /** Open ms in the week before week-offset x (0 <= x <= WEEK_MS). */
  const cumW = (x: number): number => {
    if (x >= WEEK_MS) return weekOpen;
    const m = Math.floor(x / MINUTE_MS);
    const c = cum[m] as number;
    return open[m] === 1 ? c + (x - m * MINUTE_MS) : c;
  };
  /** Open ms removed by holiday j within [0, upTo) of its date. */
  const removedWithin = (j: number, upTo: number): number => {
    const base = weekdayOfDay(hDays[j] as number) * DAY_MS;
    let r = 0;
    for (let c = hClosedIdx[j] as number, end = hClosedIdx[j + 1] as number; c < end; c++) {
      const a = hClosed[2 * c] as number;
      if (a >= upTo) break;
      const b = Math.min(hClosed[2 * c + 1] as number, upTo);
      r += cumW(base + b) - cumW(base + a);
    }
    return r;
  };
  const hCum = new Float64Array(hCount + 1);
  for (let j = 0; j < hCount; j++) hCum[j + 1] = (hCum[j] as number) + removedWithin(j, DAY_MS);
  const hasRemovals = hCount > 0 && (hCum[hCount] as number) > 0;

  // Direct table: first holiday index with hDays[j] >= day, for days in [hFirst, hLast].
  const hFirst = hCount > 0 ? (hDays[0] as number) : 0;
  const hLast = hCount > 0 ? (hDays[hCount - 1] as number) : -1;
  const hTable = new Int32Array(hLast - hFirst + 1);
  for (let j = 0, d = hFirst; d <= hLast; d++) {
    while ((hDays[j] as number) < d) j++;
    hTable[d - hFirst] = j;
  }
  /** First holiday index with hDays[j] >= day. */
  const lowerBound = (day: number): number => {
    if (day <= hFirst) return 0;
    if (day > hLast) return hCount;
    return hTable[day - hFirst] as number;
  };
  const Fw = (X: number): number => {
    const k = Math.floor(X / DAY_MS) + 3; // days since Monday 1969-12-29
    const w = Math.floor(k / 7);
    return w * weekOpen + cumW(X - (w * 7 - 3) * DAY_MS);
  };

  const F = (X: number): number => {
    const day = Math.floor(X / DAY_MS);
    const k = day + 3;
    const w = Math.floor(k / 7);
    let v = w * weekOpen + cumW(X - (w * 7 - 3) * DAY_MS);
    if (hasRemovals) {
      const j = lowerBound(day);
      v -= hCum[j] as number;
      if (j < hCount && hDays[j] === day) v -= removedWithin(j, X - day * DAY_MS);
    }
    return v;
  };

  /** F(B) − F(A) for A <= B, written out in one body (no calls on the common path: no boxed doubles). */
  const span = (A: number, B: number): number => {
    const dA = Math.floor(A / DAY_MS);
    const dB = Math.floor(B / DAY_MS);
    const wA = Math.floor((dA + 3) / 7);
    const wB = Math.floor((dB + 3) / 7);
    const xA = A - (wA * 7 - 3) * DAY_MS;
    const xB = B - (wB * 7 - 3) * DAY_MS;
    const mA = Math.floor(xA / MINUTE_MS);
    const mB = Math.floor(xB / MINUTE_MS);
    let v = (wB - wA) * weekOpen + ((cum[mB] as number) - (cum[mA] as number));
    if (open[mB] === 1) v += xB - mB * MINUTE_MS;
    if (open[mA] === 1) v -= xA - mA * MINUTE_MS;
    if (hasRemovals) {
      const jA = dA <= hFirst ? 0 : dA > hLast ? hCount : (hTable[dA - hFirst] as number);
      const jB = dB <= hFirst ? 0 : dB > hLast ? hCount : (hTable[dB - hFirst] as number);
      v -= (hCum[jB] as number) - (hCum[jA] as number);
      if (jB < hCount && hDays[jB] === dB) v -= removedWithin(jB, B - dB * DAY_MS);
      if (jA < hCount && hDays[jA] === dA) v += removedWithin(jA, A - dA * DAY_MS);
    }
    return v;
  };

  /** Smallest X with Fw(X) >= V (the week pattern alone: whole weeks by division, the minute by bisection). */
  const FwInv = (V: number): number => {
    let w = Math.floor(V / weekOpen);
    let rem = V - w * weekOpen;
    if (rem <= 0) {
      w -= 1;
      rem += weekOpen;
    }
    // Largest minute m with cum[m] < rem; that minute is open (cum[m + 1] >= rem > cum[m]).
    let lo = 0;
    let hi = WEEK_MIN - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((cum[mid] as number) < rem) lo = mid;
      else hi = mid - 1;
    }
    return (w * 7 - 3) * DAY_MS + lo * MINUTE_MS + (rem - (cum[lo] as number));
  };

  /**
   * Smallest wall instant X with F(X) >= V, in closed form (no iteration that depends on V).
   *
   * Let G(j) = F(start of holiday date j) = Fw(hDays[j]·DAY) − hCum[j]; G is non-decreasing in j because F is.
   * Let k be the first holiday with G(k) >= V (k = hCount when there is none), found by bisection. Then
   * F(X) < V for X <= start of date k − 1 and F(start of date k) >= V, so X lies in (start of date k − 1,
   * start of date k]. That range is the holiday date k − 1 followed by days without a holiday, on which
   * F = Fw − hCum[k] exactly. (a) If F(end of date k − 1) >= V, X lies within that one date: F is linear with
   * slope 0 or 1 within each minute there (windows and closures are whole minutes), so the last minute with
   * F < V, found by bisection over the 1440 minutes, holds X at its start plus what is still missing. (b) Else
   * X is the smallest wall instant with Fw(X) >= V + hCum[k], which lies in the holiday-free stretch because
   * Fw − hCum[k] < V before it and >= V at its end. Cost: O(log holidays) evaluations of Fw (O(1) each), plus
   * in case (a) 11 of F (O(closures of one date)), plus FwInv (O(log 10 080)). It always returns.
   */
  const Finv = (V: number): number => {
    if (!hasRemovals) return FwInv(V);
    let lo = 0;
    let hi = hCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Fw((hDays[mid] as number) * DAY_MS) - (hCum[mid] as number) >= V) hi = mid;
      else lo = mid + 1;
    }
    const k = lo;
    if (k > 0) {
      const dayStart = (hDays[k - 1] as number) * DAY_MS;
      if (Fw(dayStart + DAY_MS) - (hCum[k] as number) >= V) {
        let a = 0; // F(dayStart + a minutes) < V (G(k − 1) < V)
        let b = 1440; // F(dayStart + b minutes) >= V
        while (b - a > 1) {
          const mid = (a + b) >>> 1;
          if (F(dayStart + mid * MINUTE_MS) < V) a = mid;
          else b = mid;
        }
        const x = dayStart + a * MINUTE_MS;
        return x + (V - F(x));
      }
    }
    return FwInv(V + (hCum[k] as number));
  };

  // Offsets: the zone's transition table (shared with the buckets, cached on the zone of this schedule).
  const always = weekOpen === WEEK_MS && !hasRemovals;

  const measure = (s: number, e: number): number => {
    if (!(e > s)) return 0;
    if (always) return e - s;
    if (!(s >= zone.lo && e <= zone.hi)) zone.cover(s, e);
    const trans = zone.starts;
    const offs = zone.offsets;
    let i = zone.index(s);
    let o = offs[i] as number;
    let t = s;
    let total = 0;
    const n = trans.length;
    while (i < n) {
      const tr = trans[i] as number;
      if (tr >= e) break;
      total += span(t + o, tr + o);
      t = tr;
      i++;
      o = offs[i] as number;
    }
    return total + span(t + o, e + o);
  };

  /**
   * Walks the offset segments from s, each in O(1), until the one in which the business time runs out, and
   * inverts F there once: O(offset changes in [s, due] + log holidays). Since measure(s, t) <= t − s, a due
   * instant at or after MAX_EPOCH_MS is known in O(1) when ms >= MAX_EPOCH_MS − s, and otherwise when the walk
   * reaches MAX_EPOCH_MS: NaN then.
   */
  const add = (s: number, ms: number): number => {
    if (!(ms > 0)) return s;
    if (!(ms < MAX_EPOCH_MS - s)) return NaN;
    if (always) return s + ms;
    if (!(s >= zone.lo && s < zone.hi)) zone.cover(s, s);
    let trans = zone.starts;
    let offs = zone.offsets;
    let i = zone.index(s);
    let o = offs[i] as number;
    let t = s;
    let rem = ms;
    for (;;) {
      let segEnd = i < trans.length ? (trans[i] as number) : zone.hi;
      const last = segEnd >= MAX_EPOCH_MS;
      if (last) segEnd = MAX_EPOCH_MS;
      const base = F(t + o);
      const avail = F(segEnd + o) - base;
      if (avail >= rem) {
        const due = Finv(base + rem) - o;
        return due < MAX_EPOCH_MS ? due : NaN;
      }
      if (last) return NaN;
      rem -= avail;
      t = segEnd;
      if (i < trans.length) {
        i++;
        o = offs[i] as number;
      } else {
        zone.cover(t, t); // the next block (t = zone.hi < MAX_EPOCH_MS lies inside the table's span)
        trans = zone.starts;
        offs = zone.offsets;
        i = zone.index(t);
        o = offs[i] as number;
      }
    }
  };

  const segments = (s: number, e: number): { starts: number[]; offsets: number[] } => {
    zone.cover(s, Math.max(s, e));
    const trans = zone.starts;
    const offs = zone.offsets;
    let i = zone.index(s);
    const starts = [s];
    const offsets = [offs[i] as number];
    while (i < trans.length && (trans[i] as number) < e) {
      starts.push(trans[i] as number);
      i++;
      offsets.push(offs[i] as number);
    }
    return { starts, offsets };
  };

  const dayOpen = (day: number): { windows: Array<[number, number]>; holiday: ScheduleHoliday | undefined } => {
    const base = (dayWindows[weekdayOfDay(day)] as Array<[number, number]>).map(([a, b]) => [a * MINUTE_MS, b * MINUTE_MS] as [number, number]);
    const j = lowerBound(day);
    if (!(j < hCount && hDays[j] === day)) return { windows: base, holiday: undefined };
    let windows = base;
    for (let c = hClosedIdx[j] as number, end = hClosedIdx[j + 1] as number; c < end; c++) {
      const a = hClosed[2 * c] as number;
      const b = hClosed[2 * c + 1] as number;
      const next: Array<[number, number]> = [];
      for (const [x, y] of windows) {
        if (y <= a || x >= b) next.push([x, y]);
        else {
          if (x < a) next.push([x, a]);
          if (y > b) next.push([b, y]);
        }
      }
      windows = next;
    }
    return { windows, holiday: hInfo[j] };
  };

  const engine: ScheduleEngine = { zone, always, F, Finv, measure, add, segments, dayOpen };

  const weeklyEcho = {} as Record<Weekday, readonly TimeWindow[]>;
  WEEKDAYS.forEach((d, dow) => {
    weeklyEcho[d] = Object.freeze((dayWindows[dow] as Array<[number, number]>).map(([a, b]) => Object.freeze([hhmm(a), hhmm(b)] as const)));
  });
  const schedule: Schedule = {
    name,
    timeZone,
    weekly: Object.freeze(weeklyEcho),
    holidays: Object.freeze(normalized.map((h) => Object.freeze(h))),
    weeklyOpenMs: weekOpen,
  };
  Object.defineProperty(schedule, ENGINE, { value: engine, enumerable: false, writable: false, configurable: false });
  return Object.freeze(schedule);
}
