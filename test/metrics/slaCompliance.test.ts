import { describe, expect, it } from 'vitest';
import { createSchedule } from '../../src/calendar/index.js';
import { slaCompliance, type SlaPolicy } from '../../src/metrics/slaCompliance/index.js';
import type { Ticket } from '../../src/model/index.js';
import { MetricsError } from '../../src/results/errors.js';

const MIN = 60_000;
const H = 3_600_000;
const ms = (iso: string): number => Date.parse(iso);
const msg = (at: string, author: 'customer' | 'agent', extra: object = {}) => ({ type: 'message' as const, at, author, ...extra });
const st = (at: string, status: string) => ({ type: 'status' as const, at, status });

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

// The worked example of docs/business-hours.md § SLA compliance (calendar time).
const tickets: Ticket[] = deepFreeze([
  { id: 'A', priority: 'high', createdAt: '2026-03-02T09:00:00Z', events: [
    msg('2026-03-02T09:00:00Z', 'customer'),
    msg('2026-03-02T09:40:00Z', 'agent'),
    msg('2026-03-02T10:00:00Z', 'customer'),
    msg('2026-03-02T10:45:00Z', 'agent'),
    st('2026-03-02T10:45:00Z', 'pending'),
    msg('2026-03-02T11:00:00Z', 'customer'),
    st('2026-03-02T11:00:00Z', 'open'),
    msg('2026-03-02T11:10:00Z', 'agent'),
    st('2026-03-02T12:00:00Z', 'solved'),
  ] },
  { id: 'B', priority: 'high', createdAt: '2026-03-02T09:00:00Z', events: [
    msg('2026-03-02T09:00:00Z', 'customer'),
    msg('2026-03-02T09:20:00Z', 'agent', { public: false }),
    st('2026-03-02T09:30:00Z', 'pending'),
  ] },
  { id: 'C', priority: 'high', createdAt: '2026-03-03T11:00:00Z', events: [msg('2026-03-03T11:00:00Z', 'customer')] },
  { id: 'D', priority: 'low', createdAt: '2026-03-02T09:00:00Z', events: [
    msg('2026-03-02T09:00:00Z', 'customer'),
    msg('2026-03-02T12:00:00Z', 'agent'),
  ] },
  { id: 'E', createdAt: '2026-03-02T09:00:00Z', events: [] },
  { id: 'F', priority: 'urgent', createdAt: '2026-03-02T09:00:00Z', events: [] },
  { id: 'G', priority: 'low', createdBy: 'agent', createdAt: '2026-03-02T09:00:00Z', events: [msg('2026-03-02T09:00:00Z', 'agent')] },
  { id: 'H', priority: 'high', createdAt: '2026-03-02T09:00:00Z', events: [
    msg('2026-03-02T09:00:00Z', 'customer'),
    msg('2026-03-02T09:30:00Z', 'agent'),
    st('2026-03-02T10:00:00Z', 'solved'),
    msg('2026-03-02T14:00:00Z', 'customer'),
    st('2026-03-02T14:00:00Z', 'open'),
    msg('2026-03-02T14:20:00Z', 'agent'),
    st('2026-03-03T09:00:00Z', 'solved'),
  ] },
]);

const policy: SlaPolicy = deepFreeze({
  targets: {
    high: { firstReply: H, nextReply: 30 * MIN, resolution: 8 * H },
    low: { firstReply: 4 * H },
  },
  at: '2026-03-03T12:00:00Z',
});

