import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backlogSeries, ticketVolume, type Ticket } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { permute } from '../support/ticketArb.js';

const BASE = Date.UTC(2026, 2, 1);
const ticketsArb = fc
  .array(fc.record({ offset: fc.integer({ min: 0, max: 40 * 86_400_000 }), channel: fc.constantFrom('email', 'chat', 'constructor') }), { maxLength: 60 })
  .map((rows) => rows.map((r, i): Ticket => ({ id: i, createdAt: BASE + r.offset, channel: r.channel, events: [] })));

describe('ticketVolume properties', () => {
  it('bucket counts sum to the total, keys sum to the counts, total + excluded = input', () => {
    fc.assert(
      fc.property(ticketsArb, fc.constantFrom('day', 'week', 'month' as const), fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York'), (tickets, interval, timeZone) => {
        const v = ticketVolume(tickets, { interval, timeZone, by: 'channel' });
        expect(v.total + v.excluded.total).toBe(tickets.length);
        expect(v.buckets.reduce((s, b) => s + b.count, 0)).toBe(v.total);
        for (const b of v.buckets) expect(Object.values(b.byKey ?? {}).reduce((s, x) => s + x, 0)).toBe(b.count);
        for (let k = 1; k < v.buckets.length; k++) expect(v.buckets[k]!.start).toBe(v.buckets[k - 1]!.end);
      }),
      fcParams(100),
    );
  });

  it('agrees with the created counts of backlogSeries over the same range, in any order', () => {
    fc.assert(
      fc.property(ticketsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (tickets, keys) => {
        const range = { from: BASE, to: BASE + 41 * 86_400_000, interval: 'day' as const, timeZone: 'Europe/Paris' };
        const v = ticketVolume(permute(tickets, keys), range);
        const s = backlogSeries(tickets, range);
        expect(v.buckets.map((b) => b.count)).toEqual(s.buckets.map((b) => b.created));
      }),
      fcParams(60),
    );
  });
});
