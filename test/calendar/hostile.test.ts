/**
 * Hostile inputs to the business-time functions: every call gives a valid result or a MetricsError (never a
 * plain Error, a TypeError or a hang), and every valid result is checked. Timeouts are explicit so that a hang
 * fails; no timing is asserted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMs } from '../../src/calendar/businessTime.js';
import { addBusinessTime, businessDuration, createSchedule, explainBusinessDuration, type Holiday, type Schedule, type ScheduleOptions } from '../../src/calendar/index.js';
import { slaCompliance } from '../../src/metrics/slaCompliance/index.js';
import { MetricsError } from '../../src/results/errors.js';
import { MAX_EPOCH_MS } from '../../src/_lib/timestamp.js';
import { fcParams } from '../support/fc.js';
import { DAY, HOUR, MIN, dateRun, weeklyArb } from '../support/business.js';

const nine = [['09:00', '17:00']] as const;
const office = { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine };

/** Calls `f`; a thrown error must be a MetricsError (returned), anything else fails the test. */
function attempt<T>(f: () => T): T | MetricsError {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof MetricsError)) throw new Error(`not a MetricsError: ${String(e)}`, { cause: e });
    return e;
  }
}

describe('item 1: a due instant across a closed holiday (closed form, no internal error)', () => {
  const s = createSchedule({ timeZone: 'UTC', weekly: { mon: nine, tue: nine }, holidays: ['2026-03-02'] });

  it('a few ms across the holiday land just after the next opening', () => {
    expect(addBusinessTime('2026-03-02T12:00:00Z', 1, s).toISOString()).toBe('2026-03-03T09:00:00.001Z');
    expect(addBusinessTime('2026-03-02T12:00:00Z', 1000, s).toISOString()).toBe('2026-03-03T09:00:01.000Z');
    expect(addBusinessTime('2026-03-02T12:00:00Z', 8 * HOUR, s).toISOString()).toBe('2026-03-03T17:00:00.000Z');
    expect(addBusinessTime('2026-03-02T12:00:00Z', 8 * HOUR + 1, s).toISOString()).toBe('2026-03-09T09:00:00.001Z');
  });

  it('slaCompliance gets the same due instant', () => {
    const r = slaCompliance([{ id: 'T', priority: 'normal', createdAt: '2026-03-02T12:00:00Z', events: [{ type: 'message', at: '2026-03-02T12:00:00Z', author: 'customer' }] }], {
      targets: { normal: { firstReply: 1 } },
      businessHours: s,
      at: '2026-03-04T00:00:00Z',
    });
    expect(r.tickets[0]?.targets[0]).toMatchObject({ target: 'firstReply', status: 'breached', dueMs: Date.parse('2026-03-03T09:00:00.001Z') });
  });

  it('a year of consecutive holidays, and every date of two years closed but one', () => {
    const year = createSchedule({ timeZone: 'Europe/Berlin', weekly: office, holidays: dateRun(Date.UTC(2026, 0, 1), 0, 365) });
    // 2027-01-01 is a Friday: 09:00 CET = 08:00Z.
    expect(addBusinessTime('2025-12-31T15:59:59.999Z', 2, year).toISOString()).toBe('2027-01-01T08:00:00.001Z'); // 16:59:59.999 CET
    const dates = dateRun(Date.UTC(2026, 0, 1), 0, 730).filter((d) => d !== '2027-06-15');
    const one = createSchedule({ timeZone: 'Europe/Berlin', weekly: office, holidays: dates });
    // 2027-06-15 is a Tuesday, 09:00–17:00 CEST = 07:00–15:00Z.
    expect(addBusinessTime('2026-01-01T00:00:00Z', 1, one).toISOString()).toBe('2027-06-15T07:00:00.001Z');
    expect(addBusinessTime('2026-01-01T00:00:00Z', 8 * HOUR, one).toISOString()).toBe('2027-06-15T15:00:00.000Z');
    expect(addBusinessTime('2026-01-01T00:00:00Z', 8 * HOUR + 1, one).toISOString()).toBe('2028-01-03T08:00:00.001Z');
  }, 30_000);

  it('every date a yearly holiday except Feb 29: open only in leap years', () => {
    const holidays: Holiday[] = [];
    for (let m = 1; m <= 12; m++) {
      for (let d = 1; d <= new Date(Date.UTC(2001, m, 0)).getUTCDate(); d++) holidays.push({ month: m, day: d });
    }
    const leap = createSchedule({ timeZone: 'UTC', weekly: { ...office, sat: nine, sun: nine }, holidays });
    expect(addBusinessTime('2026-03-01T00:00:00Z', 1, leap).toISOString()).toBe('2028-02-29T09:00:00.001Z');
    expect(addBusinessTime('2026-03-01T00:00:00Z', 8 * HOUR + 1, leap).toISOString()).toBe('2032-02-29T09:00:00.001Z');
    expect(businessDuration('2026-01-01T00:00:00Z', '2200-12-31T23:59:59.999Z', leap)).toBe(42 * 8 * HOUR); // 2028 … 2196
    expect(attempt(() => addBusinessTime('2197-01-01T00:00:00Z', 1, leap))).toMatchObject({ code: 'out_of_range', field: 'ms' }); // 2200 is no leap year
  }, 30_000);
});

