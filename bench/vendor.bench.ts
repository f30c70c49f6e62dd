/**
 * The vendor metrics of issue 15 on 1M prepared tickets, each against a hand-written loop over the same columns
 * (the prepared set's typed arrays and the tickets' raw events, as the metric reads them) computing the same
 * numbers under the same definition. Target: ratio ≤ 1.5, extra heap ≤ 64 MB.
 * Run alone: node --expose-gc --max-old-space-size=8192 --import tsx -e "import('./bench/vendor.bench.ts').then(m => m.printVendor())"
 */
import {
  agentActivity,
  assignmentStations,
  assignmentTime,
  botResolutionRate,
  firstContactResolution,
  prepareTickets,
  reassignmentRate,
  timeInStatus,
  type PreparedTickets,
  type Ticket,
} from '../src/index.js';
import type { PreparedTicketSet } from '../src/pipeline/ticketSource.js';
import {
  F_AGENT_CREATED,
  F_DELETED,
  F_EVENTS,
  F_FIRST_QUALIFIES,
  F_MERGED,
  F_SPAM,
  K_AGENT,
  K_ASSIGN,
  K_BOT,
  K_STATUS,
  KB_STATUS,
  KIND_SHIFT,
  Q_PUBLIC,
  Q_REPLY,
  S_OK,
  type TicketColumns,
} from '../src/read/ticketColumns.js';
import { generateTickets } from './generate.js';
import { addVendorEvents } from './generate-vendor.js';
import { compare, printBench, type BenchRow } from './harness.js';
import { agree as agreeStats, stats, type Stats as BaseStats } from './timing.bench.js';

const FLAGGED = F_SPAM | F_DELETED | F_MERGED;

/** A loop's duration figures and how many tickets it left out. */
type Stats = BaseStats & { readonly excluded: number };

/** The timing check (count, mean, p50, p90 agree), and the same number of tickets left out. */
function agree(label: string) {
  return (m: unknown, b: unknown): void => {
    const total = (m as { excluded: { total: number } }).excluded.total;
    if ((b as Stats).excluded !== total) throw new Error(`${label}: ${total} tickets excluded, the loop left out ${(b as Stats).excluded}`);
    agreeStats(label)(m, b);
  };
}

