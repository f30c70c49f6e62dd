/**
 * SLA targets as slaCompliance defines them, shared with the live queue (prioritizeQueue, queueSnapshot): the
 * policy's targets per priority and their one validation, and the target instances of one ticket as of an
 * instant (first reply, next-reply cycles, resolution), with their elapsed clock time and due instants.
 *
 * Definitions (Zendesk SLA policies; docs/business-hours.md, "SLA compliance"): first reply runs from creation
 * to the first qualifying reply or solve, not on agent-created tickets; next reply runs from the oldest
 * unanswered public customer message after the first reply to the next qualifying reply or solve; resolution
 * runs from creation while the status is neither paused nor solved/closed, restarting on reopen. A target is
 * breached when its elapsed clock time exceeds the target (exactly at target is met).
 *
 * @internal
 * @module
 */
import { checkOptionKeys, describe } from '../_lib/options.js';
import { requireSchedule, type Schedule, type ScheduleEngine } from '../calendar/schedule.js';
import type { Ticket, TicketStatus } from '../model/index.js';
import { optionError } from '../options/shared.js';
import { readStatusMask } from '../options/tickets.js';
import { F_AGENT_CREATED, K_CUSTOMER, KB_SOLVED, KB_STATUS, KIND_SHIFT, K_STATUS, Q_PUBLIC, Q_REPLY, type TicketColumns } from '../read/ticketColumns.js';

/**
 * The SLA targets (Zendesk's SLA metrics): `firstReply`, `nextReply` (every reply cycle after the first
 * reply), `resolution` (total resolution), `requesterWait`, `agentWork`, `periodicUpdate` and `pausableUpdate`
 * (every interval between public agent replies).
 *
 * @category SLA
 */
export type SlaTargetName = 'firstReply' | 'nextReply' | 'resolution' | 'requesterWait' | 'agentWork' | 'periodicUpdate' | 'pausableUpdate';

/** @internal The target names in the order a ticket's instances are listed (index = the sink's kind). */
export const TARGET_NAMES: readonly SlaTargetName[] = ['firstReply', 'nextReply', 'resolution', 'requesterWait', 'agentWork', 'periodicUpdate', 'pausableUpdate'];

/** The targets whose clock pauses by status, with their default pause statuses (`resolution`: the policy's). */
const PAUSABLE: Readonly<Partial<Record<SlaTargetName, readonly TicketStatus[]>>> = {
  requesterWait: ['pending'],
  agentWork: ['pending', 'on_hold'],
  pausableUpdate: ['pending'],
};

/**
 * One target: whole ms, measured in business time on `policy.businessHours` when the policy has one, else in
 * calendar time; or `{ targetMs, businessHours, pauseStatuses }` where `businessHours` is a schedule (business
 * time on it) or `false` (calendar time whatever the policy says), and `pauseStatuses` (the clock targets
 * `resolution`, `requesterWait`, `agentWork`, `pausableUpdate` only) the statuses that pause this target's clock.
 *
 * @category SLA
 */
export type SlaTarget = number | { readonly targetMs: number; readonly businessHours?: Schedule | false; readonly pauseStatuses?: readonly TicketStatus[] };

/**
 * The targets of one priority; a missing target is not applied.
 *
 * @category SLA
 */
export interface SlaTargets {
  readonly firstReply?: SlaTarget;
  readonly nextReply?: SlaTarget;
  readonly resolution?: SlaTarget;
  /** Time in new, open and on-hold (paused in pending; solved stops it, a reopen restarts it). */
  readonly requesterWait?: SlaTarget;
  /** Time in new and open (paused in pending and on-hold). */
  readonly agentWork?: SlaTarget;
  /** Each interval from a public agent reply to the next one (or the solve); never paused. */
  readonly periodicUpdate?: SlaTarget;
  /** As periodicUpdate, the clock paused in pending. */
  readonly pausableUpdate?: SlaTarget;
}

/**
 * The definition part of an SLA policy: targets per priority and how they are measured. {@link SlaPolicy}
 * adds the evaluation instant and the read options of {@link slaCompliance}; the live queue
 * ({@link prioritizeQueue}, {@link queueSnapshot}) takes this part as its `policy`.
 *
 * @category SLA
 */
