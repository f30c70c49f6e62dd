import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSchedule, type Schedule } from '../../src/calendar/index.js';
import { prioritizeQueue, type PrioritizeQueueOptions, type PrioritizeQueueResult, type QueueTicket } from '../../src/metrics/prioritizeQueue/index.js';
import { slaCompliance } from '../../src/metrics/slaCompliance/index.js';
import type { Ticket } from '../../src/model/index.js';
import { prepareTickets } from '../../src/pipeline/ticketSource.js';
import { fcParams } from '../support/fc.js';
import { DAY, pipelineTicketsArb } from '../support/pipelineArb.js';
import { atArb, HOUR, queueTicketsArb, T0 } from '../support/queueArb.js';
import { oracleFirsts, oracleState } from './queue.oracle.js';

const office: Schedule = createSchedule({
  timeZone: 'Europe/Berlin',
  weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '12:00'], ['13:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '15:00']] },
  holidays: ['2026-03-06'],
});

const targetArb = fc.integer({ min: 0, max: 48 }).map((h) => h * HOUR);
const optionsArb: fc.Arbitrary<PrioritizeQueueOptions> = fc
  .record({
    at: fc.oneof({ weight: 4, arbitrary: atArb }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 41 * 24 }).map((h) => T0 + h * HOUR) }),
    business: fc.boolean(),
    withPolicy: fc.boolean(),
    fr: targetArb,
    nr: targetArb,
    rs: targetArb,
    defaultPriority: fc.boolean(),
    rules: fc.option(
      fc.record({
        waitWeight: fc.integer({ min: 0, max: 3 }),
        breachWeight: fc.integer({ min: 0, max: 3 }),
        firstRequestBoost: fc.integer({ min: 0, max: 5 }),
        tiers: fc.boolean(),
        vip: fc.integer({ min: -5, max: 5 }),
      }),
      { nil: undefined },
    ),
  })
  .map((o) => ({
    at: o.at,
    invalid: 'exclude' as const,
    ...(o.business ? { businessHours: office } : {}),
    ...(o.withPolicy
      ? { policy: { targets: { high: { firstReply: o.fr, nextReply: o.nr, resolution: o.rs }, low: { firstReply: o.fr } }, ...(o.defaultPriority ? { defaultPriority: 'low' } : {}) } }
      : {}),
    ...(o.rules === undefined
      ? {}
      : { rules: { segment: 'fields.plan' as const, segmentWeights: { pro: o.rules.vip }, waitWeight: o.rules.waitWeight, breachWeight: o.rules.breachWeight, firstRequestBoost: o.rules.firstRequestBoost, tiers: o.rules.tiers } }),
  }));

/** Mostly queue-shaped tickets; sometimes the pipeline's (summary forms, bad records, assignments). */
const ticketsArb = fc.oneof({ weight: 4, arbitrary: queueTicketsArb }, { weight: 1, arbitrary: pipelineTicketsArb });

const TIER = { breached: 2, near_breach: 1, none: 0 } as const;

