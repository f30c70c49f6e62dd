import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBuckets } from '../../src/_lib/buckets.js';
import { createZoneInfo } from '../../src/calendar/timeZone.js';
import { fcParams } from '../support/fc.js';

const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];

describe('bucket properties', () => {
  it('weeks start on weekStartsOn at local midnight; months on the 1st; strictly increasing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.constantFrom('week', 'month') as fc.Arbitrary<'week' | 'month'>, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3000 }), (name, interval, ws, d) => {
        const z = createZoneInfo(name)!;
        const from = Date.UTC(2024, 0, 1) + d * 86_400_000;
        const b = makeBuckets('t', z, interval, ws as 0, from, from + 400 * 86_400_000);
        const fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, weekday: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
        expect(b.bounds[0]!).toBeLessThanOrEqual(from);
        for (let i = 0; i < b.count; i++) {
          expect(b.bounds[i + 1]!).toBeGreaterThan(b.bounds[i]!);
          const parts = Object.fromEntries(fmt.formatToParts(b.bounds[i]!).map((p) => [p.type, p.value]));
          expect(`${parts.hour}:${parts.minute}`).toBe('00:00');
          if (interval === 'week') expect(parts.weekday).toBe(days[ws]);
          else expect(parts.day).toBe('1');
        }
      }),
      fcParams(40),
    );
  }, 30_000);
});
