import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessDuration, createSchedule, explainBusinessDuration } from '../../src/calendar/index.js';
import { addBusinessMs, businessMs } from '../../src/calendar/businessTime.js';
import { MetricsError } from '../../src/results/errors.js';

const H = 3_600_000;
const MIN = 60_000;
const nineToFive = [['09:00', '17:00']] as const;
const weekdays = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive };
const berlin = createSchedule({ timeZone: 'Europe/Berlin', weekly: weekdays, name: 'Berlin office' });
const allDay = [['00:00', '24:00']] as const;
const always = (timeZone: string) =>
  createSchedule({ timeZone, weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay } });

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

describe('worked examples (docs/business-hours.md)', () => {
  it('1. Mon–Fri 09:00–17:00: email Monday 08:30, reply 09:15 → 15 min', () => {
    expect(businessDuration('2026-03-02T08:30:00+01:00', '2026-03-02T09:15:00+01:00', berlin)).toBe(15 * MIN);
  });

  it('2. created Friday 16:00 + 4 business hours → Monday 12:00', () => {
    expect(addBusinessTime('2026-03-06T16:00:00+01:00', 4 * H, berlin).toISOString()).toBe('2026-03-09T11:00:00.000Z');
  });

  it('3. Friday 16:30 + 1 h → Monday 09:30; 16:00 + 1 h → Friday 17:00 (closing time)', () => {
    expect(addBusinessTime('2026-03-06T16:30:00+01:00', H, berlin).toISOString()).toBe('2026-03-09T08:30:00.000Z');
    expect(addBusinessTime('2026-03-06T16:00:00+01:00', H, berlin).toISOString()).toBe('2026-03-06T16:00:00.000Z');
    expect(addBusinessTime('2026-03-06T16:00:00+01:00', 0, berlin).toISOString()).toBe('2026-03-06T15:00:00.000Z');
  });

  it('4a. Europe/Berlin spring-forward weekend: Friday 16:00 → Monday 10:00 is 2 business hours', () => {
    expect(businessDuration('2026-03-27T16:00:00+01:00', '2026-03-30T10:00:00+02:00', berlin)).toBe(2 * H);
  });

  it('4b. Europe/Berlin 24/7 across the DST nights: 22:00 → 06:00 is 7 h in March, 9 h in October', () => {
    const s = always('Europe/Berlin');
    expect(businessDuration('2026-03-28T22:00:00+01:00', '2026-03-29T06:00:00+02:00', s)).toBe(7 * H);
    expect(businessDuration('2026-10-24T22:00:00+02:00', '2026-10-25T06:00:00+01:00', s)).toBe(9 * H);
  });

  it('4c. America/New_York night desk 22:00–06:00: 23:00 → 05:00 is 5 h (spring) and 7 h (fall)', () => {
    const night = [['22:00', '06:00']] as const;
    const ny = createSchedule({
      timeZone: 'America/New_York',
      weekly: { mon: night, tue: night, wed: night, thu: night, fri: night, sat: night, sun: night },
    });
    expect(businessDuration('2026-03-07T23:00:00-05:00', '2026-03-08T05:00:00-04:00', ny)).toBe(5 * H);
    expect(businessDuration('2026-10-31T23:00:00-04:00', '2026-11-01T05:00:00-05:00', ny)).toBe(7 * H);
  });

  it('4d. a window inside the skipped and repeated hours (Berlin, Sunday 01:00–04:00)', () => {
    const s = createSchedule({ timeZone: 'Europe/Berlin', weekly: { sun: [['01:00', '04:00']] } });
    expect(businessDuration('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', s)).toBe(2 * H);
    expect(businessDuration('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', s)).toBe(4 * H);
  });

  it('5. overnight window Mon–Fri 22:00–06:00: Friday 23:00 → Monday 23:00 is 8 h', () => {
    const night = [['22:00', '06:00']] as const;
    const s = createSchedule({ timeZone: 'UTC', weekly: { mon: night, tue: night, wed: night, thu: night, fri: night } });
    expect(s.weekly.sat).toEqual([['00:00', '06:00']]);
    expect(s.weekly.mon).toEqual([['22:00', '24:00']]);
    expect(businessDuration('2026-03-06T23:00:00Z', '2026-03-09T23:00:00Z', s)).toBe(8 * H);
  });

  it('6. Christmas as a yearly holiday, Christmas Eve afternoon closed in 2026', () => {
    const s = createSchedule({
      timeZone: 'Europe/Berlin',
      weekly: weekdays,
      holidays: [{ month: 12, day: 25, name: 'Christmas' }, { date: '2026-12-24', closed: [['12:00', '24:00']] }],
    });
    // Thu 24th 09:00–12:00 (3 h), Fri 25th closed, Mon 28th 09:00–10:00 (1 h).
    expect(businessDuration('2026-12-24T08:00:00+01:00', '2026-12-28T10:00:00+01:00', s)).toBe(4 * H);
    // 2025-12-25 is a Thursday: closed too (recurring).
    expect(businessDuration('2025-12-25T00:00:00+01:00', '2025-12-26T00:00:00+01:00', s)).toBe(0);
    expect(businessDuration('2025-12-26T00:00:00+01:00', '2025-12-27T00:00:00+01:00', s)).toBe(8 * H);
    // Thu 24th 11:00 + 2 h → Mon 28th 10:00.
    expect(addBusinessTime('2026-12-24T11:00:00+01:00', 2 * H, s).toISOString()).toBe('2026-12-28T09:00:00.000Z');
  });

  it("7. Australia/Lord_Howe's 30-minute DST shift: a 00:00–06:00 Sunday window lasts 5.5 h and 6.5 h", () => {
    const s = createSchedule({ timeZone: 'Australia/Lord_Howe', weekly: { sun: [['00:00', '06:00']] } });
    expect(businessDuration('2026-10-04T00:00:00+10:30', '2026-10-05T00:00:00+11:00', s)).toBe(5.5 * H);
    expect(businessDuration('2026-04-05T00:00:00+11:00', '2026-04-06T00:00:00+10:30', s)).toBe(6.5 * H);
  });

  it('a long span costs the same and counts whole weeks (52 weeks of 40 h)', () => {
    expect(businessDuration('2026-01-05T00:00:00+01:00', '2027-01-04T00:00:00+01:00', berlin)).toBe(52 * 40 * H);
  });
});

