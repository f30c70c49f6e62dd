/**
 * timeInStatus properties:
 * - requester wait + agent wait = full resolution time, for tickets that are only ever new, open, pending,
 *   on-hold or solved (Zendesk's definitions; calendar and business time);
 * - the status intervals of a ticket tile its window: the six statuses' times add up to it exactly, in calendar
 *   and in business time, with and without `at`;
 * - a brute-force replay (hour by hour over the raw events, with the documented same-instant rule) agrees for
 *   any list of statuses, calendar and business time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDuration } from '../../src/calendar/index.js';
import { resolutionTime } from '../../src/metrics/resolutionTime/index.js';
import { timeInStatus } from '../../src/metrics/timeInStatus/index.js';
import type { Ticket, TicketEvent, TicketStatus } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';
import { office } from '../support/vendorExamples.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2); // a Monday
const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

/** One ticket with events at whole hours (several at one instant often), statuses from `allowed`. */
const ticketArb = (allowed: readonly TicketStatus[]): fc.Arbitrary<Ticket> =>
  fc
    .record({
      createdH: fc.integer({ min: 0, max: 200 }),
      events: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 60 }), s: fc.constantFrom(...allowed) }).map((e) => ({ kind: 'status' as const, ...e })) },
          { weight: 1, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 60 }), who: fc.constantFrom('customer', 'agent') as fc.Arbitrary<'customer' | 'agent'> }).map((e) => ({ kind: 'message' as const, ...e })) },
        ),
        { maxLength: 10 },
      ),
    })
    .map(({ createdH, events }) => {
      const created = T0 + createdH * HOUR;
      const ev: TicketEvent[] = events.map((e) =>
        e.kind === 'status' ? { type: 'status', at: created + e.dh * HOUR, status: e.s } : { type: 'message', at: created + e.dh * HOUR, author: e.who },
      );
      return { id: `T${createdH}-${events.length}`, createdAt: created, events: ev };
    });

const ticketsArb = (allowed: readonly TicketStatus[]): fc.Arbitrary<Ticket[]> =>
  fc.array(ticketArb(allowed), { maxLength: 12 }).map((ts) => ts.map((t, i) => ({ ...t, id: `T-${i}` })));

/** The oracle's replay: the status after each instant (the highest status index among its changes). */
function replay(t: Ticket): { times: number[]; after: number[]; end: number; resolved: boolean } {
  const byInstant = new Map<number, number>();
  let lastSolved = NaN;
  let lastClosed = NaN;
  for (const e of t.events ?? []) {
    if (e.type !== 'status') continue;
    const at = e.at as number;
    const k = STATUSES.indexOf(e.status as TicketStatus);
    byInstant.set(at, Math.max(byInstant.get(at) ?? -1, k));
    if (k === 4 && !(at <= lastSolved)) lastSolved = at;
    if (k === 5 && !(at <= lastClosed)) lastClosed = at;
  }
  const times = [...byInstant.keys()].sort((a, b) => a - b);
  const after = times.map((x) => byInstant.get(x) as number);
  const resolved = after.length > 0 && (after[after.length - 1] as number) >= 4;
  return { times, after, end: lastSolved === lastSolved ? lastSolved : lastClosed, resolved };
}

/** The status during the hour starting at `h`. */
function statusDuring(r: { times: number[]; after: number[] }, h: number): number {
  let s = 0;
  for (let i = 0; i < r.times.length && (r.times[i] as number) <= h; i++) s = r.after[i] as number;
  return s;
}

/** Whether the hour starting at `h` is open on the office schedule (Mon–Fri 09–17 UTC). */
function officeHour(h: number): boolean {
  const d = new Date(h);
  const wd = d.getUTCDay();
  const hr = d.getUTCHours();
  return wd >= 1 && wd <= 5 && hr >= 9 && hr < 17;
}

/** Brute force: hours in the counted statuses within [created, end). */
function oracle(t: Ticket, mask: readonly boolean[], end: number, business: boolean): number {
  const r = replay(t);
  let total = 0;
  for (let h = t.createdAt as number; h < end; h += HOUR) {
    if (mask[statusDuring(r, h)] === true && (!business || officeHour(h))) total += HOUR;
  }
  return total;
}

const one = (t: Ticket, options: Parameters<typeof timeInStatus>[1]): number | undefined => {
  const r = timeInStatus([t], options);
  return r.count === 1 ? (r.totalMs as number) : undefined;
};

