/**
 * The pipeline's rows (issues 11 and 12):
 * - each ticket metric on a prepared set against a hand-written loop over the same columns of facts (target
 *   ≤ 1.5×);
 * - the dashboard: ten ticket metrics, each by channel, on one prepared set, preparation included, against the
 *   slowest of them on the raw array (target: no slower);
 * - the memory of a prepared million (target ≤ 200 MB);
 * - ids that stop increasing (`T-99999`, then `T-100000`) against zero-padded ones, at 1M and 3M tickets (time
 *   per ticket within 15 % of each other).
 */
import {
  averageResponseTime,
  backlog,
  firstContactResolution,
  firstResponseTime,
  interactionsPerTicket,
  prepareTickets,
  reopenRate,
  resolutionRate,
  resolutionTime,
  ticketVolume,
  type PreparedTickets,
  type Ticket,
} from '../src/index.js';
import { PreparedTicketSet } from '../src/pipeline/ticketSource.js';
import {
  F_AGENT_CREATED,
  F_CUSTOMER_CREATED,
  F_DELETED,
  F_EVENTS,
  F_FIRST_QUALIFIES,
  F_FIRST_RES_UNKNOWN,
  F_MERGED,
  F_SPAM,
  KB_SOLVED,
  KB_STATUS,
  KIND_SHIFT,
  K_AGENT,
  K_CUSTOMER,
  Q_PUBLIC,
  Q_REPLY,
  S_OK,
  type TicketColumns,
} from '../src/read/ticketColumns.js';
import { generateTickets } from './generate.js';
import { compare, info, measure, type BenchRow } from './harness.js';

const DAY = 86_400_000;
const INELIGIBLE = F_SPAM | F_DELETED | F_MERGED;

interface Stats {
  count: number;
  mean: number | undefined;
  p50: number | undefined;
}

function stats(values: Float64Array, n: number): Stats {
  if (n === 0) return { count: 0, mean: undefined, p50: undefined };
  const s = values.subarray(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i]!;
  const h = (n - 1) / 2;
  const lo = Math.floor(h);
  return { count: n, mean: sum / n, p50: s[lo]! + (h - lo) * (s[Math.min(lo + 1, n - 1)]! - s[lo]!) };
}

const cols = (p: PreparedTickets): TicketColumns => (p as PreparedTicketSet).columns;

/**
 * The loops list what they leave out, as the library must (nothing silently lost): the id of each excluded
 * ticket, by reason. Without it a loop would not do the same work.
 */
class Skipped {
  readonly lists = new Map<string, string[]>();
  add(reason: string, c: TicketColumns, j: number): void {
    const id = c.ids[j] as string | number;
    const label = typeof id === 'string' ? id : String(id);
    const list = this.lists.get(reason);
    if (list === undefined) this.lists.set(reason, [label]);
    else list.push(label);
  }
}
const ok = (c: TicketColumns, j: number): boolean => c.state[j] === S_OK && ((c.flags[j] as number) & INELIGIBLE) === 0;
const resolvedNow = (c: TicketColumns, j: number): boolean =>
  (c.status[j] as number) >= 0 ? (c.status[j] as number) >= 4 : ((c.flags[j] as number) & F_EVENTS) === 0 && c.lastResolved[j] === c.lastResolved[j];

// ---- hand-written loops over the columns, one per metric (the same definitions, no generality) ----

function frtLoop(c: TicketColumns): Stats {
  const skipped = new Skipped();
  const out = new Float64Array(c.n);
  let n = 0;
  for (let j = 0; j < c.n; j++) {
    if (!ok(c, j)) {
      skipped.add('ineligible', c, j);
      continue;
    }
    const f = c.flags[j] as number;
    const r = (f & F_AGENT_CREATED) !== 0 && (f & F_FIRST_QUALIFIES) !== 0 ? (c.secondReply[j] as number) : (c.firstReply[j] as number);
    if (r !== r) {
      skipped.add('no_reply', c, j);
      continue;
    }
    out[n++] = r - (c.created[j] as number);
  }
  return stats(out, n);
}

