/**
 * The live queue on 1M prepared tickets (about 100k open at `at`, from the shared generator with fewer
 * unanswered and unresolved tickets) with business hours and an SLA policy: prioritizeQueue against a
 * hand-written loop over the same columns that computes the same states, SLA standings, first requests and
 * scores and sorts them (target ≤ 2×); queueSnapshot against its loop (target ≤ 1.5×).
 *
 * The loops read the prepared set's columns directly (one typed array per fact, events sorted by (time, kind))
 * and use the schedule's engine for business time, as the library does; everything else is written out here.
 * Like the results, they list the tickets they leave out (ids by reason), and the checks compare those too.
 */
import { engineOf, type ScheduleEngine } from '../src/calendar/schedule.js';
import { prepareTickets, prioritizeQueue, queueSnapshot, type PrioritizeQueueOptions, type PrioritizeQueueResult, type QueueSnapshotResult, type SlaDefinition } from '../src/index.js';
import { PreparedTicketSet } from '../src/pipeline/ticketSource.js';
import { F_AGENT_CREATED, F_DELETED, F_EVENTS, F_MERGED, F_SPAM, K_CUSTOMER, KB_SOLVED, KB_STATUS, KIND_SHIFT, K_STATUS, Q_PUBLIC, Q_REPLY, S_BAD, type TicketColumns } from '../src/read/ticketColumns.js';
import { benchSchedule } from './businessHours.bench.js';
import { generateTickets } from './generate.js';
import { compare, type BenchRow } from './harness.js';

const H = 3_600_000;
const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 5);

/** Targets per priority, all in business time on the bench schedule. */
const TARGETS = {
  urgent: { fr: H, nr: H, rs: 8 * H },
  high: { fr: 2 * H, nr: 4 * H, rs: 16 * H },
  normal: { fr: 8 * H, nr: 8 * H, rs: 40 * H },
  low: { fr: 16 * H, nr: 16 * H, rs: 80 * H },
} as const;
const SEGMENT = new Map([['urgent', 2], ['high', 1]]);
const RULES = { waitWeight: 1, breachWeight: 0.5, breachWindowMs: 8 * H, firstRequestBoost: 1 } as const;

interface Entry {
  id: string;
  created: number;
  since: number;
  waited: number;
  waitedBusiness: number;
  agent: boolean;
  tier: number;
  score: number;
  left: number;
  due: number;
  first: boolean | undefined;
}

/** What the loops compute for one open ticket. */
interface State {
  on: number; // 0 agent, 1 customer, 2 third party
  since: number;
  firstReply: number;
  agentCreated: boolean;
  hasSla: boolean;
  left: number;
  due: number;
  breached: boolean;
  near: boolean;
}

/** A running target: breached, near breach, and the least time left (then the earlier due). */
function consider(s: State, gain: number, left: number, due: number): void {
  if (left < 0) s.breached = true;
  else if (gain > left) s.near = true;
  if (!s.hasSla || left < s.left || (left === s.left && due < s.due)) {
    s.hasSla = true;
    s.left = left;
    s.due = due;
  }
}

