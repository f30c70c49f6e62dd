/**
 * Properties of the business-time engine against the brute-force oracle of test/support/business.ts: walk the
 * span one UTC minute at a time, read each minute's local wall time with an offset from Intl's `longOffset`
 * time-zone name (a different Intl path from the library's), and test it against the raw schedule definition.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessDuration, createSchedule, explainBusinessDuration } from '../../src/calendar/index.js';
import { fcParams } from '../support/fc.js';
import { DAY, DAYS, HOUR, ZONES, holidaysArb, oracleDuration, spanArb, weeklyArb } from '../support/business.js';

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