describe('createSchedule', () => {
  it('merges overlapping windows and echoes the normalised definition; input not mutated', () => {
    const options = deepFreeze({
      timeZone: 'UTC',
      weekly: { mon: [['09:00', '12:00'], ['11:00', '13:00'], ['13:00', '14:00']] as const },
      name: 'x',
    });
    const s = createSchedule(options);
    expect(s.weekly.mon).toEqual([['09:00', '14:00']]);
    expect(s.weekly.tue).toEqual([]);
    expect(s.weeklyOpenMs).toBe(5 * H);
    expect(Object.isFrozen(s)).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toMatchObject({ name: 'x', timeZone: 'UTC' });
  });

  it('sun overnight wraps to Monday', () => {
    const s = createSchedule({ timeZone: 'UTC', weekly: { sun: [['23:00', '01:00']] } });
    expect(s.weekly.mon).toEqual([['00:00', '01:00']]);
    expect(s.weekly.sun).toEqual([['23:00', '24:00']]);
  });

  const bad: Array<[string, unknown, string, string]> = [
    ['unknown zone', { timeZone: 'Mars/Olympus', weekly: weekdays }, 'unknown_time_zone', 'timeZone'],
    ["'25:00'", { timeZone: 'UTC', weekly: { mon: [['09:00', '25:00']] } }, 'invalid_option', 'weekly.mon[0][1]'],
    ["'9:5'", { timeZone: 'UTC', weekly: { mon: [['9:5', '17:00']] } }, 'invalid_option', 'weekly.mon[0][0]'],
    ["'24:00' as a start", { timeZone: 'UTC', weekly: { mon: [['24:00', '01:00']] } }, 'invalid_option', 'weekly.mon[0][0]'],
    ['zero-length window', { timeZone: 'UTC', weekly: { tue: [['09:00', '09:00']] } }, 'invalid_option', 'weekly.tue[0]'],
    ['unknown weekday', { timeZone: 'UTC', weekly: { monday: [['09:00', '10:00']] } }, 'invalid_option', 'weekly.monday'],
    ['no open time', { timeZone: 'UTC', weekly: { mon: [] } }, 'invalid_option', 'weekly'],
    ['duplicate holiday', { timeZone: 'UTC', weekly: weekdays, holidays: ['2026-12-25', { date: '2026-12-25' }] }, 'duplicate_id', 'holidays[1].date'],
    ['duplicate yearly holiday', { timeZone: 'UTC', weekly: weekdays, holidays: [{ month: 1, day: 1 }, { month: 1, day: 1 }] }, 'duplicate_id', 'holidays[1]'],
    ['implausible year', { timeZone: 'UTC', weekly: weekdays, holidays: ['1066-10-14'] }, 'out_of_range', 'holidays[0]'],
    ['not a date', { timeZone: 'UTC', weekly: weekdays, holidays: ['2026-02-30'] }, 'invalid_option', 'holidays[0]'],
    ['bad month', { timeZone: 'UTC', weekly: weekdays, holidays: [{ month: 13, day: 1 }] }, 'invalid_option', 'holidays[0].month'],
    ['closure ending before it starts', { timeZone: 'UTC', weekly: weekdays, holidays: [{ date: '2026-01-02', closed: [['12:00', '10:00']] }] }, 'invalid_option', 'holidays[0].closed[0]'],
  ];
  it.each(bad)('rejects %s', (_label, options, code, field) => {
    try {
      createSchedule(options as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MetricsError);
      expect((e as MetricsError).code).toBe(code);
      expect((e as MetricsError).field).toBe(field);
      expect((e as MetricsError).functionName).toBe('createSchedule');
    }
  });

  it('every day of the year a yearly holiday: no open time, an error (never an endless loop)', () => {
    const holidays: Array<{ month: number; day: number }> = [];
    for (let m = 1; m <= 12; m++) for (let d = 1; d <= new Date(Date.UTC(2000, m, 0)).getUTCDate(); d++) holidays.push({ month: m, day: d });
    expect(() => createSchedule({ timeZone: 'UTC', weekly: weekdays, holidays })).toThrow(/no open time/);
  });
});

