import { describe, expect, it } from 'vitest';
import { createSchedule } from '../../src/calendar/index.js';
import { prioritizeQueue } from '../../src/metrics/prioritizeQueue/index.js';
import type { Ticket } from '../../src/model/index.js';
import { prepareTickets } from '../../src/pipeline/ticketSource.js';
import { MetricsError } from '../../src/results/errors.js';
import { expectClean, metricsErrorOf } from '../support/clean.js';
import { deepFreeze } from '../support/workedExample.js';
import { AT, HOUR, MIN, mon, queueExample, queueOptions } from './queue.support.js';

const ms = (iso: string): number => Date.parse(iso);

describe('prioritizeQueue: the worked example of docs/queue.md', () => {
  const r = prioritizeQueue(deepFreeze(queueExample), queueOptions);
  const byId = Object.fromEntries(r.queue.map((t) => [t.id, t]));

  it('orders breached, near breach, then by score (VIP 4, first request 3.5, ties by oldest wait)', () => {
    expect(r.queue.map((t) => [t.rank, t.id, t.tier])).toEqual([
      [1, 'Q1', 'breached'],
      [2, 'Q5', 'near_breach'],
      [3, 'Q2', 'none'],
      [4, 'Q3', 'none'],
      [5, 'Q4', 'none'],
      [6, 'Q7', 'none'],
    ]);
  });

  it('gives each score with its parts', () => {
    expect(r.queue.map((t) => [t.id, t.score, t.why])).toEqual([
      ['Q1', 2, { segment: 0, waited: 2, breach: 0, firstRequest: 0 }],
      ['Q5', 5.5, { segment: 0, waited: 3.5, breach: 0, firstRequest: 2 }],
      ['Q2', 4, { segment: 3, waited: 1, breach: 0, firstRequest: 0 }],
      ['Q3', 3.5, { segment: 0, waited: 1.5, breach: 0, firstRequest: 2 }],
      ['Q4', 2.5, { segment: 0, waited: 2.5, breach: 0, firstRequest: 0 }],
      ['Q7', 2.5, { segment: 0, waited: 0.5, breach: 0, firstRequest: 2 }],
    ]);
    expect(byId.Q2!.segment).toBe('vip');
    expect(byId.Q3!.segment).toBeNull();
  });

  it('waits since the oldest unanswered customer message', () => {
    expect(byId.Q4!.waitingSinceMs).toBe(ms(mon('09:30')));
    expect(byId.Q4!.waitedMs).toBe(150 * MIN);
    expect(byId.Q4!.firstReplyMs).toBe(ms(mon('08:20')));
    expect(byId.Q7!.waitingSinceMs).toBe(ms(mon('11:30')));
    expect(byId.Q7!.status).toBe('on_hold');
    expect(byId.Q1!.waitedBusinessMs).toBeUndefined();
  });

  it('first requests: the earliest created ticket of each requester', () => {
    expect(r.queue.map((t) => [t.id, t.firstRequest])).toEqual([
      ['Q1', false],
      ['Q5', true],
      ['Q2', false],
      ['Q3', true],
      ['Q4', false],
      ['Q7', true],
    ]);
  });

  it('the next SLA due instant and the time left or overdue', () => {
    expect(byId.Q1!.sla).toEqual({ target: 'firstReply', cycle: 0, dueMs: ms(mon('11:00')), timeLeftMs: -HOUR, business: false, breached: true, nearBreach: false });
    expect(byId.Q5!.sla).toEqual({ target: 'firstReply', cycle: 0, dueMs: ms(mon('12:30')), timeLeftMs: 30 * MIN, business: false, breached: false, nearBreach: true });
    expect(byId.Q7!.sla).toEqual({ target: 'nextReply', cycle: 1, dueMs: ms(mon('13:30')), timeLeftMs: 90 * MIN, business: false, breached: false, nearBreach: false });
    expect(byId.Q4!.sla).toBeUndefined(); // low: first reply done, no next-reply target
  });

  it('lists the ticket waiting on the customer apart, and accounts for every ticket', () => {
    expect(r.waitingOnOthers.map((t) => [t.id, t.waitingOn, t.status, t.waitingSinceMs])).toEqual([['Q6', 'customer', 'pending', ms(mon('09:20'))]]);
    expect(r.excluded.byReason).toEqual({ resolved: 2, 'ineligible:spam': 1 });
    expect(r.excluded.ids).toEqual({ resolved: ['Q0', 'Q8'], 'ineligible:spam': ['Q9'] });
    expect(r.count).toBe(7);
    expect(r.count + r.excluded.total).toBe(queueExample.length);
    expect(r.at).toBe(ms(AT));
    expectClean(r);
  });

  it('without rules: breaches and near-breaches first, then longest waiting', () => {
    const d = prioritizeQueue(queueExample, { at: AT, policy: queueOptions.policy! });
    expect(d.queue.map((t) => t.id)).toEqual(['Q1', 'Q5', 'Q4', 'Q3', 'Q2', 'Q7']);
    const noTiers = prioritizeQueue(queueExample, { ...queueOptions, rules: { ...queueOptions.rules, tiers: false } });
    expect(noTiers.queue.map((t) => t.id)).toEqual(['Q5', 'Q2', 'Q3', 'Q4', 'Q7', 'Q1']);
  });

  it('the open next-reply cycle keeps its number; exactly at target is not a breach', () => {
    const t: Ticket = { id: 'N', priority: 'high', createdAt: mon('09:00'), events: [
      { type: 'message', at: mon('09:00'), author: 'customer' }, { type: 'message', at: mon('09:10'), author: 'agent' },
      { type: 'message', at: mon('10:00'), author: 'customer' }, { type: 'message', at: mon('10:20'), author: 'agent' },
      { type: 'message', at: mon('11:00'), author: 'customer' },
    ] };
    const r = prioritizeQueue([t], { at: AT, policy: queueOptions.policy! });
    expect(r.queue[0]!.sla).toEqual({ target: 'nextReply', cycle: 2, dueMs: ms(mon('12:00')), timeLeftMs: 0, business: false, breached: false, nearBreach: true });
    expect(r.queue[0]!.tier).toBe('near_breach');
  });

  it('breachWeight: points per hour inside the window before the breach', () => {
    const w = prioritizeQueue(queueExample, { at: AT, policy: queueOptions.policy!, rules: { waitWeight: 0, breachWeight: 1, breachWindowMs: 4 * HOUR, tiers: false } });
    // window 4 h: Q1 −1 h left → 5; Q5 0.5 h → 3.5; Q3 2.5 h → 1.5; Q7 1.5 h → 2.5; Q2 3 h → 1; Q4 no SLA → 0
    expect(w.queue.map((t) => [t.id, t.why.breach])).toEqual([['Q1', 5], ['Q5', 3.5], ['Q7', 2.5], ['Q3', 1.5], ['Q2', 1], ['Q4', 0]]);
  });
});

