/**
 * A brute-force oracle of business time and of local time, shared by the calendar and bucket property tests.
 * It walks one UTC minute at a time, reads each minute's local wall time with an offset from Intl's
 * `longOffset` time-zone name (a different Intl path from the library's), and tests it against the raw
 * schedule definition. Also the arbitraries of small random schedules.
 */
import fc from 'fast-check';
import type { Holiday, ScheduleOptions, TimeWindow, Weekday } from '../../src/calendar/index.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Europe/London',
  'America/Sao_Paulo',
];

// ---- oracle ----
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
export function oracleOffset(zone: string, t: number): number {
  let f = offsetFormats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, f);
  }
  const name = f.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(name);
  if (m === null || m[1] === undefined) return 0;
  const v = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === '-' ? -v : v;
}

export const toMin = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export function oracleOpen(options: ScheduleOptions, wall: number, memo: Map<number, Uint8Array>): boolean {
  const day = Math.floor(wall / DAY);
  const minute = Math.floor((wall - day * DAY) / MIN);
  let table = memo.get(day);
  if (table === undefined) {
    table = oracleDayTable(options, day);
    memo.set(day, table);
  }
  return table[minute] === 1;
}

/** Open flags of the 1440 minutes of a local date, straight from the raw definition. */
export function oracleDayTable(options: ScheduleOptions, day: number): Uint8Array {
  const table = new Uint8Array(1440);
  const dow = (((day + 3) % 7) + 7) % 7;
  const prev = (dow + 6) % 7;
  for (const [a, b] of options.weekly[DAYS[dow] as Weekday] ?? []) {
    const s = toMin(a);
    const e = toMin(b);
    table.fill(1, s, e > s ? e : 1440); // an overnight window runs to midnight here
  }
  for (const [a, b] of options.weekly[DAYS[prev] as Weekday] ?? []) {
    const s = toMin(a);
    const e = toMin(b);
    if (e < s) table.fill(1, 0, e); // ... and on into this date
  }
  const date = new Date(day * DAY);
  const iso = date.toISOString().slice(0, 10);
  for (const h of options.holidays ?? []) {
    let matches: boolean;
    let closed: readonly TimeWindow[] = [['00:00', '24:00']];
    if (typeof h === 'string') matches = h === iso;
    else {
      if ('date' in h) matches = h.date === iso;
      else matches = h.month === date.getUTCMonth() + 1 && h.day === date.getUTCDate();
      if (h.closed !== undefined) closed = h.closed;
    }
    if (matches) for (const [a, b] of closed) table.fill(0, toMin(a), toMin(b));
  }
  return table;
}

export function oracleDuration(options: ScheduleOptions, s: number, e: number): number {
  let total = 0;
  let t = s;
  const memo = new Map<number, Uint8Array>();
  const offset = minuteOffsets(options.timeZone);
  while (t < e) {
    const minuteStart = Math.floor(t / MIN) * MIN;
    const next = Math.min(minuteStart + MIN, e);
    if (oracleOpen(options, minuteStart + offset(minuteStart), memo)) total += next - t;
    t = next;
  }
  return total;
}

// ---- arbitraries ----
export const timeArb = fc.integer({ min: 0, max: 95 }).map((q) => q * 15);
export const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
export const windowArb: fc.Arbitrary<TimeWindow> = fc
  .tuple(timeArb, fc.integer({ min: 1, max: 96 }).map((q) => q * 15), fc.boolean())
  .map(([a, len, minutePrecision]) => {
    const start = minutePrecision ? a + 7 : a;
    const end = (start + len) % 1440;
    return [hhmm(start), end === 0 && start + len === 1440 ? '24:00' : hhmm(end === start ? (end + 1) % 1440 : end)] as const;
  });
export const weeklyArb = fc
  .array(fc.array(windowArb, { maxLength: 3 }), { minLength: 7, maxLength: 7 })
  .map((days) => Object.fromEntries(days.map((w, i) => [DAYS[i], w])) as Record<Weekday, TimeWindow[]>)
  .filter((w) => Object.values(w).some((x) => x.length > 0));

export const T0 = Date.UTC(2018, 0, 1);
export const T1 = Date.UTC(2028, 0, 1);
export const spanArb = fc.tuple(fc.integer({ min: T0, max: T1 }), fc.integer({ min: 0, max: 60 * DAY }));