export interface SlaDefinition {
  /** Targets by ticket priority, such as `{ urgent: { firstReply: 3_600_000 }, normal: { ... } }`. */
  readonly targets: Readonly<Record<string, SlaTargets>>;
  /** The schedule for targets given as plain numbers; without it they run in calendar time. */
  readonly businessHours?: Schedule;
  /** The priority of tickets without one; without it such tickets have no targets ({@link slaCompliance} excludes them as `'no_priority'`). */
  readonly defaultPriority?: string;
  /**
   * Statuses that stop the resolution clock (reply targets never pause; requester wait, agent work and pausable
   * update have their own defaults, and any clock target its own `pauseStatuses`).
   * @defaultValue `['pending', 'on_hold']`
   */
  readonly pauseStatuses?: readonly TicketStatus[];
}

/** @internal The keys of {@link SlaDefinition}. */
export const SLA_DEFINITION_KEYS = ['targets', 'businessHours', 'defaultPriority', 'pauseStatuses'] as const;

/** @internal One validated target: whole ms and the schedule it runs on (calendar time without one). */
export interface Target {
  readonly ms: number;
  readonly engine: ScheduleEngine | undefined;
  /** The target's own pause statuses (solved and closed included), when it has any. */
  readonly paused?: Uint8Array;
}

/** @internal The targets of one priority. */
export type TargetRow = Partial<Record<SlaTargetName, Target>>;

/** @internal A validated {@link SlaDefinition}. */
export interface SlaSpec {
  readonly table: Map<string, TargetRow>;
  readonly defaultPriority: string | undefined;
  /** Per status index: 1 when the resolution clock is stopped (solved and closed always). */
  readonly paused: Uint8Array;
}

/**
 * @internal Validates an SLA definition. `path` prefixes the fields in messages (`'policy'` when the
 * definition is an option of its own); `checkKeys` rejects keys that are not {@link SLA_DEFINITION_KEYS};
 * `fallback` is the schedule of plain-number targets when the definition has no `businessHours`.
 */
export function readSlaSpec(functionName: string, o: Record<string, unknown>, path: string | undefined, checkKeys: boolean, fallback?: ScheduleEngine): SlaSpec {
  const at = (field: string): string => (path === undefined ? field : `${path}.${field}`);
  if (checkKeys) checkOptionKeys(functionName, o, SLA_DEFINITION_KEYS, path);
  const defaultEngine = o.businessHours === undefined ? fallback : requireSchedule(functionName, o.businessHours, at('businessHours'));
  const table = readTargets(functionName, o.targets, defaultEngine, at('targets'));
  const defaultPriority = o.defaultPriority;
  if (defaultPriority !== undefined && (typeof defaultPriority !== 'string' || !table.has(defaultPriority))) {
    optionError(functionName, at('defaultPriority'), `${describe(defaultPriority)} has no targets in the policy`);
  }
  const paused = readStatusMask(functionName, at('pauseStatuses'), o.pauseStatuses, ['pending', 'on_hold'] as TicketStatus[]);
  paused[4] = 1; // solved
  paused[5] = 1; // closed
  return { table, defaultPriority: defaultPriority as string | undefined, paused };
}

/** Validates the targets, priority by priority. */
function readTargets(functionName: string, targets: unknown, defaultEngine: ScheduleEngine | undefined, field0: string): Map<string, TargetRow> {
  if (targets === null || typeof targets !== 'object' || Array.isArray(targets)) optionError(functionName, field0, `must be an object keyed by priority, got ${describe(targets)}`);
  const table = new Map<string, TargetRow>();
  for (const [priority, spec] of Object.entries(targets)) {
    const base = `${field0}.${priority}`;
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) optionError(functionName, base, `must be an object of targets, got ${describe(spec)}`);
    const row: TargetRow = {};
    for (const [key, value] of Object.entries(spec as Record<string, unknown>)) {
      const field = `${base}.${key}`;
      if (!TARGET_NAMES.includes(key as SlaTargetName)) checkOptionKeys(functionName, { [key]: value }, TARGET_NAMES, base);
      if (value === undefined) continue;
      let ms: unknown = value;
      let engine = defaultEngine;
      let paused = pausedBy(functionName, key as SlaTargetName, undefined, field);
      if (value !== null && typeof value === 'object') {
        checkOptionKeys(functionName, value, paused === undefined && key !== 'resolution' ? ['targetMs', 'businessHours'] : ['targetMs', 'businessHours', 'pauseStatuses'], field);
        const o = value as { targetMs?: unknown; businessHours?: unknown; pauseStatuses?: unknown };
        ms = o.targetMs;
        if (o.businessHours === false) engine = undefined;
        else if (o.businessHours !== undefined) engine = requireSchedule(functionName, o.businessHours, `${field}.businessHours`);
        if (o.pauseStatuses !== undefined) paused = pausedBy(functionName, key as SlaTargetName, o.pauseStatuses, `${field}.pauseStatuses`);
      }
      if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) optionError(functionName, field, `the target must be whole ms ≥ 0, got ${describe(ms)}`, 'out_of_range');
      row[key as SlaTargetName] = paused === undefined ? { ms, engine } : { ms, engine, paused };
    }
    table.set(priority, row);
  }
  return table;
}