function artLoop(c: TicketColumns): Stats {
  const skipped = new Skipped();
  const out = new Float64Array(c.evCount);
  let n = 0;
  for (let j = 0; j < c.n; j++) {
    if (!ok(c, j) || ((c.flags[j] as number) & F_EVENTS) === 0) {
      skipped.add('ineligible', c, j);
      continue;
    }
    let open = NaN;
    for (let e = c.evStart[j]!; e < c.evStart[j + 1]!; e++) {
      const b = c.evKind[e]!;
      if (b >> KIND_SHIFT === K_CUSTOMER && (b & Q_PUBLIC) !== 0) {
        if (open !== open) open = c.evAt[e]!;
      } else if ((b & Q_REPLY) !== 0 && open === open) {
        out[n++] = c.evAt[e]! - open;
        open = NaN;
      }
    }
  }
  return stats(out, n);
}

function resolutionLoop(c: TicketColumns, first: boolean): Stats {
  const skipped = new Skipped();
  const out = new Float64Array(c.n);
  let n = 0;
  for (let j = 0; j < c.n; j++) {
    if (!ok(c, j)) {
      skipped.add('ineligible', c, j);
      continue;
    }
    const end = first ? c.firstResolved[j]! : c.lastResolved[j]!;
    if (end !== end || (!first && !resolvedNow(c, j)) || (first && (c.flags[j]! & F_FIRST_RES_UNKNOWN) !== 0)) {
      skipped.add('unresolved', c, j);
      continue;
    }
    out[n++] = end - c.created[j]!;
  }
  return stats(out, n);
}

function fcrLoop(c: TicketColumns): [number, number] {
  const skipped = new Skipped();
  let num = 0;
  let den = 0;
  for (let j = 0; j < c.n; j++) {
    if (c.state[j] !== S_OK || !resolvedNow(c, j) || (c.flags[j]! & INELIGIBLE) !== 0) {
      skipped.add('unresolved', c, j);
      continue;
    }
    const f = c.flags[j]!;
    if ((f & F_AGENT_CREATED) !== 0) {
      skipped.add('agent_created', c, j);
      continue;
    }
    const customers = c.customers[j]!;
    if (customers === 0 || (customers < 0 && (f & F_CUSTOMER_CREATED) === 0)) {
      skipped.add('no_customer_message', c, j);
      continue;
    }
    const replies = c.replies[j]!;
    den++;
    if (replies === 1 && c.reopens[j] === 0) num++;
  }
  return [num, den];
}

function resolutionRateLoop(c: TicketColumns): [number, number] {
  const skipped = new Skipped();
  let num = 0;
  let den = 0;
  for (let j = 0; j < c.n; j++) {
    if (!ok(c, j)) {
      skipped.add('ineligible', c, j);
      continue;
    }
    den++;
    if (resolvedNow(c, j)) num++;
  }
  return [num, den];
}

function reopenLoop(c: TicketColumns): [number, number] {
  const skipped = new Skipped();
  let num = 0;
  let den = 0;
  for (let j = 0; j < c.n; j++) {
    if (!ok(c, j)) {
      skipped.add('ineligible', c, j);
      continue;
    }
    if ((c.flags[j]! & F_EVENTS) !== 0 ? c.firstResolution[j] !== c.firstResolution[j] : c.firstResolved[j] !== c.firstResolved[j]) {
      skipped.add('unresolved', c, j);
      continue;
    }
    den++;
    if (c.reopens[j]! > 0) num++;
  }
  return [num, den];
}

function backlogLoop(c: TicketColumns, at: number): number {
  const skipped = new Skipped();
  let count = 0;
  for (let j = 0; j < c.n; j++) {
    if (!ok(c, j) || c.created[j]! > at) {
      skipped.add('created_after', c, j);
      continue;
    }
    let s = 0;
    for (let e = c.evStart[j]!; e < c.evStart[j + 1]!; e++) {
      if (c.evAt[e]! > at) break;
      const b = c.evKind[e]!;
      if (b >= KB_STATUS) s = b;
    }
    if (s < KB_SOLVED) count++;
    else skipped.add('resolved', c, j);
  }
  return count;
}

function interactionsLoop(c: TicketColumns): [number, number] {
  const skipped = new Skipped();
  let count = 0;
  let total = 0;
  for (let j = 0; j < c.n; j++) {
    if (!ok(c, j) || !resolvedNow(c, j)) {
      skipped.add('unresolved', c, j);
      continue;
    }
    // The reader counts each ticket's public messages by author kind (the column the metric reads).
    count++;
    total += c.publicAgent[j]!;
  }
  return [count, total];
}

function volumeLoop(c: TicketColumns, from: number, days: number): number[] {
  const skipped = new Skipped();
  const out = new Array<number>(days).fill(0);
  for (let j = 0; j < c.n; j++) {
    if (!ok(c, j)) {
      skipped.add('ineligible', c, j);
      continue;
    }
    const k = Math.floor((c.created[j]! - from) / DAY);
    if (k >= 0 && k < days) out[k]!++;
    else skipped.add('out_of_period', c, j);
  }
  return out;
}