describe('prioritizeQueue: waiting on agent or customer', () => {
  const at = mon('12:00');
  const t = (id: string, events: unknown[], extra: object = {}): Ticket => ({ id, createdAt: mon('09:00'), ...extra, events } as Ticket);
  const cases: [string, unknown[], object, string | undefined][] = [
    ['new, nothing yet', [], {}, 'agent'],
    ['open, agent wrote last', [{ type: 'message', at: mon('09:00'), author: 'customer' }, { type: 'message', at: mon('09:10'), author: 'agent' }, { type: 'status', at: mon('09:10'), status: 'open' }], {}, 'customer'],
    ['pending, customer wrote after', [{ type: 'message', at: mon('09:10'), author: 'agent' }, { type: 'status', at: mon('09:10'), status: 'pending' }, { type: 'message', at: mon('10:00'), author: 'customer' }], {}, 'agent'],
    ['pending set at the customer message instant', [{ type: 'message', at: mon('10:00'), author: 'customer' }, { type: 'status', at: mon('10:00'), status: 'pending' }], {}, 'customer'],
    ['on-hold', [{ type: 'status', at: mon('09:30'), status: 'on_hold' }], {}, 'third_party'],
    ['agent-created, no answer', [{ type: 'message', at: mon('09:00'), author: 'agent' }], { createdBy: 'agent' }, 'customer'],
    ['internal note does not answer', [{ type: 'message', at: mon('09:00'), author: 'customer' }, { type: 'message', at: mon('09:10'), author: 'agent', public: false }], {}, 'agent'],
    ['bot does not answer', [{ type: 'message', at: mon('09:00'), author: 'customer' }, { type: 'message', at: mon('09:00'), author: 'bot' }], {}, 'agent'],
    ['reply at the very instant answers', [{ type: 'message', at: mon('09:00'), author: 'customer' }, { type: 'message', at: mon('09:00'), author: 'agent' }], {}, 'customer'],
    ['a reply at `at` counts, one after it does not', [{ type: 'message', at: mon('12:00'), author: 'agent' }], {}, 'customer'],
    ['a reply after `at` is not seen', [{ type: 'message', at: mon('09:00'), author: 'customer' }, { type: 'message', at: '2026-03-02T12:00:01Z', author: 'agent' }], {}, 'agent'],
    ['solved', [{ type: 'status', at: mon('10:00'), status: 'solved' }], {}, undefined],
  ];
  it.each(cases)('%s', (_name, events, extra, expected) => {
    const r = prioritizeQueue([t('X', events, extra)], { at });
    const open = [...r.queue, ...r.waitingOnOthers];
    if (expected === undefined) {
      expect(open).toEqual([]);
      expect(r.excluded.byReason).toEqual({ resolved: 1 });
    } else {
      expect(open.map((x) => x.waitingOn)).toEqual([expected]);
      expect(r.queue.length).toBe(expected === 'agent' ? 1 : 0);
    }
  });

  it('a solve answers the customer; a reopen by the customer puts the ticket back', () => {
    const r = prioritizeQueue([t('X', [
      { type: 'message', at: mon('09:00'), author: 'customer' },
      { type: 'status', at: mon('09:30'), status: 'solved' },
      { type: 'message', at: mon('11:00'), author: 'customer' },
      { type: 'status', at: mon('11:00'), status: 'open' },
    ])], { at });
    expect(r.queue.map((x) => [x.waitingSinceMs, x.firstReplyMs])).toEqual([[ms(mon('11:00')), undefined]]);
  });

  it('summary-only tickets and tickets created after at are excluded', () => {
    const r = prioritizeQueue([{ id: 'S', createdAt: mon('09:00'), status: 'open' }, t('L', [], { createdAt: mon('12:30') })], { at });
    expect(r.excluded.byReason).toEqual({ summary_only: 1, created_after: 1 });
  });
});

