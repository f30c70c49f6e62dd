import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { bucketIndex, bucketLabel, floorToBucket, makeBuckets, MAX_BUCKETS, nextBucket } from '../../src/_lib/buckets.js';
import { ticketVolume } from '../../src/metrics/ticketVolume/index.js';
import { createZoneInfo } from '../../src/calendar/timeZone.js';
import { fcParams } from '../support/fc.js';

const zone = (name: string) => createZoneInfo(name)!;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const labels = (z: ReturnType<typeof zone>, interval: 'hour' | 'day', b: { bounds: Float64Array; count: number }): string[] =>
  Array.from({ length: b.count }, (_, i) => bucketLabel(z, interval, b.bounds[i]!));

/** Runs `f` and counts the calls into Intl.DateTimeFormat (format and formatToParts). */
function countIntl<T>(f: () => T): { calls: number; result: T } {
  const proto = Intl.DateTimeFormat.prototype;
  const parts = vi.spyOn(proto, 'formatToParts');
  const format = vi.spyOn(proto as unknown as { format: unknown }, 'format', 'get'); // an accessor returning a bound function
  try {
    const result = f();
    return { calls: parts.mock.calls.length + format.mock.calls.length, result };
  } finally {
    parts.mockRestore();
    format.mockRestore();
  }
}