function same(a: unknown, b: unknown): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`metric and loop disagree: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

/**
 * The loops keep the audit trail the metrics return: the id of every ticket left out, by reason (one push per
 * ticket, as the library's ledger), so that both sides compute the same result.
 */
class Ledger {
  readonly lists = new Map<string, string[]>();
  total = 0;
  add(reason: string, c: TicketColumns, j: number): void {
    this.total++;
    const id = (c.records[j] as { id: string | number }).id;
    const label = typeof id === 'string' ? id : String(id);
    const l = this.lists.get(reason);
    if (l === undefined) this.lists.set(reason, [label]);
    else l.push(label);
  }
}

/** Why record j is left out before any metric's definition (invalid, deleted, spam, merged), or undefined. */
function ineligible(c: TicketColumns, j: number): string | undefined {
  if (c.state[j] !== S_OK) return 'invalid';
  const f = c.flags[j]! & FLAGGED;
  return f === 0 ? undefined : (f & F_DELETED) !== 0 ? 'deleted' : (f & F_SPAM) !== 0 ? 'spam' : 'merged';
}

/** The raw event behind sorted event e of record j. */
function raw(c: TicketColumns, j: number, e: number): Record<string, unknown> {
  return (c.records[j] as { events: Record<string, unknown>[] }).events[c.evSrc[e]!]!;
}

/** Requester wait by hand: new, open, on-hold and resolved spans, creation to the final resolution. */
function requesterWaitLoop(c: TicketColumns): Stats {
  const out = new Float64Array(c.n);
  const ledger = new Ledger();
  let n = 0;
  for (let j = 0; j < c.n; j++) {
    const why = ineligible(c, j) ?? (c.status[j]! < 4 ? 'unresolved' : undefined);
    if (why !== undefined) {
      ledger.add(why, c, j);
      continue;
    }
    const end = c.lastResolved[j]!;
    let status = 0;
    let since = c.created[j]!;
    let total = 0;
    for (let e = c.evStart[j]!; e < c.evStart[j + 1]!; e++) {
      const b = c.evKind[e]!;
      if (b < KB_STATUS) continue;
      const t = c.evAt[e]!;
      if (t > end) break;
      if (status !== 2) total += t - since;
      status = (b >> KIND_SHIFT) - K_STATUS;
      since = t;
    }
    if (status !== 2 && end > since) total += end - since;
    out[n++] = total;
  }
  return { ...stats(out, n), excluded: ledger.total };
}

/**
 * The agent assignment history of record j by hand (same-instant events one update): writes [first instant,
 * stations] into `f`; returns false when the ticket has an assignee but no event sets one.
 */
function assignments(c: TicketColumns, j: number, f: Float64Array): boolean {
  let cur: string | null = null;
  let touched = false;
  let first = NaN;
  let stations = 0;
  const end = c.evStart[j + 1]!;
  for (let e = c.evStart[j]!; e < end; e++) {
    if (c.evKind[e]! >> KIND_SHIFT !== K_ASSIGN) continue;
    const t = c.evAt[e]!;
    let v: unknown;
    let given = false;
    for (; e < end && c.evAt[e] === t && c.evKind[e]! >> KIND_SHIFT === K_ASSIGN; e++) {
      const x = raw(c, j, e).assigneeId;
      if (x !== undefined) {
        v = x;
        given = true;
      }
    }
    e--;
    if (!given) continue;
    touched = true;
    const next = typeof v === 'string' ? v : null;
    if (next === cur) continue;
    cur = next;
    if (next === null) continue;
    stations++;
    if (first !== first) first = t;
  }
  f[0] = first;
  f[1] = stations;
  return touched || typeof (c.records[j] as { assigneeId?: unknown }).assigneeId !== 'string';
}

function firstAssignmentLoop(c: TicketColumns): Stats {
  const out = new Float64Array(c.n);
  const f = new Float64Array(2);
  const ledger = new Ledger();
  let n = 0;
  for (let j = 0; j < c.n; j++) {
    const why = ineligible(c, j) ?? (!assignments(c, j, f) ? 'assignment_unknown' : f[0] !== f[0] ? 'never_assigned' : undefined);
    if (why !== undefined) {
      ledger.add(why, c, j);
      continue;
    }
    out[n++] = f[0]! - c.created[j]!;
  }
  return { ...stats(out, n), excluded: ledger.total };
}

function stationsLoop(c: TicketColumns): [number, number, number[], number] {
  const f = new Float64Array(2);
  const hist = [0, 0, 0, 0, 0, 0];
  const ledger = new Ledger();
  let count = 0;
  let total = 0;
  for (let j = 0; j < c.n; j++) {
    const why = ineligible(c, j) ?? (!assignments(c, j, f) ? 'assignment_unknown' : undefined);
    if (why !== undefined) {
      ledger.add(why, c, j);
      continue;
    }
    count++;
    total += f[1]!;
    hist[Math.min(5, f[1]!)]!++;
  }
  return [count, total, hist, ledger.total];
}

function reassignmentLoop(c: TicketColumns): [number, number, number] {
  const f = new Float64Array(2);
  const ledger = new Ledger();
  let num = 0;
  let den = 0;
  for (let j = 0; j < c.n; j++) {
    const why = ineligible(c, j) ?? (!assignments(c, j, f) ? 'assignment_unknown' : f[1] === 0 ? 'never_assigned' : undefined);
    if (why !== undefined) {
      ledger.add(why, c, j);
      continue;
    }
    den++;
    if (f[1]! > 1) num++;
  }
  return [num, den, ledger.total];
}

/** Agent activity by hand: per agent id, replies, notes, touched, solved, one- and two-touch. */
function agentLoop(c: TicketColumns): [number, Array<[string | null, number, number, number, number, number, number]>] {
  const rows = new Map<string | null, number[]>();
  const row = (a: string | null): number[] => {
    let r = rows.get(a);
    if (r === undefined) rows.set(a, (r = [0, 0, 0, 0, 0, 0]));
    return r;
  };
  const seen: (string | null)[] = [];
  const ledger = new Ledger();
  for (let j = 0; j < c.n; j++) {
    const why = ineligible(c, j) ?? ((c.flags[j]! & F_EVENTS) === 0 ? 'summary_only' : undefined);
    if (why !== undefined) {
      ledger.add(why, c, j);
      continue;
    }
    const opening = (c.flags[j]! & F_AGENT_CREATED) !== 0 && (c.flags[j]! & F_FIRST_QUALIFIES) !== 0 ? 1 : 0;
    let skip = opening;
    seen.length = 0;
    for (let e = c.evStart[j]!; e < c.evStart[j + 1]!; e++) {
      const b = c.evKind[e]!;
      if (b >> KIND_SHIFT !== K_AGENT) {
        if ((b & Q_REPLY) !== 0 && skip > 0) skip--;
        continue;
      }
      const id = raw(c, j, e).authorId;
      const a = typeof id === 'string' ? id : null;
      const r = row(a);
      if (!seen.includes(a)) {
        seen.push(a);
        r[2]!++;
      }
      if ((b & Q_REPLY) !== 0) {
        if (skip > 0) skip--;
        else r[0]!++;
      } else if ((b & Q_PUBLIC) === 0) r[1]!++;
    }
    if (c.status[j]! >= 4) {
      const assignee = (c.records[j] as { assigneeId?: unknown }).assigneeId;
      let a: string | null = typeof assignee === 'string' ? assignee : null;
      if (typeof assignee !== 'string') {
        for (let e = c.evStart[j + 1]! - 1; e >= c.evStart[j]!; e--) {
          if (c.evKind[e]! >> KIND_SHIFT !== K_ASSIGN) continue;
          const v = raw(c, j, e).assigneeId;
          if (v === undefined) continue;
          a = typeof v === 'string' ? v : null;
          break;
        }
      }
      const r = row(a);
      r[3]!++;
      const replies = c.replies[j]! - opening;
      if (c.reopens[j] === 0 && replies === 1) r[4]!++;
      if (c.reopens[j] === 0 && replies === 2) r[5]!++;
    }
  }
  return [ledger.total, [...rows].map(([k, v]) => [k, ...v] as [string | null, number, number, number, number, number, number]).sort((x, y) => (x[0] === null ? 1 : y[0] === null ? -1 : x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))];
}

function botLoop(c: TicketColumns): [number, number, number, number, number] {
  let num = 0;
  let den = 0;
  let involved = 0;
  let handed = 0;
  const ledger = new Ledger();
  for (let j = 0; j < c.n; j++) {
    const why = ineligible(c, j) ?? (c.status[j]! < 4 ? 'unresolved' : undefined);
    if (why !== undefined) {
      ledger.add(why, c, j);
      continue;
    }
    let bot = false;
    let human = false;
    for (let e = c.evStart[j]!; e < c.evStart[j + 1]!; e++) {
      const b = c.evKind[e]!;
      if (b >> KIND_SHIFT === K_BOT && (b & Q_PUBLIC) !== 0) bot = true;
      else if (b >> KIND_SHIFT === K_AGENT && (b & Q_REPLY) !== 0) human = true;
    }
    if (!bot) {
      ledger.add('no_bot', c, j);
      continue;
    }
    den++;
    involved++;
    if (human) handed++;
    else if (c.reopens[j] === 0) num++;
  }
  return [num, den, involved, handed, ledger.total];
}

/** The benchmark rows on `tickets` (changed in place: the vendor events are added). */
export function vendorBench(tickets: Ticket[]): BenchRow[] {
  addVendorEvents(tickets);
  const prepared: PreparedTickets = prepareTickets(tickets);
  const c = (prepared as PreparedTicketSet).columns;
  const n = tickets.length;
  const o = { maxRatio: 1.5 };
  return [
    compare('timeInStatus requesterWait', n, () => timeInStatus(prepared, { definition: 'requesterWait' }), () => requesterWaitLoop(c), { ...o, check: agree('timeInStatus') }),
    compare('assignmentTime toFirstAssignment', n, () => assignmentTime(prepared), () => firstAssignmentLoop(c), { ...o, check: agree('assignmentTime') }),
    compare('assignmentStations', n, () => assignmentStations(prepared), () => stationsLoop(c), {
      ...o,
      check: (m, b) => {
        const r = m as { count: number; total: number; distribution: Record<string, number>; excluded: { total: number } };
        same([r.count, r.total, Object.values(r.distribution), r.excluded.total], b);
      },
    }),
    compare('reassignmentRate', n, () => reassignmentRate(prepared), () => reassignmentLoop(c), { ...o, check: (m, b) => same([(m as { numerator: number }).numerator, (m as { denominator: number }).denominator, (m as { excluded: { total: number } }).excluded.total], b) }),
    compare('agentActivity', n, () => agentActivity(prepared), () => agentLoop(c), {
      ...o,
      check: (m, b) => {
        const r = m as { agents: Array<Record<string, unknown>>; excluded: { total: number } };
        same([r.excluded.total, r.agents.map((a) => [a.agentId, a.publicReplies, a.internalNotes, a.ticketsTouched, a.ticketsSolved, a.oneTouch, a.twoTouch])], b);
      },
    }),
    compare('botResolutionRate', n, () => botResolutionRate(prepared), () => botLoop(c), {
      ...o,
      check: (m, b) => {
        const r = m as { numerator: number; denominator: number; involved: number; handedOver: number; excluded: { total: number } };
        same([r.numerator, r.denominator, r.involved, r.handedOver, r.excluded.total], b);
      },
    }),
    compare('firstContactResolution two-touch, bots excluded (prepared) vs one-touch (prepared)', n, () => firstContactResolution(prepared, { definition: 'two-touch', botResolved: 'exclude' }), () => firstContactResolution(prepared), { informational: true }),
  ];
}

/** Runs and prints (BENCH_TICKETS tickets, default 1M). */
export function printVendor(count = Number(process.env.BENCH_TICKETS ?? 1_000_000)): void {
  printBench(vendorBench(generateTickets(count, 42, { days: 365, startMs: Date.UTC(2026, 0, 5) })));
}
