/**
 * Properties of the business-time engine against a brute-force oracle written here: walk the span one UTC
 * minute at a time, read each minute's local wall time with an offset from Intl's `longOffset` time-zone
 * name (a different Intl path from the library's), and test it against the raw schedule definition.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessDuration, createSchedule, explainBusinessDuration, type Holiday, type ScheduleOptions, type TimeWindow, type Weekday } from '../../src/calendar/index.js';
import { fcParams } from '../support/fc.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const ZONES = [
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
function oracleOffset(zone: string, t: number): number {
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

const toMin = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

function oracleOpen(options: ScheduleOptions, wall: number, memo: Map<number, Uint8Array>): boolean {
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
function oracleDayTable(options: ScheduleOptions, day: number): Uint8Array {
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

function oracleDuration(options: ScheduleOptions, s: number, e: number): number {
  let total = 0;
  let t = s;
  let cachedHour = NaN;
  let cachedOffset = 0;
  let cachedSame = false;
  const memo = new Map<number, Uint8Array>();
  while (t < e) {
    const minuteStart = Math.floor(t / MIN) * MIN;
    const next = Math.min(minuteStart + MIN, e);
    const hour = Math.floor(minuteStart / HOUR) * HOUR;
    if (hour !== cachedHour) {
      cachedHour = hour;
      cachedOffset = oracleOffset(options.timeZone, hour);
      cachedSame = oracleOffset(options.timeZone, hour + HOUR - MIN) === cachedOffset;
    }
    const o = cachedSame ? cachedOffset : oracleOffset(options.timeZone, minuteStart);
    if (oracleOpen(options, minuteStart + o, memo)) total += next - t;
    t = next;
  }
  return total;
}

// ---- arbitraries ----
const timeArb = fc.integer({ min: 0, max: 95 }).map((q) => q * 15);
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const windowArb: fc.Arbitrary<TimeWindow> = fc
  .tuple(timeArb, fc.integer({ min: 1, max: 96 }).map((q) => q * 15), fc.boolean())
  .map(([a, len, minutePrecision]) => {
    const start = minutePrecision ? a + 7 : a;
    const end = (start + len) % 1440;
    return [hhmm(start), end === 0 && start + len === 1440 ? '24:00' : hhmm(end === start ? (end + 1) % 1440 : end)] as const;
  });
const weeklyArb = fc
  .array(fc.array(windowArb, { maxLength: 3 }), { minLength: 7, maxLength: 7 })
  .map((days) => Object.fromEntries(days.map((w, i) => [DAYS[i], w])) as Record<Weekday, TimeWindow[]>)
  .filter((w) => Object.values(w).some((x) => x.length > 0));

const T0 = Date.UTC(2018, 0, 1);
const T1 = Date.UTC(2028, 0, 1);
const spanArb = fc.tuple(fc.integer({ min: T0, max: T1 }), fc.integer({ min: 0, max: 60 * DAY }));

function holidaysArb(start: number): fc.Arbitrary<Holiday[]> {
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

const caseArb = spanArb.chain(([s, len]) =>
  fc.record({
    s: fc.constant(s),
    e: fc.constant(s + len),
    options: fc.record({ timeZone: fc.constantFrom(...ZONES), weekly: weeklyArb, holidays: holidaysArb(s) }),
  }),
);

describe('businessDuration properties', () => {
  it('equals the minute-by-minute oracle (random schedules, zones, holidays, spans ≤ 60 days)', () => {
    fc.assert(
      fc.property(caseArb, ({ s, e, options }) => {
        const schedule = createSchedule(options);
        expect(businessDuration(s, e, schedule)).toBe(oracleDuration(options, s, e));
      }),
      fcParams(60),
    );
  }, 60_000);

  it('spans around DST changes match the oracle (short spans near transitions)', () => {
    const transitions = [
      ['Europe/Berlin', '2026-03-29T01:00:00Z'],
      ['Europe/Berlin', '2026-10-25T01:00:00Z'],
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['America/Santiago', '2026-04-05T03:00:00Z'],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...transitions),
        weeklyArb,
        fc.integer({ min: -2 * DAY, max: 2 * DAY }),
        fc.integer({ min: 0, max: 3 * DAY }),
        ([zone, at], weekly, shift, len) => {
          const options = { timeZone: zone, weekly };
          const s = Date.parse(at) + shift;
          expect(businessDuration(s, s + len, createSchedule(options))).toBe(oracleDuration(options, s, s + len));
        },
      ),
      fcParams(100),
    );
  });

  it('0 ≤ d ≤ end − start, additivity, and explain gives the same total', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ s, e, options }, u) => {
        const schedule = createSchedule(options);
        const b = s + Math.floor((e - s) * u);
        const d = businessDuration(s, e, schedule);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(e - s);
        expect(Number.isInteger(d)).toBe(true);
        expect(businessDuration(s, b, schedule) + businessDuration(b, e, schedule)).toBe(d);
        expect(explainBusinessDuration(s, e, schedule).totalMs).toBe(d);
      }),
      fcParams(100),
    );
  });

  it('a 24/7 schedule equals wall-clock (elapsed) time in every zone', () => {
    const all = [['00:00', '24:00']] as const;
    fc.assert(
      fc.property(spanArb, fc.constantFrom(...ZONES), ([s, len], timeZone) => {
        const schedule = createSchedule({ timeZone, weekly: Object.fromEntries(DAYS.map((d) => [d, all])) });
        expect(businessDuration(s, s + len, schedule)).toBe(len);
      }),
      fcParams(100),
    );
  });

  it('a 24/7 schedule split into two windows a day still equals elapsed time (no fast path)', () => {
    const split = [['00:00', '12:00'], ['12:00', '24:00']] as const;
    const overnight = [['12:00', '12:00']] as const;
    void overnight;
    fc.assert(
      fc.property(spanArb, fc.constantFrom(...ZONES), ([s, len], timeZone) => {
        const schedule = createSchedule({ timeZone, weekly: Object.fromEntries(DAYS.map((d) => [d, split])), holidays: ['2000-01-01'] });
        expect(businessDuration(s, s + len, schedule)).toBe(len);
      }),
      fcParams(50),
    );
  });

  it('addBusinessTime then businessDuration returns the same ms, and the due instant is the earliest', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 30 * DAY }), ({ s, options }, ms) => {
        const schedule = createSchedule(options);
        const due = addBusinessTime(s, ms, schedule).getTime();
        expect(due).toBeGreaterThanOrEqual(s);
        expect(businessDuration(s, due, schedule)).toBe(ms);
        if (ms > 0) expect(businessDuration(s, due - 1, schedule)).toBe(ms - 1);
      }),
      fcParams(100),
    );
  });

  it('monotone in the end instant', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 5 * DAY }), ({ s, e, options }, more) => {
        const schedule = createSchedule(options);
        expect(businessDuration(s, e + more, schedule)).toBeGreaterThanOrEqual(businessDuration(s, e, schedule));
      }),
      fcParams(50),
    );
  });

  it('does not depend on the host time zone (process.env.TZ changed at run time)', () => {
    const original = process.env.TZ;
    try {
      fc.assert(
        fc.property(caseArb, ({ s, e, options }) => {
          const results = ['UTC', 'America/Los_Angeles', 'Australia/Lord_Howe'].map((tz) => {
            process.env.TZ = tz;
            const schedule = createSchedule(options);
            return [businessDuration(s, e, schedule), addBusinessTime(s, 8 * HOUR, schedule).getTime()];
          });
          expect(results[1]).toEqual(results[0]);
          expect(results[2]).toEqual(results[0]);
        }),
        fcParams(30),
      );
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
