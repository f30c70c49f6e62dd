/** fast-check arbitraries for tickets, and slow reference implementations to test the metrics against. */
import fc from 'fast-check';
import type { MessageEvent, StatusEvent, Ticket, TicketEvent, TicketStatus } from '../../src/model/index.js';

export const BASE = Date.UTC(2026, 0, 1);
const STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

export const messageArb = (created: number): fc.Arbitrary<MessageEvent> =>
  fc.record(
    {
      type: fc.constant('message' as const),
      at: fc.integer({ min: 0, max: 10 * 86_400_000 }).map((d) => created + d),
      author: fc.constantFrom('customer', 'agent', 'agent', 'bot', 'system') as fc.Arbitrary<MessageEvent['author']>,
      public: fc.boolean(),
    },
    { requiredKeys: ['type', 'at', 'author'] },
  );

export const statusArb = (created: number): fc.Arbitrary<StatusEvent> =>
  fc.record({
    type: fc.constant('status' as const),
    // coarse times so that equal instants happen
    at: fc.integer({ min: 0, max: 240 }).map((d) => created + d * 3_600_000),
    status: fc.constantFrom(...STATUSES),
  });

/** A ticket in the events form with a unique id from `index`. */
export const eventTicketArb: fc.Arbitrary<Omit<Ticket, 'id'> & { events: TicketEvent[] }> = fc
  .integer({ min: 0, max: 365 * 86_400_000 })
  .chain((offset) => {
    const created = BASE + offset;
    return fc.record(
      {
        createdAt: fc.constant(created),
        createdBy: fc.constantFrom('customer', 'agent', 'system') as fc.Arbitrary<'customer' | 'agent' | 'system'>,
        events: fc.array(fc.oneof(messageArb(created), messageArb(created), statusArb(created)), { maxLength: 12 }),
      },
      { requiredKeys: ['createdAt', 'events'] },
    );
  });

export const ticketsArb: fc.Arbitrary<Ticket[]> = fc
  .array(eventTicketArb, { maxLength: 30 })
  .map((ts) => ts.map((t, i) => ({ id: `T${i}`, ...t }) as Ticket));

/** Sorted copy of the events by (time, kind), as the library documents. */
export function sortEvents(events: readonly TicketEvent[]): TicketEvent[] {
  const rank = (e: TicketEvent): number =>
    e.type === 'message' ? ['customer', 'agent', 'bot', 'system'].indexOf(e.author) : e.type === 'status' ? 10 + STATUSES.indexOf(e.status as TicketStatus) : 5;
  return [...events].sort((a, b) => (a.at as number) - (b.at as number) || rank(a) - rank(b));
}

const isReply = (e: TicketEvent): boolean => e.type === 'message' && e.author === 'agent' && e.public !== false;

/** Slow reference: Zendesk first reply instant of an events ticket (NaN for none). */
export function referenceFirstReply(t: Ticket): number {
  const sorted = sortEvents(t.events ?? []);
  const messages = sorted.filter((e) => e.type === 'message');
  const first = messages[0];
  const agentCreated = t.createdBy === 'agent' || (t.createdBy === undefined && first !== undefined && first.type === 'message' && first.author === 'agent');
  const replies = sorted.filter(isReply);
  const skip = agentCreated && first !== undefined && isReply(first) ? 1 : 0;
  const r = replies[skip];
  return r === undefined ? NaN : (r.at as number);
}

/** Slow reference: resolution instants (first, last) and whether resolved now. */
export function referenceResolution(t: Ticket): { first: number; last: number; resolvedNow: boolean } {
  const statuses = sortEvents(t.events ?? []).filter((e): e is StatusEvent => e.type === 'status');
  const solved = statuses.filter((s) => s.status === 'solved');
  const ends = solved.length > 0 ? solved : statuses.filter((s) => s.status === 'closed');
  const last = statuses[statuses.length - 1];
  return {
    first: ends.length ? (ends[0]!.at as number) : NaN,
    last: ends.length ? (ends[ends.length - 1]!.at as number) : NaN,
    resolvedNow: last !== undefined && (last.status === 'solved' || last.status === 'closed'),
  };
}

/** Slow reference: reply cycles (ms) of an events ticket. */
export function referenceCycles(t: Ticket): number[] {
  const out: number[] = [];
  let open: number | undefined;
  for (const e of sortEvents(t.events ?? [])) {
    if (e.type !== 'message') continue;
    if (e.author === 'customer' && e.public !== false) open ??= e.at as number;
    else if (isReply(e) && open !== undefined) {
      out.push((e.at as number) - open);
      open = undefined;
    }
  }
  return out;
}

/** Plain R-7 quantile (numpy "linear"), written independently of the library. */
export function referenceR7(values: readonly number[], p: number): number {
  const xs = [...values].sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

/** Shuffles with a fast-check-provided permutation seed. */
export function permute<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs
    .map((x, i) => [x, keys[i % Math.max(1, keys.length)]! + i / 1e6] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([x]) => x);
}