describe('timeInStatus properties', () => {
  it('requester wait + agent wait = full resolution time (new/open/pending/on-hold/solved tickets), calendar and business', () => {
    fc.assert(
      fc.property(ticketsArb(['new', 'open', 'pending', 'on_hold', 'solved']), (tickets) => {
        for (const t of tickets) {
          const full = resolutionTime([t]);
          const rw = one(t, { definition: 'requesterWait' });
          const aw = one(t, { definition: 'agentWait' });
          if (full.count === 0) {
            expect([rw, aw]).toEqual([undefined, undefined]);
            continue;
          }
          expect((rw as number) + (aw as number)).toBe(full.totalMs);
          const end = (t.createdAt as number) + (full.totalMs as number);
          const rwb = one(t, { definition: 'requesterWait', businessHours: office }) as number;
          const awb = one(t, { definition: 'agentWait', businessHours: office }) as number;
          expect(rwb + awb).toBe(businessDuration(t.createdAt, end, office));
        }
      }),
      fcParams(150),
    );
  }, 30_000);

  it('the status intervals tile the window: the six statuses add up to it, calendar and business, with and without at', () => {
    fc.assert(
      fc.property(ticketsArb(STATUSES), fc.integer({ min: 0, max: 260 }), (tickets, atH) => {
        const at = T0 + atH * HOUR;
        for (const t of tickets) {
          const parts = STATUSES.map((s) => one(t, { statuses: [s] }));
          const full = resolutionTime([t]);
          if (full.count === 1) {
            expect(parts.reduce((a, b) => (a as number) + (b as number), 0)).toBe(full.totalMs);
            const end = (t.createdAt as number) + (full.totalMs as number);
            const biz = STATUSES.map((s) => one(t, { statuses: [s], businessHours: office }) as number);
            expect(biz.reduce((a, b) => a + b, 0)).toBe(businessDuration(t.createdAt, end, office));
          } else {
            expect(parts.every((p) => p === undefined)).toBe(true);
          }
          if ((t.createdAt as number) > at) continue;
          // As of `at`, unresolved tickets measured to it: the window is [created, final resolution or at).
          const asOf = STATUSES.map((s) => one(t, { statuses: [s], at, includeUnresolved: true }) as number);
          const all = one(t, { statuses: STATUSES, at, includeUnresolved: true }) as number;
          expect(asOf.reduce((a, b) => a + b, 0)).toBe(all);
          expect(all).toBeLessThanOrEqual(at - (t.createdAt as number));
        }
      }),
      fcParams(100),
    );
  }, 30_000);

  it('agrees with a brute-force replay for any statuses, calendar and business time', () => {
    fc.assert(
      fc.property(ticketsArb(STATUSES), fc.subarray([...STATUSES], { minLength: 1 }), fc.boolean(), fc.boolean(), (tickets, statuses, reopened, business) => {
        const mask = STATUSES.map((s) => statuses.includes(s) || (reopened && (s === 'solved' || s === 'closed')));
        const r = timeInStatus(tickets, { statuses, includeReopenedSolves: reopened, ...(business ? { businessHours: office } : {}) });
        let count = 0;
        let total = 0;
        const unresolved: string[] = [];
        for (const t of tickets) {
          const rp = replay(t);
          if (!rp.resolved) {
            unresolved.push(t.id as string);
            continue;
          }
          count++;
          total += oracle(t, mask, rp.end, business);
        }
        expect(r.count).toBe(count);
        expect(r.totalMs ?? 0).toBe(total);
        expect(r.excluded.ids.unresolved ?? []).toEqual(unresolved);
      }),
      fcParams(150),
    );
  }, 30_000);

  it("the named definitions are their statuses (requesterWait with the reopened solves)", () => {
    fc.assert(
      fc.property(ticketsArb(STATUSES), (tickets) => {
        const same = (a: ReturnType<typeof timeInStatus>, b: ReturnType<typeof timeInStatus>): void => expect([a.count, a.totalMs]).toEqual([b.count, b.totalMs]);
        same(timeInStatus(tickets, { definition: 'requesterWait' }), timeInStatus(tickets, { statuses: ['new', 'open', 'on_hold', 'solved', 'closed'] }));
        same(timeInStatus(tickets, { definition: 'agentWait' }), timeInStatus(tickets, { statuses: ['pending'] }));
        same(timeInStatus(tickets, { definition: 'onHold' }), timeInStatus(tickets, { statuses: ['on_hold'] }));
        same(timeInStatus(tickets, { definition: 'agentWork' }), timeInStatus(tickets, { statuses: ['new', 'open'] }));
      }),
      fcParams(60),
    );
  }, 30_000);
});
