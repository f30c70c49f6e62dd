/**
 * The one status replay, over a ticket's sorted events in {@link TicketColumns} (same-instant changes already
 * collapsed into one by the reader, so each status event is one update).
 *
 * Rules, shared by every metric:
 * - a ticket is `new` (unresolved) from creation until its first status change;
 * - status changes at one instant are one update: only the state after the whole instant counts (Zendesk:
 *   "doesn't include tickets solved and reopened during the same update");
 * - a reopen is a change from resolved (solved or closed) to unresolved between two instants; solved → closed
 *   is not one;
 * - the state "at `t`" includes every change at `t` itself.
 *
 * The summary form (no events) knows the first and last resolution, the current status and maybe `reopens`;
 * its helpers answer from those where they decide the question and say "unknown" (−1) otherwise.
 *
 * @internal
 * @module
 */
import {
  F_EVENTS,
  F_FIRST_RES_UNKNOWN,
  KB_SOLVED,
  KB_STATUS,
  KIND_SHIFT,
  K_STATUS,
  resolvedNow,
  type TicketColumns,
} from './ticketColumns.js';

/** @internal What measures a span in business time (a schedule engine). */
export interface SpanMeasure {
  measure(a: number, b: number): number;
}

/** @internal Events form: the status index after every change at or before `t`; 0 (`new`) before any. */
export function statusAt(c: TicketColumns, j: number, t: number): number {
  const { evAt, evKind } = c;
  let s = 0;
  for (let e = c.evStart[j] as number, end = c.evStart[j + 1] as number; e < end; e++) {
    if ((evAt[e] as number) > t) break;
    const b = evKind[e] as number;
    if (b >= KB_STATUS) s = (b >> KIND_SHIFT) - K_STATUS;
  }
  return s;
}

/** @internal Events form: reopens of record j whose reopening instant is at or before `until`. */
export function reopensUntil(c: TicketColumns, j: number, until: number): number {
  const { evAt, evKind } = c;
  let resolved = false;
  let reopens = 0;
  for (let e = c.evStart[j] as number, end = c.evStart[j + 1] as number; e < end; e++) {
    const b = evKind[e] as number;
    if (b < KB_STATUS) continue;
    if ((evAt[e] as number) > until) break;
    const r = b >= KB_SOLVED;
    if (resolved && !r) reopens++;
    resolved = r;
  }
  return reopens;
}

/**
 * @internal Events form: writes the instants at which record j's resolved state changed into `out` (in time
 * order); returns how many. A ticket starts unresolved, so even positions are resolutions, odd ones reopens.
 * `out` must hold as many entries as the ticket has events.
 */
export function resolvedTransitions(c: TicketColumns, j: number, out: Float64Array): number {
  const { evAt, evKind } = c;
  let resolved = false;
  let m = 0;
  for (let e = c.evStart[j] as number, end = c.evStart[j + 1] as number; e < end; e++) {
    const b = evKind[e] as number;
    if (b < KB_STATUS) continue;
    const r = b >= KB_SOLVED;
    if (r !== resolved) {
      resolved = r;
      out[m++] = evAt[e] as number;
    }
  }
  return m;
}

/**
 * @internal Events form: the time within `[from, end)` that record j spent in the statuses marked in `mask`
 * (`mask[s] === 1`), starting as `new` at creation; `measure` measures a span in business time (calendar without).
 */
export function timeInStatuses(c: TicketColumns, j: number, from: number, end: number, mask: Uint8Array, measure: SpanMeasure | undefined): number {
  const { evAt, evKind } = c;
  let status = 0;
  let since = c.created[j] as number;
  let total = 0;
  for (let e = c.evStart[j] as number, stop = c.evStart[j + 1] as number; e < stop; e++) {
    const b = evKind[e] as number;
    if (b < KB_STATUS) continue;
    const t = evAt[e] as number;
    if (t > end) break;
    if (mask[status] === 1) total += span(since, t, from, end, measure);
    status = (b >> KIND_SHIFT) - K_STATUS;
    since = t;
  }
  if (mask[status] === 1) total += span(since, end, from, end, measure);
  return total;
}

function span(a: number, b: number, from: number, end: number, measure: SpanMeasure | undefined): number {
  const s = a < from ? from : a;
  const e = b > end ? end : b;
  if (!(e > s)) return 0;
  return measure === undefined ? e - s : measure.measure(s, e);
}

/**
 * @internal Summary form: 1 when record j is resolved at `t` (≥ createdAt), 0 when not, −1 when the summary
 * fields do not tell (reopened at an unknown time, or the first resolution unknown).
 */
export function summaryResolvedAt(c: TicketColumns, j: number, t: number): 1 | 0 | -1 {
  const first = c.firstResolved[j] as number;
  const now = resolvedNow(c, j);
  if (first !== first) return now ? -1 : 0;
  const unknownFirst = ((c.flags[j] as number) & F_FIRST_RES_UNKNOWN) !== 0;
  if (t < first) return unknownFirst ? -1 : 0;
  if (now && (t >= (c.lastResolved[j] as number) || c.reopens[j] === 0)) return 1;
  return -1;
}

/**
 * @internal Summary form: whether record j was ever reopened: 1 yes, 0 no, −1 unknown. With `until`, only
 * reopens at or before it (known only when the ticket was never reopened at all).
 */
export function summaryReopened(c: TicketColumns, j: number, until = Infinity): 1 | 0 | -1 {
  const first = c.firstResolved[j] as number;
  if (first !== first || (until < first && ((c.flags[j] as number) & F_FIRST_RES_UNKNOWN) === 0)) return 0;
  const now = resolvedNow(c, j);
  const reopens = c.reopens[j] as number;
  let ever: 1 | 0 | -1;
  if (reopens >= 0) ever = reopens > 0 ? 1 : 0;
  else if (now && first === c.lastResolved[j]) ever = 0; // one resolution and still resolved: never reopened
  else ever = 1; // resolved before and open now, or resolved twice: a reopen happened
  if (ever === 0 || until === Infinity) return ever;
  return -1;
}

/**
 * @internal Summary form: the single resolution instant when the history is fully known (resolved once and
 * never reopened), `Infinity` when never resolved, `NaN` when unknown.
 */
export function summaryOnlyResolution(c: TicketColumns, j: number): number {
  const first = c.firstResolved[j] as number;
  const now = resolvedNow(c, j);
  if (first !== first) return now ? NaN : Infinity;
  if (((c.flags[j] as number) & F_FIRST_RES_UNKNOWN) !== 0) return NaN;
  if (now && (first === c.lastResolved[j] || c.reopens[j] === 0)) return first;
  return NaN;
}

/** @internal Whether record j has events. */
export function hasEvents(c: TicketColumns, j: number): boolean {
  return ((c.flags[j] as number) & F_EVENTS) !== 0;
}
