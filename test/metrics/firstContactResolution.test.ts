import { describe, expect, it } from 'vitest';
import { firstContactResolution } from '../../src/metrics/firstContactResolution/index.js';
import type { Ticket, TicketEvent } from '../../src/model/index.js';
import { MetricsError } from '../../src/results/errors.js';

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}
const at = (day: number, hm: string): string => `2026-03-${String(day).padStart(2, '0')}T${hm}:00Z`;
const c = (d: number, hm: string): TicketEvent => ({ type: 'message', at: at(d, hm), author: 'customer' });
const a = (d: number, hm: string): TicketEvent => ({ type: 'message', at: at(d, hm), author: 'agent' });
const s = (d: number, hm: string, status: string): TicketEvent => ({ type: 'status', at: at(d, hm), status });

// The worked example of docs/outcomes.md ("## firstContactResolution").
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

describe('firstContactResolution (docs worked example)', () => {
  it("one-touch (default): 2 of 5 eligible", () => {
    const r = firstContactResolution(tickets);
    expect([r.numerator, r.denominator, r.percent]).toEqual([2, 5, 40]);
    expect(r.excluded.byReason).toEqual({ 'ineligible:spam': 1, 'ineligible:agent_created': 1, unresolved: 1 });
    expect(r.excluded.ids).toEqual({ 'ineligible:spam': ['T5'], 'ineligible:agent_created': ['T6'], unresolved: ['T7'] });
  });
  it('countSilentSolves: the silent solve T4 becomes a success', () => {
    expect(firstContactResolution(tickets, { countSilentSolves: true }).numerator).toBe(3);
  });
  it('maxAgentReplies 2: T2 succeeds, T3 still fails (reopened)', () => {
    expect(firstContactResolution(tickets, { maxAgentReplies: 2 }).numerator).toBe(3);
  });
  it("no-customer-follow-up: T1, T4, T8 (one customer message each)", () => {
    const r = firstContactResolution(tickets, { definition: 'no-customer-follow-up' });
    expect([r.numerator, r.denominator]).toEqual([3, 5]);
  });
  it('no-repeat-contact: T1 fails (U1 came back with T4 three days later)', () => {
    const r = firstContactResolution(tickets, { definition: 'no-repeat-contact', asOf: '2026-03-31T00:00:00Z' });
    expect([r.numerator, r.denominator]).toEqual([4, 5]);
  });
  it('no-repeat-contact: windows still open at asOf are pending, not counted', () => {
    const r = firstContactResolution(tickets, { definition: 'no-repeat-contact' }); // asOf = latest createdAt (T4)
    expect(r.denominator).toBe(0);
    expect(r.excluded.byReason.window_open).toBe(5);
    expect(r.rate).toBeUndefined();
    const w = firstContactResolution(tickets, { definition: 'no-repeat-contact', repeatContactWindowMs: 86_400_000, asOf: '2026-03-31T00:00:00Z' });
    expect([w.numerator, w.denominator]).toEqual([5, 5]); // T4 came 3 days later: outside a 1-day window
  });
  it('switching exclusions off puts tickets back in the denominator', () => {
    const r = firstContactResolution(tickets, { spamTags: [], excludeAgentCreated: false, excludeUnresolved: false });
    expect(r.denominator).toBe(8);
    // T6: the agent's opening message is no touch, one reply after it: success. T5: silent solve, T7 unresolved.
    expect(r.numerator).toBe(3);
  });
  it('user predicate reasons show up as ineligible:<reason>', () => {
    const r = firstContactResolution(tickets, { eligible: (t) => (t.requesterId === 'U2' ? 'vip' : t.id === 'T3' ? false : true) });
    expect(r.excluded.byReason['ineligible:vip']).toBe(1);
    expect(r.excluded.byReason['ineligible:custom']).toBe(1);
    expect(r.denominator).toBe(3);
  });
  it('period with attributeTo resolved (default) uses the latest resolution', () => {
    const r = firstContactResolution(tickets, { period: { from: at(3, '00:00'), to: at(6, '00:00') } });
    // T3 (re-solved on the 3rd) and T4 (5th) are in; the rest resolved on the 2nd.
    expect(r.denominator).toBe(2);
    expect(r.excluded.byReason.out_of_period).toBe(5); // T1, T2, T5, T6, T8 (T7: unresolved, checked first)
  });
  it('summary form', () => {
    const r = firstContactResolution(deepFreeze([
      { id: 1, createdAt: at(2, '09:00'), status: 'solved', resolvedAt: at(2, '10:00'), agentReplies: 1, customerReplies: 1, reopens: 0 },
      { id: 2, createdAt: at(2, '09:00'), status: 'solved', resolvedAt: at(2, '12:00'), agentReplies: 3, customerReplies: 2, reopens: 0 },
      { id: 3, createdAt: at(2, '09:00'), status: 'solved', resolvedAt: at(2, '09:01'), agentReplies: 0, customerReplies: 1, reopens: 0, tags: ['spam'] },
      { id: 4, createdAt: at(2, '09:00'), status: 'open', agentReplies: 1, customerReplies: 1 },
      { id: 5, createdAt: at(2, '09:00'), status: 'solved', firstResolvedAt: at(2, '10:00'), resolvedAt: at(3, '10:00'), agentReplies: 1, customerReplies: 2 },
      { id: 6, createdAt: at(2, '09:00'), status: 'solved', resolvedAt: at(2, '10:00'), customerReplies: 1 },
    ] as Ticket[]));
    expect([r.numerator, r.denominator]).toEqual([1, 3]); // 5 was reopened (solved twice)
    expect(r.excluded.byReason).toEqual({ 'ineligible:spam': 1, unresolved: 1, summary_only: 1 });
  });
  it('bad options and records', () => {
    expect(() => firstContactResolution(tickets, { definition: 'x' as never })).toThrow(MetricsError);
    expect(() => firstContactResolution(tickets, { repeatContactWindowMs: 0 })).toThrow(/repeatContactWindowMs/);
    expect(() => firstContactResolution(tickets, { maxAgentReplies: 1.5 })).toThrow(/maxAgentReplies/);
    expect(() => firstContactResolution(tickets, { spamTags: 'spam' as never })).toThrow(/spamTags/);
    const bad = deepFreeze([...tickets, { id: 'X', createdAt: 'nope', events: [] }] as Ticket[]);
    expect(() => firstContactResolution(bad)).toThrow(/tickets\[8\] \(id "X"\): createdAt/);
    const r = firstContactResolution(bad, { invalid: 'exclude' });
    expect(r.excluded.byReason['invalid:invalid_timestamp']).toBe(1);
    expect(r.denominator + r.excluded.total).toBe(9);
  });
});

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
