import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createZoneInfo } from '../../src/calendar/timeZone.js';
import { normalCdf, normalQuantile, normalUpperTail } from '../../src/_lib/normal.js';
import { percentileOfSorted } from '../../src/_lib/quantile.js';
import { explainTimestamp, toEpochMs } from '../../src/_lib/timestamp.js';
import { buildRate } from '../../src/results/rate.js';
import { createLedger, exclude, excludeMany, finishLedger, mergeExcluded } from '../../src/results/excluded.js';
import { MetricsError } from '../../src/results/errors.js';
import { fcParams } from '../support/fc.js';
import { referenceR7 } from '../support/ticketArb.js';

describe('timestamps', () => {
  it('parses ISO-8601 with Z and offsets, epoch ms and Dates', () => {
    expect(toEpochMs('2026-03-01T09:00:00Z')).toBe(Date.UTC(2026, 2, 1, 9));
    expect(toEpochMs('2026-03-01T09:00Z')).toBe(Date.UTC(2026, 2, 1, 9));
    expect(toEpochMs('2026-03-01 10:00:00+01:00')).toBe(Date.UTC(2026, 2, 1, 9));
    expect(toEpochMs('2026-03-01T04:30:00.250-0430')).toBe(Date.UTC(2026, 2, 1, 9, 0, 0, 250));
    expect(toEpochMs('2026-03-01T09:00:00.123456Z')).toBe(Date.UTC(2026, 2, 1, 9, 0, 0, 123));
    expect(toEpochMs(0, undefined, 0)).toBe(0); // 1970 epoch numbers only when early data is declared
    expect(toEpochMs(new Date(5), undefined, 0)).toBe(5);
    expect(toEpochMs(Date.UTC(1975, 0, 1))).toBe(Date.UTC(1975, 0, 1));
    // an offset with seconds, as the library writes Monrovia's −00:44:30 (and Temporal does)
    expect(toEpochMs('1971-03-01T08:15:30-00:44:30')).toBe(Date.UTC(1971, 2, 1, 9));
    expect(toEpochMs('1971-03-01T08:15:30-00:44:60')).toBeNaN();
  });

  it('rejects epoch numbers and Dates before 1975 as probably seconds, and says so', () => {
    expect(toEpochMs(1772438400)).toBeNaN(); // 2026-03-02 in Unix seconds
    expect(toEpochMs(new Date(1772438400))).toBeNaN();
    expect(toEpochMs('1972-06-01T00:00:00Z')).toBe(Date.UTC(1972, 5, 1)); // an ISO string carries its year
    const why = explainTimestamp(1772438400);
    expect(why.code).toBe('epoch_seconds');
    expect(why.rule).toContain('looks like Unix seconds (2026-03-02T08:00:00.000Z as seconds)');
    expect(why.rule).toContain('allowEarlyTimestamps');
  });

  it('rejects what is not an unambiguous instant', () => {
    for (const bad of ['2026-03-01T09:00:00', '2026-13-01T00:00Z', '2026-02-29T00:00Z', '2026-03-01T24:00Z', 'March 1', '', -1, 1.5, NaN, Infinity, null, undefined, {}, '2201-01-01T00:00Z']) {
      expect(toEpochMs(bad)).toBeNaN();
    }
    expect(toEpochMs('2024-02-29T00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(explainTimestamp('2026-03-01T09:00:00').code).toBe('missing_offset');
    expect(explainTimestamp(undefined).code).toBe('missing_field');
    expect(explainTimestamp(1.5).rule).toMatch(/whole epoch milliseconds/);
  });

  it('reads offset-less strings in a zone, with DST gaps and overlaps', () => {
    const ny = createZoneInfo('America/New_York')!;
    expect(toEpochMs('2026-07-01T09:00:00', ny)).toBe(Date.UTC(2026, 6, 1, 13));
    expect(toEpochMs('2026-01-01T09:00:00', ny)).toBe(Date.UTC(2026, 0, 1, 14));
    // 02:30 does not exist on 2026-03-08: moves forward by the gap to 03:30 EDT = 07:30Z
    expect(toEpochMs('2026-03-08T02:30:00', ny)).toBe(Date.UTC(2026, 2, 8, 7, 30));
    // 01:30 happens twice on 2026-11-01: the earlier (EDT) = 05:30Z
    expect(toEpochMs('2026-11-01T01:30:00', ny)).toBe(Date.UTC(2026, 10, 1, 5, 30));
    const lh = createZoneInfo('Australia/Lord_Howe')!;
    expect(lh.offsetAt(Date.UTC(2026, 0, 15))).toBe(11 * 3_600_000); // +11:00 in summer
    expect(lh.offsetAt(Date.UTC(2026, 6, 15))).toBe(10.5 * 3_600_000); // +10:30 in winter
    expect(createZoneInfo('Not/AZone')).toBeUndefined();
  });
});

describe('quantiles', () => {
  it('R7 and nearest-rank on a known example (numpy: percentile([1,2,3,4], 90) = 3.7)', () => {
    const xs = new Float64Array([1, 2, 3, 4]);
    expect(percentileOfSorted(xs, 4, 90, 'R7')).toBe(3.7);
    expect(percentileOfSorted(xs, 4, 50, 'R7')).toBe(2.5);
    expect(percentileOfSorted(xs, 4, 25, 'R7')).toBe(1.75);
    expect(percentileOfSorted(xs, 4, 50, 'nearest-rank')).toBe(2);
    expect(percentileOfSorted(xs, 4, 51, 'nearest-rank')).toBe(3);
    expect(percentileOfSorted(xs, 4, 0, 'nearest-rank')).toBe(1);
    expect(percentileOfSorted(xs, 4, 100, 'R7')).toBe(4);
  });

  it('p90 of 11 values is exactly the 10th (h computed exactly)', () => {
    const xs = new Float64Array([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(percentileOfSorted(xs, 11, 90, 'R7')).toBe(90);
  });

  it('R7 equals a plain implementation and is monotone in p', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 100 }), (values, p) => {
        const sorted = Float64Array.from(values).sort();
        const q = percentileOfSorted(sorted, sorted.length, p, 'R7');
        expect(q).toBeCloseTo(referenceR7(values, p / 100), 2);
        if (p < 100) expect(percentileOfSorted(sorted, sorted.length, p + 1, 'R7')).toBeGreaterThanOrEqual(q);
        const nr = percentileOfSorted(sorted, sorted.length, p, 'nearest-rank');
        expect(values).toContain(nr);
      }),
      fcParams(300),
    );
  });
});

