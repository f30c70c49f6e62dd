/**
 * Status replay: whether a ticket is resolved (solved or closed) at an instant, and when it was resolved and
 * reopened.
 *
 * Rules, shared by every outcome metric:
 * - a ticket is unresolved from its creation until its first solved/closed status;
 * - status changes at the same instant are one update: only the state after the whole instant counts, so a
 *   solve and a reopen in the same instant is no reopen (Zendesk: "doesn't include tickets solved and reopened
 *   during the same update"). Within an instant the reader orders statuses in lifecycle order, the same rule
 *   that gives the ticket's current status;
 * - a reopen is a change from resolved to unresolved between two instants; solved → closed is not one;
 * - the state "at `t`" includes every change at `t` itself.
 *
 * The summary form (no events) knows only the first and last resolution, the current status and maybe
 * `reopens`; the helpers answer from those where they decide the question and say "unknown" (−1) otherwise.
 *
 * @internal
 * @module
 */
import { isCurrentlyResolved, K_SOLVED, K_STATUS, type TicketFacts, type TicketReader } from './tickets.js';

/**
 * @internal Events form: whether the current ticket is resolved at `t` (changes at `t` included). Call
 * `reader.sortEvents()` first. Returns false for `t` before the first status change.
 */
export function resolvedAtInstant(reader: TicketReader<string>, t: number): boolean {
  // One pass, no sort: the state after instant t is the status event with the greatest (time, kind) at or
  // before t, the same event the (time, kind) order would put last.
  const { at, kind } = reader;
  const n = reader.facts.eventCount;
  let lastAt = -Infinity;
  let last = -1;
  for (let e = 0; e < n; e++) {
    const k = kind[e] as number;
    if (k < K_STATUS) continue;
    const a = at[e] as number;
    if (a > t) continue;
    if (a > lastAt || (a === lastAt && k > last)) {
      lastAt = a;
      last = k;
    }
  }
  return last >= K_SOLVED;
}

/**
 * @internal Events form: true when the ticket has exactly one solved/closed change and it is still resolved.
 * Then that change is its first resolution (`facts.firstResolvedMs`) and it was never reopened: the callers
 * can skip the sort and the replay.
 */
export function resolvedOnceAndStill(f: TicketFacts): boolean {
  return f.hasEvents && f.resolvedChanges === 1 && (f.currentStatus === 4 || f.currentStatus === 5);
}

/**
 * @internal Events form: the number of reopens of the current ticket with the reopening instant at or before
 * `until`. Call `reader.sortEvents()` first.
 */
export function countReopens(reader: TicketReader<string>, until = Infinity): number {
  const { order, at, kind } = reader;
  const n = reader.facts.sortedCount;
  let resolved = false;
  let reopens = 0;
  let j = 0;
  while (j < n) {
    const e = order[j] as number;
    let last = kind[e] as number;
    j++;
    if (last < K_STATUS) continue;
    const t = at[e] as number;
    if (t > until) break;
    while (j < n) {
      const e2 = order[j] as number;
      if (at[e2] !== t) break;
      const k2 = kind[e2] as number;
      if (k2 >= K_STATUS) last = k2;
      j++;
    }
    const r = last >= K_SOLVED;
    if (resolved && !r) reopens++;
    resolved = r;
  }
  return reopens;
}

/**
 * @internal Events form: writes the instants at which the current ticket's resolved state changed into `out`,
 * in time order (at most one per instant), and returns how many. A ticket starts unresolved, so the changes
 * alternate: even positions are resolutions, odd positions reopens. `out` must hold `facts.sortedCount`
 * entries. Call `reader.sortEvents()` first.
 *
 * (An output array rather than a callback: a callback made per metric call was built into the optimised
 * code and threw it away once collected; decision 14.)
 */
export function replayTransitions(reader: TicketReader<string>, out: Float64Array): number {
  const { order, at, kind } = reader;
  const n = reader.facts.sortedCount;
  let resolved = false;
  let m = 0;
  let j = 0;
  while (j < n) {
    const e = order[j] as number;
    let last = kind[e] as number;
    j++;
    if (last < K_STATUS) continue;
    const t = at[e] as number;
    while (j < n) {
      const e2 = order[j] as number;
      if (at[e2] !== t) break;
      const k2 = kind[e2] as number;
      if (k2 >= K_STATUS) last = k2;
      j++;
    }
    const r = last >= K_SOLVED;
    if (r !== resolved) {
      resolved = r;
      out[m++] = t;
    }
  }
  return m;
}

/**
 * @internal Summary form: 1 when the ticket is resolved at `t` (≥ createdAt), 0 when not, −1 when the summary
 * fields do not tell (it was reopened at an unknown time).
 */
export function summaryResolvedAt(f: TicketFacts, t: number): 1 | 0 | -1 {
  const first = f.firstResolvedMs;
  const now = isCurrentlyResolved(f);
  if (first !== first) return now ? -1 : 0;
  if (t < first) return 0;
  if (now && (t >= f.lastResolvedMs || f.reopens === 0)) return 1;
  return -1;
}

/**
 * @internal Summary form: whether the ticket was ever reopened: 1 yes, 0 no, −1 unknown. With `until`, only
 * reopens at or before it (known only when the ticket was never reopened at all).
 */
export function summaryReopened(f: TicketFacts, until = Infinity): 1 | 0 | -1 {
  const first = f.firstResolvedMs;
  if (first !== first || until < first) return 0;
  const now = isCurrentlyResolved(f);
  let ever: 1 | 0 | -1;
  if (f.reopens >= 0) ever = f.reopens > 0 ? 1 : 0;
  else if (now && first === f.lastResolvedMs) ever = 0; // one resolution and still resolved: never reopened
  else ever = 1; // resolved before and open now, or resolved twice: a reopen happened
  if (ever === 0 || until === Infinity) return ever;
  return -1;
}

/**
 * @internal Summary form: the single resolution instant when the history is fully known — the ticket was
 * resolved once and never reopened — `Infinity` when it was never resolved, `NaN` when unknown.
 */
export function summaryOnlyResolution(f: TicketFacts): number {
  const first = f.firstResolvedMs;
  const now = isCurrentlyResolved(f);
  if (first !== first) return now ? NaN : Infinity;
  if (now && (first === f.lastResolvedMs || f.reopens === 0)) return first;
  return NaN;
}

/**
 * @internal Events form: the first instant at which the current ticket is resolved (solved or closed, whichever
 * comes first), `NaN` when never. Call `reader.sortEvents()` first. (The reader's `firstResolvedMs` prefers
 * the first solve over an earlier close; replay-based metrics use this instead.)
 */
export function firstResolution(reader: TicketReader<string>): number {
  const { order, at, kind } = reader;
  const n = reader.facts.sortedCount;
  let j = 0;
  while (j < n) {
    const e = order[j] as number;
    let last = kind[e] as number;
    j++;
    if (last < K_STATUS) continue;
    const t = at[e] as number;
    while (j < n) {
      const e2 = order[j] as number;
      if (at[e2] !== t) break;
      const k2 = kind[e2] as number;
      if (k2 >= K_STATUS) last = k2;
      j++;
    }
    if (last >= K_SOLVED) return t;
  }
  return NaN;
}
