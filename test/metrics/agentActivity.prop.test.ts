/**
 * agentActivity properties: the rows agree with a brute-force count over the raw events and responses; every
 * ticket and every response is accounted for; a prepared set gives the same result; each group equals the
 * metric on the group's tickets and their responses alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentActivity, prepareTickets, type SurveyResponse, type Ticket, type TicketEvent } from '../../src/index.js';
import { fcParams } from '../support/fc.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2);
const AGENTS = ['A1', 'A2', 'A3'];

const ticketsArb: fc.Arbitrary<Ticket[]> = fc
  .array(
    fc.record({
      channel: fc.constantFrom('email', 'chat', undefined),
      assignee: fc.constantFrom<string | undefined>('A1', 'A2', undefined),
      createdBy: fc.constantFrom<'agent' | 'customer' | undefined>(undefined, undefined, 'agent'),
      spam: fc.boolean(),
      summary: fc.constantFrom(false, false, false, false, true),
      events: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 20 }), author: fc.constantFrom('customer', 'agent', 'agent', 'bot') as fc.Arbitrary<'customer' | 'agent' | 'bot'>, pub: fc.boolean(), who: fc.constantFrom<string | undefined>(...AGENTS, undefined) }).map((e): TicketEvent => ({ type: 'message', at: T0 + e.dh * HOUR, author: e.author, public: e.pub, ...(e.who === undefined ? {} : { authorId: e.who }) })) },
          { weight: 2, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 20 }), s: fc.constantFrom('open', 'pending', 'solved', 'solved') }).map((e): TicketEvent => ({ type: 'status', at: T0 + e.dh * HOUR, status: e.s })) },
          { weight: 1, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 20 }), a: fc.constantFrom<string | null>(...AGENTS, null) }).map((e): TicketEvent => ({ type: 'assignment', at: T0 + e.dh * HOUR, assigneeId: e.a })) },
        ),
        { maxLength: 8 },
      ),
    }),
    { maxLength: 12 },
  )
  .map((rows) =>
    rows.map((r, i): Ticket => {
      const base = { id: i % 2 === 0 ? `T-${i}` : i, createdAt: T0, ...(r.channel === undefined ? {} : { channel: r.channel }), ...(r.assignee === undefined ? {} : { assigneeId: r.assignee }), ...(r.createdBy === undefined ? {} : { createdBy: r.createdBy }), ...(r.spam ? { spam: true } : {}) };
      return r.summary ? { ...base, status: 'solved', resolvedAt: T0 + HOUR, agentReplies: 1 } : { ...base, events: r.events };
    }),
  );

const surveysArb = (n: number): fc.Arbitrary<SurveyResponse[]> =>
  fc.array(
    fc.record({
      ticket: fc.integer({ min: -1, max: n + 1 }),
      agent: fc.constantFrom<string | undefined>(...AGENTS, undefined),
      score: fc.constantFrom<number | null>(1, 2, 3, 4, 5, null),
    }),
    { maxLength: 15 },
  ).map((rows) => rows.map((r, k) => ({ id: `S${k}`, ...(r.ticket < 0 ? {} : { ticketId: r.ticket % 2 === 0 ? `T-${r.ticket}` : r.ticket }), ...(r.agent === undefined ? {} : { agentId: r.agent }), score: r.score })));

const data = ticketsArb.chain((tickets) => surveysArb(tickets.length).map((surveys) => ({ tickets, surveys })));

const RANK: Record<string, number> = { new: 0, open: 1, pending: 2, on_hold: 3, solved: 4, closed: 5 };

/** The oracle: per agent, the counts straight from the raw tickets. */
function oracle(tickets: readonly Ticket[], surveys: readonly SurveyResponse[]): Map<string | null, number[]> {
  const rows = new Map<string | null, number[]>();
  const row = (a: string | null): number[] => {
    let r = rows.get(a);
    if (r === undefined) rows.set(a, (r = [0, 0, 0, 0, 0, 0, 0, 0]));
    return r;
  };
  const counted = new Set<string>();
  for (const t of tickets) {
    if (t.spam === true || t.events === undefined) continue;
    counted.add(String(t.id));
    const msgs = t.events.map((e, i) => ({ e, i })).filter(({ e }) => e.type === 'message');
    msgs.sort((x, y) => (x.e.at as number) - (y.e.at as number) || ['customer', 'agent', 'bot'].indexOf((x.e as { author: string }).author) - ['customer', 'agent', 'bot'].indexOf((y.e as { author: string }).author));
    const first = msgs[0]?.e as { author: string; public?: boolean } | undefined;
    // Agent-created: createdBy 'agent', or none given and the earliest message an agent's.
    const agentCreated = t.createdBy === 'agent' || (t.createdBy === undefined && first?.author === 'agent');
    // The opening message qualifies when one of the earliest instant's messages of the earliest kind is a public agent one.
    const firstQualifies = first !== undefined && first.author === 'agent' && msgs.some(({ e }) => e.at === msgs[0]!.e.at && (e as { author: string }).author === 'agent' && (e as { public?: boolean }).public !== false);
    let skip = agentCreated && firstQualifies ? 1 : 0;
    const opening = skip;
    const touched = new Set<string | null>();
    let replies = 0;
    for (const { e } of msgs) {
      const m = e as { author: string; public?: boolean; authorId?: string };
      if (m.author !== 'agent') continue;
      const a = m.authorId ?? null;
      touched.add(a);
      if (m.public !== false) {
        replies++;
        if (skip > 0) skip--;
        else row(a)[0]!++;
      } else row(a)[1]!++;
    }
    for (const a of touched) row(a)[2]!++;
    // Resolved now: the status after the latest instant (highest rank at it).
    let lastAt = -Infinity;
    let last = -1;
    for (const e of t.events) {
      if (e.type !== 'status') continue;
      const a = e.at as number;
      if (a > lastAt || (a === lastAt && RANK[e.status]! > last)) {
        lastAt = a;
        last = RANK[e.status]!;
      }
    }
    if (last >= 4) {
      const assignments = t.events.map((e, i) => ({ e, i })).filter(({ e }) => e.type === 'assignment');
      assignments.sort((x, y) => (x.e.at as number) - (y.e.at as number) || x.i - y.i);
      const assignee = t.assigneeId ?? (assignments.length === 0 ? null : ((assignments[assignments.length - 1]!.e as { assigneeId: string | null }).assigneeId ?? null));
      const r = row(typeof assignee === 'string' ? assignee : null);
      r[3]!++;
      // Reopened: a resolved instant followed by an unresolved one.
      const by = new Map<number, number>();
      for (const e of t.events) if (e.type === 'status') by.set(e.at as number, Math.max(by.get(e.at as number) ?? -1, RANK[e.status]!));
      let was = false;
      let reopened = false;
      for (const x of [...by.keys()].sort((a, b) => a - b)) {
        const now = by.get(x)! >= 4;
        if (was && !now) reopened = true;
        was = now;
      }
      if (!reopened && replies - opening === 1) r[4]!++;
      if (!reopened && replies - opening === 2) r[5]!++;
    }
  }
  for (const s of surveys) {
    if (s.ticketId === undefined || !counted.has(String(s.ticketId)) || s.score === null || s.agentId === undefined) continue;
    const r = row(s.agentId);
    r[6]!++;
    if ((s.score as number) >= 4) r[7]!++;
  }
  return rows;
}

