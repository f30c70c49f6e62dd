/**
 * The assignment replay, over a ticket's sorted events in {@link TicketColumns} (events level), shared by the
 * assignment metrics and agent activity. Rules:
 * - a ticket is unassigned (no agent, no group) from its creation until its first assignment event;
 * - an assignment event changes only the fields it has (`assigneeId`, `groupId`); `null` means unassigned;
 * - assignment events at one instant are one update (as status changes are): only the values after the whole
 *   instant count, in input order within the instant;
 * - a station is a change to a non-null value different from the current one (A → null → A is two stations,
 *   as Zendesk's `assignee_stations` and Fivetran's `assignee_stations_count` count them);
 * - at one instant assignments apply before status changes (the event order of decision 6), so an agent
 *   assigned in the update that solves the ticket is its solver.
 *
 * The events' values are read from the input tickets (`evSrc`), which the reader has validated.
 *
 * @internal
 * @module
 */
import { F_EVENTS, K_ASSIGN, KB_SOLVED, KB_STATUS, KIND_SHIFT, type TicketColumns } from './ticketColumns.js';
import type { SpanMeasure } from './statusHistory.js';
import { summaryCount } from './summaryExtras.js';

// The kind bytes the replays test, computed once (src/read/ticketColumns.ts).
const ASSIGN = K_ASSIGN;
const SHIFT = KIND_SHIFT;
const STATUS_BYTE = KB_STATUS;
const SOLVED_BYTE = KB_SOLVED;

/** @internal The assignment field a metric follows. */
export type AssignmentField = 'assigneeId' | 'groupId';

/** @internal The input event behind sorted event `e` of record j (undefined when not an object). */
export function rawEvent(c: TicketColumns, j: number, e: number): Record<string, unknown> | undefined {
  const t = c.records[c.base + j] as { events?: readonly unknown[] };
  const ev = t.events?.[c.evSrc[e] as number];
  return ev !== null && typeof ev === 'object' ? (ev as Record<string, unknown>) : undefined;
}

/** @internal What one replay of one field found (reused between tickets: no allocation per ticket). */
export class AssignmentFacts {
  /** Whether any assignment event touched the field. */
  touched = false;
  /** The first instant the field became non-null; NaN: never. */
  first = NaN;
  /** The latest instant the field changed to a non-null value (Zendesk `assigned_at`); NaN: never. */
  last = NaN;
  /** Stations: changes to a non-null value different from the current one. */
  stations = 0;
  /** Distinct non-null values held (counted only when the replay is asked to). */
  distinct = 0;
  /** The value after the replay (null: unassigned). */
  current: string | null = null;
  private readonly seen: string[] = [];

  /**
   * Replays record j's assignments of `field` at or before `until`; `distinct` counts the distinct values too.
   * Cost O(events), O(events + stations × distinct) with `distinct`.
   */
  replay(c: TicketColumns, j: number, field: AssignmentField, until = Infinity, distinct = false): this {
    this.touched = false;
    this.first = NaN;
    this.last = NaN;
    this.stations = 0;
    this.distinct = 0;
    this.current = null;
    const seen = this.seen;
    seen.length = 0;
    const { evAt, evKind } = c;
    const end = c.evStart[j + 1] as number;
    for (let e = c.evStart[j] as number; e < end; e++) {
      if ((evKind[e] as number) >> SHIFT !== ASSIGN) continue;
      const t = evAt[e] as number;
      if (t > until) break;
      // One update: the last value each event of this instant gives the field.
      let value: unknown;
      let given = false;
      for (; e < end && evAt[e] === t && (evKind[e] as number) >> SHIFT === ASSIGN; e++) {
        const v = rawEvent(c, j, e)?.[field];
        if (v === undefined) continue;
        value = v;
        given = true;
      }
      e--;
      if (!given) continue;
      this.touched = true;
      const next = typeof value === 'string' && value.length > 0 ? value : null;
      if (next === this.current) continue;
      this.current = next;
      if (next === null) continue;
      this.stations++;
      this.last = t;
      if (this.first !== this.first) this.first = t;
      if (distinct && !seen.includes(next)) {
        seen.push(next);
        this.distinct++;
      }
    }
    return this;
  }
}

/**
 * @internal Events form: the time within `[created, end)` during which record j had no value of `field` and
 * was not resolved (the ticket waiting in the queue with nobody on it); `measure` gives business time.
 */
export function unassignedTime(c: TicketColumns, j: number, field: AssignmentField, end: number, measure: SpanMeasure | undefined): number {
  const { evAt, evKind } = c;
  let assigned = false;
  let resolved = false;
  let since = c.created[j] as number;
  let total = 0;
  const stop = c.evStart[j + 1] as number;
  const add = (a: number, b: number): void => {
    const e = b > end ? end : b;
    if (e > a) total += measure === undefined ? e - a : measure.measure(a, e);
  };
  for (let e = c.evStart[j] as number; e < stop; e++) {
    const t = evAt[e] as number;
    if (t >= end) break;
    // Every change at this instant (assignments, then statuses), then the state after it.
    let a: boolean = assigned;
    let r: boolean = resolved;
    for (; e < stop && evAt[e] === t; e++) {
      const b = evKind[e] as number;
      if (b >= STATUS_BYTE) r = b >= SOLVED_BYTE;
      else if (b >> SHIFT === ASSIGN) {
        const v = rawEvent(c, j, e)?.[field];
        if (v !== undefined) a = typeof v === 'string' && v.length > 0;
      }
    }
    e--;
    if (a === assigned && r === resolved) continue;
    if (!assigned && !resolved) add(since, t);
    assigned = a;
    resolved = r;
    since = t;
  }
  if (!assigned && !resolved) add(since, end);
  return total;
}

/**
 * @internal Events form: the ticket-level `field` (`assigneeId` / `groupId`) of record j, as a string or null
 * (a number is its decimal string).
 */
export function ticketField(c: TicketColumns, j: number, field: AssignmentField): string | null {
  const v = (c.records[c.base + j] as Record<string, unknown>)[field];
  if (typeof v === 'string') return v.length > 0 ? v : null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** @internal {@link ticketStations}: the ticket has the field but no assignment event sets it. */
export const STATIONS_UNKNOWN = -1;
/** @internal {@link ticketStations}: a summary ticket without the stations column asked for. */
export const STATIONS_SUMMARY_ONLY = -2;

/**
 * @internal The stations of record j (assignments to a new non-null value; `distinct`: distinct values), or
 * {@link STATIONS_UNKNOWN} / {@link STATIONS_SUMMARY_ONLY}. Summary tickets answer from `assigneeStations` /
 * `groupStations` (changes only).
 */
export function ticketStations(c: TicketColumns, j: number, field: AssignmentField, distinct: boolean, facts: AssignmentFacts): number {
  if (((c.flags[j] as number) & F_EVENTS) === 0) {
    if (distinct) return STATIONS_SUMMARY_ONLY;
    const v = summaryCount(c, j, field === 'assigneeId' ? 'assigneeStations' : 'groupStations');
    return v < 0 ? STATIONS_SUMMARY_ONLY : v;
  }
  const f = facts.replay(c, j, field, Infinity, distinct);
  if (!f.touched && ticketField(c, j, field) !== null) return STATIONS_UNKNOWN;
  return distinct ? f.distinct : f.stations;
}
