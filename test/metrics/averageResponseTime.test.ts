import { describe, expect, expectTypeOf, it } from 'vitest';
import { averageResponseTime, type ResponseTimeSummary, type Ticket } from '../../src/index.js';
import { at, deepFreeze, MIN, workedExample } from '../support/workedExample.js';

const tickets = deepFreeze(workedExample);

describe('averageResponseTime: the worked example of docs/metrics.md', () => {
  it("per: 'reply' (default)", () => {
    const r = averageResponseTime(tickets);
    expect(r.per).toBe('reply');
    expect(r.count).toBe(5);
    expect(r.cycleCount).toBe(5);
    expect(r.ticketCount).toBe(3);
    expect(r.totalMs).toBe(140 * MIN);
    expect(r.meanMs).toBe(28 * MIN);
    expect(r.medianMs).toBe(30 * MIN);
    expect(r.minMs).toBe(10 * MIN);
    expect(r.maxMs).toBe(45 * MIN);
    expect(r.openCycles).toBe(0);
    expect(r.excluded).toEqual({
      total: 2,
      byReason: { no_reply: 1, summary_only: 1 },
      ids: { no_reply: ['T-4'], summary_only: ['T-5'] },
    });
    expect(r.ticketCount + r.excluded.total).toBe(tickets.length);
  });

  it("per: 'ticket' averages each ticket's mean", () => {
    const r = averageResponseTime(tickets, { per: 'ticket' });
    expect(r.count).toBe(3);
    expect(r.meanMs).toBe(1_700_000);
    expect(r.medianMs).toBe(30 * MIN);
    expect(r.minMs).toBe(15 * MIN);
    expect(r.maxMs).toBe(40 * MIN);
  });

  it('per-ticket mean is exact even when per-ticket means are not whole ms', () => {
    const mk = (id: string, gaps: number[]): Ticket => {
      let t = 0;
      const list: { type: 'message'; at: number; author: 'customer' | 'agent' }[] = [];
      for (const g of gaps) {
        list.push({ type: 'message', at: t, author: 'customer' });
        t += g;
        list.push({ type: 'message', at: t, author: 'agent' });
        t += 1;
      }
      return { id, createdAt: 0, events: list };
    };
    // means 1/3·(1+1+2) = 4/3 and 2 → mean of means (4/3 + 2)/2 = 5/3
    const r = averageResponseTime([mk('a', [1, 1, 2]), mk('b', [2])], { per: 'ticket', allowEarlyTimestamps: true });
    expect(r.meanMs).toBe(5 / 3);
    expect(r.totalMs).toBe(10 / 3);
  });

  it('an unanswered last cycle is reported, not measured', () => {
    const t: Ticket = {
      id: 'o',
      createdAt: at('09:00'),
      events: [
        { type: 'message', at: at('09:00'), author: 'customer' },
        { type: 'message', at: at('09:10'), author: 'agent' },
        { type: 'message', at: at('09:20'), author: 'customer' },
      ],
    };
    const r = averageResponseTime([t]);
    expect(r.count).toBe(1);
    expect(r.openCycles).toBe(1);
  });

  it('a customer internal note (public: false) opens no cycle', () => {
    const t: Ticket = {
      id: 'n',
      createdAt: at('09:00'),
      events: [
        { type: 'message', at: at('09:00'), author: 'customer', public: false },
        { type: 'message', at: at('09:10'), author: 'agent' },
      ],
    };
    expect(averageResponseTime([t]).excluded.byReason).toEqual({ no_customer_message: 1 });
  });

  it("agentCreated: 'exclude'", () => {
    const r = averageResponseTime(tickets, { agentCreated: 'exclude' });
    expect(r.count).toBe(4);
    expect(r.excluded.byReason).toEqual({ agent_created: 1, no_reply: 1, summary_only: 1 });
  });

  it('events in any order give the same cycles', () => {
    const shuffled = tickets.map((t) => (t.events ? { ...t, events: [...t.events].reverse() } : t));
    expect(averageResponseTime(shuffled)).toEqual(averageResponseTime(tickets));
  });

  it('period with attributeTo firstReply', () => {
    const r = averageResponseTime(tickets, { period: { from: at('09:40'), to: at('09:41') }, attributeTo: 'firstReply' });
    expect(r.ticketCount).toBe(1); // T-2
    expect(r.totalMs).toBe(30 * MIN);
  });

  it('empty input', () => {
    const r = averageResponseTime([]);
    expect(r.count).toBe(0);
    expect(r.meanMs).toBeUndefined();
    expect(r.ticketCount).toBe(0);
  });

  it('types', () => {
    expectTypeOf(averageResponseTime).returns.toEqualTypeOf<ResponseTimeSummary>();
  });
});