describe('buckets', () => {
  it('hours across the Paris fall-back night: 02:00 happens twice', () => {
    const z = zone('Europe/Paris');
    const b = makeBuckets('t', z, 'hour', 1, Date.parse('2026-10-25T00:00:00Z'), Date.parse('2026-10-25T03:00:00Z'));
    expect(Array.from({ length: b.count }, (_, i) => bucketLabel(z, 'hour', b.bounds[i]!))).toEqual([
      '2026-10-25T02:00+02:00',
      '2026-10-25T02:00+01:00',
      '2026-10-25T03:00+01:00',
    ]);
  });
  it('Kolkata hours start at :30 UTC; weeks start on Monday by default', () => {
    const k = zone('Asia/Kolkata');
    expect(floorToBucket(k, 'hour', 1, Date.parse('2026-03-02T10:10:00Z'))).toBe(Date.parse('2026-03-02T09:30:00Z'));
    const u = zone('UTC');
    expect(floorToBucket(u, 'week', 1, Date.parse('2026-03-04T10:00:00Z'))).toBe(Date.parse('2026-03-02T00:00:00Z'));
    expect(floorToBucket(u, 'week', 0, Date.parse('2026-03-04T10:00:00Z'))).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(floorToBucket(u, 'month', 1, Date.parse('2026-03-31T23:59:59Z'))).toBe(Date.parse('2026-03-01T00:00:00Z'));
  });
  it('Santiago springs forward at midnight: the day starts at 01:00', () => {
    const z = zone('America/Santiago');
    const b = makeBuckets('t', z, 'day', 1, Date.parse('2026-09-05T12:00:00-04:00'), Date.parse('2026-09-07T12:00:00-03:00'));
    expect(Array.from(b.bounds).map((t) => new Date(t).toISOString())).toEqual([
      '2026-09-05T04:00:00.000Z',
      '2026-09-06T04:00:00.000Z', // 01:00 local (-03), midnight skipped
      '2026-09-07T03:00:00.000Z',
      '2026-09-08T03:00:00.000Z',
    ]);
  });
  it('limits and empty range', () => {
    const u = zone('UTC');
    expect(makeBuckets('t', u, 'day', 1, 5, 5).count).toBe(0);
    expect(makeBuckets('t', u, 'hour', 1, 0, MAX_BUCKETS * HOUR).count).toBe(MAX_BUCKETS);
    expect(() => makeBuckets('t', u, 'hour', 1, 0, MAX_BUCKETS * HOUR + 1)).toThrow(/100,000/);
    expect(() => makeBuckets('t', u, 'day', 1, 10, 5)).toThrow(/from is after to/);
  }, 30_000);
  it('bucketIndex agrees with a linear scan', () => {
    const z = zone('America/New_York');
    const b = makeBuckets('t', z, 'day', 1, Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z'));
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-02-25T00:00:00Z'), max: Date.parse('2026-04-05T00:00:00Z') }), (t) => {
        let k = -1;
        for (let i = 0; i <= b.count; i++) if (b.bounds[i]! <= t) k = i;
        return bucketIndex(b, t) === k;
      }),
      fcParams(200),
    );
  });

  it('Lord Howe: a 30-minute set-back starts a half-hour bucket; a 30-minute spring-forward leaves one', () => {
    const z = zone('Australia/Lord_Howe');
    // 2026-04-05 02:00 (+11:00) → 01:30 (+10:30) at 15:00Z.
    const fall = makeBuckets('t', z, 'hour', 1, Date.parse('2026-04-04T13:00:00Z'), Date.parse('2026-04-04T17:00:00Z'));
    expect(labels(z, 'hour', fall)).toEqual(['2026-04-05T00:00+11:00', '2026-04-05T01:00+11:00', '2026-04-05T01:30+10:30', '2026-04-05T02:00+10:30', '2026-04-05T03:00+10:30']);
    expect(new Date(fall.bounds[fall.count]!).toISOString()).toBe('2026-04-04T17:30:00.000Z');
    // 2026-10-04 02:00 (+10:30) → 02:30 (+11:00) at 15:30Z: the hour 02 lasts 30 minutes.
    const spring = makeBuckets('t', z, 'hour', 1, Date.parse('2026-10-03T14:30:00Z'), Date.parse('2026-10-03T17:00:00Z'));
    expect(labels(z, 'hour', spring)).toEqual(['2026-10-04T01:00+10:30', '2026-10-04T02:30+11:00', '2026-10-04T03:00+11:00']);
    expect(Array.from(spring.bounds).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['14:30', '15:30', '16:00', '17:00']);
    expect(floorToBucket(z, 'hour', 1, Date.parse('2026-10-03T15:45:00Z'))).toBe(Date.parse('2026-10-03T15:30:00Z'));
    expect(nextBucket(z, 'hour', Date.parse('2026-04-04T14:00:00Z'))).toBe(Date.parse('2026-04-04T15:00:00Z'));
  });

  it('Pacific/Apia skipped 2011-12-30: that date has no bucket', () => {
    const z = zone('Pacific/Apia');
    // Dec 29 00:00 (−10:00) = 10:00Z; Dec 31 00:00 (+14:00) = Dec 30 10:00Z; Jan 1 00:00 (+14:00) = Dec 31 10:00Z.
    const b = makeBuckets('t', z, 'day', 1, Date.parse('2011-12-29T10:00:00Z'), Date.parse('2011-12-31T10:00:00Z'));
    expect(labels(z, 'day', b)).toEqual(['2011-12-29', '2011-12-31']);
    expect(nextBucket(z, 'day', Date.parse('2011-12-29T10:00:00Z'))).toBe(Date.parse('2011-12-30T10:00:00Z'));
  });

  it("St John's set its clocks back across midnight (00:01 → 23:01): the repeated hour belongs to the new day's bucket", () => {
    const z = zone('America/St_Johns');
    // 2009-11-01 00:00 (−02:30) = 02:30Z; at 02:31Z clocks show 2009-10-31 23:01 (−03:30) again; Nov 2 00:00 = 03:30Z.
    const t = Date.parse('2009-11-01T03:00:00Z');
    expect(floorToBucket(z, 'day', 1, t)).toBe(Date.parse('2009-11-01T02:30:00Z'));
    const b = makeBuckets('t', z, 'day', 1, t, t + 1);
    expect(Array.from(b.bounds).map((x) => new Date(x).toISOString())).toEqual(['2009-11-01T02:30:00.000Z', '2009-11-02T03:30:00.000Z']);
    expect(bucketIndex(b, t)).toBe(0);
  });

  it('the count is exact at the limit (days in UTC; hours in Lord Howe, where set-backs add half hours)', () => {
    const u = zone('UTC');
    expect(makeBuckets('t', u, 'day', 1, 0, MAX_BUCKETS * DAY).count).toBe(MAX_BUCKETS);
    expect(() => makeBuckets('t', u, 'day', 1, 0, MAX_BUCKETS * DAY + 1)).toThrow(/more than 100,000 day buckets/);
    // 100,000 − 5 real hours from 2026 span eleven 30-minute set-backs, each adding a bucket: more than the limit.
    const lh = zone('Australia/Lord_Howe');
    const from = Date.parse('2026-01-01T00:00:00Z');
    expect(() => makeBuckets('t', lh, 'hour', 1, from, from + (MAX_BUCKETS - 5) * HOUR)).toThrow(/more than 100,000 hour buckets/);
    const b = makeBuckets('t', lh, 'hour', 1, from, from + (MAX_BUCKETS - 40) * HOUR);
    expect(b.count).toBeGreaterThan(MAX_BUCKETS - 40);
    expect(b.count).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(b.bounds.length).toBe(b.count + 1);
    for (let i = 0; i < b.count; i++) if (!(b.bounds[i + 1]! > b.bounds[i]!)) expect.unreachable();
  }, 30_000);

  it('no Intl call per bucket: 84,000 daily buckets take about a hundred calls per year spanned', () => {
    const z = zone('Europe/Berlin');
    const { calls, result } = countIntl(() => makeBuckets('t', z, 'day', 1, 0, 84_000 * DAY));
    expect(result.count).toBe(84_001); // 00:00Z is 01:00 in Berlin, so the range ends an hour into a last day
    expect(calls).toBeLessThan(150 * 231);
    // The zone keeps its table: the same range again, and the labels, need no call at all.
    expect(countIntl(() => labels(z, 'day', makeBuckets('t', z, 'day', 1, 0, 84_000 * DAY))).calls).toBe(0);
  }, 30_000);

  it('more than 100,000 buckets is rejected before any offset is read (ticketVolume included)', () => {
    const z = zone('Europe/Berlin');
    const from = Date.parse('2000-01-01T00:00:00Z');
    const { calls } = countIntl(() => expect(() => makeBuckets('t', z, 'hour', 1, from, from + MAX_BUCKETS * HOUR + HOUR / 2)).toThrow(/100,000/));
    expect(calls).toBe(0);
    const v = countIntl(() =>
      expect(() => ticketVolume([{ id: 1, createdAt: from, events: [] }, { id: 2, createdAt: from + MAX_BUCKETS * HOUR + HOUR / 2, events: [] }], { interval: 'hour', timeZone: 'Europe/Berlin' })).toThrow(/100,000/),
    );
    expect(v.calls).toBeLessThan(5); // the zone's validation only
  }, 30_000);
});