const sameStats = (label: string) => (m: unknown, b: unknown): void => {
  const r = m as { count: number; meanMs?: number; medianMs?: number };
  const s = b as Stats;
  const close = (x: number | undefined, y: number | undefined): boolean => x === y || (x !== undefined && y !== undefined && Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y)));
  if (r.count !== s.count || !close(r.meanMs, s.mean) || !close(r.medianMs, s.p50)) throw new Error(`${label}: library and loop disagree: ${JSON.stringify([r.count, r.meanMs, r.medianMs, s])}`);
};
const sameRate = (label: string) => (m: unknown, b: unknown): void => {
  const r = m as { numerator: number; denominator: number };
  const [n, d] = b as [number, number];
  if (r.numerator !== n || r.denominator !== d) throw new Error(`${label}: library ${r.numerator}/${r.denominator}, loop ${n}/${d}`);
};

/** Each metric on a prepared set against its loop over the same columns. */
export function preparedBench(tickets: readonly Ticket[], from: number): BenchRow[] {
  const p = prepareTickets(tickets);
  const c = cols(p);
  const n = tickets.length;
  const at = from + 180 * DAY;
  const opt = { maxRatio: 1.5 };
  return [
    compare('prepared: firstResponseTime', n, () => firstResponseTime(p), () => frtLoop(c), { ...opt, check: sameStats('FRT') }),
    compare('prepared: averageResponseTime', n, () => averageResponseTime(p), () => artLoop(c), { ...opt, check: sameStats('ART') }),
    compare('prepared: resolutionTime (first)', n, () => resolutionTime(p, { resolution: 'first' }), () => resolutionLoop(c, true), { ...opt, check: sameStats('first resolution') }),
    compare('prepared: resolutionTime (full)', n, () => resolutionTime(p), () => resolutionLoop(c, false), { ...opt, check: sameStats('full resolution') }),
    compare('prepared: firstContactResolution', n, () => firstContactResolution(p), () => fcrLoop(c), { ...opt, check: sameRate('FCR') }),
    compare('prepared: resolutionRate', n, () => resolutionRate(p), () => resolutionRateLoop(c), { ...opt, check: sameRate('resolution rate') }),
    compare('prepared: reopenRate', n, () => reopenRate(p), () => reopenLoop(c), { ...opt, check: sameRate('reopen rate') }),
    compare('prepared: backlog', n, () => backlog(p, { at }), () => backlogLoop(c, at), {
      ...opt,
      check: (m, b) => {
        if ((m as { count: number }).count !== b) throw new Error(`backlog: ${(m as { count: number }).count} vs ${String(b)}`);
      },
    }),
    compare('prepared: interactionsPerTicket', n, () => interactionsPerTicket(p), () => interactionsLoop(c), {
      ...opt,
      check: (m, b) => {
        const r = m as { count: number; total: number };
        const [k, t] = b as [number, number];
        if (r.count !== k || r.total !== t) throw new Error(`interactions: ${r.count}/${r.total} vs ${k}/${t}`);
      },
    }),
    compare('prepared: ticketVolume (day, UTC)', n, () => ticketVolume(p, { interval: 'day', timeZone: 'UTC', period: { from, to: from + 365 * DAY } }), () => volumeLoop(c, from, 365), {
      ...opt,
      check: (m, b) => {
        const got = (m as { buckets: { count: number }[] }).buckets.map((x) => x.count);
        if (JSON.stringify(got) !== JSON.stringify(b)) throw new Error('volume: library and loop disagree');
      },
    }),
  ];
}

/** The ten metrics of the dashboard, each by channel. */
function dashboard(input: readonly Ticket[] | PreparedTickets, from: number): unknown[] {
  const by = 'channel' as const;
  const at = from + 180 * DAY;
  return [
    firstResponseTime(input, { by }),
    averageResponseTime(input, { by }),
    resolutionTime(input, { resolution: 'first', by }),
    resolutionTime(input, { by }),
    firstContactResolution(input, { by }),
    resolutionRate(input, { by }),
    reopenRate(input, { by }),
    backlog(input, { at, by }),
    interactionsPerTicket(input, { by }),
    ticketVolume(input, { interval: 'day', timeZone: 'UTC', by }),
  ];
}