describe('slaCompliance worked example', () => {
  const r = slaCompliance(tickets, policy);
  const byId = Object.fromEntries(r.tickets.map((t) => [t.id, t]));

  it('accounts for every ticket', () => {
    expect(r.count).toBe(5);
    expect(r.excluded.byReason).toEqual({ no_priority: 1, no_policy: 1, no_targets: 1 });
    expect(r.count + r.excluded.total).toBe(tickets.length);
  });

  it('A: FRT met, NRT cycle 1 breached by 15 min, cycle 2 met; resolution met with the pending time paused', () => {
    const a = byId.A!;
    expect(a.status).toBe('breached');
    expect(a.targets.map((t) => [t.target, t.cycle, t.status, t.elapsedMs, t.lateMs])).toEqual([
      ['firstReply', 0, 'met', 40 * MIN, undefined],
      ['nextReply', 1, 'breached', 45 * MIN, 15 * MIN],
      ['nextReply', 2, 'met', 10 * MIN, undefined],
      ['resolution', 0, 'met', 2 * H + 45 * MIN, undefined],
    ]);
    expect(a.targets[1]?.dueMs).toBe(ms('2026-03-02T10:30:00Z'));
    expect(a.targets[3]?.completedMs).toBe(ms('2026-03-02T12:00:00Z'));
  });

  it('B: no public reply by `at`: FRT running and already breached by 26 h; resolution paused (pending)', () => {
    const b = byId.B!;
    expect(b.targets.map((t) => [t.target, t.status, t.elapsedMs, t.lateMs, t.dueMs])).toEqual([
      ['firstReply', 'breached', 27 * H, 26 * H, ms('2026-03-02T10:00:00Z')],
      ['resolution', 'pending', 30 * MIN, undefined, undefined],
    ]);
  });

  it('C: exactly at its target at `at`: still pending, due now', () => {
    const c = byId.C!;
    expect(c.status).toBe('pending');
    expect(c.targets.map((t) => [t.target, t.status, t.dueMs])).toEqual([
      ['firstReply', 'pending', ms('2026-03-03T12:00:00Z')],
      ['resolution', 'pending', ms('2026-03-03T19:00:00Z')],
    ]);
  });

  it('H: solved, reopened by the customer, solved again: resolution 20 h against 8 h', () => {
    const h = byId.H!;
    const res = h.targets.find((t) => t.target === 'resolution')!;
    expect(res).toMatchObject({ status: 'breached', elapsedMs: 20 * H, lateMs: 12 * H, dueMs: ms('2026-03-02T21:00:00Z') });
    expect(h.targets.filter((t) => t.target === 'nextReply').map((t) => [t.status, t.elapsedMs])).toEqual([['met', 20 * MIN]]);
  });

  it('summaries: achieved / (achieved + breached), pending apart; overall by ticket; per priority', () => {
    expect([r.byTarget.firstReply.achieved, r.byTarget.firstReply.breached, r.byTarget.firstReply.pending]).toEqual([3, 1, 1]);
    expect(r.byTarget.firstReply.rate.rate).toBe(0.75);
    expect([r.byTarget.nextReply.achieved, r.byTarget.nextReply.breached]).toEqual([2, 1]);
    expect(r.byTarget.nextReply.rate).toMatchObject({ numerator: 2, denominator: 3 });
    expect([r.byTarget.resolution.achieved, r.byTarget.resolution.breached, r.byTarget.resolution.pending]).toEqual([1, 1, 2]);
    expect([r.overall.achieved, r.overall.breached, r.overall.pending]).toEqual([1, 3, 1]);
    expect(r.overall.rate.rate).toBe(0.25);
    expect(r.byPriority.high?.overall).toMatchObject({ achieved: 0, breached: 3, pending: 1 });
    expect(r.byPriority.high?.overall.rate.rate).toBe(0);
    expect(r.byPriority.low?.overall.rate.rate).toBe(1);
    expect(r.byPriority.low?.byTarget.resolution.rate.rate).toBeUndefined();
  });

  it('evaluated earlier (`at` = Monday 10:30): later events ignored, the open NRT cycle is pending', () => {
    const early = slaCompliance([tickets[0]!], { ...policy, at: '2026-03-02T10:30:00Z' });
    expect(early.tickets[0]?.targets.map((t) => [t.target, t.status, t.elapsedMs])).toEqual([
      ['firstReply', 'met', 40 * MIN],
      ['nextReply', 'pending', 30 * MIN],
      ['resolution', 'pending', 90 * MIN],
    ]);
  });

  it('defaultPriority takes in tickets without one', () => {
    const r2 = slaCompliance(tickets, { ...policy, defaultPriority: 'low' });
    expect(r2.excluded.byReason).toEqual({ no_policy: 1, no_targets: 1 });
    expect(r2.tickets.find((t) => t.id === 'E')).toMatchObject({ priority: 'low', status: 'breached' });
  });
});