/** A clock target's pause mask: its own `pauseStatuses`, else its default (none for reply targets); solved and closed always stop it. */
function pausedBy(functionName: string, name: SlaTargetName, statuses: unknown, field: string): Uint8Array | undefined {
  const fallback = PAUSABLE[name];
  if (statuses === undefined && fallback === undefined) return undefined;
  const mask = readStatusMask(functionName, field, statuses, fallback ?? []);
  mask[4] = 1; // solved
  mask[5] = 1; // closed
  return mask;
}

/**
 * @internal The priority whose targets apply to record j (its own, else the default), or why none does:
 * `'no_priority'` (none and no default), `'no_policy'` (the priority has no targets).
 */
export function priorityOf(c: TicketColumns, j: number, spec: SlaSpec): string | 'no_priority' | 'no_policy' {
  const raw: unknown = (c.records[c.base + j] as Ticket).priority;
  let priority: string;
  // A number is a label too (Freshdesk priorities are 1–4): priority 1 meets a policy for '1' (decision 33).
  if (typeof raw === 'string' && raw.length > 0) priority = raw;
  else if (typeof raw === 'number' && Number.isFinite(raw)) priority = String(raw);
  else if (spec.defaultPriority !== undefined) priority = spec.defaultPriority;
  else return 'no_priority';
  return spec.table.has(priority) ? priority : 'no_policy';
}

/** @internal Clock time of `t` in `[a, b)`: business ms on its schedule, else calendar ms. */
export function measureOn(t: Target, a: number, b: number): number {
  return t.engine === undefined ? Math.max(0, b - a) : t.engine.measure(a, b);
}

/** @internal The instant at which `ms` of `t`'s clock have run from `a` (NaN beyond the schedule's range). */
export function dueOn(t: Target, a: number, ms: number): number {
  return t.engine === undefined ? a + ms : t.engine.add(a, ms);
}

/** @internal Target kinds passed to a {@link TargetSink}. */
export const FIRST_REPLY = 0;
/** @internal */
export const NEXT_REPLY = 1;
/** @internal */
export const RESOLUTION = 2;
/** @internal */
export const REQUESTER_WAIT = 3;
/** @internal */
export const AGENT_WORK = 4;
/** @internal */
export const PERIODIC_UPDATE = 5;
/** @internal */
export const PAUSABLE_UPDATE = 6;

/**
 * @internal Receives the target instances of one ticket, in order (first reply, next-reply cycles,
 * resolution). `end` is the completion instant (NaN while running), `elapsed` the clock time used up to
 * completion or `at`, `due` the due instant (NaN while a resolution clock is paused before it, or beyond the
 * schedule's range), `running` whether the clock is ticking at `at`.
 */
export interface TargetSink {
  instance(kind: number, cycle: number, target: Target, start: number, end: number, elapsed: number, due: number, running: boolean): void;
}

/**
 * @internal Evaluates every target of `row` on record j (events form) as of `atMs`, considering its sorted
 * events `[evStart[j], m)` (those at or before `atMs`), into `sink`. Returns how many instances it gave.
 * `runningOnly`: give only the instances whose clock runs at `atMs` (completed ones are not measured).
 */
