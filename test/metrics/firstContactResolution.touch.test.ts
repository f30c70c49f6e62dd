/** Two-touch and N-touch resolution: the FCR worked example of docs/metrics.md. */
import { describe, expect, it } from 'vitest';
import { firstContactResolution } from '../../src/metrics/firstContactResolution/index.js';
import type { Ticket, TicketEvent } from '../../src/model/index.js';
import { deepFreeze } from '../support/vendorExamples.js';

const at = (day: number, hm: string): string => `2026-03-${String(day).padStart(2, '0')}T${hm}:00Z`;
const c = (d: number, hm: string): TicketEvent => ({ type: 'message', at: at(d, hm), author: 'customer' });
const a = (d: number, hm: string): TicketEvent => ({ type: 'message', at: at(d, hm), author: 'agent' });
const s = (d: number, hm: string, status: string): TicketEvent => ({ type: 'status', at: at(d, hm), status });

// The tickets of firstContactResolution.test.ts (docs: "## firstContactResolution").
const tickets: Ticket[] = deepFreeze([
  { id: 'T1', requesterId: 'U1', createdAt: at(2, '09:00'), events: [c(2, '09:00'), a(2, '09:30'), s(2, '10:00', 'solved')] },
  { id: 'T2', requesterId: 'U2', createdAt: at(2, '10:00'), events: [c(2, '10:00'), a(2, '10:30'), c(2, '11:00'), a(2, '11:30'), s(2, '12:00', 'solved')] },
  { id: 'T3', requesterId: 'U3', createdAt: at(2, '11:00'), events: [c(2, '11:00'), a(2, '11:20'), s(2, '11:30', 'solved'), c(3, '08:00'), s(3, '08:00', 'open'), a(3, '09:00'), s(3, '09:00', 'solved')] },
  { id: 'T4', requesterId: 'U1', createdAt: at(5, '09:00'), events: [c(5, '09:00'), s(5, '09:05', 'solved')] },
  { id: 'T5', requesterId: 'U5', createdAt: at(2, '13:00'), tags: ['spam'], events: [c(2, '13:00'), s(2, '13:01', 'solved')] },
  { id: 'T6', requesterId: 'U6', createdAt: at(2, '14:00'), createdBy: 'agent', events: [a(2, '14:00'), c(2, '15:00'), a(2, '15:30'), s(2, '15:30', 'solved')] },
  { id: 'T7', requesterId: 'U7', createdAt: at(2, '15:00'), events: [c(2, '15:00'), a(2, '15:10'), s(2, '15:10', 'pending')] },
  { id: 'T8', requesterId: 'U8', createdAt: at(2, '16:00'), events: [c(2, '16:00'), a(2, '16:10'), s(2, '16:20', 'solved'), s(2, '17:00', 'open'), s(2, '17:00', 'solved')] },
]);

describe('firstContactResolution: two-touch and N-touch', () => {
  it("'two-touch': T2 (two replies); T3 has two too but was reopened", () => {
    const r = firstContactResolution(tickets, { definition: 'two-touch' });
    expect([r.numerator, r.denominator]).toEqual([1, 5]);
  });
  it("'n-touch' touches 1 = one-touch; touches 3: none", () => {
    expect(firstContactResolution(tickets, { definition: 'n-touch', touches: 1 }).numerator).toBe(2);
    expect(firstContactResolution(tickets, { definition: 'n-touch', touches: 3 }).numerator).toBe(0);
  });
  it("an agent-created ticket's opening message is no touch (T6 is one-touch, not two-touch)", () => {
    const all = { excludeAgentCreated: false } as const;
    expect(firstContactResolution(tickets, { ...all, definition: 'two-touch' }).numerator).toBe(1);
    expect(firstContactResolution(tickets, { ...all, definition: 'n-touch', touches: 1 }).numerator).toBe(3);
  });
  it('summary form: agentReplies and reopens decide', () => {
    const t = [2, 2, 3].map((n, i) => ({ id: i, createdAt: at(2, '09:00'), status: 'solved', resolvedAt: at(2, '10:00'), agentReplies: n, customerReplies: 2, reopens: i === 1 ? 1 : 0 }));
    expect(firstContactResolution(t, { definition: 'two-touch' }).numerator).toBe(1);
  });
  it("touches is required with n-touch, means n-touch alone, and is refused with another definition", () => {
    expect(() => firstContactResolution(tickets, { definition: 'n-touch' })).toThrow(/touches.*required/);
    expect(firstContactResolution(tickets, { touches: 2 })).toEqual(firstContactResolution(tickets, { definition: 'two-touch' }));
    expect(() => firstContactResolution(tickets, { definition: 'one-touch', touches: 2 })).toThrow(/'n-touch' only/);
    expect(() => firstContactResolution(tickets, { definition: 'n-touch', touches: 0 })).toThrow(/touches/);
  });
});