/** The state of ticket j at `at` into `s` (OPEN), or why it is not open. Written out in full. */
function stateOf(c: TicketColumns, j: number, at: number, engine: ScheduleEngine, gain: number, s: State): string | undefined {
  const f = c.flags[j]!;
  if ((f & F_EVENTS) === 0) return 'summary_only';
  const created = c.created[j]!;
  const agentCreated = (f & F_AGENT_CREATED) !== 0;
  const evAt = c.evAt;
  const evKind = c.evKind;
  const start = c.evStart[j]!;
  const end = c.evStart[j + 1]!;
  let status = 0;
  let statusSince = created;
  let open = agentCreated ? NaN : created;
  let lastCustomer = open;
  let answered = created;
  let firstReply = NaN;
  let firstReplyPos = -1;
  let firstSolve = NaN;
  let m = start;
  for (; m < end; m++) {
    const t = evAt[m]!;
    if (t > at) break;
    const b = evKind[m]!;
    if (b >= KB_STATUS) {
      status = (b >> KIND_SHIFT) - K_STATUS;
      statusSince = t;
      if (b >= KB_SOLVED) {
        open = NaN;
        answered = t;
        if (firstSolve !== firstSolve) firstSolve = t;
      }
    } else if (b >> KIND_SHIFT === K_CUSTOMER && (b & Q_PUBLIC) !== 0) {
      if (open !== open) open = t;
      lastCustomer = t;
    } else if ((b & Q_REPLY) !== 0) {
      if (firstReply !== firstReply) {
        firstReply = t;
        firstReplyPos = m;
      }
      open = NaN;
      answered = t;
    }
  }
  if (status >= 4) return 'resolved';
  if (status === 2 || status === 3) {
    if (open === open && lastCustomer > statusSince) {
      s.on = 0;
      s.since = open;
    } else {
      s.on = status === 2 ? 1 : 2;
      s.since = Math.max(statusSince, answered);
    }
  } else if (open === open) {
    s.on = 0;
    s.since = open;
  } else {
    s.on = 1;
    s.since = answered;
  }
  s.firstReply = firstReply;
  s.agentCreated = agentCreated;
  // SLA: the running targets of the ticket's priority; the least time left wins (then the earlier due).
  s.hasSla = false;
  s.breached = false;
  s.near = false;
  const p = (c.records[c.base + j] as { priority?: keyof typeof TARGETS }).priority;
  const tg = p === undefined ? undefined : TARGETS[p];
  if (tg === undefined) return undefined;
  // First reply (customer-created tickets): running until the first reply or solve.
  if (!agentCreated && firstReply !== firstReply && firstSolve !== firstSolve) consider(s, gain, tg.fr - engine.measure(created, at), engine.add(created, tg.fr));
  // Next reply: the open cycle after the first reply.
  if (firstReply === firstReply) {
    let cycle = NaN;
    for (let e = firstReplyPos + 1; e < m; e++) {
      const b = evKind[e]!;
      if (b >> KIND_SHIFT === K_CUSTOMER && (b & Q_PUBLIC) !== 0) {
        if (cycle !== cycle) cycle = evAt[e]!;
      } else if (cycle === cycle && ((b & Q_REPLY) !== 0 || b >= KB_SOLVED)) cycle = NaN;
    }
    if (cycle === cycle) consider(s, gain, tg.nr - engine.measure(cycle, at), engine.add(cycle, tg.nr));
  }
  // Resolution: runs while new or open (pending and on-hold pause it), from creation.
  if (status < 2) {
    let st = 0;
    let since = created;
    let elapsed = 0;
    let due = NaN;
    for (let e = start; e < m; e++) {
      const b = evKind[e]!;
      if (b < KB_STATUS) continue;
      const t = evAt[e]!;
      if (st < 2 && t > since) {
        const part = engine.measure(since, t);
        if (due !== due && elapsed + part >= tg.rs && part > 0) due = engine.add(since, tg.rs - elapsed);
        elapsed += part;
      }
      st = (b >> KIND_SHIFT) - K_STATUS;
      since = t;
    }
    const before = elapsed;
    if (at > since) {
      const part = engine.measure(since, at);
      if (due !== due && elapsed + part >= tg.rs && part > 0) due = engine.add(since, tg.rs - elapsed);
      elapsed += part;
    }
    if (due !== due) due = engine.add(since, tg.rs - before);
    consider(s, gain, tg.rs - elapsed, due);
  }
  return undefined;
}

/**
 * Why ticket j is left out before its state is read (the library's order: invalid, deleted, spam, merged,
 * created after `at`), or undefined. The loops list what they leave out by reason, as the result does.
 */
function screened(c: TicketColumns, j: number, at: number): string | undefined {
  if (c.state[j] !== 0) return 'invalid';
  const f = c.flags[j]!;
  if ((f & F_DELETED) !== 0) return 'ineligible:deleted';
  if ((f & F_SPAM) !== 0) return 'ineligible:spam';
  if ((f & F_MERGED) !== 0) return 'ineligible:merged';
  return c.created[j]! > at ? 'created_after' : undefined;
}

function leaveOut(excluded: Map<string, string[]>, reason: string, id: string): void {
  const list = excluded.get(reason);
  if (list === undefined) excluded.set(reason, [id]);
  else list.push(id);
}

const idOf = (records: readonly unknown[], i: number): string => {
  const id = (records[i] as { id: string | number }).id;
  return typeof id === 'string' ? id : String(id);
};

