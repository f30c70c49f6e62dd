import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketLabel, floorToBucket, makeBuckets, MAX_BUCKETS } from '../../src/_lib/buckets.js';
import { createZoneInfo } from '../../src/calendar/timeZone.js';
import { fcParams } from '../support/fc.js';

const zone = (name: string) => createZoneInfo(name)!;
const HOUR = 3_600_000;

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
});