describe('item 9: every due instant is one that businessDuration accepts', () => {
  const mondays = createSchedule({ timeZone: 'Europe/Berlin', weekly: { mon: nine } });

  it('near the end of 2200: a valid instant, or out_of_range', () => {
    const start = '2200-12-01T00:00:00Z';
    const due = addBusinessTime(start, 5 * 8 * HOUR, mondays); // Mondays 1, 8, 15, 22, 29 December
    expect(due.toISOString()).toBe('2200-12-29T16:00:00.000Z');
    expect(businessDuration(start, due, mondays)).toBe(5 * 8 * HOUR);
    expect(attempt(() => addBusinessTime(start, 5 * 8 * HOUR + 1, mondays))).toMatchObject({ code: 'out_of_range', field: 'ms' });
    // The engine's fast path (what slaCompliance calls) says NaN: "no due instant".
    expect(addBusinessMs(mondays, Date.parse(start), 5 * 8 * HOUR + 1)).toBeNaN();
    const always = createSchedule({ timeZone: 'UTC', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])) });
    expect(addBusinessTime(MAX_EPOCH_MS - 2, 1, always).getTime()).toBe(MAX_EPOCH_MS - 1);
    expect(attempt(() => addBusinessTime(MAX_EPOCH_MS - 1, 1, always))).toMatchObject({ code: 'out_of_range' });
    // Through the general path: Wednesday nights 23:00–01:00 Berlin time; Thursday 2201-01-01 01:00 (+01:00) is 00:00Z.
    const night = createSchedule({ timeZone: 'Europe/Berlin', weekly: { wed: [['23:00', '01:00']] } });
    expect(addBusinessTime('2200-12-31T21:00:00Z', 2 * HOUR - 1, night).getTime()).toBe(MAX_EPOCH_MS - 1);
    expect(attempt(() => addBusinessTime('2200-12-31T21:00:00Z', 2 * HOUR, night))).toMatchObject({ code: 'out_of_range' });
  });

  it('slaCompliance reports no due instant beyond 2200 (and does not throw)', () => {
    const r = slaCompliance([{ id: 'L', priority: 'normal', createdAt: '2200-12-28T10:00:00Z', events: [{ type: 'message', at: '2200-12-28T10:00:00Z', author: 'customer' }] }], {
      targets: { normal: { firstReply: 40 * HOUR } },
      businessHours: mondays,
    });
    expect(r.tickets[0]?.targets[0]).toMatchObject({ target: 'firstReply', status: 'pending', dueMs: undefined });
  });

  it('random schedules from late 2200: a due instant before 2201 that measures back to ms, or out_of_range', () => {
    fc.assert(
      fc.property(weeklyArb, fc.integer({ min: Date.UTC(2200, 10, 1), max: MAX_EPOCH_MS - 1 }), fc.integer({ min: 0, max: 90 * DAY }), (weekly, s, ms) => {
        const schedule = createSchedule({ timeZone: 'America/Sao_Paulo', weekly });
        const r = attempt(() => addBusinessTime(s, ms, schedule));
        if (r instanceof MetricsError) {
          expect(r.code).toBe('out_of_range');
          expect(businessDuration(s, MAX_EPOCH_MS - 1, schedule)).toBeLessThanOrEqual(ms); // not enough time left
        } else {
          expect(r.getTime()).toBeLessThan(MAX_EPOCH_MS);
          expect(businessDuration(s, r, schedule)).toBe(ms);
        }
      }),
      fcParams(100),
    );
  }, 30_000);
});

