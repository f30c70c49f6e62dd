/**
 * Arbitraries for the pipeline's properties: tickets in both forms with the fields breakdowns read (channel,
 * priority, tags, requester, assignee, author ids, custom fields), the eligibility flags, assignment events, and a
 * few bad records (kept as objects, so that their group keys are computable).
 */
import fc from 'fast-check';
import type { Ticket, TicketEvent } from '../../src/model/index.js';

export const T0 = Date.UTC(2026, 2, 2);
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const channelArb = fc.constantFrom<string | undefined>('email', 'chat', 'phone', undefined, '', '__proto__', 'constructor');
const priorityArb = fc.constantFrom<string | undefined>('low', 'high', 'urgent', undefined);
const tagArb = fc.constantFrom('billing', 'vip', 'spam', 'bug', '__proto__');

const eventArb = (created: number): fc.Arbitrary<TicketEvent> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 24 * 10 }), author: fc.constantFrom('customer', 'customer', 'agent', 'agent', 'bot', 'system') as fc.Arbitrary<'customer' | 'agent' | 'bot' | 'system'>, pub: fc.boolean(), who: fc.constantFrom('A1', 'A2', undefined) }).map(
      (e): TicketEvent => ({ type: 'message', at: created + e.dh * HOUR, author: e.author, public: e.pub, ...(e.who === undefined ? {} : { authorId: e.who }) }),
    ) },
    { weight: 2, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 24 * 10 }), status: fc.constantFrom('new', 'open', 'pending', 'on_hold', 'solved', 'solved', 'closed') }).map(
      (e): TicketEvent => ({ type: 'status', at: created + e.dh * HOUR, status: e.status }),
    ) },
    { weight: 1, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 24 * 10 }), to: fc.constantFrom<string | null>('A1', 'A2', null), group: fc.constantFrom<string | null | undefined>('G1', 'G2', null, undefined, undefined) }).map(
      (e): TicketEvent => ({ type: 'assignment', at: created + e.dh * HOUR, assigneeId: e.to, ...(e.group === undefined ? {} : { groupId: e.group }) }),
    ) },
  );

const summaryArb = (created: number): fc.Arbitrary<Record<string, unknown>> =>
  fc.record({
    reply: fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
    first: fc.option(fc.integer({ min: 0, max: 96 }), { nil: undefined }),
    extra: fc.integer({ min: 0, max: 96 }),
    status: fc.constantFrom('open', 'pending', 'solved', 'closed', undefined),
    replies: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    customers: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    reopens: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    // Vendor extras (Zendesk ticket_metrics): waits, stations, assignment instants.
    waits: fc.option(fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 12 })), { nil: undefined }),
    stations: fc.option(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 })), { nil: undefined }),
    assigned: fc.option(fc.tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 24 })), { nil: undefined }),
  }).map((s) => {
    const out: Record<string, unknown> = {};
    if (s.reply !== undefined) out.firstRespondedAt = created + s.reply * HOUR;
    const resolved = s.status === 'solved' || s.status === 'closed';
    if (resolved || s.first !== undefined) {
      const first = created + (s.first ?? 1) * HOUR;
      out.firstResolvedAt = first;
      out.resolvedAt = first + s.extra * HOUR;
    }
    if (s.status !== undefined) out.status = s.status;
    if (s.replies !== undefined) out.agentReplies = s.replies;
    if (s.customers !== undefined) out.customerReplies = s.customers;
    if (s.reopens !== undefined) out.reopens = s.reopens;
    if (s.waits !== undefined) {
      out.requesterWaitMs = s.waits[0] * HOUR;
      out.requesterWaitBusinessMs = Math.floor(s.waits[0] / 2) * HOUR;
      out.agentWaitMs = s.waits[1] * HOUR;
      out.onHoldMs = s.waits[2] * HOUR;
    }
    if (s.stations !== undefined) {
      out.assigneeStations = s.stations[0];
      out.groupStations = s.stations[1];
    }
    if (s.assigned !== undefined) {
      out.firstAssignedAt = created + s.assigned[0] * HOUR;
      out.assignedAt = created + (s.assigned[0] + s.assigned[1]) * HOUR;
    }
    return out;
  });

/** One ticket without its id; `bad` makes a record that breaks one rule (identity or history). */
const ticketArb = fc
  .record({
    createdH: fc.integer({ min: 0, max: 24 * 30 }),
    channel: channelArb,
    priority: priorityArb,
    tags: fc.option(fc.uniqueArray(tagArb, { maxLength: 3 }), { nil: undefined }),
    requester: fc.integer({ min: 0, max: 4 }),
    assignee: fc.constantFrom<string | undefined>('A1', 'A2', undefined),
    plan: fc.constantFrom<string | undefined>('pro', 'free', undefined),
    flags: fc.constantFrom('none', 'none', 'none', 'none', 'spam', 'deleted', 'merged'),
    summary: fc.boolean(),
    bad: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'none', 'none', 'createdAt', 'event', 'status'),
  })
  .chain((r) => {
    const created = T0 + r.createdH * HOUR;
    const history = r.summary ? summaryArb(created).map((s) => ({ ...s })) : fc.array(eventArb(created), { maxLength: 8 }).map((events) => ({ events }));
    return history.map((h) => {
      const t: Record<string, unknown> = { createdAt: created, requesterId: `U${r.requester}`, ...h };
      if (r.channel !== undefined) t.channel = r.channel;
      if (r.priority !== undefined) t.priority = r.priority;
      if (r.tags !== undefined) t.tags = r.tags;
      if (r.assignee !== undefined) t.assigneeId = r.assignee;
      if (r.plan !== undefined) t.fields = { plan: r.plan };
      if (r.flags === 'spam') t.spam = true;
      if (r.flags === 'deleted') t.deleted = true;
      if (r.flags === 'merged') t.mergedInto = 'T0';
      if (r.bad === 'createdAt') t.createdAt = 'not a time';
      if (r.bad === 'event') t.events = [{ type: 'message', at: created - HOUR, author: 'customer' }];
      if (r.bad === 'status') t.status = 'waiting';
      return t;
    });
  });

/** Tickets with unique ids (and, rarely, a record that is not an object). */
export const pipelineTicketsArb: fc.Arbitrary<Ticket[]> = fc
  .array(fc.oneof({ weight: 30, arbitrary: ticketArb }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 42) }), { maxLength: 40 })
  .map((rows) => rows.map((t, i) => (t !== null && typeof t === 'object' ? ({ id: i % 3 === 0 ? i : `T${i}`, ...t } as Ticket) : (t as Ticket))));
