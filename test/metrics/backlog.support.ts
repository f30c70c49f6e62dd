/**
 * fast-check arbitraries shared by the outcome metrics' property tests: random ticket histories in the events
 * form (any order of statuses, same-instant updates, reopens, closes before solves) and a brute-force replay.
 */
import fc from 'fast-check';
import type { Ticket, TicketEvent, TicketStatus } from '../../src/model/index.js';

export const T0 = Date.UTC(2026, 2, 1);
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

export function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}

/** Offsets are in hours (coarse, so same-instant collisions happen often). */
const eventArb = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), dh: fc.integer({ min: 0, max: 24 * 20 }), status: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant('message' as const), dh: fc.integer({ min: 0, max: 24 * 20 }), author: fc.constantFrom('customer', 'agent', 'bot', 'system') as fc.Arbitrary<'customer' | 'agent' | 'bot' | 'system'>, pub: fc.boolean() }),
);

export const ticketsArb: fc.Arbitrary<Ticket[]> = fc
  .array(
    fc.record({
      createdH: fc.integer({ min: 0, max: 24 * 40 }),
      events: fc.array(eventArb, { maxLength: 8 }),
      requester: fc.integer({ min: 0, max: 5 }),
      spam: fc.boolean(),
      agentCreated: fc.boolean(),
    }),
    { maxLength: 25 },
  )
  .map((rows) =>
    rows.map((r, i): Ticket => {
      const created = T0 + r.createdH * HOUR;
      const events: TicketEvent[] = r.events.map((e) =>
        e.kind === 'status'
          ? { type: 'status', at: created + e.dh * HOUR, status: e.status }
          : { type: 'message', at: created + e.dh * HOUR, author: e.author, public: e.pub },
      );
      return {
        id: `T${i}`,
        createdAt: created,
        requesterId: `U${r.requester}`,
        tags: r.spam ? ['spam'] : [],
        createdBy: r.agentCreated ? 'agent' : 'customer',
        events,
      };
    }),
  );

/** Brute force: resolved at t, applying status events at or before t in (time, lifecycle) order. */
export function bruteResolvedAt(t: Ticket, at: number): boolean {
  let best: { at: number; k: number } | undefined;
  for (const e of t.events ?? []) {
    if (e.type !== 'status') continue;
    const ms = e.at as number;
    const k = STATUSES.indexOf(e.status as TicketStatus);
    if (ms > at) continue;
    if (best === undefined || ms > best.at || (ms === best.at && k > best.k)) best = { at: ms, k };
  }
  return best !== undefined && best.k >= 4;
}

/** Brute force: the instants at which the resolved state can change (status event times), sorted. */
export function statusTimes(t: Ticket): number[] {
  return [...new Set((t.events ?? []).filter((e) => e.type === 'status').map((e) => e.at as number))].sort((a, b) => a - b);
}