/** The queue by hand: states, first requests, scores, the two sorted lists. */
function queueLoop(c: TicketColumns, at: number, engine: ScheduleEngine): { queue: Entry[]; others: Entry[]; excluded: Map<string, string[]> } {
  const gain = engine.measure(at, at + H);
  const mask = F_SPAM | F_DELETED | F_MERGED;
  const records = c.records;
  // First requests: the earliest created ticket of each requester (then the smaller id).
  const first = new Map<string, number>();
  for (let j = 0; j < c.n; j++) {
    if (c.state[j] === S_BAD || (c.flags[j]! & mask) !== 0 || c.created[j]! > at) continue;
    const r = (records[j] as { requesterId?: unknown }).requesterId;
    if (typeof r !== 'string' || r === '') continue;
    const k = first.get(r);
    if (k === undefined || c.created[j]! < c.created[k]! || (c.created[j] === c.created[k] && idOf(records, j) < idOf(records, k))) first.set(r, j);
  }
  const queue: Entry[] = [];
  const others: Entry[] = [];
  const excluded = new Map<string, string[]>();
  const s: State = { on: 0, since: 0, firstReply: NaN, agentCreated: false, hasSla: false, left: 0, due: 0, breached: false, near: false };
  for (let j = 0; j < c.n; j++) {
    const why = screened(c, j, at) ?? stateOf(c, j, at, engine, gain, s);
    if (why !== undefined) {
      leaveOut(excluded, why, idOf(records, j));
      continue;
    }
    const r = (records[j] as { requesterId?: unknown }).requesterId;
    const isFirst = typeof r === 'string' && r !== '' ? first.get(r) === j : undefined;
    const waitedBusiness = engine.measure(s.since, at);
    const e: Entry = { id: idOf(records, j), created: c.created[j]!, since: s.since, waited: at - s.since, waitedBusiness, agent: s.on === 0, tier: 0, score: 0, left: s.left, due: s.due, first: isFirst };
    if (s.on === 0) {
      const seg = SEGMENT.get((records[j] as { priority?: string }).priority ?? '') ?? 0;
      const waitedPts = (RULES.waitWeight * waitedBusiness) / H;
      const breachPts = s.hasSla ? (RULES.breachWeight * Math.max(0, RULES.breachWindowMs - s.left)) / H : 0;
      e.score = seg + waitedPts + breachPts + (isFirst === true ? RULES.firstRequestBoost : 0);
      e.tier = s.breached ? 2 : s.near ? 1 : 0;
      queue.push(e);
    } else others.push(e);
  }
  const byWait = (a: Entry, b: Entry): number => a.since - b.since || a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  queue.sort((a, b) => b.tier - a.tier || b.score - a.score || byWait(a, b));
  others.sort(byWait);
  return { queue, others, excluded };
}

interface Counts {
  open: number;
  on: number[];
  noFirstReply: number;
  breached: number;
  near: number;
  oldest: number;
  oldestBusiness: number;
  byWait: number[];
  excluded: Map<string, string[]>;
}

const EDGES = [H, 4 * H, 24 * H, 72 * H];

/** The snapshot by hand. */
function snapshotLoop(c: TicketColumns, at: number, engine: ScheduleEngine): Counts {
  const gain = engine.measure(at, at + H);
  const out: Counts = { open: 0, on: [0, 0, 0], noFirstReply: 0, breached: 0, near: 0, oldest: -1, oldestBusiness: -1, byWait: [0, 0, 0, 0, 0], excluded: new Map() };
  const s: State = { on: 0, since: 0, firstReply: NaN, agentCreated: false, hasSla: false, left: 0, due: 0, breached: false, near: false };
  for (let j = 0; j < c.n; j++) {
    const why = screened(c, j, at) ?? stateOf(c, j, at, engine, gain, s);
    if (why !== undefined) {
      leaveOut(out.excluded, why, idOf(c.records, j));
      continue;
    }
    out.open++;
    out.on[s.on]!++;
    if (!s.agentCreated && s.firstReply !== s.firstReply) out.noFirstReply++;
    if (s.breached) out.breached++;
    else if (s.near) out.near++;
    const business = engine.measure(s.since, at);
    if (s.on !== 0) continue;
    out.oldest = Math.max(out.oldest, at - s.since);
    out.oldestBusiness = Math.max(out.oldestBusiness, business);
    let k = 0;
    while (k < EDGES.length && business > EDGES[k]!) k++;
    out.byWait[k]!++;
  }
  return out;
}