export function holidaysArb(start: number): fc.Arbitrary<Holiday[]> {
  const dated = fc.tuple(fc.integer({ min: 0, max: 70 }), fc.option(fc.tuple(timeArb, fc.integer({ min: 1, max: 40 })), { nil: undefined }))
    .map(([d, partial]) => {
      const date = new Date(start + (d - 5) * DAY).toISOString().slice(0, 10);
      if (partial === undefined) return date as Holiday;
      const a = partial[0];
      const b = Math.min(1440, a + partial[1] * 15);
      return { date, closed: [[hhmm(a), b === 1440 ? '24:00' : hhmm(b)]] } as Holiday;
    });
  const yearly = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([month, day]) => ({ month, day }) as Holiday);
  return fc.array(fc.oneof(dated, yearly), { maxLength: 4 }).map((list) => {
    const seen = new Set<string>();
    return list.filter((h) => {
      const key = typeof h === 'string' ? h : 'date' in h ? h.date : `${h.month}-${h.day}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });
}

/**
 * The earliest instant t >= s at which `ms` business ms have passed since s, walking minute by minute up to
 * `limit`; NaN when the walk reaches `limit` first.
 */
export function oracleAdd(options: ScheduleOptions, s: number, ms: number, limit: number): number {
  if (ms <= 0) return s;
  let acc = 0;
  let t = s;
  const memo = new Map<number, Uint8Array>();
  const offset = minuteOffsets(options.timeZone);
  while (t < limit) {
    const minuteStart = Math.floor(t / MIN) * MIN;
    const next = minuteStart + MIN;
    if (oracleOpen(options, minuteStart + offset(minuteStart), memo)) {
      if (acc + (next - t) >= ms) return t + (ms - acc);
      acc += next - t;
    }
    t = next;
  }
  return NaN;
}

/** Consecutive dates `'YYYY-MM-DD'` from `start` + `first` days, `length` of them. */
export function dateRun(start: number, first: number, length: number): string[] {
  return Array.from({ length }, (_, k) => new Date(start + (first + k) * DAY).toISOString().slice(0, 10));
}

/**
 * The oracle's offset of a minute, looked up once per UTC hour unless the offset changes within that hour
 * (every zone since 1970 changes on whole minutes, except Africa/Monrovia in 1972).
 */
export function minuteOffsets(zone: string): (minuteStart: number) => number {
  let cachedHour = NaN;
  let cachedOffset = 0;
  let cachedSame = false;
  return (minuteStart: number): number => {
    const hour = Math.floor(minuteStart / HOUR) * HOUR;
    if (hour !== cachedHour) {
      cachedHour = hour;
      cachedOffset = oracleOffset(zone, hour);
      cachedSame = oracleOffset(zone, hour + HOUR - MIN) === cachedOffset;
    }
    return cachedSame ? cachedOffset : oracleOffset(zone, minuteStart);
  };
}

/**
 * The instant at which the local wall time `wall` (UTC-encoded, whole minutes) occurs, by brute force: the
 * first UTC minute within a day of it that shows `wall`; inside a gap, `wall` moved forward by the gap (the
 * offset in force before the gap). Assumes whole-minute offsets and transitions.
 */
export function oracleLocalToUtc(zone: string, wall: number): number {
  const offset = minuteOffsets(zone);
  let prevWall = NaN;
  let prevOffset = 0;
  for (let t = wall - 27 * HOUR; t <= wall + 27 * HOUR; t += MIN) {
    const o = offset(t);
    const w = t + o;
    if (w === wall) return t;
    if (prevWall < wall && w > wall) return wall - prevOffset; // the clocks jumped over `wall`
    prevWall = w;
    prevOffset = o;
  }
  throw new Error(`oracleLocalToUtc: ${new Date(wall).toISOString()} not found in ${zone}`);
}

/**
 * Hour bucket boundaries in `[a, b]` by brute force: the UTC minutes at which the local hour changes or the
 * clocks are set back. Assumes whole-minute offsets and transitions.
 */
export function oracleHourBoundaries(zone: string, a: number, b: number): number[] {
  const offset = minuteOffsets(zone);
  const out: number[] = [];
  let t = Math.floor(a / MIN) * MIN;
  let prevOffset = offset(t - MIN);
  let prevHour = Math.floor((t - MIN + prevOffset) / HOUR);
  for (; t <= b; t += MIN) {
    const o = offset(t);
    const hour = Math.floor((t + o) / HOUR);
    if ((hour !== prevHour || o < prevOffset) && t >= a) out.push(t);
    prevOffset = o;
    prevHour = hour;
  }
  return out;
}
