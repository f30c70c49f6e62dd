/**
 * A vendor-neutral support story (tickets as sequences of steps) and its rendering into each vendor's
 * payloads, for the property tests: the same story through every importer must give the same FRT,
 * resolution times and reopens as the story itself.
 */
import fc from 'fast-check';
import type { Ticket, TicketEvent } from '../../src/model/index.js';

export type StepKind = 'customer' | 'agent' | 'note' | 'solve' | 'reopen' | 'hold' | 'unhold';
/** A step at `at` (epoch ms, whole seconds). A customer step on a resolved ticket reopens it at that instant. */
export interface Step {
  readonly kind: StepKind;
  readonly at: number;
  /** Customer steps: the ticket was resolved, so this message reopens it (an explicit status change too). */
  readonly reopens?: boolean;
}
export interface StoryTicket {
  readonly id: number;
  readonly outbound: boolean;
  readonly created: number;
  readonly steps: readonly Step[];
}

const BASE = Date.UTC(2026, 2, 2, 9);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const secs = (ms: number): number => ms / 1000;

/** Stories of 1–6 tickets, each of up to 10 steps a few seconds to hours apart, whole seconds. */
export const storyArb: fc.Arbitrary<StoryTicket[]> = fc
  .array(
    fc.record({
      outbound: fc.boolean(),
      offset: fc.integer({ min: 0, max: 5 * 86_400 }),
      moves: fc.array(fc.record({ kind: fc.constantFrom<StepKind>('customer', 'agent', 'agent', 'note', 'solve', 'solve', 'reopen', 'hold', 'unhold'), gap: fc.integer({ min: 1, max: 4 * 3600 }) }), { maxLength: 10 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((drafts) =>
    drafts.map((d, i) => {
      const created = BASE + d.offset * 1000;
      const steps: Step[] = [{ kind: d.outbound ? 'agent' : 'customer', at: created }];
      let state: 'open' | 'hold' | 'resolved' = 'open';
      let at = created;
      for (const m of d.moves) {
        at += m.gap * 1000;
        switch (m.kind) {
          case 'customer':
            steps.push(state === 'resolved' ? { kind: 'customer', at, reopens: true } : { kind: 'customer', at });
            if (state === 'resolved') state = 'open';
            break;
          case 'agent':
          case 'note':
            steps.push({ kind: m.kind, at });
            break;
          case 'solve':
            if (state !== 'resolved') {
              steps.push({ kind: 'solve', at });
              state = 'resolved';
            }
            break;
          case 'reopen':
            if (state === 'resolved') {
              steps.push({ kind: 'reopen', at });
              state = 'open';
            }
            break;
          case 'hold':
            if (state === 'open') {
              steps.push({ kind: 'hold', at });
              state = 'hold';
            }
            break;
          case 'unhold':
            if (state === 'hold') {
              steps.push({ kind: 'unhold', at });
              state = 'open';
            }
            break;
        }
      }
      return { id: 100 + i, outbound: d.outbound, created, steps };
    }),
  );

/** The final state of a story ticket. */
function finalState(t: StoryTicket): 'open' | 'hold' | 'resolved' {
  let s: 'open' | 'hold' | 'resolved' = 'open';
  for (const st of t.steps) {
    if (st.kind === 'solve') s = 'resolved';
    else if (st.kind === 'reopen' || st.kind === 'unhold' || st.reopens === true) s = 'open';
    else if (st.kind === 'hold') s = 'hold';
  }
  return s;
}

/** The story as the library's model (the ground truth). */
export function canonical(story: readonly StoryTicket[]): Ticket[] {
  return story.map((t) => {
    const events: TicketEvent[] = [];
    for (const s of t.steps) {
      switch (s.kind) {
        case 'customer':
          events.push({ type: 'message', at: s.at, author: 'customer' });
          if (s.reopens === true) events.push({ type: 'status', at: s.at, status: 'open' });
          break;
        case 'agent':
          events.push({ type: 'message', at: s.at, author: 'agent' });
          break;
        case 'note':
          events.push({ type: 'message', at: s.at, author: 'agent', public: false });
          break;
        case 'solve':
          events.push({ type: 'status', at: s.at, status: 'solved' });
          break;
        case 'reopen':
        case 'unhold':
          events.push({ type: 'status', at: s.at, status: 'open' });
          break;
        case 'hold':
          events.push({ type: 'status', at: s.at, status: 'on_hold' });
          break;
      }
    }
    return { id: t.id, createdAt: t.created, createdBy: t.outbound ? 'agent' : 'customer', events };
  });
}

const AGENT = 1;
const requester = (t: StoryTicket): number => 1000 + t.id;

export function zendesk(story: readonly StoryTicket[]): { tickets: object[]; users: object[]; audits: object[] } {
  const users: object[] = [{ id: AGENT, role: 'agent' }];
  const tickets: object[] = [];
  const audits: object[] = [];
  let id = 1;
  for (const t of story) {
    users.push({ id: requester(t), role: 'end-user' });
    const status = { open: 'open', hold: 'hold', resolved: 'solved' }[finalState(t)];
    tickets.push({ id: t.id, created_at: iso(t.created), status, requester_id: requester(t), submitter_id: t.outbound ? AGENT : requester(t), via: { channel: 'email' } });
    for (const s of t.steps) {
      const author = s.kind === 'customer' ? requester(t) : AGENT;
      const events: object[] = [];
      if (s.kind === 'customer' || s.kind === 'agent' || s.kind === 'note') events.push({ id: id++, type: 'Comment', public: s.kind !== 'note', author_id: author, body: '…' });
      const status2 = s.kind === 'solve' ? 'solved' : s.kind === 'hold' ? 'hold' : s.kind === 'reopen' || s.kind === 'unhold' || s.reopens === true ? 'open' : undefined;
      if (status2 !== undefined) events.push({ id: id++, type: 'Change', field_name: 'status', value: status2 });
      audits.push({ id: id++, ticket_id: t.id, created_at: iso(s.at), author_id: author, events });
    }
  }
  return { tickets, users, audits };
}

export function freshdesk(story: readonly StoryTicket[]): { tickets: object[]; conversations: object[]; activities: object[] } {
  const tickets: object[] = [];
  const conversations: object[] = [];
  const activities: object[] = [];
  let id = 1;
  for (const t of story) {
    const status = { open: 2, hold: 7, resolved: 4 }[finalState(t)];
    tickets.push({ id: t.id, created_at: iso(t.created), status, source: t.outbound ? 10 : 1, priority: 1, requester_id: requester(t) });
    t.steps.forEach((s, k) => {
      if (k > 0 && (s.kind === 'customer' || s.kind === 'agent' || s.kind === 'note')) {
        conversations.push({ id: id++, ticket_id: t.id, created_at: iso(s.at), incoming: s.kind === 'customer', private: s.kind === 'note', user_id: s.kind === 'customer' ? requester(t) : AGENT });
      }
      const label = s.kind === 'solve' ? 'Resolved' : s.kind === 'hold' ? 'Waiting on Third Party' : s.kind === 'reopen' || s.kind === 'unhold' || s.reopens === true ? 'Open' : undefined;
      if (label !== undefined) activities.push({ ticket_id: t.id, performer_type: 'agent', performed_at: iso(s.at), activity: { status: label } });
    });
  }
  return { tickets, conversations, activities };
}

export function intercom(story: readonly StoryTicket[]): { conversations: object[] } {
  let id = 1;
  const conversations = story.map((t) => {
    const user = { type: 'user', id: String(requester(t)) };
    const admin = { type: 'admin', id: String(AGENT) };
    const parts: object[] = [];
    const part = (part_type: string, at: number, author: object, body: string | null = '…'): void => {
      parts.push({ type: 'conversation_part', id: String(id++), part_type, created_at: secs(at), author, body });
    };
    for (const s of t.steps.slice(1)) {
      if (s.kind === 'customer') {
        part('comment', s.at, user);
        if (s.reopens === true) part('open', s.at, admin, null);
      } else if (s.kind === 'agent') part('comment', s.at, admin);
      else if (s.kind === 'note') part('note', s.at, admin);
      else part({ solve: 'close', reopen: 'open', hold: 'snoozed', unhold: 'unsnoozed' }[s.kind], s.at, admin, null);
    }
    return {
      type: 'conversation', id: String(t.id), created_at: secs(t.created), state: { open: 'open', hold: 'snoozed', resolved: 'closed' }[finalState(t)],
      source: { type: 'email', delivered_as: t.outbound ? 'admin_initiated' : 'customer_initiated', author: t.outbound ? admin : user },
      conversation_parts: { type: 'conversation_part.list', conversation_parts: parts },
    };
  });
  return { conversations };
}

export function helpScout(story: readonly StoryTicket[]): { conversations: object[] } {
  let id = 1;
  const conversations = story.map((t) => {
    const customer = { id: requester(t), type: 'customer' };
    const user = { id: AGENT, type: 'user' };
    const threads = t.steps.map((s) => {
      const status = s.kind === 'solve' ? 'closed' : s.kind === 'hold' ? 'pending' : s.kind === 'reopen' || s.kind === 'unhold' || s.reopens === true ? 'active' : 'nochange';
      const type = s.kind === 'customer' ? 'customer' : s.kind === 'agent' ? 'message' : s.kind === 'note' ? 'note' : 'lineitem';
      return { id: id++, type, status, state: 'published', createdAt: iso(s.at), createdBy: s.kind === 'customer' ? customer : user };
    });
    return {
      id: t.id, type: 'email', state: 'published', status: { open: 'active', hold: 'pending', resolved: 'closed' }[finalState(t)], createdAt: iso(t.created),
      createdBy: t.outbound ? user : customer, _embedded: { threads: threads.reverse() },
    };
  });
  return { conversations };
}

export function chatwoot(story: readonly StoryTicket[]): { conversations: object[]; messages: object[] } {
  let id = 1;
  const messages: object[] = [];
  const conversations = story.map((t) => {
    const msg = (message_type: number, at: number, extra: object): void => {
      messages.push({ id: id++, conversation_id: t.id, message_type, created_at: secs(at), ...extra });
    };
    for (const s of t.steps) {
      if (s.kind === 'customer') {
        msg(0, s.at, { sender_type: 'Contact', sender_id: requester(t) });
        if (s.reopens === true) msg(2, s.at, { content: 'Conversation was reopened by Ada' });
      } else if (s.kind === 'agent' || s.kind === 'note') msg(1, s.at, { sender_type: 'User', sender_id: AGENT, private: s.kind === 'note' });
      else {
        const content = { solve: 'Conversation was marked resolved by Ada', reopen: 'Conversation was reopened by Ada', hold: 'Conversation was snoozed by Ada', unhold: 'Conversation was reopened by Ada' }[s.kind];
        msg(2, s.at, { content });
      }
    }
    return { id: t.id, created_at: secs(t.created), status: { open: 'open', hold: 'snoozed', resolved: 'resolved' }[finalState(t)], meta: { channel: 'Channel::Email' } };
  });
  return { conversations, messages };
}

/** Event rows (a database export of messages and status changes). */
export function eventRows(story: readonly StoryTicket[]): object[] {
  const rows: object[] = [];
  for (const t of story) {
    t.steps.forEach((s, k) => {
      const base = { ticket: `T-${t.id}`, at: iso(s.at), opened_by: k === 0 ? (t.outbound ? 'agent' : 'customer') : '' };
      if (s.kind === 'customer' || s.kind === 'agent' || s.kind === 'note') {
        rows.push({ ...base, type: 'message', author: s.kind === 'customer' ? 'customer' : 'agent', visibility: s.kind === 'note' ? 'internal' : 'public' });
      }
      const status = s.kind === 'solve' ? 'solved' : s.kind === 'hold' ? 'on_hold' : s.kind === 'reopen' || s.kind === 'unhold' || s.reopens === true ? 'open' : undefined;
      if (status !== undefined) rows.push({ ...base, type: 'status', status });
    });
  }
  return rows;
}
