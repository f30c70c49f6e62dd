import { describe, expect, it } from 'vitest';
import { backlog } from '../../src/metrics/backlog/index.js';
import { firstResponseTime } from '../../src/metrics/firstResponseTime/index.js';
import { ticketVolume } from '../../src/metrics/ticketVolume/index.js';
import type { Ticket } from '../../src/model/index.js';
import { MetricsError } from '../../src/results/errors.js';

// Decision 10 (docs/decisions.md): every ticket metric validates a ticket's identity (object, id, unique id,
// createdAt); the history (createdBy, events or summary fields) is validated whenever the metric reads it.
// ticketVolume never reads it; backlog does not read it for tickets created after `at`.

const good = (id: string, createdAt: string): Ticket => ({
  id,
  createdAt,
  events: [
    { type: 'message', at: createdAt, author: 'customer' },
    { type: 'status', at: createdAt, status: 'open' },
  ],
});
// Created 2026-03-03 10:00Z, with an event whose time is not a timestamp and a createdBy that is not allowed.
const brokenHistory = {
  id: 'X',
  createdAt: '2026-03-03T10:00:00Z',
  createdBy: 'robot',
  events: [{ type: 'message', at: 'yesterday', author: 'customer' }],
} as unknown as Ticket;

function caught(fn: () => unknown): MetricsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MetricsError) return e;
    throw e;
  }
  throw new Error('expected a MetricsError');
}

describe('identity-only reading (decision 10)', () => {
  const tickets = [good('A', '2026-03-02T09:00:00Z'), brokenHistory, good('B', '2026-03-03T11:00:00Z')];

  it('ticketVolume counts a ticket whose history is broken, since it never reads the history', () => {
    const v = ticketVolume(tickets, { interval: 'day', timeZone: 'UTC' });
    expect(v.buckets.map((b) => [b.label, b.count])).toEqual([
      ['2026-03-02', 1],
      ['2026-03-03', 2],
    ]);
    expect(v.total + v.excluded.total).toBe(3);
  });

  it('a metric that reads the history rejects the same ticket, naming it and the field', () => {
    const e = caught(() => firstResponseTime(tickets));
    expect(e.code).toBe('invalid_value');
    expect(e.recordId).toBe('X');
    expect(e.field).toBe('createdBy');
  });

  it('ticketVolume still validates the identity: createdAt, id, duplicates', () => {
    const badCreated = { ...good('C', '2026-03-02T09:00:00Z'), createdAt: '2026-02-30T09:00:00Z' } as Ticket;
    let e = caught(() => ticketVolume([badCreated], { interval: 'day', timeZone: 'UTC' }));
    expect([e.code, e.recordId, e.field]).toEqual(['invalid_timestamp', 'C', 'createdAt']);
    e = caught(() => ticketVolume([good('A', '2026-03-02T09:00:00Z'), good('A', '2026-03-02T10:00:00Z')], { interval: 'day', timeZone: 'UTC' }));
    expect([e.code, e.recordIndex, e.field]).toEqual(['duplicate_id', 1, 'id']);
    const noId = { createdAt: '2026-03-02T09:00:00Z', events: [] } as unknown as Ticket;
    e = caught(() => ticketVolume([noId], { interval: 'day', timeZone: 'UTC' }));
    expect([e.code, e.field]).toEqual(['missing_field', 'id']);
    const v = ticketVolume([good('A', '2026-03-02T09:00:00Z'), good('A', '2026-03-02T10:00:00Z'), badCreated], { interval: 'day', timeZone: 'UTC', invalid: 'exclude' });
    expect(v.total).toBe(1);
    expect(v.excluded.byReason).toEqual({ 'invalid:duplicate_id': 1, 'invalid:invalid_timestamp': 1 });
  });

  it('backlog excludes a broken ticket created after `at` as created_after, and rejects it when created before', () => {
    const r = backlog(tickets, { at: '2026-03-03T00:00:00Z' });
    expect(r.count).toBe(1);
    expect(r.excluded.byReason).toEqual({ created_after: 2 });
    expect(r.excluded.ids.created_after).toEqual(['X', 'B']);
    const e = caught(() => backlog(tickets, { at: '2026-03-04T00:00:00Z' }));
    expect([e.code, e.recordId, e.field]).toEqual(['invalid_value', 'X', 'createdBy']);
    const lenient = backlog(tickets, { at: '2026-03-04T00:00:00Z', invalid: 'exclude' });
    expect(lenient.count).toBe(2);
    expect(lenient.excluded.byReason).toEqual({ 'invalid:invalid_value': 1 });
  });
});

describe('assignment events (model addition)', () => {
  it('are accepted and change no timing or outcome metric', async () => {
    const { firstResponseTime, reopenRate } = await import('../../src/index.js');
    const base = { id: 'A', createdAt: 0 + 1e12, events: [
      { type: 'message' as const, at: 1e12, author: 'customer' as const },
      { type: 'assignment' as const, at: 1e12 + 60_000, assigneeId: 'agent-7', groupId: 'tier-1' },
      { type: 'message' as const, at: 1e12 + 120_000, author: 'agent' as const },
      { type: 'status' as const, at: 1e12 + 180_000, status: 'solved' },
    ] };
    expect(firstResponseTime([base]).meanMs).toBe(120_000);
    expect(reopenRate([base]).denominator).toBe(1);
    expect(() => firstResponseTime([{ ...base, events: [{ type: 'assignment' as const, at: 1e12, assigneeId: '' }] }])).toThrow(/assigneeId/);
  });
});
