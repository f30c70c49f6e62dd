/** Regression tests for bugs found in review (each failed before its fix). */
import { describe, expect, it } from 'vitest';
import {
  churnRate,
  customerRetentionRate,
  customerSatisfactionScore,
  firstContactResolution,
  firstResponseTime,
  MetricsError,
  netPromoterScore,
  resolutionRate,
  slaCompliance,
  ticketVolume,
  type Ticket,
} from '../src/index.js';

describe('review regressions', () => {
  it('a customer ending exactly at the period start is lost in that period', () => {
    const customers = [
      { id: 'a', startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-04-01T00:00:00Z' },
      { id: 'b', startedAt: '2026-01-01T00:00:00Z' },
    ];
    const april = { period: { from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z' } };
    const march = { period: { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' } };
    expect(churnRate(customers, april).percent).toBe(50);
    expect(customerRetentionRate(customers, april).percent).toBe(50);
    expect(churnRate(customers, march).percent).toBe(0); // kept in March: the loss belongs to April
  });

  it('mutating a returned scale does not change later calls', () => {
    const a = customerSatisfactionScore([5, 4, 3]);
    (a.scale as { max: number }).max = 4;
    expect(customerSatisfactionScore([5, 4, 3]).score).toBeCloseTo(66.6667, 3);
  });

  it('the slaCompliance JSDoc example gives what it shows', () => {
    const HOUR = 3_600_000;
    const sla = slaCompliance(
      [
        { id: 'T-1', createdAt: '2026-03-02T09:00:00Z', priority: 'high', events: [
          { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' },
          { type: 'message', at: '2026-03-02T09:40:00Z', author: 'agent' },
        ] },
        { id: 'T-2', createdAt: '2026-03-02T10:00:00Z', priority: 'high', events: [
          { type: 'message', at: '2026-03-02T10:00:00Z', author: 'customer' },
          { type: 'message', at: '2026-03-02T12:00:00Z', author: 'agent' },
        ] },
      ],
      { targets: { high: { firstReply: HOUR } } },
    );
    expect(sla.byTarget.firstReply.rate.rate).toBe(0.5);
    expect(sla.tickets[1]!.targets[0]!.lateMs).toBe(HOUR);
  });

  it('a confidence level just below 1 gives an interval, not a RangeError', () => {
    const r = resolutionRate([{ id: 'x', createdAt: 0, status: 'open' }], { confidence: 0.9999999999999999, allowEarlyTimestamps: true });
    expect(r.interval!.low).toBe(0);
    // Wilson upper end for 0 of 1 is z²/(1 + z²); z ≈ 8.29 for a two-sided tail of 1.1e-16
    expect(r.interval!.high).toBeGreaterThan(0.98);
    expect(r.interval!.high).toBeLessThan(1);
    expect(netPromoterScore([1, 9, 10], { confidence: 0.9999999999999999 }).marginOfError).toBeGreaterThan(0);
  });

  it('ticketVolume counts whole buckets like backlogSeries, and keys named like Object.prototype members', () => {
    const t = (id: string, at: string, channel: string): Ticket => ({ id, createdAt: at, channel, events: [] });
    const tickets = [t('1', '2026-03-02T08:00:00Z', 'constructor'), t('2', '2026-03-02T14:00:00Z', '__proto__'), t('3', '2026-03-02T15:00:00Z', 'toString')];
    const v = ticketVolume(tickets, { interval: 'day', timeZone: 'UTC', from: '2026-03-02T12:00:00Z', to: '2026-03-03T00:00:00Z', by: 'channel' });
    expect(v.total).toBe(3);
    expect(v.buckets[0]!.count).toBe(3);
    expect(Object.entries(v.totalsByKey!).sort()).toEqual([['__proto__', 1], ['constructor', 1], ['toString', 1]]);
  });

  it('years below 1970 written with four digits are rejected, even 0070', () => {
    expect(() => firstResponseTime([{ id: 'x', createdAt: '0070-01-01T00:00:00Z', firstRespondedAt: '1970-01-01T01:00:00Z' }])).toThrowError(MetricsError);
  });

  it('FCR with excludeUnresolved: false keeps unresolved tickets as failures inside a period', () => {
    const tickets: Ticket[] = [
      { id: 'ok', createdAt: '2026-03-02T09:00:00Z', events: [
        { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' },
        { type: 'message', at: '2026-03-02T09:10:00Z', author: 'agent' },
        { type: 'status', at: '2026-03-02T09:20:00Z', status: 'solved' },
      ] },
      { id: 'open', createdAt: '2026-03-02T09:00:00Z', events: [
        { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' },
        { type: 'status', at: '2026-03-02T09:20:00Z', status: 'pending' },
      ] },
    ];
    const period = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    const r = firstContactResolution(tickets, { excludeUnresolved: false, period });
    expect([r.numerator, r.denominator]).toEqual([1, 2]);
  });
});
