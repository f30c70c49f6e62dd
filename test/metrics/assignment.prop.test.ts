/**
 * The assignment metrics against a brute-force replay of the raw assignment events (grouped by instant, the last
 * value of each field in input order winning, hour by hour for the unassigned time), and their accounting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentStations } from '../../src/metrics/assignmentStations/index.js';
import { assignmentTime } from '../../src/metrics/assignmentTime/index.js';
import { reassignmentRate } from '../../src/metrics/reassignmentRate/index.js';
import type { Ticket, TicketEvent } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2);
const RANK: Record<string, number> = { new: 0, open: 1, pending: 2, on_hold: 3, solved: 4, closed: 5 };

type Field = 'assigneeId' | 'groupId';

const ticketsArb: fc.Arbitrary<Ticket[]> = fc
  .array(
    fc.record({
      assigneeField: fc.constantFrom<string | undefined>(undefined, undefined, 'A9'),
      events: fc.array(
        fc.oneof(
          { weight: 3, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 30 }), a: fc.constantFrom<string | null | undefined>('A1', 'A2', 'A3', null, undefined), g: fc.constantFrom<string | null | undefined>('G1', 'G2', null, undefined) }).map((e): TicketEvent => ({ type: 'assignment', at: T0 + e.dh * HOUR, ...(e.a === undefined ? {} : { assigneeId: e.a }), ...(e.g === undefined ? {} : { groupId: e.g }) })) },
          { weight: 2, arbitrary: fc.record({ dh: fc.integer({ min: 0, max: 30 }), s: fc.constantFrom('open', 'pending', 'solved', 'solved', 'closed') }).map((e): TicketEvent => ({ type: 'status', at: T0 + e.dh * HOUR, status: e.s })) },
        ),
        { maxLength: 8 },
      ),
    }),
    { maxLength: 12 },
  )
  .map((rows) => rows.map((r, i) => ({ id: `T-${i}`, createdAt: T0, ...(r.assigneeField === undefined ? {} : { assigneeId: r.assigneeField }), events: r.events })));

interface Replay {
  touched: boolean;
  first: number;
  /** [instant, value after it] for each instant that changed the field. */
  changes: Array<[number, string | null]>;
}

function replayField(t: Ticket, field: Field, until = Infinity): Replay {
  const ev = (t.events ?? []).map((e, i) => ({ e, i })).filter(({ e }) => e.type === 'assignment' && (e.at as number) <= until);
  ev.sort((x, y) => (x.e.at as number) - (y.e.at as number) || x.i - y.i);
  const out: Replay = { touched: false, first: NaN, changes: [] };
  let cur: string | null = null;
  for (let k = 0; k < ev.length; ) {
    const t0 = ev[k]!.e.at as number;
    let v: string | null | undefined;
    for (; k < ev.length && ev[k]!.e.at === t0; k++) {
      const x = (ev[k]!.e as unknown as Record<string, unknown>)[field] as string | null | undefined;
      if (x !== undefined) v = x;
    }
    if (v === undefined) continue;
    out.touched = true;
    if (v === cur) continue;
    cur = v;
    out.changes.push([t0, v]);
    if (v !== null && out.first !== out.first) out.first = t0;
  }
  return out;
}

/** The resolved state after each status instant (highest rank at the instant), and the final resolution. */
function statusReplay(t: Ticket): { resolvedAt: (h: number) => boolean; end: number; resolvedNow: boolean } {
  const by = new Map<number, number>();
  let lastSolved = NaN;
  let lastClosed = NaN;
  for (const e of t.events ?? []) {
    if (e.type !== 'status') continue;
    const a = e.at as number;
    by.set(a, Math.max(by.get(a) ?? -1, RANK[e.status]!));
    if (e.status === 'solved' && !(a <= lastSolved)) lastSolved = a;
    if (e.status === 'closed' && !(a <= lastClosed)) lastClosed = a;
  }
  const times = [...by.keys()].sort((a, b) => a - b);
  const resolvedAt = (h: number): boolean => {
    let s = 0;
    for (const x of times) if (x <= h) s = by.get(x)!;
    return s >= 4;
  };
  return { resolvedAt, end: lastSolved === lastSolved ? lastSolved : lastClosed, resolvedNow: times.length > 0 && by.get(times[times.length - 1]!)! >= 4 };
}