/** The dashboard on one prepared set, preparation included, against the slowest metric alone on the array. */
export function dashboardBench(tickets: readonly Ticket[], from: number): BenchRow[] {
  const n = tickets.length;
  const rows: BenchRow[] = [];
  const prepared = measure(() => prepareTickets(tickets), 1);
  const bytes = prepared.result.bytes;
  rows.push({ name: 'prepareTickets: columns of a prepared set', items: n, ms: prepared.ms, heapMB: bytes / 1048576, target: '≤ 200 MB', ok: bytes / 1048576 <= 200 });
  rows.push({ ...info('prepareTickets (time; heap sampled: columns + garbage not yet collected)', n, () => prepareTickets(tickets), 3), heapMB: prepared.heapMB });
  // The slowest of the ten on the raw array (FCR and ART are the usual ones): the row's baseline.
  const raw = (): unknown => [firstContactResolution(tickets), averageResponseTime(tickets)];
  const slowest = measure(() => {
    const t0 = performance.now();
    firstContactResolution(tickets);
    const a = performance.now() - t0;
    const t1 = performance.now();
    averageResponseTime(tickets);
    return Math.max(a, performance.now() - t1);
  }, 3);
  void raw;
  const dash = measure(() => dashboard(prepareTickets(tickets), from), 3);
  const ratio = dash.ms / slowest.result;
  rows.push({
    name: 'dashboard: prepare + 10 metrics by channel vs the slowest one alone on the array',
    items: n,
    ms: dash.ms,
    baselineMs: slowest.result,
    ratio,
    heapMB: dash.heapMB,
    target: 'ratio ≤ 1.0',
    ok: ratio <= 1,
  });
  return rows;
}

/** Ids `T-0`, `T-1`, …: they stop increasing in string order at `T-10` (then `T-99999` < `T-100000` fails). */
function unpadded(tickets: readonly Ticket[]): Ticket[] {
  return tickets.map((t, i) => ({ ...t, id: `T-${i}` }));
}

/** The same tickets with ordered and with unordered ids, at each size: time per ticket side by side. */
export function idOrderBench(sizes: readonly number[], from: number): BenchRow[] {
  const rows: BenchRow[] = [];
  const perTicket: { name: string; us: number }[] = [];
  for (const size of sizes) {
    let ordered: Ticket[] | undefined = generateTickets(size, 42, { days: 365, startMs: from });
    let unordered: Ticket[] | undefined = unpadded(ordered);
    for (const [label, run] of [
      ['firstResponseTime', (t: Ticket[]) => firstResponseTime(t)],
      ['ticketVolume (day)', (t: Ticket[]) => ticketVolume(t, { interval: 'day', timeZone: 'UTC' })],
    ] as const) {
      const a = measure(() => run(ordered as Ticket[]), 3);
      const b = measure(() => run(unordered as Ticket[]), 3);
      const name = `${label}, ${(size / 1e6).toFixed(0)}M tickets`;
      rows.push({ name: `${name}, ordered ids`, items: size, ms: a.ms, heapMB: a.heapMB, target: 'no target (information)', ok: true });
      rows.push({ name: `${name}, unordered ids`, items: size, ms: b.ms, baselineMs: a.ms, ratio: b.ms / a.ms, heapMB: b.heapMB, target: 'ratio ≤ 1.15', ok: b.ms / a.ms <= 1.15 });
      perTicket.push({ name: `${label} ordered ${size}`, us: (a.ms * 1000) / size }, { name: `${label} unordered ${size}`, us: (b.ms * 1000) / size });
    }
    ordered = undefined;
    unordered = undefined;
    (globalThis as { gc?: () => void }).gc?.();
  }
  // Growth: per ticket, the largest size against the smallest, for each row (within 15 %).
  for (const label of ['firstResponseTime', 'ticketVolume (day)']) {
    for (const kind of ['ordered', 'unordered']) {
      const xs = perTicket.filter((p) => p.name.startsWith(`${label} ${kind} `));
      if (xs.length < 2) continue;
      const r = (xs[xs.length - 1] as { us: number }).us / (xs[0] as { us: number }).us;
      rows.push({ name: `${label}, ${kind} ids: µs per ticket, ${sizes[sizes.length - 1]! / 1e6}M vs ${sizes[0]! / 1e6}M`, items: 0, ms: 0, ratio: r, heapMB: 0, target: 'ratio ≤ 1.15', ok: r <= 1.15 });
    }
  }
  return rows;
}
