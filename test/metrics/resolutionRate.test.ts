import { describe, expect, it } from 'vitest';
import { resolutionRate } from '../../src/metrics/resolutionRate/index.js';
import { reopenRate } from '../../src/metrics/reopenRate/index.js';
import type { Ticket, TicketEvent } from '../../src/model/index.js';
import { deepFreeze } from './backlog.support.js';

const at = (day: number, hm: string): string => `2026-03-${String(day).padStart(2, '0')}T${hm}:00Z`;
const s = (d: number, hm: string, status: string): TicketEvent => ({ type: 'status', at: at(d, hm), status });

// docs/outcomes.md "## resolutionRate" and "## reopenRate" worked example.
const tickets: Ticket[] = deepFreeze([
  { id: 'A', createdAt: at(2, '09:00'), events: [s(2, '12:00', 'solved')] },
  { id: 'B', createdAt: at(2, '10:00'), events: [s(4, '10:00', 'solved')] },
  { id: 'C', createdAt: at(3, '09:00'), events: [s(3, '10:00', 'solved'), s(5, '09:00', 'open')] },
  { id: 'D', createdAt: at(3, '11:00'), events: [s(3, '11:30', 'pending')] },
  { id: 'E', createdAt: at(4, '08:00'), events: [s(4, '09:00', 'solved'), s(4, '09:00', 'open')] },
  { id: 'F', createdAt: at(9, '08:00'), events: [s(9, '09:00', 'closed')] },
]);

describe('resolutionRate (docs worked example)', () => {
  it('latest status: A, B, E, F resolved of 6', () => {
    const r = resolutionRate(tickets);
    expect([r.numerator, r.denominator]).toEqual([4, 6]);
  });
  it('period = created 2–5 March: F leaves the cohort', () => {
    const r = resolutionRate(tickets, { period: { from: at(2, '00:00'), to: at(6, '00:00') } });
    expect([r.numerator, r.denominator]).toEqual([3, 5]);
    expect(r.excluded.byReason).toEqual({ out_of_period: 1 });
  });
  it('asOf 4 March 12:00: A, B, C, E resolved; F not yet created', () => {
    const r = resolutionRate(tickets, { asOf: at(4, '12:00') });
    expect([r.numerator, r.denominator]).toEqual([4, 5]);
    expect(r.excluded.byReason).toEqual({ created_after: 1 });
  });
  it('within 24 h: A, C, E, F (first resolution within a day)', () => {
    const r = resolutionRate(tickets, { within: 86_400_000 });
    expect([r.numerator, r.denominator]).toEqual([4, 6]);
  });
  it('within 24 h as of 9 March 10:00: D is decided (failed), nothing pending', () => {
    const r = resolutionRate(tickets, { within: 86_400_000, asOf: at(9, '08:30') });
    // F created at 08:00, unresolved at 08:30, window open until 10 March: pending.
    expect(r.excluded.byReason).toEqual({ window_open: 1 });
    expect([r.numerator, r.denominator]).toEqual([3, 5]);
  });
  it('summary form', () => {
    const r = resolutionRate(deepFreeze([
      { id: 1, createdAt: at(2, '09:00'), status: 'solved', resolvedAt: at(2, '12:00') },
      { id: 2, createdAt: at(2, '09:00'), status: 'open', firstResolvedAt: at(2, '10:00'), reopens: 1 },
    ] as Ticket[]), { asOf: at(3, '00:00') });
    expect(r.excluded.byReason).toEqual({ summary_only: 1 });
    expect([r.numerator, r.denominator]).toEqual([1, 1]);
  });
  it('rejects bad options', () => {
    expect(() => resolutionRate(tickets, { within: -1 })).toThrow(/within/);
    expect(() => resolutionRate(tickets, { period: { from: at(5, '00:00'), to: at(2, '00:00') } })).toThrow(/period/);
    expect(() => resolutionRate(tickets, { confidence: 1 })).toThrow(/confidence/);
  });
});

describe('reopenRate (docs worked example)', () => {
  it('C reopened; E solved and reopened in one update does not count; D never resolved', () => {
    const r = reopenRate(tickets);
    expect([r.numerator, r.denominator]).toEqual([1, 5]);
    expect(r.excluded.byReason.never_resolved).toBe(1); // the deprecated name, through its alias
    expect(r.excluded.byReason).toEqual({ unresolved: 1 });
  });
  it('asOf before the reopen', () => {
    const r = reopenRate(tickets, { asOf: at(4, '12:00') });
    expect([r.numerator, r.denominator]).toEqual([0, 4]);
    expect(r.excluded.byReason.never_resolved).toBe(2); // the deprecated name, through its alias
    expect(r.excluded.byReason).toEqual({ unresolved: 2 });
  });
  it('period by first resolution', () => {
    const r = reopenRate(tickets, { period: { from: at(3, '00:00'), to: at(4, '00:00') } });
    expect([r.numerator, r.denominator]).toEqual([1, 1]);
  });
  it('summary form: reopens field, or inferred from two resolutions', () => {
    const r = reopenRate(deepFreeze([
      { id: 1, createdAt: at(2, '09:00'), status: 'solved', resolvedAt: at(2, '12:00'), reopens: 0 },
      { id: 2, createdAt: at(2, '09:00'), status: 'solved', firstResolvedAt: at(2, '10:00'), resolvedAt: at(3, '10:00') },
      { id: 3, createdAt: at(2, '09:00'), status: 'open', firstResolvedAt: at(2, '10:00') },
      { id: 4, createdAt: at(2, '09:00'), status: 'new' },
    ] as Ticket[]));
    expect([r.numerator, r.denominator]).toEqual([2, 3]);
  });
});
