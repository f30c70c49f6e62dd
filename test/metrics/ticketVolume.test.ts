import { describe, expect, it } from 'vitest';
import { ticketVolume } from '../../src/metrics/ticketVolume/index.js';
import type { Ticket } from '../../src/model/index.js';
import { deepFreeze } from './backlog.support.js';

// docs/outcomes.md "## ticketVolume" worked example.
const tickets: Ticket[] = deepFreeze([
  { id: 1, createdAt: '2026-03-02T08:00:00Z', channel: 'email', events: [] },
  { id: 2, createdAt: '2026-03-02T23:30:00Z', channel: 'chat', events: [] },
  { id: 3, createdAt: '2026-03-03T10:00:00Z', channel: 'email', events: [] },
  { id: 4, createdAt: '2026-03-05T10:00:00Z', events: [] },
]);

describe('ticketVolume (docs worked example)', () => {
  it('daily in Europe/Paris, split by channel', () => {
    const v = ticketVolume(tickets, { interval: 'day', timeZone: 'Europe/Paris', by: 'channel' });
    expect(v.buckets.map((b) => [b.label, b.count, b.byKey])).toEqual([
      ['2026-03-02', 1, { email: 1 }],
      ['2026-03-03', 2, { chat: 1, email: 1 }], // 23:30Z is 00:30 in Paris
      ['2026-03-04', 0, {}],
      ['2026-03-05', 1, { '(none)': 1 }],
    ]);
    expect(v.averagePerBucket).toBe(1);
    expect(v.totalsByKey).toEqual({ email: 2, chat: 1, '(none)': 1 });
  });
  it('weekly (Sunday start) with an explicit range and a key function', () => {
    const v = ticketVolume(tickets, {
      interval: 'week',
      timeZone: 'UTC',
      weekStartsOn: 0,
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-04T00:00:00Z',
      by: (t) => (typeof t.id === 'number' && t.id % 2 === 0 ? 'even' : 'odd'),
    });
    // Whole buckets, as backlogSeries: the week of Sunday 1 March runs to 8 March, so 5 March counts even
    // though `to` is 4 March.
    expect(v.buckets.map((b) => [b.label, b.count])).toEqual([['2026-03-01', 4]]);
    expect(v.excluded.byReason).toEqual({});
    expect(v.totalsByKey).toEqual({ odd: 2, even: 2 });
    // A ticket before the bucket holding `from` is out of range.
    const early = ticketVolume([...tickets, { id: 9, createdAt: '2026-02-28T23:59:59Z', events: [] }], { interval: 'week', timeZone: 'UTC', weekStartsOn: 0, from: '2026-03-01T00:00:00Z', to: '2026-03-04T00:00:00Z' });
    expect(early.excluded.byReason.out_of_range).toBe(1); // the deprecated name, through its alias
    expect(early.excluded.byReason).toEqual({ out_of_period: 1 });
  });
  it('monthly, empty, and bad options', () => {
    expect(ticketVolume(tickets, { interval: 'month', timeZone: 'UTC' }).buckets.map((b) => b.count)).toEqual([4]);
    expect(ticketVolume([], { interval: 'day', timeZone: 'UTC' }).averagePerBucket).toBeUndefined();
    expect(() => ticketVolume(tickets, { interval: 'day' } as never)).toThrow(/timeZone/);
    expect(() => ticketVolume(tickets, { interval: 'hour', timeZone: 'UTC', from: '1990-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' })).toThrow(/100,000/);
    expect(() => ticketVolume(tickets, { interval: 'day', timeZone: 'UTC', by: () => 3 as never })).toThrow(/key must be a string/);
  });
});
