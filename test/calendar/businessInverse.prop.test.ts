/**
 * The inverse of business time (addBusinessTime) against a brute-force oracle that walks minute by minute
 * (test/support/business.ts): small random schedules in DST zones with random holidays, partial-day closures,
 * runs of consecutive holiday dates, and every date closed but one. The due instant must be the oracle's
 * (so it is the earliest), and measuring back must give the ms added.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessDuration, createSchedule, type Holiday, type ScheduleOptions, type TimeWindow } from '../../src/calendar/index.js';
import { fcParams } from '../support/fc.js';
import { DAY, DAYS, ZONES, dateRun, hhmm, holidaysArb, oracleAdd, oracleDuration, spanArb, timeArb, weeklyArb } from '../support/business.js';

/** The window in which the due instant must fall (the oracle walks it minute by minute). */
const WINDOW = 30 * DAY;

const partialArb: fc.Arbitrary<readonly TimeWindow[] | undefined> = fc.option(
  fc.tuple(timeArb, fc.integer({ min: 1, max: 60 })).map(([a, q]) => {
    const b = Math.min(1440, a + q * 15);
    return [[hhmm(a), b === 1440 ? '24:00' : hhmm(b)]] as const;
  }),
  { nil: undefined, freq: 3 },
);

/** Dated holidays from a list of dates, some of them partial closures. */
function withClosures(dates: readonly string[], closures: ReadonlyArray<readonly TimeWindow[] | undefined>): Holiday[] {
  return dates.map((date, k) => {
    const closed = closures[k % Math.max(1, closures.length)];
    return closed === undefined ? date : { date, closed };
  });
}

/** Runs of consecutive holiday dates, or every date of the window closed but one, plus random holidays. */
function hostileHolidaysArb(s: number): fc.Arbitrary<Holiday[]> {
  const runs = fc
    .array(fc.tuple(fc.integer({ min: -3, max: 30 }), fc.integer({ min: 1, max: 20 })), { maxLength: 3 })
    .map((list) => list.flatMap(([first, length]) => dateRun(s, first, length)));
  const allButOne = fc.integer({ min: 0, max: 32 }).map((keep) => dateRun(s, -2, 36).filter((_, k) => k !== keep));
  return fc
    .tuple(fc.oneof(runs, allButOne), fc.array(partialArb, { maxLength: 4 }), holidaysArb(s))
    .map(([dates, closures, random]) => {
      const seen = new Set<string>();
      const key = (h: Holiday): string => (typeof h === 'string' ? h : 'date' in h ? h.date : `${h.month}-${h.day}`);
      return [...withClosures(dates, closures), ...random].filter((h) => {
        const k = key(h);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    });
}

/** Windows one minute long, or a single open day: sparse weeks. */
const sparseWeeklyArb = fc
  .tuple(fc.integer({ min: 0, max: 6 }), timeArb, fc.integer({ min: 1, max: 4 }))
  .map(([d, a, len]) => ({ [DAYS[d] as string]: [[hhmm(a), a + len >= 1440 ? '24:00' : hhmm(a + len)]] }) as ScheduleOptions['weekly']);

const caseArb = spanArb.chain(([s]) =>
  fc.record({
    s: fc.constant(s),
    options: fc.record({
      timeZone: fc.constantFrom(...ZONES),
      weekly: fc.oneof(weeklyArb, sparseWeeklyArb),
      holidays: hostileHolidaysArb(s),
    }),
    // What to add: a fraction of the open time in the window, a few ms (which must cross whole closures), or
    // all of it (due at the last closing time in the window).
    pick: fc.oneof(
      fc.integer({ min: 0, max: 1_000_000 }).map((ppm) => ({ fraction: ppm / 1_000_000, ms: 0 })),
      fc.integer({ min: 1, max: 2000 }).map((ms) => ({ fraction: 0, ms })),
      fc.constant({ fraction: 1, ms: 0 }),
    ),
  }),
);

describe('addBusinessTime against the minute-by-minute oracle', () => {
  it('the due instant is the earliest instant with businessDuration(start, due) = ms', () => {
    fc.assert(
      fc.property(caseArb, ({ s, options, pick }) => {
        const total = oracleDuration(options, s, s + WINDOW);
        const ms = Math.min(total, pick.ms + Math.floor(pick.fraction * total));
        const schedule = createSchedule(options);
        const due = addBusinessTime(s, ms, schedule).getTime();
        expect(due).toBe(oracleAdd(options, s, ms, s + WINDOW + DAY));
        expect(businessDuration(s, due, schedule)).toBe(ms);
        if (ms > 0) expect(businessDuration(s, due - 1, schedule)).toBe(ms - 1);
      }),
      fcParams(100),
    );
  }, 60_000);
});
