/**
 * Tickets for the live-queue properties: created within three days of T0, conversations on the half hour (so
 * that waits and scores tie), more pending/on-hold than solves, a small requester pool, VIP plans, the
 * eligibility flags, a few summary-only and bad records.
 */
import fc from 'fast-check';
import type { Ticket, TicketEvent } from '../../src/model/index.js';

export const T0 = Date.UTC(2026, 2, 2); // a Monday
export const HALF_HOUR = 1_800_000;
export const HOUR = 3_600_000;

const eventArb = (created: number): fc.Arbitrary<TicketEvent> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 2 * 96 }), author: fc.constantFrom('customer', 'customer', 'agent', 'agent', 'bot', 'system'), pub: fc.constantFrom(true, true, true, false) }).map(
      (e): TicketEvent => ({ type: 'message', at: created + e.dh * HALF_HOUR, author: e.author as 'customer', public: e.pub }),
    ) },
    { weight: 2, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 2 * 96 }), status: fc.constantFrom('new', 'open', 'open', 'pending', 'pending', 'on_hold', 'solved', 'closed') }).map(
      (e): TicketEvent => ({ type: 'status', at: created + e.dh * HALF_HOUR, status: e.status }),
    ) },
  );

const ticketArb = fc
  .record({
    createdH: fc.integer({ min: 0, max: 2 * 72 }),
    requester: fc.constantFrom<string | undefined>('u1', 'u2', 'u3', 'u4', undefined),
    priority: fc.constantFrom<string | undefined>('high', 'low', 'urgent', undefined),
    plan: fc.constantFrom<string | undefined>('pro', 'free', undefined),
    channel: fc.constantFrom<string | undefined>('email', 'chat', '__proto__', undefined),
    createdBy: fc.constantFrom<'agent' | 'customer' | undefined>(undefined, undefined, 'customer', 'agent'),
    kind: fc.constantFrom('events', 'events', 'events', 'events', 'events', 'events', 'events', 'events', 'spam', 'deleted', 'merged', 'summary', 'bad'),
  })
  .chain((r) => {
    const created = T0 + r.createdH * HALF_HOUR;
    return fc.array(eventArb(created), { maxLength: 7 }).map((events) => {
      const t: Record<string, unknown> = { createdAt: created, events };
      if (r.requester !== undefined) t.requesterId = r.requester;
      if (r.priority !== undefined) t.priority = r.priority;
      if (r.plan !== undefined) t.fields = { plan: r.plan };
      if (r.channel !== undefined) t.channel = r.channel;
      if (r.createdBy !== undefined) t.createdBy = r.createdBy;
      if (r.kind === 'spam') t.spam = true;
      if (r.kind === 'deleted') t.deleted = true;
      if (r.kind === 'merged') t.mergedInto = 'X';
      if (r.kind === 'summary') {
        delete t.events;
        t.status = 'open';
      }
      if (r.kind === 'bad') t.events = [{ type: 'message', at: created - HOUR, author: 'customer' }];
      return t;
    });
  });

/** Tickets with unique ids (numbers and strings), rarely a record that is not an object. */
export const queueTicketsArb: fc.Arbitrary<Ticket[]> = fc
  .array(fc.oneof({ weight: 40, arbitrary: ticketArb }, { weight: 1, arbitrary: fc.constant<unknown>(null) }), { minLength: 3, maxLength: 30, size: 'medium' })
  .map((rows) => rows.map((t, i) => (t !== null && typeof t === 'object' ? ({ id: i % 4 === 0 ? i : `T${i}`, ...t } as Ticket) : (t as Ticket))));

/** `at` mostly after the tickets' creation (on the half hour, or a minute off it). */
export const atArb: fc.Arbitrary<number> = fc.tuple(fc.integer({ min: 2 * 12, max: 2 * 130 }), fc.constantFrom(0, 0, 60_000)).map(([h, off]) => T0 + h * HALF_HOUR + off);