describe('normal distribution', () => {
  it('matches published values', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514729, 12);
    expect(normalUpperTail(5) / 2.866515718791939e-7).toBeCloseTo(1, 10);
    expect(normalUpperTail(10) / 7.619853024160527e-24).toBeCloseTo(1, 8);
    expect(normalCdf(0)).toBe(0.5);
    expect(() => normalQuantile(1)).toThrow();
  });
});

describe('rates', () => {
  it('Wilson 95% interval: 0/10 → [0, 0.2775], 5/10 → [0.2366, 0.7634]', () => {
    const none = buildRate(0, 10, finishLedger(createLedger()));
    expect(none.rate).toBe(0);
    expect(none.interval!.low).toBe(0);
    expect(none.interval!.high).toBeCloseTo(0.2775, 4);
    const half = buildRate(5, 10, finishLedger(createLedger()));
    expect(half.percent).toBe(50);
    expect(half.interval!.low).toBeCloseTo(0.2366, 4);
    expect(half.interval!.high).toBeCloseTo(0.7634, 4);
  });

  it('a zero denominator is an explicit empty result', () => {
    const r = buildRate(0, 0, finishLedger(createLedger()));
    expect(r).toEqual({ numerator: 0, denominator: 0, rate: undefined, percent: undefined, interval: undefined, excluded: { total: 0, byReason: {}, ids: {} } });
  });

  it('1/3 is the nearest double, and 99% interval is wider', () => {
    const r = buildRate(1, 3, finishLedger(createLedger()));
    expect(r.rate).toBe(1 / 3);
    const wide = buildRate(1, 3, finishLedger(createLedger()), 0.99);
    expect(wide.interval!.high - wide.interval!.low).toBeGreaterThan(r.interval!.high - r.interval!.low);
  });
});

describe('exclusion ledger and errors', () => {
  it('counts and merges', () => {
    const a = createLedger<'x' | 'y'>();
    exclude(a, 'x', '1');
    exclude(a, 'x', '2');
    exclude(a, 'y', '3');
    const b = createLedger<'x' | 'y'>();
    exclude(b, 'y', '4');
    expect(mergeExcluded([finishLedger(a), finishLedger(b)])).toEqual({
      total: 4,
      byReason: { x: 2, y: 2 },
      ids: { x: ['1', '2'], y: ['3', '4'] },
    });
  });

  it('merges counts beyond the listed ids (aggregated rows)', () => {
    const a = createLedger<'in_queue'>();
    excludeMany(a, 'in_queue', 'row-1', 5); // one row, five calls still queued
    const b = createLedger<'in_queue'>();
    exclude(b, 'in_queue', 'C-9');
    expect(mergeExcluded([finishLedger(a), finishLedger(b)])).toEqual({
      total: 6,
      byReason: { in_queue: 6 },
      ids: { in_queue: ['row-1', 'C-9'] },
    });
  });

  it('formats messages', () => {
    const e = new MetricsError({ code: 'out_of_range', functionName: 'netPromoterScore', collection: 'responses', recordIndex: 3, field: 'score', rule: '11 is outside 0–10' });
    expect(e.message).toBe('netPromoterScore: responses[3]: score: 11 is outside 0–10 [out_of_range]');
    expect(e.name).toBe('MetricsError');
    expect(e).toBeInstanceOf(Error);
  });
});