describe('hostile grid: zones × schedules × starts × amounts', () => {
  const ZONES = ['UTC', 'Europe/Berlin', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
  const schedules = (timeZone: string): Array<[string, ScheduleOptions]> => [
    ['office', { timeZone, weekly: office, holidays: [{ month: 12, day: 25 }, { date: '2026-12-24', closed: [['12:00', '24:00']] }] }],
    ['one minute a week', { timeZone, weekly: { wed: [['02:30', '02:31']] } }],
    ['ten years of holidays', { timeZone, weekly: office, holidays: dateRun(Date.UTC(2026, 0, 1), 0, 3653) }],
    ['overnight, partial closures', { timeZone, weekly: { sat: [['22:00', '06:00']], sun: [['23:59', '00:01']] }, holidays: [{ month: 3, day: 1, closed: [['00:00', '00:01'], ['23:00', '24:00']] }] }],
  ];
  // Epoch numbers before 1975 are rejected as probably seconds (decision on issue 11, class 10): the earliest starts are 1975.
  const STARTS = [Date.UTC(1975, 0, 1), Date.UTC(1975, 0, 1) + 1, Date.UTC(1985, 11, 31, 18, 30), Date.UTC(2019, 1, 17, 2), Date.UTC(2026, 9, 3, 15, 30), Date.UTC(2026, 0, 1), MAX_EPOCH_MS - DAY, MAX_EPOCH_MS - 1];
  const AMOUNTS = [0, 1, MIN, 8 * HOUR, 1e10, 1e11, 2e12, MAX_EPOCH_MS, Number.MAX_SAFE_INTEGER, 1e300, 1.5, -1, -0, NaN, Infinity, '5' as unknown as number];

  it.each(ZONES)('%s: addBusinessTime, businessDuration and explainBusinessDuration', (timeZone) => {
    for (const [, options] of schedules(timeZone)) {
      const schedule: Schedule = createSchedule(options);
      for (const s of STARTS) {
        for (const ms of AMOUNTS) {
          const r = attempt(() => addBusinessTime(s, ms, schedule));
          const valid = typeof ms === 'number' && Number.isSafeInteger(ms) && ms >= 0;
          if (r instanceof MetricsError) {
            expect(r.code).toBe('out_of_range');
            if (valid) expect(businessDuration(s, MAX_EPOCH_MS - 1, schedule)).toBeLessThanOrEqual(ms);
            continue;
          }
          expect(valid).toBe(true);
          const due = r.getTime();
          expect(due).toBeGreaterThanOrEqual(s);
          expect(due).toBeLessThan(MAX_EPOCH_MS);
          expect(businessDuration(s, due, schedule)).toBe(ms + 0); // -0 is 0
          if (ms > 0) expect(businessDuration(s, due - 1, schedule)).toBe(ms - 1);
        }
        const whole = businessDuration(s, MAX_EPOCH_MS - 1, schedule);
        expect(Number.isSafeInteger(whole) && whole >= 0 && whole <= MAX_EPOCH_MS - 1 - s).toBe(true);
        const week = Math.min(s + 7 * DAY, MAX_EPOCH_MS - 1);
        expect(explainBusinessDuration(s, week, schedule).totalMs).toBe(businessDuration(s, week, schedule));
      }
      for (const bad of [NaN, -1, MAX_EPOCH_MS, 1e300, 0.5, '2026-03-02T10:00:00', null, {}]) {
        expect(attempt(() => businessDuration(bad as number, 0, schedule))).toBeInstanceOf(MetricsError);
        expect(attempt(() => addBusinessTime(bad as number, 1, schedule))).toBeInstanceOf(MetricsError);
        expect(attempt(() => explainBusinessDuration(0, bad as number, schedule))).toBeInstanceOf(MetricsError);
      }
    }
  }, 60_000);
});

describe('createSchedule rejects unknown option keys and prints values faithfully', () => {
  const err = (options: unknown): MetricsError => {
    const r = attempt(() => createSchedule(options as ScheduleOptions));
    if (!(r instanceof MetricsError)) throw new Error('accepted');
    return r;
  };

  it('unknown keys on the options and on holiday objects, with the nearest known key', () => {
    expect(err({ timeZone: 'UTC', weekly: office, holiday: [] })).toMatchObject({ code: 'invalid_option', field: 'holiday', functionName: 'createSchedule' });
    expect(err({ timeZone: 'UTC', weekly: office, holiday: [] }).message).toMatch(/did you mean "holidays"\?/);
    expect(err({ timeZone: 'UTC', weekly: office, holidays: [{ date: '2026-12-24', closes: [['12:00', '24:00']] }] })).toMatchObject({
      code: 'invalid_option',
      field: 'holidays[0].closes',
    });
    expect(err({ timeZone: 'UTC', weekly: office, holidays: [{ month: 12, day: 25, year: 2026 }] })).toMatchObject({ code: 'invalid_option', field: 'holidays[0].year' });
    expect(err({ timeZone: 'UTC', weekly: office, holidays: [{ month: 12, day: 25, date: '2026-12-25' }] })).toMatchObject({ code: 'invalid_option', field: 'holidays[0]' });
    expect(err(JSON.parse('{"timeZone":"UTC","weekly":{"mon":[["09:00","10:00"]]},"__proto__":{}}'))).toMatchObject({ code: 'invalid_option', field: '__proto__' });
    expect(err({ timeZone: 'UTC', weekly: JSON.parse('{"__proto__":[["09:00","10:00"]]}') })).toMatchObject({ code: 'invalid_option', field: 'weekly.__proto__' });
    // The known keys, all of them, are accepted.
    expect(createSchedule({ timeZone: 'UTC', weekly: office, holidays: [{ date: '2026-12-24', closed: [['12:00', '24:00']], name: 'Eve' }, { month: 12, day: 25, closed: [['00:00', '24:00']], name: 'Christmas' }], name: 'x' }).holidays).toHaveLength(2);
  });

  it('messages show the value as given (NaN, a number-like string, an object)', () => {
    expect(err(null).message).toMatch(/got null/);
    expect(err([]).message).toMatch(/got an empty array/);
    expect(err({ timeZone: NaN, weekly: office }).message).toMatch(/got NaN/);
    expect(err({ timeZone: 'Mars/Olympus', weekly: office }).message).toMatch(/"Mars\/Olympus" is not an IANA time zone/);
    expect(err({ timeZone: 'UTC', weekly: { mon: [['9:5', '17:00']] } }).message).toMatch(/"9:5" is not a time/);
    expect(err({ timeZone: 'UTC', weekly: { mon: [[900, '17:00']] } }).message).toMatch(/900 is not a time/);
    expect(err({ timeZone: 'UTC', weekly: { mon: 5 } }).message).toMatch(/got 5/);
    expect(err({ timeZone: 'UTC', weekly: office, holidays: [{ month: '12', day: 25 }] }).message).toMatch(/got "12"/);
    expect(err({ timeZone: 'UTC', weekly: office, holidays: [{ date: new Date(0) }] }).message).toMatch(/got a Date \(1970-01-01T00:00:00.000Z\)/);
    expect(err({ timeZone: 'UTC', weekly: office, holidays: [42] }).message).toMatch(/got 42/);
    expect(attempt(() => addBusinessTime(Date.UTC(2026, 0, 1), NaN, createSchedule({ timeZone: 'UTC', weekly: office })))).toMatchObject({ code: 'out_of_range', rule: expect.stringMatching(/got NaN$/) });
  });
});