export function evaluateTargets(c: TicketColumns, j: number, m: number, row: TargetRow, paused: Uint8Array, atMs: number, sink: TargetSink, runningOnly = false): number {
  const { evAt, evKind } = c;
  const start = c.evStart[j] as number;
  const created = c.created[j] as number;
  let count = 0;
  // First reply: creation → first qualifying reply or solve; not run on agent-created tickets.
  let firstReplyAt = NaN;
  let firstReplyPos = m;
  let firstSolveAt = NaN;
  for (let e = start; e < m; e++) {
    const b = evKind[e] as number;
    if (firstReplyAt !== firstReplyAt && (b & Q_REPLY) !== 0) {
      firstReplyAt = evAt[e] as number;
      firstReplyPos = e;
    }
    if (firstSolveAt !== firstSolveAt && b >= KB_SOLVED) firstSolveAt = evAt[e] as number;
  }
  const fr = row.firstReply;
  if (fr !== undefined && ((c.flags[j] as number) & F_AGENT_CREATED) === 0) {
    const done = firstReplyAt === firstReplyAt ? (firstSolveAt < firstReplyAt ? firstSolveAt : firstReplyAt) : firstSolveAt;
    if (!runningOnly || done !== done) {
      reply(sink, FIRST_REPLY, 0, fr, created, done, atMs);
      count++;
    }
  }
  // Next reply: customer messages after the first reply open cycles; a reply or a solve closes them.
  const nr = row.nextReply;
  if (nr !== undefined && firstReplyAt === firstReplyAt) {
    let open = NaN;
    let cycle = 0;
    for (let e = firstReplyPos + 1; e < m; e++) {
      const b = evKind[e] as number;
      const at = evAt[e] as number;
      if (b >> KIND_SHIFT === K_CUSTOMER && (b & Q_PUBLIC) !== 0) {
        if (open !== open) open = at;
      } else if (open === open && ((b & Q_REPLY) !== 0 || b >= KB_SOLVED)) {
        ++cycle;
        if (!runningOnly) {
          reply(sink, NEXT_REPLY, cycle, nr, open, at, atMs);
          count++;
        }
        open = NaN;
      }
    }
    if (open === open) {
      reply(sink, NEXT_REPLY, ++cycle, nr, open, NaN, atMs);
      count++;
    }
  }
  // The clock targets: resolution (the policy's pause statuses unless its own), requester wait, agent work.
  for (let kind = RESOLUTION; kind <= AGENT_WORK; kind++) {
    const t = row[TARGET_NAMES[kind] as SlaTargetName];
    if (t === undefined) continue;
    const mask = t.paused ?? paused;
    if (runningOnly && mask[statusBefore(c, j, m)] === 1) continue;
    clock(kind, c, j, m, t, mask, atMs, sink);
    count++;
  }
  // The update targets: every interval between qualifying replies.
  for (let kind = PERIODIC_UPDATE; kind <= PAUSABLE_UPDATE; kind++) {
    const t = row[TARGET_NAMES[kind] as SlaTargetName];
    if (t !== undefined) count += updates(kind, c, j, m, t, atMs, sink, runningOnly);
  }
  return count;
}

/**
 * Update targets (periodic, pausable): an instance starts at each qualifying reply that leaves the ticket
 * unresolved, and is fulfilled by the next qualifying reply (which starts the next) or a solve/close; its clock
 * pauses in the target's pause statuses (pausable update; none for periodic). Events `[evStart[j], m)` are
 * considered. Returns how many instances it gave.
 */