describe('businessDuration / addBusinessTime input checks', () => {
  it('end < start, bad timestamps, negative ms, not a schedule', () => {
    const err = (f: () => unknown): MetricsError => {
      try {
        f();
      } catch (e) {
        return e as MetricsError;
      }
      throw new Error('no error');
    };
    expect(err(() => businessDuration('2026-03-02T10:00:00Z', '2026-03-02T09:00:00Z', berlin))).toMatchObject({ code: 'inconsistent', field: 'end' });
    expect(err(() => businessDuration('2026-03-02T10:00:00', '2026-03-02T11:00:00Z', berlin))).toMatchObject({ code: 'missing_offset', field: 'start' });
    expect(err(() => addBusinessTime('2026-03-02T10:00:00Z', -1, berlin))).toMatchObject({ code: 'out_of_range', field: 'ms' });
    expect(err(() => addBusinessTime('2026-03-02T10:00:00Z', 1.5, berlin))).toMatchObject({ code: 'out_of_range', field: 'ms' });
    expect(err(() => addBusinessTime('2200-12-01T10:00:00Z', 1e12, berlin))).toMatchObject({ code: 'out_of_range' });
    expect(err(() => businessDuration(0, 1, {} as never))).toMatchObject({ code: 'invalid_argument', field: 'schedule' });
    expect(err(() => explainBusinessDuration(Date.UTC(2026, 2, 2, 10), Date.UTC(2026, 2, 2, 9), berlin))).toMatchObject({ code: 'inconsistent' });
  });

  it('a ticket created and answered while closed: 0', () => {
    expect(businessDuration('2026-03-07T10:00:00+01:00', '2026-03-07T12:00:00+01:00', berlin)).toBe(0);
  });

  it('the internal fast paths agree with the public functions', () => {
    const a = Date.parse('2026-03-06T16:30:00+01:00');
    expect(businessMs(berlin, a, a + 3 * 86_400_000)).toBe(businessDuration(a, a + 3 * 86_400_000, berlin));
    expect(businessMs(berlin, a, a - 5)).toBe(0);
    expect(addBusinessMs(berlin, a, H)).toBe(addBusinessTime(a, H, berlin).getTime());
  });
});

describe('explainBusinessDuration', () => {
  it('Friday 16:00 → Monday 12:00 with the DST note on the Sunday between', () => {
    const x = explainBusinessDuration('2026-03-27T16:00:00+01:00', '2026-03-30T12:00:00+02:00', berlin);
    expect(x.totalMs).toBe(4 * H);
    expect(x.scheduleName).toBe('Berlin office');
    expect(x.days.map((d) => [d.date, d.weekday, d.ms])).toEqual([
      ['2026-03-27', 'fri', H],
      ['2026-03-29', 'sun', 0],
      ['2026-03-30', 'mon', 3 * H],
    ]);
    expect(x.days[1]?.notes[0]).toMatch(/\+01:00 to \+02:00 at 2026-03-29T01:00:00.000Z: local clocks skip 60 min/);
    expect(x.days[2]?.intervals).toEqual([
      { from: '2026-03-30T07:00:00.000Z', to: '2026-03-30T10:00:00.000Z', localFrom: '2026-03-30T09:00:00+02:00', localTo: '2026-03-30T12:00:00+02:00', ms: 3 * H },
    ]);
  });

  it('lists holidays that closed a day', () => {
    const s = createSchedule({ timeZone: 'Europe/Berlin', weekly: weekdays, holidays: [{ month: 12, day: 25, name: 'Christmas' }] });
    const x = explainBusinessDuration('2026-12-24T16:00:00+01:00', '2026-12-28T10:00:00+01:00', s);
    expect(x.totalMs).toBe(2 * H);
    expect(x.days.find((d) => d.date === '2026-12-25')).toMatchObject({ ms: 0, holiday: { name: 'Christmas', month: 12, day: 25 } });
  });
});
