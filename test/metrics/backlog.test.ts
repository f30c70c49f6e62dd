import { describe, expect, it } from 'vitest';
import { backlog } from '../../src/metrics/backlog/index.js';
import { backlogSeries } from '../../src/metrics/backlogSeries/index.js';
import type { Ticket, TicketEvent } from '../../src/model/index.js';
import { MetricsError } from '../../src/results/errors.js';
import { deepFreeze } from './backlog.support.js';

const at = (day: number, hm: string): string => `2026-03-${String(day).padStart(2, '0')}T${hm}:00Z`;
const s = (d: number, hm: string, status: string): TicketEvent => ({ type: 'status', at: at(d, hm), status });
const DAY = 86_400_000;

// docs/outcomes.md "## backlog" worked example: snapshot at 10 March 09:00.
const tickets: Ticket[] = deepFreeze([
  { id: 'A', createdAt: at(1, '09:00'), events: [s(1, '10:00', 'open')] }, // 9 d old
  { id: 'B', createdAt: at(9, '09:00'), events: [s(9, '09:30', 'pending')] }, // 1 d exactly: '0–1 d'
  { id: 'C', createdAt: at(8, '09:00'), events: [s(9, '10:00', 'solved')] }, // resolved
  { id: 'D', createdAt: at(5, '09:00'), events: [s(6, '09:00', 'solved'), s(8, '09:00', 'open')] }, // reopened: 5 d
  { id: 'E', createdAt: at(6, '09:00'), events: [s(7, '09:00', 'solved'), s(11, '09:00', 'open')] }, // reopened later: resolved at `at`
  { id: 'F', createdAt: at(11, '09:00'), events: [] }, // not yet created
  { id: 'G', createdAt: at(8, '08:00'), events: [s(10, '09:00', 'solved')] }, // solved at `at` exactly: resolved
]);

describe('backlog (docs worked example)', () => {
  it('A, B, D are open on 10 March 09:00', () => {
    const r = backlog(tickets, { at: at(10, '09:00') });
    expect(r.count).toBe(3);
    expect(r.aged).toBe(1);
    expect(r.byAge).toEqual({ '0–1 d': 1, '1–3 d': 0, '3–7 d': 1, '> 7 d': 1 });
    expect(r.ageSummary.totalMs).toBe(15 * DAY);
    expect(r.ageSummary.medianMs).toBe(5 * DAY);
    expect(r.excluded.byReason).toEqual({ resolved: 3, created_after: 1 });
    expect(r.excluded.ids.resolved).toEqual(['C', 'E', 'G']);
  });
  it('custom thresholds and buckets', () => {
    const r = backlog(tickets, { at: at(10, '09:00'), olderThanMs: 2 * DAY, ageBuckets: [12 * 3_600_000, 2 * DAY] });
    expect(r.aged).toBe(2);
    expect(r.byAge).toEqual({ '0–12 h': 0, '12 h–2 d': 1, '> 2 d': 2 });
  });
  it('summary form: decided where the fields allow it', () => {
    const r = backlog(deepFreeze([
      { id: 1, createdAt: at(1, '09:00'), status: 'open' },
      { id: 2, createdAt: at(1, '09:00'), status: 'solved', resolvedAt: at(2, '09:00') },
      { id: 3, createdAt: at(1, '09:00'), status: 'solved', firstResolvedAt: at(2, '09:00'), resolvedAt: at(9, '09:00') },
      { id: 4, createdAt: at(1, '09:00'), status: 'open', firstResolvedAt: at(2, '09:00') },
    ] as Ticket[]), { at: at(5, '00:00') });
    expect(r.count).toBe(1);
    expect(r.excluded.byReason).toEqual({ resolved: 1, summary_only: 2 });
  });
  it('needs `at`; empty input gives undefined statistics', () => {
    expect(() => backlog(tickets, {} as never)).toThrow(MetricsError);
    const r = backlog([], { at: at(10, '09:00') });
    expect(r.count).toBe(0);
    expect(r.ageSummary.meanMs).toBeUndefined();
  });
});

describe('backlogSeries (docs worked example)', () => {
  it('daily, UTC, 6–11 March', () => {
    const r = backlogSeries(tickets, { from: at(6, '00:00'), to: at(12, '00:00'), interval: 'day', timeZone: 'UTC' });
    expect(r.opening).toBe(2); // A, D created before 6 March, both open
    expect(r.buckets.map((b) => [b.label, b.created, b.resolved, b.reopened, b.backlog])).toEqual([
      ['2026-03-06', 1, 1, 0, 2], // E created; D solved
      ['2026-03-07', 0, 1, 0, 1], // E solved
      ['2026-03-08', 2, 0, 1, 4], // C, G created; D reopened
      ['2026-03-09', 1, 1, 0, 4], // B created; C solved
      ['2026-03-10', 0, 1, 0, 3], // G solved
      ['2026-03-11', 1, 0, 1, 5], // F created; E reopened
    ]);
    expect(r.excluded.total).toBe(0);
  });
  it('DST: Europe/Paris days of 23 and 25 hours', () => {
    const spring = backlogSeries([], { from: '2026-03-29T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', interval: 'day', timeZone: 'Europe/Paris' });
    expect(spring.buckets.map((b) => (b.end - b.start) / 3_600_000)).toEqual([23]);
    const autumn = backlogSeries([], { from: '2026-10-25T00:00:00+02:00', to: '2026-10-26T00:00:00+01:00', interval: 'day', timeZone: 'Europe/Paris' });
    expect(autumn.buckets.map((b) => (b.end - b.start) / 3_600_000)).toEqual([25]);
  });
  it('bad options fail before any work', () => {
    const o = { from: at(1, '00:00'), to: at(2, '00:00'), interval: 'day', timeZone: 'UTC' } as const;
    expect(() => backlogSeries(tickets, { ...o, timeZone: 'Mars/Olympus' })).toThrow(/unknown_time_zone/);
    expect(() => backlogSeries(tickets, { ...o, from: at(3, '00:00') })).toThrow(/from is after to/);
    expect(() => backlogSeries(tickets, { ...o, interval: 'minute' as never })).toThrow(/interval/);
    expect(() => backlogSeries(tickets, { ...o, from: '2000-01-01T00:00:00Z', interval: 'hour' })).toThrow(/100,000/);
    expect(() => backlogSeries(tickets, { ...o, weekStartsOn: 7 as never })).toThrow(/weekStartsOn/);
  });
});