describe('prioritizeQueue: business hours', () => {
  const office = createSchedule({ timeZone: 'UTC', weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] } });
  const tickets: Ticket[] = [
    { id: 'F', priority: 'normal', createdAt: '2026-02-27T16:30:00Z', events: [{ type: 'message', at: '2026-02-27T16:30:00Z', author: 'customer' }] },
    { id: 'M', priority: 'normal', createdAt: '2026-03-02T09:00:00Z', events: [{ type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' }] },
  ];
  const policy = { targets: { normal: { firstReply: 2 * HOUR } } };

  it('waits and due instants in business time; the policy uses businessHours unless it has its own', () => {
    const r = prioritizeQueue(tickets, { at: '2026-03-02T09:45:00Z', businessHours: office, policy });
    const f = r.queue.find((x) => x.id === 'F')!;
    expect([f.waitedMs, f.waitedBusinessMs]).toEqual([65 * HOUR + 15 * MIN, 75 * MIN]);
    // Friday 16:30 + 2 business hours = Monday 10:30; 45 min left at 09:45 → near breach
    expect(f.sla).toEqual({ target: 'firstReply', cycle: 0, dueMs: ms('2026-03-02T10:30:00Z'), timeLeftMs: 45 * MIN, business: true, breached: false, nearBreach: true });
    // hours waited are business hours: F 1.25, M 0.75
    expect(r.queue.map((x) => [x.id, x.score])).toEqual([['F', 1.25], ['M', 0.75]]);
  });

  it('a business-hours target does not breach while the office is closed', () => {
    const r = prioritizeQueue(tickets, { at: '2026-03-02T08:00:00Z', businessHours: office, policy });
    const f = r.queue[0]!;
    expect(f.sla?.timeLeftMs).toBe(90 * MIN);
    // nothing of the target runs between 08:00 and 09:00: not near breach yet
    expect(f.sla?.nearBreach).toBe(false);
    expect(f.tier).toBe('none');
  });
});

describe('prioritizeQueue: first requests across the whole input', () => {
  it('an array read in batches (more than 32,768 tickets) and its prepared set agree', () => {
    const n = 70_000;
    const base = Date.parse(mon('00:00'));
    const tickets: Ticket[] = Array.from({ length: n }, (_, i) => ({ id: `T${String(i).padStart(5, '0')}`, requesterId: `u${i % 1000}`, createdAt: base + (n - i) * 1000, events: [] }));
    // u7's earliest ticket is the last one (created first); the same instant twice for u8: the smaller id wins.
    tickets[n - 2] = { ...tickets[n - 2]!, requesterId: 'u8', createdAt: base + 1000 };
    tickets[8] = { ...tickets[8]!, createdAt: base + 1000 };
    const raw = prioritizeQueue(tickets, { at: AT });
    const firsts = raw.queue.filter((t) => t.firstRequest).map((t) => t.id);
    expect(firsts.length).toBe(1000);
    expect(firsts).toContain(`T${n - 993}`); // u7: i = 69,007, created earliest of its 70
    expect(firsts).toContain('T00008'); // u8: T00008 and T69998 at the same instant
    expect(firsts).not.toContain('T69998');
    expect(prioritizeQueue(prepareTickets(tickets), { at: AT })).toEqual(raw);
  }, 30_000);
});

describe('prioritizeQueue: options and errors', () => {
  const one: Ticket[] = [{ id: 'A', createdAt: mon('09:00'), requesterId: 'u', events: [] }];

  it('requires at, and rejects unknown keys (also by, in rules and in the policy)', () => {
    expect(metricsErrorOf(() => prioritizeQueue(one, {} as never)).field).toBe('at');
    expect(metricsErrorOf(() => prioritizeQueue(one, undefined as never)).field).toBe('options');
    expect(metricsErrorOf(() => prioritizeQueue(one, { at: AT, by: 'channel' } as never)).field).toBe('by');
    const e = metricsErrorOf(() => prioritizeQueue(one, { at: AT, rules: { waitWieght: 2 } } as never));
    expect([e.field, e.message]).toEqual(['rules.waitWieght', expect.stringContaining('did you mean "waitWeight"?')]);
    expect(metricsErrorOf(() => prioritizeQueue(one, { at: AT, policy: { targets: {}, at: AT } } as never)).field).toBe('policy.at');
    expect(metricsErrorOf(() => prioritizeQueue(one, { at: AT, policy: { targets: { a: { firstReply: -1 } } } })).field).toBe('policy.targets.a.firstReply');
    expect(metricsErrorOf(() => prioritizeQueue(one, { at: AT, policy: 5 } as never)).field).toBe('policy');
  });

  it('validates the rules', () => {
    expect(metricsErrorOf(() => prioritizeQueue(one, { at: AT, rules: { waitWeight: Infinity } })).field).toBe('rules.waitWeight');
    expect(metricsErrorOf(() => prioritizeQueue(one, { at: AT, rules: { segmentWeights: { vip: 1 } } })).field).toBe('rules.segmentWeights');
    expect(metricsErrorOf(() => prioritizeQueue(one, { at: AT, rules: { segment: 'plan' as never } })).field).toBe('rules.segment');
    expect(metricsErrorOf(() => prioritizeQueue(one, { at: AT, rules: { segment: 'channel', segmentWeights: { x: '1' as never } } })).field).toBe('rules.segmentWeights.x');
    expect(metricsErrorOf(() => prioritizeQueue(one, { at: AT, rules: { tiers: 'yes' as never } })).field).toBe('rules.tiers');
  });

  it('segments: a key function, tags take the largest weight, __proto__ is data', () => {
    const tickets: Ticket[] = [
      { id: 'A', createdAt: mon('09:00'), tags: ['free', 'vip'], events: [] },
      { id: 'B', createdAt: mon('09:00'), tags: ['__proto__'], events: [] },
      { id: 'C', createdAt: mon('09:00'), events: [] },
    ];
    const weights = JSON.parse('{"vip": 5, "free": -1, "__proto__": 2}') as Record<string, number>;
    const r = prioritizeQueue(tickets, { at: AT, rules: { segment: 'tags', segmentWeights: weights, waitWeight: 0 } });
    expect(r.queue.map((t) => [t.id, t.segment, t.score])).toEqual([['A', 'vip', 5], ['B', '__proto__', 2], ['C', null, 0]]);
    const f = prioritizeQueue(tickets, { at: AT, rules: { segment: (t) => (t.id === 'C' ? 'gold' : null), segmentWeights: { gold: 1 }, waitWeight: 0 } });
    expect(f.queue.map((t) => t.id)).toEqual(['C', 'A', 'B']);
  });

  it('a segment function that throws: a MetricsError naming the ticket, or an exclusion', () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    const e = metricsErrorOf(() => prioritizeQueue(one, { at: AT, rules: { segment: boom } }));
    expect([e.code, e.recordId, e.field]).toEqual(['callback_failed', 'A', 'rules.segment']);
    expect(e).toBeInstanceOf(MetricsError);
    const r = prioritizeQueue(one, { at: AT, invalid: 'exclude', rules: { segment: boom } });
    expect(r.excluded.byReason).toEqual({ 'invalid:callback_failed': 1 });
    const bad = prioritizeQueue(one, { at: AT, invalid: 'exclude', rules: { segment: () => ({}) as never } });
    expect(bad.excluded.byReason).toEqual({ 'invalid:invalid_value': 1 });
  });
});
