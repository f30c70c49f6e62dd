import { describe, expect, it } from 'vitest';
import { createSchedule } from '../../src/calendar/index.js';
import { queueSnapshot } from '../../src/metrics/queueSnapshot/index.js';
import type { Ticket } from '../../src/model/index.js';
import { expectClean, metricsErrorOf } from '../support/clean.js';
import { deepFreeze } from '../support/workedExample.js';
import { AT, HOUR, MIN, queueExample, queueOptions } from './queue.support.js';

const policy = queueOptions.policy!;

describe('queueSnapshot: the worked example of docs/queue.md', () => {
  const s = queueSnapshot(deepFreeze(queueExample), { at: AT, policy, by: 'priority' });

  it('counts who the open tickets wait on, breaches and unanswered requests', () => {
    expect([s.open, s.waitingOnAgent, s.waitingOnCustomer, s.waitingOnThirdParty]).toEqual([7, 6, 1, 0]);
    expect(s.noFirstReply).toBe(4); // Q1, Q2, Q3, Q5
    expect([s.breached, s.nearBreach]).toEqual([1, 1]); // Q1; Q5
    expect(s.oldestWaitMs).toBe(3.5 * HOUR); // Q5 since 08:30
    expect(s.oldestWaitBusinessMs).toBeUndefined();
    expect(s.byWait).toEqual({ '0–1 h': 2, '1–4 h': 4, '4 h–1 d': 0, '1–3 d': 0, '> 3 d': 0 });
    expect(s.excluded.byReason).toEqual({ resolved: 2, 'ineligible:spam': 1 });
    expect(s.open + s.excluded.total).toBe(queueExample.length);
    expectClean(s);
  });

  it('by priority: the same figures per group', () => {
    expect(s.groups?.map((g) => [g.key.priority, g.open, g.waitingOnAgent, g.waitingOnCustomer, g.noFirstReply, g.breached, g.nearBreach, g.oldestWaitMs, g.excluded.total])).toEqual([
      ['high', 1, 1, 0, 1, 1, 0, 2 * HOUR, 1],
      ['low', 1, 1, 0, 0, 0, 0, 2.5 * HOUR, 0],
      ['normal', 5, 4, 1, 3, 0, 1, 3.5 * HOUR, 2],
    ]);
  });

  it('without a policy there are no SLA counts', () => {
    const n = queueSnapshot(queueExample, { at: AT });
    expect([n.breached, n.nearBreach]).toEqual([undefined, undefined]);
    expect(n.waitingOnAgent).toBe(6);
  });
});

describe('queueSnapshot: options', () => {
  const office = createSchedule({ timeZone: 'UTC', weekly: { mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] } });
  const tickets: Ticket[] = [
    { id: 'F', createdAt: '2026-02-27T16:30:00Z', events: [] },
    { id: 'H', createdAt: '2026-02-27T12:00:00Z', events: [{ type: 'status', at: '2026-02-27T12:00:00Z', status: 'on_hold' }] },
  ];

  it('business-time waits and buckets; on-hold waits on a third party', () => {
    const s = queueSnapshot(tickets, { at: '2026-03-02T09:45:00Z', businessHours: office, waitBuckets: [HOUR, 2 * HOUR] });
    expect([s.oldestWaitMs, s.oldestWaitBusinessMs]).toEqual([65 * HOUR + 15 * MIN, 75 * MIN]);
    expect(s.byWait).toEqual({ '0–1 h': 0, '1–2 h': 1, '> 2 h': 0 });
    expect([s.waitingOnAgent, s.waitingOnThirdParty]).toEqual([1, 1]);
  });

  it('a ticket both breached and near breach counts once, as breached', () => {
    const t: Ticket[] = [{ id: 'B', priority: 'high', createdAt: '2026-03-02T09:00:00Z', events: [{ type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' }] }];
    // first reply 1 h: 2 h overdue at 12:00; resolution 3 h 30: due 12:30, within the hour
    const s = queueSnapshot(t, { at: AT, policy: { targets: { high: { firstReply: HOUR, resolution: 3.5 * HOUR } } } });
    expect([s.breached, s.nearBreach]).toEqual([1, 0]);
  });

  it('an empty input: zero counts, undefined waits', () => {
    const s = queueSnapshot([], { at: AT });
    expect([s.open, s.oldestWaitMs, s.excluded.total]).toEqual([0, undefined, 0]);
  });

  it('rejects bad options', () => {
    expect(metricsErrorOf(() => queueSnapshot(tickets, { at: AT, waitBuckets: [HOUR, HOUR] })).field).toBe('waitBuckets[1]');
    expect(metricsErrorOf(() => queueSnapshot(tickets, { at: AT, nearBreachMs: -1 })).field).toBe('nearBreachMs');
    expect(metricsErrorOf(() => queueSnapshot(tickets, { at: AT, rules: {} } as never)).field).toBe('rules');
    expect(metricsErrorOf(() => queueSnapshot(tickets, {} as never)).field).toBe('at');
  });
});
