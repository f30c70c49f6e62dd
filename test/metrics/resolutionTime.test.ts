import { describe, expect, expectTypeOf, it } from 'vitest';
import { averageResolutionTime, MetricsError, resolutionTime, type DurationSummary, type ResolutionTimeExclusion, type Ticket } from '../../src/index.js';
import { at, deepFreeze, HOUR, MIN, workedExample } from '../support/workedExample.js';

const tickets = deepFreeze(workedExample);

describe('resolutionTime: the worked example of docs/metrics.md', () => {
  it("resolution: 'full' (default)", () => {
    const r = resolutionTime(tickets);
    expect(r.count).toBe(4);
    expect(r.totalMs).toBe(9 * HOUR);
    expect(r.meanMs).toBe(8_100_000);
    expect(r.medianMs).toBe(2 * HOUR);
    expect(r.maxMs).toBe(3 * HOUR);
    expect(r.excluded).toEqual({ total: 1, byReason: { unresolved: 1 }, ids: { unresolved: ['T-4'] } });
    expect(averageResolutionTime(tickets)).toBe(8_100_000);
  });

  it("resolution: 'first'", () => {
    const r = resolutionTime(tickets, { resolution: 'first' });
    expect(r.totalMs).toBe(380 * MIN);
    expect(r.meanMs).toBe(95 * MIN);
    expect(r.minMs).toBe(20 * MIN);
    expect(averageResolutionTime(tickets, { resolution: 'first' })).toBe(5_700_000);
  });

  it('pauseStatuses subtract pending time', () => {
    const t: Ticket = {
      id: 'p',
      createdAt: at('09:00'),
      events: [
        { type: 'status', at: at('10:00'), status: 'pending' },
        { type: 'status', at: at('12:00'), status: 'open' },
        { type: 'status', at: at('13:00'), status: 'solved' },
      ],
    };
    expect(resolutionTime([t], { pauseStatuses: ['pending'] }).meanMs).toBe(2 * HOUR);
    expect(resolutionTime([t]).meanMs).toBe(4 * HOUR);
    // 'new' from creation to the first status event can be paused too
    expect(resolutionTime([t], { pauseStatuses: ['new', 'pending'] }).meanMs).toBe(HOUR);
    // summary tickets cannot be paused
    expect(resolutionTime(tickets, { pauseStatuses: ['pending'] }).excluded.byReason).toEqual({ unresolved: 1, summary_only: 1 });
  });

  it('reopened and still open: excluded under full, counted under first', () => {
    const t: Ticket = {
      id: 'r',
      createdAt: at('09:00'),
      events: [
        { type: 'status', at: at('10:00'), status: 'solved' },
        { type: 'status', at: at('11:00'), status: 'open' },
      ],
    };
    expect(resolutionTime([t]).excluded.byReason).toEqual({ reopened: 1 });
    expect(resolutionTime([t], { resolution: 'first' }).meanMs).toBe(HOUR);
    const s: Ticket = { id: 's', createdAt: at('09:00'), resolvedAt: at('10:00'), status: 'open' };
    expect(resolutionTime([s]).excluded.byReason).toEqual({ reopened: 1 });
  });

  it('closed without a solve uses the close', () => {
    const t: Ticket = {
      id: 'c',
      createdAt: at('09:00'),
      events: [{ type: 'status', at: at('09:30'), status: 'closed' }],
    };
    expect(resolutionTime([t]).meanMs).toBe(30 * MIN);
    // solved then closed: the solve is the resolution
    const u: Ticket = {
      id: 'u',
      createdAt: at('09:00'),
      events: [
        { type: 'status', at: at('09:30'), status: 'solved' },
        { type: 'status', at: at('12:30'), status: 'closed' },
      ],
    };
    expect(resolutionTime([u]).meanMs).toBe(30 * MIN);
  });

  it("period defaults to attributeTo: 'resolved'", () => {
    const r = resolutionTime(tickets, { period: { from: at('11:00'), to: at('12:30') } });
    // resolved in [11:00, 12:30): T-1 (11:00), T-3 (12:00); T-2 12:30 is out (half-open), T-5 10:00 out
    expect(r.count).toBe(2);
    expect(r.totalMs).toBe(4 * HOUR);
    const created = resolutionTime(tickets, { period: { from: at('09:00'), to: at('10:00') }, attributeTo: 'created' });
    expect(created.count).toBe(2); // T-1, T-2
  });

  it('statusMap for Freshdesk-style statuses', () => {
    const t: Ticket = { id: 'f', createdAt: 0, events: [{ type: 'status', at: 1000, status: 'resolved' }] };
    expect(resolutionTime([t], { statusMap: { resolved: 'solved' }, allowEarlyTimestamps: true }).meanMs).toBe(1000);
  });

  it('empty and unresolved-only inputs give undefined', () => {
    expect(averageResolutionTime([])).toBeUndefined();
    expect(averageResolutionTime([{ id: 1, createdAt: 0, events: [] }], { allowEarlyTimestamps: true })).toBeUndefined();
  });

  it('bad options', () => {
    expect(() => resolutionTime([], { resolution: 'last' as never })).toThrowError(MetricsError);
    expect(() => resolutionTime([], { pauseStatuses: ['waiting' as never] })).toThrowError(/pauseStatuses/);
  });

  it('types', () => {
    expectTypeOf(resolutionTime).returns.toEqualTypeOf<DurationSummary<ResolutionTimeExclusion>>();
    expectTypeOf(averageResolutionTime).returns.toEqualTypeOf<number | undefined>();
  });
});