function checkQueue(m: unknown, b: unknown): void {
  const lib = m as PrioritizeQueueResult;
  const base = b as ReturnType<typeof queueLoop>;
  const bad = (what: string): never => {
    throw new Error(`queue bench: library and loop disagree on ${what}`);
  };
  if (lib.queue.length !== base.queue.length || lib.waitingOnOthers.length !== base.others.length) bad(`sizes (${lib.queue.length}/${lib.waitingOnOthers.length} vs ${base.queue.length}/${base.others.length})`);
  lib.queue.forEach((t, i) => {
    const e = base.queue[i]!;
    if (t.id !== e.id || t.score !== e.score || t.waitedBusinessMs !== e.waitedBusiness || t.firstRequest !== e.first || (t.sla?.timeLeftMs ?? e.left) !== e.left) bad(`queue[${i}] (${t.id} ${t.score} vs ${e.id} ${e.score})`);
  });
  lib.waitingOnOthers.forEach((t, i) => {
    if (t.id !== base.others[i]!.id) bad(`waitingOnOthers[${i}]`);
  });
  sameExclusions(lib.excluded.ids, base.excluded);
}

function sameExclusions(ids: Readonly<Partial<Record<string, readonly string[]>>>, loop: Map<string, string[]>): void {
  const a = JSON.stringify(Object.entries(ids).sort());
  const b = JSON.stringify([...loop].sort());
  if (a !== b) throw new Error('queue bench: library and loop leave out different tickets');
}

function checkSnapshot(m: unknown, b: unknown): void {
  const lib = m as QueueSnapshotResult;
  const base = b as Counts;
  const got = [lib.open, lib.waitingOnAgent, lib.waitingOnCustomer, lib.waitingOnThirdParty, lib.noFirstReply, lib.breached, lib.nearBreach, lib.oldestWaitMs, lib.oldestWaitBusinessMs, ...Object.values(lib.byWait)];
  const want = [base.open, ...base.on, base.noFirstReply, base.breached, base.near, base.oldest, base.oldestBusiness, ...base.byWait];
  if (got.some((x, i) => x !== want[i])) throw new Error(`queue bench: snapshot disagrees: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
  sameExclusions(lib.excluded.ids, base.excluded);
}

/** Rows for bench/run.ts (generates and releases its own tickets). */
export function queueBench(count: number): BenchRow[] {
  const t0 = performance.now();
  let tickets: ReturnType<typeof generateTickets> | undefined = generateTickets(count, 42, { days: 365, startMs: FROM, unansweredShare: 0.02, unresolvedShare: 0.03 });
  const prepared = prepareTickets(tickets);
  tickets = undefined;
  const columns = (prepared as PreparedTicketSet).columns;
  const at = FROM + 365 * DAY;
  const businessHours = benchSchedule();
  const engine = engineOf(businessHours)!;
  const targets = Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, { firstReply: t.fr, nextReply: t.nr, resolution: t.rs }]));
  const policy: SlaDefinition = { targets, businessHours };
  const options: PrioritizeQueueOptions = { at, businessHours, policy, rules: { segment: 'priority', segmentWeights: Object.fromEntries(SEGMENT), ...RULES } };
  const sample = queueSnapshot(prepared, { at, businessHours, policy });
  console.log(`generated and prepared ${count.toLocaleString('en-US')} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${sample.open.toLocaleString('en-US')} open at \`at\` (${sample.waitingOnAgent.toLocaleString('en-US')} waiting on an agent)`);
  return [
    compare('prioritizeQueue (prepared, business hours, SLA)', count, () => prioritizeQueue(prepared, options), () => queueLoop(columns, at, engine), { check: checkQueue, maxRatio: 2, maxHeapMB: 256 }),
    compare('queueSnapshot (prepared, business hours, SLA)', count, () => queueSnapshot(prepared, { at, businessHours, policy }), () => snapshotLoop(columns, at, engine), { check: checkSnapshot, maxRatio: 1.5 }),
  ];
}
