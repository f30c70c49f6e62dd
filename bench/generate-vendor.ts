/**
 * The vendor metrics' data: the shared seeded tickets (bench/generate.ts) with what those metrics read added,
 * deterministically (mulberry32): assignment events (a group on creation for 90 %, the agent a wait later, a
 * reassignment for one in five, an unassignment for one in fifty), an on-hold span for one ticket in ten, and
 * bot-only resolutions for one chat in four. The agent's messages already carry its `authorId`. Tickets are
 * changed in place (their `events` replaced), so the benchmark reuses the million it was given.
 */
import type { Ticket, TicketEvent } from '../src/model/index.js';
import { mulberry32 } from './generate.js';

const MIN = 60_000;

export function addVendorEvents(tickets: Ticket[], seed = 15): Ticket[] {
  const rnd = mulberry32(seed);
  for (let i = 0; i < tickets.length; i++) {
    const t = tickets[i] as Ticket & { events: TicketEvent[]; assigneeId?: string };
    const created = t.createdAt as number;
    const agent = t.assigneeId as string;
    const events = t.events.slice();
    if (t.channel === 'chat' && rnd() < 0.25) {
      // A bot answered and the customer left satisfied: no human on it.
      const solved = created + Math.floor(2 * MIN + rnd() * 10 * MIN);
      const { assigneeId: _unassigned, ...rest } = t;
      tickets[i] = {
        ...rest,
        events: [
          { type: 'status', at: created, status: 'new' },
          { type: 'message', at: created, author: 'customer' },
          { type: 'message', at: created + 5_000, author: 'bot' },
          { type: 'status', at: solved, status: 'solved' },
        ],
      };
      continue;
    }
    if (rnd() < 0.9) {
      events.push({ type: 'assignment', at: created, groupId: `G-${1 + Math.floor(rnd() * 6)}`, author: 'system' });
      const first = created + Math.floor(rnd() * 90 * MIN);
      events.push({ type: 'assignment', at: first, assigneeId: rnd() < 0.2 ? `A-${1 + Math.floor(rnd() * 40)}` : agent });
      if (rnd() < 0.2) events.push({ type: 'assignment', at: first + Math.floor(rnd() * 240 * MIN), assigneeId: agent, groupId: `G-${1 + Math.floor(rnd() * 6)}` });
      if (rnd() < 0.02) events.push({ type: 'assignment', at: first + Math.floor(rnd() * 30 * MIN), assigneeId: null });
    } else {
      delete (t as { assigneeId?: string }).assigneeId;
    }
    if (rnd() < 0.1) {
      // On hold for a while after creation (waiting on a third party), then open again.
      const from = created + Math.floor(rnd() * 60 * MIN);
      events.push({ type: 'status', at: from, status: 'on_hold' }, { type: 'status', at: from + Math.floor(rnd() * 300 * MIN), status: 'open' });
    }
    (t as { events: TicketEvent[] }).events = events;
  }
  return tickets;
}