/** The documented order: tier (when on), score, oldest wait, oldest ticket, id; negative when a goes first. */
function order(a: QueueTicket, b: QueueTicket, tiers: boolean): number {
  return (tiers ? TIER[b.tier] - TIER[a.tier] : 0) || b.score - a.score || a.waitingSinceMs - b.waitingSinceMs || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const open = (r: PrioritizeQueueResult) => [...r.queue, ...r.waitingOnOthers];
/** Excluded ids, sorted; `#<index>` labels (records without an id) name input positions, so they are left out. */
const sorted = (ids: readonly string[] | undefined) => (ids ?? []).filter((id) => !id.startsWith('#')).sort();

describe('prioritizeQueue properties', () => {
  it('the queue is a strict total order, independent of input order; every ticket is accounted for', () => {
    fc.assert(
      fc.property(ticketsArb.chain((t) => fc.tuple(fc.constant(t), fc.shuffledSubarray(t, { minLength: t.length, maxLength: t.length }))), optionsArb, ([tickets, shuffled], options) => {
        const r = prioritizeQueue(tickets, options);
        expect(r.count).toBe(r.queue.length + r.waitingOnOthers.length);
        expect(r.count + r.excluded.total).toBe(tickets.length);
        const tiers = options.rules?.tiers ?? true;
        for (let i = 1; i < r.queue.length; i++) expect(order(r.queue[i - 1]!, r.queue[i]!, tiers)).toBeLessThan(0);
        r.queue.forEach((t, i) => {
          expect(t.rank).toBe(i + 1);
          expect(t.score).toBe(t.why.segment + t.why.waited + t.why.breach + t.why.firstRequest);
        });
        const s = prioritizeQueue(shuffled, options);
        expect(s.queue).toEqual(r.queue);
        expect(s.waitingOnOthers).toEqual(r.waitingOnOthers);
        expect(s.excluded.byReason).toEqual(r.excluded.byReason);
        for (const reason of Object.keys(r.excluded.ids)) expect(sorted(s.excluded.ids[reason as never])).toEqual(sorted(r.excluded.ids[reason as never]));
      }),
      fcParams(60),
    );
  }, 30_000);

  it('tickets waiting on the customer are never in the queue (oracle: the documented rule on the raw events); first requests', () => {
    fc.assert(
      fc.property(ticketsArb, optionsArb, (tickets, options) => {
        const r = prioritizeQueue(tickets, options);
        const at = options.at as number;
        const byId = new Map(tickets.filter((t) => t !== null && typeof t === 'object').map((t) => [String(t.id), t]));
        const firsts = oracleFirsts(tickets, at);
        for (const t of r.queue) expect(t.waitingOn).toBe('agent');
        for (const t of r.waitingOnOthers) expect(t.waitingOn).not.toBe('agent');
        for (const t of open(r)) {
          const raw = byId.get(t.id) as Ticket & { events: never[]; createdAt: number };
          expect({ id: t.id, open: true, waitingOn: t.waitingOn, sinceMs: t.waitingSinceMs }).toEqual({ id: t.id, ...oracleState(raw, at) });
          const req = raw.requesterId;
          expect(t.firstRequest).toBe(req === undefined ? undefined : firsts.get(String(req)) === t.id);
        }
        for (const id of r.excluded.ids.resolved ?? []) expect(oracleState(byId.get(id) as never, at).open).toBe(false);
      }),
      fcParams(80),
    );
  }, 30_000);

  it('a prepared set gives the same result as the array', () => {
    fc.assert(
      fc.property(ticketsArb, optionsArb, (tickets, options) => {
        const { invalid: _read, ...rest } = options;
        expect(prioritizeQueue(prepareTickets(tickets, { invalid: 'exclude' }), rest)).toEqual(prioritizeQueue(tickets, options));
      }),
      fcParams(40),
    );
  }, 30_000);

  it('under the default rules a ticket’s score never decreases as `at` advances while it stays unanswered', () => {
    fc.assert(
      fc.property(ticketsArb, optionsArb, fc.integer({ min: 1, max: 10 * 24 * 60 }), (tickets, options, minutes) => {
        const { rules: _rules, ...base } = options;
        const at1 = options.at as number;
        const r1 = prioritizeQueue(tickets, base);
        const byId = new Map(tickets.filter((t) => t !== null && typeof t === 'object').map((t) => [String(t.id), t]));
        // Advance to the earliest next event of a queue ticket (exclusive), at most `minutes` later.
        let at2 = at1 + minutes * 60_000;
        for (const t of r1.queue) for (const e of (byId.get(t.id) as unknown as { events: { at: number }[] }).events) if (e.at > at1 && e.at <= at2) at2 = e.at - 1;
        fc.pre(at2 > at1);
        const r2 = new Map(prioritizeQueue(tickets, { ...base, at: at2 }).queue.map((t) => [t.id, t]));
        for (const t of r1.queue) {
          const later = r2.get(t.id);
          expect(later?.waitingSinceMs).toBe(t.waitingSinceMs);
          expect(later!.waitedMs).toBe(t.waitedMs + (at2 - at1));
          expect(later!.score).toBeGreaterThanOrEqual(t.score);
          expect(TIER[later!.tier]).toBeGreaterThanOrEqual(TIER[t.tier]);
        }
      }),
      fcParams(60),
    );
  }, 30_000);

  it('SLA due instants and time left agree with slaCompliance', () => {
    fc.assert(
      fc.property(ticketsArb, optionsArb, (tickets, options) => {
        fc.pre(options.policy !== undefined);
        const r = prioritizeQueue(tickets, options);
        const businessHours = options.policy!.businessHours ?? options.businessHours;
        const sla = slaCompliance(tickets, { ...options.policy!, ...(businessHours === undefined ? {} : { businessHours }), at: options.at, invalid: 'exclude' });
        const targets = new Map(sla.tickets.map((t) => [t.id, t.targets]));
        for (const t of open(r)) {
          // Running at `at`: not completed, and (resolution) not in a pause status (the default pending, on-hold).
          const paused = t.status === 'pending' || t.status === 'on_hold';
          const running = (targets.get(t.id) ?? []).filter((x) => x.completedMs === undefined && (x.target !== 'resolution' || !paused));
          if (t.sla === undefined) continue;
          const x = running.find((y) => y.target === t.sla!.target && y.cycle === t.sla!.cycle);
          expect(x).toBeDefined();
          expect([x!.dueMs, x!.targetMs - x!.elapsedMs, x!.status === 'breached']).toEqual([t.sla.dueMs, t.sla.timeLeftMs, t.sla.timeLeftMs < 0]);
          const least = Math.min(...running.map((y) => y.targetMs - y.elapsedMs));
          expect(t.sla.timeLeftMs).toBe(least);
          expect(t.sla.breached).toBe(running.some((y) => y.status === 'breached'));
        }
      }),
      fcParams(60),
    );
  }, 30_000);
});

// A week of real-looking tickets stays fast and exact with business hours (the generator's own shapes).
describe('prioritizeQueue on generated tickets', () => {
  it('waits are at − since, business waits never exceed them', async () => {
    const { generateTickets } = await import('../../bench/generate.js');
    const tickets = generateTickets(400, 11, { days: 7, startMs: T0 });
    const r = prioritizeQueue(tickets, { at: T0 + 7 * DAY, businessHours: office });
    for (const t of [...r.queue, ...r.waitingOnOthers]) {
      expect(t.waitedMs).toBe(T0 + 7 * DAY - t.waitingSinceMs);
      expect(t.waitedBusinessMs).toBeLessThanOrEqual(t.waitedMs);
    }
    expect(r.count + r.excluded.total).toBe(400);
  }, 15_000);
});