function updates(kind: number, c: TicketColumns, j: number, m: number, t: Target, atMs: number, sink: TargetSink, runningOnly: boolean): number {
  const { evAt, evKind } = c;
  const paused = t.paused;
  let status = 0;
  let open = NaN;
  let since = NaN;
  let elapsed = 0;
  let dueMs = NaN;
  let cycle = 0;
  let count = 0;
  for (let e = c.evStart[j] as number; e < m; e++) {
    const at = evAt[e] as number;
    // Every event of this instant: a reply, the status after it.
    let replied = false;
    let next = status;
    for (; e < m && evAt[e] === at; e++) {
      const b = evKind[e] as number;
      if (b >= KB_STATUS) next = (b >> KIND_SHIFT) - K_STATUS;
      else if ((b & Q_REPLY) !== 0) replied = true;
    }
    e--;
    if (open === open) {
      if (!(paused !== undefined && paused[status] === 1) && at > since) {
        const part = measureOn(t, since, at);
        if (dueMs !== dueMs && elapsed + part >= t.ms && part > 0) dueMs = dueOn(t, since, t.ms - elapsed);
        elapsed += part;
      }
      if (replied || next >= 4) {
        if (!runningOnly) {
          sink.instance(kind, cycle, t, open, at, elapsed, dueMs, false);
          count++;
        }
        open = NaN;
      }
    }
    status = next;
    since = at;
    if (replied && next < 4) {
      open = at;
      cycle++;
      elapsed = 0;
      // Without pauses the due instant is fixed at the start (as a reply target's); with them it is found as the clock runs.
      dueMs = paused === undefined ? dueOn(t, at, t.ms) : t.ms === 0 ? at : NaN;
    }
  }
  if (open !== open) return count;
  // Still running at `at`: count up to it; when not yet due and not paused, project the due instant.
  const stopped = paused !== undefined && paused[status] === 1;
  if (runningOnly && stopped) return count;
  const before = elapsed;
  if (!stopped && atMs > since) {
    const part = measureOn(t, since, atMs);
    if (dueMs !== dueMs && elapsed + part >= t.ms && part > 0) dueMs = dueOn(t, since, t.ms - elapsed);
    elapsed += part;
  }
  if (dueMs !== dueMs && !stopped) dueMs = dueOn(t, since, t.ms - before);
  sink.instance(kind, cycle, t, open, NaN, elapsed, dueMs, !stopped);
  return count + 1;
}

/** The status of record j after its events `[evStart[j], m)` (0, new, before any). */
function statusBefore(c: TicketColumns, j: number, m: number): number {
  const { evKind } = c;
  for (let e = m - 1, start = c.evStart[j] as number; e >= start; e--) {
    const b = evKind[e] as number;
    if (b >= KB_STATUS) return (b >> KIND_SHIFT) - K_STATUS;
  }
  return 0;
}

function reply(sink: TargetSink, kind: number, cycle: number, t: Target, start: number, end: number, atMs: number): void {
  const done = end === end;
  sink.instance(kind, cycle, t, start, end, measureOn(t, start, done ? end : atMs), dueOn(t, start, t.ms), !done);
}

/**
 * A clock target (resolution, requester wait, agent work): the clock runs in unpaused statuses, stops when
 * solved/closed, restarts on reopen; events `[evStart[j], m)` are considered.
 */
function clock(kind: number, c: TicketColumns, j: number, m: number, rs: Target, paused: Uint8Array, atMs: number, sink: TargetSink): void {
  const created = c.created[j] as number;
  const { evAt, evKind } = c;
  let status = 0; // new
  let since = created;
  let elapsed = 0;
  let dueMs = rs.ms === 0 ? created : NaN;
  let lastResolved = NaN;
  // The clock runs over [since, t) in each unpaused status; the due instant is found in the span that reaches it.
  for (let e = c.evStart[j] as number; e < m; e++) {
    const b = evKind[e] as number;
    if (b < KB_STATUS) continue;
    const t = evAt[e] as number;
    if (paused[status] !== 1 && t > since) {
      const part = measureOn(rs, since, t);
      if (dueMs !== dueMs && elapsed + part >= rs.ms && part > 0) dueMs = dueOn(rs, since, rs.ms - elapsed);
      elapsed += part;
    }
    const next = (b >> KIND_SHIFT) - K_STATUS;
    if (next >= 4 && status < 4) lastResolved = t;
    status = next;
    since = t;
  }
  const resolved = status >= 4;
  const running = !resolved && paused[status] !== 1;
  if (running) {
    // Still running at `at`: count up to it; when not yet due, project the due instant from `since`.
    const before = elapsed;
    if (atMs > since) {
      const part = measureOn(rs, since, atMs);
      if (dueMs !== dueMs && elapsed + part >= rs.ms && part > 0) dueMs = dueOn(rs, since, rs.ms - elapsed);
      elapsed += part;
    }
    if (dueMs !== dueMs) dueMs = dueOn(rs, since, rs.ms - before);
  }
  sink.instance(kind, 0, rs, created, resolved ? lastResolved : NaN, elapsed, dueMs, running);
}