const valueAt = (r: Replay, h: number): string | null => {
  let v: string | null = null;
  for (const [x, val] of r.changes) if (x <= h) v = val;
  return v;
};

describe('assignment metrics against a brute-force replay', () => {
  it.each([['assigneeId'], ['groupId']] as const)('%s: stations, first assignment, assignment to resolution, unassigned time', (field) => {
    const of = field === 'assigneeId' ? 'assignee' : 'group';
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        for (const t of tickets) {
          const r = replayField(t, field);
          const unknown = !r.touched && field === 'assigneeId' && t.assigneeId !== undefined;
          const st = assignmentStations([t], { of });
          const dist = assignmentStations([t], { of, count: 'distinct' });
          const re = reassignmentRate([t], { of });
          const stations = r.changes.filter(([, v]) => v !== null).length;
          if (unknown) {
            expect(st.excluded.byReason).toEqual({ assignment_unknown: 1 });
            expect(assignmentTime([t], { of }).excluded.byReason).toEqual({ assignment_unknown: 1 });
            continue;
          }
          expect(st.total).toBe(stations);
          expect(dist.total).toBe(new Set(r.changes.map(([, v]) => v).filter((v) => v !== null)).size);
          if (stations === 0) expect(re.excluded.byReason).toEqual({ never_assigned: 1 });
          else expect(re.numerator).toBe(stations > 1 ? 1 : 0);
          const first = assignmentTime([t], { of });
          if (r.first !== r.first) expect(first.excluded.byReason).toEqual({ never_assigned: 1 });
          else expect(first.totalMs).toBe(r.first - T0);
          const s = statusReplay(t);
          const toRes = assignmentTime([t], { of, measure: 'firstAssignmentToResolution' });
          const lastRes = assignmentTime([t], { of, measure: 'lastAssignmentToResolution' });
          const unassigned = assignmentTime([t], { of, measure: 'unassigned' });
          if (s.end !== s.end) {
            for (const x of [toRes, lastRes, unassigned]) expect(x.excluded.byReason).toEqual({ unresolved: 1 });
            continue;
          }
          if (!s.resolvedNow) {
            for (const x of [toRes, lastRes, unassigned]) expect(x.excluded.byReason).toEqual({ reopened: 1 });
            continue;
          }
          let idle = 0;
          for (let h = T0; h < s.end; h += HOUR) if (valueAt(r, h) === null && !s.resolvedAt(h)) idle += HOUR;
          expect(unassigned.totalMs).toBe(idle);
          if (r.first !== r.first) {
            expect(toRes.excluded.byReason).toEqual({ never_assigned: 1 });
          } else if (r.first > s.end) {
            expect(toRes.excluded.byReason).toEqual({ assigned_after_resolution: 1 });
          } else {
            expect(toRes.totalMs).toBe(s.end - r.first);
            const upTo = replayField(t, field, s.end).changes.filter(([, v]) => v !== null);
            expect(lastRes.totalMs).toBe(s.end - upTo[upTo.length - 1]![0]);
          }
        }
      }),
      fcParams(150),
    );
  }, 30_000);

  it('the whole input is the tickets one by one: counts add up, every ticket accounted for', () => {
    fc.assert(
      fc.property(ticketsArb, fc.constantFrom('toFirstAssignment', 'firstAssignmentToResolution', 'lastAssignmentToResolution', 'unassigned') as fc.Arbitrary<'unassigned'>, (tickets, measure) => {
        const all = assignmentTime(tickets, { measure });
        const ones = tickets.map((t) => assignmentTime([t], { measure }));
        expect(all.count).toBe(ones.reduce((a, r) => a + r.count, 0));
        expect(all.totalMs ?? 0).toBe(ones.reduce((a, r) => a + (r.totalMs ?? 0), 0));
        expect(all.count + all.excluded.total).toBe(tickets.length);
        const st = assignmentStations(tickets);
        expect(st.count + st.excluded.total).toBe(tickets.length);
        const re = reassignmentRate(tickets);
        expect(re.denominator + re.excluded.total).toBe(tickets.length);
      }),
      fcParams(100),
    );
  }, 30_000);
});