describe('slaCompliance in business hours', () => {
  const nine = [['09:00', '17:00']] as const;
  const office = createSchedule({ timeZone: 'UTC', weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine } });

  it('Friday 16:00, reply Monday 12:00: 4 business hours, met at the due instant; 16:30 → 09:45 breached by 15 min', () => {
    const r = slaCompliance(
      [
        { id: 1, priority: 'p', createdAt: '2026-03-06T16:00:00Z', events: [msg('2026-03-06T16:00:00Z', 'customer'), msg('2026-03-09T12:00:00Z', 'agent')] },
        { id: 2, priority: 'q', createdAt: '2026-03-06T16:30:00Z', events: [msg('2026-03-06T16:30:00Z', 'customer'), msg('2026-03-09T09:45:00Z', 'agent')] },
        { id: 3, priority: 'p', createdAt: '2026-03-07T10:00:00Z', events: [msg('2026-03-07T10:00:00Z', 'customer'), msg('2026-03-07T11:00:00Z', 'agent')] },
      ],
      { targets: { p: { firstReply: 4 * H }, q: { firstReply: H, resolution: { targetMs: H, businessHours: false } } }, businessHours: office, at: '2026-03-09T18:00:00Z' },
    );
    expect(r.tickets[0]?.targets[0]).toMatchObject({ status: 'met', elapsedMs: 4 * H, dueMs: ms('2026-03-09T12:00:00Z'), business: true });
    expect(r.tickets[1]?.targets[0]).toMatchObject({ status: 'breached', elapsedMs: 75 * MIN, lateMs: 15 * MIN, dueMs: ms('2026-03-09T09:30:00Z') });
    // Calendar resolution target: created Fri 16:30, never solved, evaluated Mon 18:00.
    expect(r.tickets[1]?.targets[1]).toMatchObject({ status: 'breached', business: false, elapsedMs: 73.5 * H, lateMs: 72.5 * H });
    // Created and answered on Saturday: 0 business time.
    expect(r.tickets[2]?.targets[0]).toMatchObject({ status: 'met', elapsedMs: 0 });
  });
});

describe('slaCompliance bad input', () => {
  it('names the field', () => {
    const bad = (p: unknown): MetricsError => {
      try {
        slaCompliance([], p as SlaPolicy);
      } catch (e) {
        return e as MetricsError;
      }
      throw new Error('no error');
    };
    expect(bad({ targets: { high: { firstReply: -1 } } })).toMatchObject({ code: 'out_of_range', field: 'targets.high.firstReply' });
    expect(bad({ targets: { high: { firstResponse: 1 } } })).toMatchObject({ code: 'invalid_option', field: 'targets.high.firstResponse' });
    expect(bad({ targets: {}, defaultPriority: 'x' })).toMatchObject({ field: 'defaultPriority' });
    expect(bad({ targets: {}, pauseStatuses: ['waiting'] })).toMatchObject({ field: 'pauseStatuses' });
    expect(bad({ targets: {}, businessHours: {} })).toMatchObject({ code: 'invalid_argument', field: 'businessHours' });
    expect(bad({ targets: {}, at: 'soon' })).toMatchObject({ field: 'at' });
  });

  it("invalid: 'exclude' keeps the count honest", () => {
    const r = slaCompliance([{ id: 'x', priority: 'low', createdAt: 'never', events: [] } as never], { targets: { low: { firstReply: H } }, invalid: 'exclude' });
    expect(r.excluded.byReason).toEqual({ 'invalid:invalid_timestamp': 1 });
  });
});