const flat = (r: ReturnType<typeof agentActivity>): Map<string | null, number[]> =>
  new Map(r.agents.map((a) => [a.agentId, [a.publicReplies, a.internalNotes, a.ticketsTouched, a.ticketsSolved, a.oneTouch, a.twoTouch, a.satisfaction.rated, a.satisfaction.satisfied]]));

/** A result with the positional labels `#<index>` reduced to `#` (indices differ between a subset and the whole). */
const body = (r: unknown): unknown => {
  const { groups: _g, key: _k, ...rest } = r as { groups?: unknown; key?: unknown };
  return JSON.parse(JSON.stringify(rest).replace(/"#\d+"/g, '"#"'));
};

describe('agentActivity properties', () => {
  it('agrees with a brute-force count; every ticket and response accounted for', () => {
    fc.assert(
      fc.property(data, ({ tickets, surveys }) => {
        const r = agentActivity(tickets, { surveys });
        const want = oracle(tickets, surveys);
        for (const [k, v] of [...want]) if (v.every((x) => x === 0)) want.delete(k);
        expect(flat(r)).toEqual(want);
        expect(r.count + r.excluded.total).toBe(tickets.length);
        expect(r.responses.count + r.responses.excluded.total).toBe(surveys.length);
        const ids = r.agents.map((a) => a.agentId);
        expect(ids).toEqual([...ids].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0)));
      }),
      fcParams(150),
    );
  }, 30_000);

  it('a prepared set gives the same result, with a breakdown too', () => {
    fc.assert(
      fc.property(data, fc.constantFrom<undefined | 'channel' | 'assignee'>(undefined, 'channel', 'assignee'), ({ tickets, surveys }, by) => {
        const o = { surveys, ...(by === undefined ? {} : { by }) };
        expect(agentActivity(prepareTickets(tickets), o)).toEqual(agentActivity(tickets, o));
      }),
      fcParams(100),
    );
  }, 30_000);

  it("each group equals the metric on the group's tickets and their responses alone", () => {
    fc.assert(
      fc.property(data, ({ tickets, surveys }) => {
        const r = agentActivity(tickets, { surveys, by: 'channel' });
        for (const g of r.groups ?? []) {
          const mine = tickets.filter((t) => (t.channel ?? null) === g.key.channel);
          const ids = new Set(mine.filter((t) => t.spam !== true && t.events !== undefined).map((t) => String(t.id)));
          const theirs = surveys.filter((s) => s.ticketId !== undefined && ids.has(String(s.ticketId)));
          expect(body(g)).toEqual(body(agentActivity(mine, { surveys: theirs })));
        }
      }),
      fcParams(100),
    );
  }, 30_000);
});
