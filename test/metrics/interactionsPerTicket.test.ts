import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interactionsPerTicket } from '../../src/metrics/interactionsPerTicket/index.js';
import type { Ticket, TicketEvent } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';
import { deepFreeze, ticketsArb } from './backlog.support.js';

const at = (hm: string): string => `2026-03-02T${hm}:00Z`;
const m = (hm: string, author: 'customer' | 'agent' | 'bot' | 'system', pub = true): TicketEvent => ({ type: 'message', at: at(hm), author, public: pub });
const solved = (hm: string): TicketEvent => ({ type: 'status', at: at(hm), status: 'solved' });

// docs/outcomes.md "## interactionsPerTicket" worked example.
const tickets: Ticket[] = deepFreeze([
  { id: 'A', createdAt: at('09:00'), events: [m('09:00', 'customer'), m('09:01', 'bot'), m('09:10', 'agent'), solved('09:20')] },
  { id: 'B', createdAt: at('09:00'), events: [m('09:00', 'customer'), m('09:05', 'agent', false), m('09:10', 'agent'), m('09:30', 'customer'), m('09:40', 'agent'), solved('09:40')] },
  { id: 'C', createdAt: at('09:00'), events: [m('09:00', 'customer'), m('09:01', 'system'), solved('09:02')] },
  { id: 'D', createdAt: at('09:00'), events: [m('09:00', 'customer'), m('09:10', 'agent')] },
]);

describe('interactionsPerTicket (docs worked example)', () => {
  it("agent (default): A 1, B 2, C 0 over resolved tickets", () => {
    const r = interactionsPerTicket(tickets);
    expect([r.count, r.total, r.mean, r.median]).toEqual([3, 3, 1, 1]);
    expect(r.distribution).toEqual({ '0': 1, '1': 1, '2': 1, '3': 0, '4': 0, '5+': 0 });
    expect(r.excluded.byReason).toEqual({ unresolved: 1 });
  });
  it("all, with bots: A 3, B 4, C 1", () => {
    const r = interactionsPerTicket(tickets, { count: 'all', includeBots: true, openEndedAt: 3 });
    expect([r.total, r.mean, r.median]).toEqual([8, 8 / 3, 3]);
    expect(r.distribution).toEqual({ '0': 0, '1': 1, '2': 0, '3+': 2 });
  });
  it("customer, every ticket: 1, 2, 1, 1", () => {
    const r = interactionsPerTicket(tickets, { count: 'customer', tickets: 'all' });
    expect([r.count, r.mean, r.median]).toEqual([4, 1.25, 1]);
  });
  it('summary form and empty input', () => {
    const r = interactionsPerTicket(deepFreeze([
      { id: 1, createdAt: at('09:00'), status: 'solved', resolvedAt: at('10:00'), agentReplies: 2, customerReplies: 1 },
      { id: 2, createdAt: at('09:00'), status: 'solved', resolvedAt: at('10:00'), agentReplies: 4 },
    ] as Ticket[]), { count: 'all' });
    expect([r.count, r.mean]).toEqual([1, 3]);
    expect(r.excluded.byReason).toEqual({ summary_only: 1 });
    const e = interactionsPerTicket([]);
    expect([e.mean, e.median, e.count]).toEqual([undefined, undefined, 0]);
  });
  it('the distribution sums to the count; mean × count = total', () => {
    fc.assert(
      fc.property(ticketsArb, fc.constantFrom('agent', 'customer', 'all') as fc.Arbitrary<'agent' | 'customer' | 'all'>, fc.integer({ min: 1, max: 6 }), (ts, count, open) => {
        const r = interactionsPerTicket(deepFreeze(ts), { count, openEndedAt: open, tickets: 'all', excludeSpam: false, excludeMerged: false }); // spam tags: see backlog.prop
        const sum = Object.values(r.distribution).reduce((a, b) => a + b, 0);
        return sum === r.count && r.count === ts.length && (r.count === 0 ? r.mean === undefined : Math.abs((r.mean as number) * r.count - r.total) < 1e-9);
      }),
      fcParams(100),
    );
  });
});
