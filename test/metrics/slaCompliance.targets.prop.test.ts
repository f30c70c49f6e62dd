/**
 * The clock and update targets of slaCompliance against a brute-force replay: hour by hour over the raw events
 * (all at whole hours), the status after each instant the highest of its changes, the clock running where its
 * statuses are not paused; update instances between qualifying replies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slaCompliance, type SlaTargetResult } from '../../src/metrics/slaCompliance/index.js';
import type { Ticket, TicketEvent } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2);
const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

const ticketsArb: fc.Arbitrary<Ticket[]> = fc
  .array(
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 24 }), s: fc.constantFrom('open', 'pending', 'on_hold', 'solved', 'closed') }).map((e): TicketEvent => ({ type: 'status', at: T0 + e.dh * HOUR, status: e.s })) },
        { weight: 3, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 24 }), who: fc.constantFrom('customer', 'agent') as fc.Arbitrary<'customer' | 'agent'> }).map((e): TicketEvent => ({ type: 'message', at: T0 + e.dh * HOUR, author: e.who })) },
      ),
      { maxLength: 10 },
    ),
    { maxLength: 8 },
  )
  .map((rows) => rows.map((events, i) => ({ id: `T-${i}`, createdAt: T0, priority: 'p', createdBy: 'customer' as const, events })));

/** Status during the hour starting at h, from the events at or before `at`. */
function statusAt(t: Ticket, h: number, at: number): number {
  let lastAt = -Infinity;
  let s = 0;
  for (const e of t.events ?? []) {
    if (e.type !== 'status' || (e.at as number) > h || (e.at as number) > at) continue;
    const k = STATUSES.indexOf(e.status as string);
    if ((e.at as number) > lastAt || ((e.at as number) === lastAt && k > s)) {
      lastAt = e.at as number;
      s = k;
    }
  }
  return s;
}

/** The clock of a clock target: [elapsed, completed]. */
function clock(t: Ticket, paused: readonly number[], at: number): [number, boolean] {
  let elapsed = 0;
  for (let h = T0; h < at; h += HOUR) {
    const s = statusAt(t, h, at);
    if (s < 4 && !paused.includes(s)) elapsed += HOUR;
  }
  return [elapsed, statusAt(t, at, at) >= 4];
}

/** Update instances: [elapsed, completed] each. */
function updates(t: Ticket, paused: readonly number[], at: number): Array<[number, boolean]> {
  const instants = [...new Set((t.events ?? []).map((e) => e.at as number).filter((x) => x <= at))].sort((a, b) => a - b);
  const out: Array<[number, boolean]> = [];
  let open = NaN;
  for (const x of instants) {
    const replied = (t.events ?? []).some((e) => e.at === x && e.type === 'message' && e.author === 'agent');
    const resolved = statusAt(t, x, at) >= 4;
    if (open === open && (replied || resolved)) {
      let el = 0;
      for (let h = open; h < x; h += HOUR) if (!paused.includes(statusAt(t, h, at))) el += HOUR;
      out.push([el, true]);
      open = NaN;
    }
    if (replied && !resolved) open = x;
  }
  if (open === open) {
    let el = 0;
    for (let h = open; h < at; h += HOUR) if (!paused.includes(statusAt(t, h, at))) el += HOUR;
    out.push([el, false]);
  }
  return out;
}

describe('slaCompliance clock and update targets against a brute-force replay', () => {
  it('elapsed, completion and status of every instance', () => {
    fc.assert(
      fc.property(ticketsArb, fc.integer({ min: 0, max: 26 }), fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 4, maxLength: 4 }), (tickets, atH, [rw, aw, pu, pa]) => {
        const at = T0 + atH * HOUR;
        const targets = { p: { requesterWait: rw! * HOUR, agentWork: aw! * HOUR, periodicUpdate: pu! * HOUR, pausableUpdate: pa! * HOUR } };
        const r = slaCompliance(tickets, { targets, at });
        for (const t of tickets) {
          const got = r.tickets.find((x) => x.id === t.id)?.targets ?? [];
          const want: Array<[string, number, number, boolean]> = [];
          const [e1, c1] = clock(t, [2], at);
          want.push(['requesterWait', rw! * HOUR, e1, c1]);
          const [e2, c2] = clock(t, [2, 3], at);
          want.push(['agentWork', aw! * HOUR, e2, c2]);
          for (const [el, done] of updates(t, [], at)) want.push(['periodicUpdate', pu! * HOUR, el, done]);
          for (const [el, done] of updates(t, [2], at)) want.push(['pausableUpdate', pa! * HOUR, el, done]);
          const status = (target: number, el: number, done: boolean): string => (el > target ? 'breached' : done ? 'met' : 'pending');
          expect(got.map((x: SlaTargetResult) => [x.target, x.elapsedMs, x.completedMs !== undefined, x.status])).toEqual(want.map(([n, target, el, done]) => [n, el, done, status(target, el, done)]));
          // Due instants: a periodic update's is its start + the target; a clock reached its target exactly there.
          for (const x of got) {
            if (x.target === 'periodicUpdate') expect(x.dueMs).toBe(x.startMs + x.targetMs);
            if ((x.target === 'requesterWait' || x.target === 'agentWork') && x.elapsedMs >= x.targetMs) {
              expect(clock(t, x.target === 'requesterWait' ? [2] : [2, 3], x.dueMs as number)[0]).toBe(x.targetMs);
            }
          }
        }
      }),
      fcParams(150),
    );
  }, 30_000);
});
