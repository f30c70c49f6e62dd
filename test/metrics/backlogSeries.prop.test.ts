import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backlogSeries } from '../../src/metrics/backlogSeries/index.js';
import { fcParams } from '../support/fc.js';
import { bruteResolvedAt, DAY, deepFreeze, HOUR, T0, ticketsArb } from './backlog.support.js';

const zoneArb = fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago');
const intervalArb = fc.constantFrom('hour', 'day', 'week', 'month') as fc.Arbitrary<'hour' | 'day' | 'week' | 'month'>;

describe('backlogSeries properties', () => {
  it('backlog[i] = backlog[i−1] + created[i] − resolved[i] + reopened[i], and each equals a brute-force replay', () => {
    fc.assert(
      fc.property(ticketsArb, zoneArb, intervalArb, fc.integer({ min: 0, max: 24 * 30 }), fc.integer({ min: 1, max: 24 * 40 }), (tickets, timeZone, interval, fromH, spanH) => {
        const from = T0 + fromH * HOUR;
        const to = from + (interval === 'hour' ? Math.min(spanH, 200) : spanH) * HOUR;
        const s = backlogSeries(deepFreeze(tickets), { period: { from, to }, interval, timeZone, excludeSpam: false, excludeMerged: false }); // spam tags: see backlog.prop
        let prev = s.opening;
        const first = s.buckets[0];
        if (first !== undefined) {
          const brute0 = tickets.filter((t) => (t.createdAt as number) < first.start && !bruteResolvedAt(t, first.start - 1)).length;
          expect(s.opening).toBe(brute0);
        }
        for (const b of s.buckets) {
          expect(b.backlog).toBe(prev + b.created - b.resolved + b.reopened);
          const brute = tickets.filter((t) => (t.createdAt as number) < b.end && !bruteResolvedAt(t, b.end - 1)).length;
          expect(b.backlog).toBe(brute);
          prev = b.backlog;
        }
        expect(s.excluded.total).toBe(tickets.filter((t) => (t.createdAt as number) >= (s.buckets.at(-1)?.end ?? from)).length);
      }),
      fcParams(100),
    );
  }, 30_000);
  it('one year of daily buckets: boundaries strictly increasing, contiguous, on local midnights', () => {
    fc.assert(
      fc.property(zoneArb, fc.integer({ min: 0, max: 365 }), (timeZone, startDay) => {
        const from = T0 + startDay * DAY;
        const s = backlogSeries([], { from, to: from + 365 * DAY, interval: 'day', timeZone }); // deprecated from/to still accepted
        const fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        for (let i = 0; i < s.buckets.length; i++) {
          const b = s.buckets[i]!;
          expect(b.end).toBeGreaterThan(b.start);
          if (i > 0) expect(b.start).toBe(s.buckets[i - 1]!.end);
          // Local midnight, except where midnight does not exist (Santiago springs forward at 00:00 → 01:00).
          const hm = fmt.format(b.start);
          expect(hm === '00:00' || (timeZone === 'America/Santiago' && hm === '01:00')).toBe(true);
          if (hm !== '00:00') expect(fmt.format(b.start - 1)).toBe('23:59');
        }
      }),
      fcParams(12),
    );
  }, 30_000);
});
