/**
 * Ticket timing metrics on the shared synthetic tickets, each against a plain hand-written loop that computes
 * the same numbers (count, mean, p50, p90) under the same definition over the same objects.
 */
import { averageResponseTime, firstResponseTime, resolutionTime, type Ticket } from '../src/index.js';
import { benchSchedule } from './businessHours.bench.js';
import { compare, type BenchRow } from './harness.js';
import { ineligible } from './harness.js';

export interface Stats {
  count: number;
  mean: number | undefined;
  p50: number | undefined;
  p90: number | undefined;
}

/** R-7 over a sorted typed array, plain floats (the baseline's own quantile). */
export function r7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function stats(values: Float64Array, n: number): Stats {
  if (n === 0) return { count: 0, mean: undefined, p50: undefined, p90: undefined };
  const s = values.subarray(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i]!;
  return { count: n, mean: sum / n, p50: r7(s, 0.5), p90: r7(s, 0.9) };
}

export function agree(label: string) {
  return (m: unknown, b: unknown): void => {
    const lib = m as { count: number; meanMs?: number; medianMs?: number; percentilesMs: Record<string, number | undefined> };
    const base = b as Stats;
    const close = (x: number | undefined, y: number | undefined): boolean =>
      x === y || (x !== undefined && y !== undefined && Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y)));
    if (lib.count !== base.count || !close(lib.meanMs, base.mean) || !close(lib.medianMs, base.p50) || !close(lib.percentilesMs.p90, base.p90)) {
      throw new Error(`${label}: library and baseline disagree: ${JSON.stringify({ lib: [lib.count, lib.meanMs, lib.medianMs, lib.percentilesMs.p90], base })}`);
    }
  };
}

/** Zendesk FRT by hand: first public agent reply; agent-created tickets skip the agent's first message. */
function frtLoop(tickets: readonly Ticket[]): Stats {
  const out = new Float64Array(tickets.length);
  let n = 0;
  for (const t of tickets) {
    if (ineligible(t)) continue; // spam, deleted, merged: left out by every ticket metric
    const created = t.createdAt as number;
    let r1 = Infinity;
    let r2 = Infinity;
    let firstAt = Infinity;
    let firstIsAgentReply = false;
    let firstIsAgent = false;
    let firstIsCustomer = false;
    for (const e of t.events!) {
      if (e.type !== 'message') continue;
      const at = e.at as number;
      const reply = e.author === 'agent' && e.public !== false;
      if (reply) {
        if (at < r1) {
          r2 = r1;
          r1 = at;
        } else if (at < r2) r2 = at;
      }
      if (at < firstAt || (at === firstAt && e.author === 'customer' && !firstIsCustomer)) {
        firstAt = at;
        firstIsAgentReply = reply;
        firstIsAgent = e.author === 'agent';
        firstIsCustomer = e.author === 'customer';
      } else if (at === firstAt && reply && firstIsAgent) firstIsAgentReply = true;
    }
    const agentCreated = t.createdBy === 'agent' || (t.createdBy === undefined && firstIsAgent);
    const reply = agentCreated && firstIsAgentReply ? r2 : r1;
    if (reply !== Infinity) out[n++] = reply - created;
  }
  return stats(out, n);
}

const RANK: Record<string, number> = { customer: 0, agent: 1, bot: 2, system: 3 };

/** Reply cycles by hand: sort each ticket's messages, walk them. */
function artLoop(tickets: readonly Ticket[]): Stats {
  let out = new Float64Array(tickets.length * 2);
  let n = 0;
  for (const t of tickets) {
    if (ineligible(t)) continue; // spam, deleted, merged: left out by every ticket metric
    const msgs = t.events!.filter((e) => e.type === 'message');
    msgs.sort((a, b) => (a.at as number) - (b.at as number) || RANK[(a as { author: string }).author]! - RANK[(b as { author: string }).author]!);
    let open = -1;
    for (const e of msgs) {
      if (e.type !== 'message') continue;
      if (e.author === 'customer' && e.public !== false) {
        if (open < 0) open = e.at as number;
      } else if (e.author === 'agent' && e.public !== false && open >= 0) {
        if (n === out.length) {
          const g = new Float64Array(out.length * 2);
          g.set(out);
          out = g;
        }
        out[n++] = (e.at as number) - open;
        open = -1;
      }
    }
  }
  return stats(out, n);
}

const STATUS_RANK: Record<string, number> = { new: 0, open: 1, pending: 2, on_hold: 3, solved: 4, closed: 5 };

/** Full resolution by hand: last solve (or close), only for tickets solved or closed now. */
function resolutionLoop(tickets: readonly Ticket[]): Stats {
  const out = new Float64Array(tickets.length);
  let n = 0;
  for (const t of tickets) {
    if (ineligible(t)) continue; // spam, deleted, merged: left out by every ticket metric
    let lastSolved = -1;
    let lastClosed = -1;
    let curAt = -1;
    let cur = -1;
    for (const e of t.events!) {
      if (e.type !== 'status') continue;
      const at = e.at as number;
      const r = STATUS_RANK[e.status]!;
      if (r === 4 && at > lastSolved) lastSolved = at;
      if (r === 5 && at > lastClosed) lastClosed = at;
      if (at > curAt || (at === curAt && r > cur)) {
        curAt = at;
        cur = r;
      }
    }
    const end = lastSolved >= 0 ? lastSolved : lastClosed;
    if (end >= 0 && (cur === 4 || cur === 5)) out[n++] = end - (t.createdAt as number);
  }
  return stats(out, n);
}

export function timingBench(tickets: readonly Ticket[]): BenchRow[] {
  const n = tickets.length;
  return [
    compare('firstResponseTime', n, () => firstResponseTime(tickets), () => frtLoop(tickets), { check: agree('firstResponseTime') }),
    compare('averageResponseTime', n, () => averageResponseTime(tickets), () => artLoop(tickets), { check: agree('averageResponseTime') }),
    compare('resolutionTime (full)', n, () => resolutionTime(tickets), () => resolutionLoop(tickets), { check: agree('resolutionTime') }),
  ];
}

/**
 * Business-hours FRT (Berlin, lunch break, holidays, DST) against calendar-time FRT of the same library in the
 * same run: target at most 3×.
 */
export function businessTimingBench(tickets: readonly Ticket[]): BenchRow[] {
  const businessHours = benchSchedule();
  return [
    compare('firstResponseTime, business hours vs calendar', tickets.length, () => firstResponseTime(tickets, { businessHours }), () => firstResponseTime(tickets), {
      maxRatio: 3,
      check: (m, b) => {
        const [biz, cal] = [m as { count: number; totalMs?: number }, b as { count: number; totalMs?: number }];
        if (biz.count !== cal.count || (biz.totalMs ?? 0) > (cal.totalMs ?? 0)) throw new Error('business FRT must count the same tickets and never exceed calendar FRT');
      },
    }),
  ];
}
