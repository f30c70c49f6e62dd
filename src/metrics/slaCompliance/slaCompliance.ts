/**
 * SLA compliance.
 *
 * Formula: per target, achieved / (achieved + breached) over target instances; per ticket, a ticket achieves
 * only if every target applied to it was met; pending (still running) targets are counted apart, outside the
 * denominator.
 * Default definition: Zendesk SLA policies and the Explore "% Achieved SLA targets / tickets" measures —
 * first reply (creation → first public agent reply, or the solve), next reply (oldest unanswered customer
 * message after the first reply → next public agent reply, or the solve), total resolution (creation → solve,
 * the clock stopped while pending or on hold and while solved; a reopen restarts it); a running target
 * already past due counts as breached ("Active-breached"); elapsed = target exactly is met.
 * Options (on the policy): targets per priority, businessHours, defaultPriority, pauseStatuses, at,
 * isQualifyingReply, invalid, statusMap, timeZone.
 *
 * @module
 */
import { checkOptionKeys, describe } from '../../_lib/options.js';
import { requireSchedule, type Schedule, type ScheduleEngine } from '../../calendar/schedule.js';
import type { Ticket, TicketStatus, Timestamp } from '../../model/index.js';
import { optionError, readAt } from '../../options/shared.js';
import { readStatusMask } from '../../options/tickets.js';
import { Accumulator } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, QualifyingReplyOptions, QualifyingReplyPredicate, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { F_AGENT_CREATED, F_EVENTS, K_CUSTOMER, KB_SOLVED, KB_STATUS, KIND_SHIFT, K_STATUS, LEVEL_EVENTS, Q_PUBLIC, Q_REPLY, type TicketColumns } from '../../read/ticketColumns.js';
import { withReasonAliases, type Excluded, type InvalidReason } from '../../results/excluded.js';
import type { Group } from '../../results/groups.js';
import { buildRate, type RateResult } from '../../results/rate.js';

const NAME = 'slaCompliance';

/**
 * The SLA targets: `firstReply`, `nextReply` (every reply cycle after the first reply) and `resolution`.
 *
 * @category SLA
 */
export type SlaTargetName = 'firstReply' | 'nextReply' | 'resolution';

const TARGET_NAMES: readonly SlaTargetName[] = ['firstReply', 'nextReply', 'resolution'];

/**
 * One target: whole ms, measured in business time on `policy.businessHours` when the policy has one, else in
 * calendar time; or `{ targetMs, businessHours }` where `businessHours` is a schedule (business time on it)
 * or `false` (calendar time whatever the policy says).
 *
 * @category SLA
 */
export type SlaTarget = number | { readonly targetMs: number; readonly businessHours?: Schedule | false };

/**
 * The targets of one priority; a missing target is not applied.
 *
 * @category SLA
 */
export interface SlaTargets {
  readonly firstReply?: SlaTarget;
  readonly nextReply?: SlaTarget;
  readonly resolution?: SlaTarget;
}

/**
 * An SLA policy (the second argument of {@link slaCompliance}).
 *
 * @category SLA
 */
export interface SlaPolicy extends TicketInputOptions, QualifyingReplyOptions, EligibilityOptions, BreakdownOptions<TicketBy> {
  /** Targets by ticket priority, such as `{ urgent: { firstReply: 3_600_000 }, normal: { ... } }`. */
  readonly targets: Readonly<Record<string, SlaTargets>>;
  /** The schedule for targets given as plain numbers; without it they run in calendar time. */
  readonly businessHours?: Schedule;
  /** The priority of tickets without one; without it such tickets are excluded (`'no_priority'`). */
  readonly defaultPriority?: string;
  /**
   * Statuses that stop the resolution clock (reply targets never pause).
   * @defaultValue `['pending', 'on_hold']`
   */
  readonly pauseStatuses?: readonly TicketStatus[];
  /**
   * The instant of evaluation: later events are ignored, targets still running then are `'pending'` (or
   * `'breached'` when already past due). Without it each ticket is evaluated as of its own latest event.
   */
  readonly at?: Timestamp;
}

/**
 * The outcome of a target: `'met'` (completed within the target), `'breached'` (completed late, or still
 * running and already past due), `'pending'` (still running and not yet due).
 *
 * @category SLA
 */
export type SlaStatus = 'met' | 'breached' | 'pending';

/**
 * One target instance of one ticket. Times are epoch ms.
 *
 * @category SLA
 */
export interface SlaTargetResult {
  readonly target: SlaTargetName;
  /** 1, 2, … for next-reply cycles; 0 for the others. */
  readonly cycle: number;
  readonly status: SlaStatus;
  /** When the clock started. */
  readonly startMs: number;
  /** The due instant; `undefined` while a resolution clock is paused before its due instant. */
  readonly dueMs: number | undefined;
  /** When the target was fulfilled; `undefined` while running. */
  readonly completedMs: number | undefined;
  /** Clock time used (business or calendar, pauses left out) up to completion or `at`. */
  readonly elapsedMs: number;
  readonly targetMs: number;
  /** `elapsedMs − targetMs` for breaches; `undefined` otherwise. */
  readonly lateMs: number | undefined;
  /** Whether the clock ran in business time. */
  readonly business: boolean;
}

/**
 * The targets of one ticket and its ticket-level outcome (breached if any target was, pending if any still
 * runs, else met).
 *
 * @category SLA
 */
export interface SlaTicketResult {
  readonly id: string;
  readonly priority: string;
  readonly status: SlaStatus;
  readonly targets: readonly SlaTargetResult[];
}

/**
 * Counts and the achieved rate `achieved / (achieved + breached)`; `pending` is outside the denominator.
 *
 * @category SLA
 */
export interface SlaSummary {
  readonly achieved: number;
  readonly breached: number;
  readonly pending: number;
  readonly rate: RateResult<SlaComplianceExclusion>;
}

/**
 * Summaries of one group of tickets: every ticket (`overall`) and every target.
 *
 * @category SLA
 */
export interface SlaGroupSummary {
  /** Tickets: achieved only if all their targets were met. */
  readonly overall: SlaSummary;
  /** Target instances by target. */
  readonly byTarget: Readonly<Record<SlaTargetName, SlaSummary>>;
}

/**
 * Why a ticket was left out of {@link slaCompliance}:
 * - `no_priority`: no `priority` and no `defaultPriority`;
 * - `no_policy`: its priority has no targets in the policy;
 * - `no_targets`: no target applies (say, only a first-reply target on an agent-created ticket);
 * - `summary_only`: summary fields only; SLAs need the event history;
 * - `created_after`: created after `at` (`created_after_at` is its deprecated name, still readable on `excluded`);
 * - `invalid:<code>`.
 *
 * @category SLA
 */
export type SlaComplianceExclusion =
  | 'no_priority'
  | 'no_policy'
  | 'no_targets'
  | 'summary_only'
  | 'created_after'
  | /** @deprecated the old name of `created_after` */ 'created_after_at'
  | IneligibleReason
  | InvalidReason;

/**
 * The result of {@link slaCompliance}.
 *
 * @category SLA
 */
export interface SlaComplianceResult extends SlaGroupSummary {
  /** Tickets evaluated; `count + excluded.total` = input length. */
  readonly count: number;
  readonly tickets: readonly SlaTicketResult[];
  /** @deprecated Summaries per priority (as `by: 'priority'`, with `defaultPriority` applied); use `groups`. */
  readonly byPriority: Readonly<Record<string, SlaGroupSummary>>;
  readonly excluded: Excluded<SlaComplianceExclusion>;
  /** Present with `by`: the same figures per group. */
  readonly groups?: readonly Group<SlaComplianceResult>[];
}

interface Target {
  readonly ms: number;
  readonly engine: ScheduleEngine | undefined;
}

interface Counts {
  achieved: number;
  breached: number;
  pending: number;
}

const newCounts = (): Counts => ({ achieved: 0, breached: 0, pending: 0 });

function count(c: Counts, s: SlaStatus): void {
  if (s === 'met') c.achieved++;
  else if (s === 'breached') c.breached++;
  else c.pending++;
}

type Row = Partial<Record<SlaTargetName, Target>>;

/** The ticket the step evaluated, for the accumulators. */
class Evaluated {
  result: SlaTicketResult | undefined;
}

interface Params {
  readonly table: Map<string, Row>;
  readonly defaultPriority: string | undefined;
  /** Per status index: 1 when the resolution clock is stopped. */
  readonly paused: Uint8Array;
  readonly at: number | undefined;
  readonly out: Evaluated;
}

/** Validates the targets, priority by priority. */
function readTargets(targets: unknown, defaultEngine: ScheduleEngine | undefined): Map<string, Row> {
  if (targets === null || typeof targets !== 'object' || Array.isArray(targets)) optionError(NAME, 'targets', `must be an object keyed by priority, got ${describe(targets)}`);
  const table = new Map<string, Row>();
  for (const [priority, spec] of Object.entries(targets)) {
    const base = `targets.${priority}`;
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) optionError(NAME, base, `must be an object of targets, got ${describe(spec)}`);
    const row: Row = {};
    for (const [key, value] of Object.entries(spec as Record<string, unknown>)) {
      const field = `${base}.${key}`;
      if (!TARGET_NAMES.includes(key as SlaTargetName)) checkOptionKeys(NAME, { [key]: value }, TARGET_NAMES, base);
      if (value === undefined) continue;
      let ms: unknown = value;
      let engine = defaultEngine;
      if (value !== null && typeof value === 'object') {
        checkOptionKeys(NAME, value, ['targetMs', 'businessHours'], field);
        const o = value as { targetMs?: unknown; businessHours?: unknown };
        ms = o.targetMs;
        if (o.businessHours === false) engine = undefined;
        else if (o.businessHours !== undefined) engine = requireSchedule(NAME, o.businessHours, `${field}.businessHours`);
      }
      if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) optionError(NAME, field, `the target must be whole ms ≥ 0, got ${describe(ms)}`, 'out_of_range');
      row[key as SlaTargetName] = { ms, engine };
    }
    table.set(priority, row);
  }
  return table;
}

const measure = (t: Target, a: number, b: number): number => (t.engine === undefined ? Math.max(0, b - a) : t.engine.measure(a, b));
const due = (t: Target, a: number, ms: number): number => (t.engine === undefined ? a + ms : t.engine.add(a, ms));

function replyTarget(name: SlaTargetName, cycle: number, t: Target, start: number, end: number, atMs: number): SlaTargetResult {
  const done = end === end;
  const elapsed = measure(t, start, done ? end : atMs);
  const status: SlaStatus = elapsed > t.ms ? 'breached' : done ? 'met' : 'pending';
  const dueMs = due(t, start, t.ms);
  return {
    target: name,
    cycle,
    status,
    startMs: start,
    dueMs: dueMs === dueMs ? dueMs : undefined,
    completedMs: done ? end : undefined,
    elapsedMs: elapsed,
    targetMs: t.ms,
    lateMs: status === 'breached' ? elapsed - t.ms : undefined,
    business: t.engine !== undefined,
  };
}

/**
 * Resolution: the clock runs in unpaused statuses, stops when solved/closed, restarts on reopen; events
 * `[start, m)` of the ticket's sorted events are considered.
 */
function resolutionTarget(c: TicketColumns, j: number, m: number, rs: Target, paused: Uint8Array, atMs: number): SlaTargetResult {
  const created = c.created[j] as number;
  const { evAt, evKind } = c;
  let status = 0; // new
  let since = created;
  let elapsed = 0;
  let dueMs = NaN;
  let lastResolved = NaN;
  const run = (until: number): void => {
    if (paused[status] === 1 || until <= since) return;
    const part = measure(rs, since, until);
    if (dueMs !== dueMs && elapsed + part >= rs.ms && part > 0) dueMs = due(rs, since, rs.ms - elapsed);
    elapsed += part;
  };
  if (rs.ms === 0) dueMs = created;
  for (let e = c.evStart[j] as number; e < m; e++) {
    const b = evKind[e] as number;
    if (b < KB_STATUS) continue;
    const t = evAt[e] as number;
    run(t);
    const next = (b >> KIND_SHIFT) - K_STATUS;
    if (next >= 4 && status < 4) lastResolved = t;
    status = next;
    since = t;
  }
  const resolved = status >= 4;
  if (!resolved && paused[status] !== 1) {
    // Still running at `at`: count up to it; when not yet due, project the due instant from `since`.
    const before = elapsed;
    run(atMs);
    if (dueMs !== dueMs) dueMs = due(rs, since, rs.ms - before);
  }
  const st: SlaStatus = elapsed > rs.ms ? 'breached' : resolved ? 'met' : 'pending';
  return {
    target: 'resolution',
    cycle: 0,
    status: st,
    startMs: created,
    dueMs: dueMs === dueMs ? dueMs : undefined,
    completedMs: resolved ? lastResolved : undefined,
    elapsedMs: elapsed,
    targetMs: rs.ms,
    lateMs: st === 'breached' ? elapsed - rs.ms : undefined,
    business: rs.engine !== undefined,
  };
}

/** The definition, for ticket j: every target applied to it, into `p.out`; 1, or why it is left out. */
function evaluate(c: TicketColumns, j: number, p: Params): number | SlaComplianceExclusion {
  const t = c.records[c.base + j] as Ticket;
  const raw = t.priority;
  let priority: string;
  if (typeof raw === 'string' && raw.length > 0) priority = raw;
  else if (p.defaultPriority !== undefined) priority = p.defaultPriority;
  else return 'no_priority';
  const row = p.table.get(priority);
  if (row === undefined) return 'no_policy';
  const f = c.flags[j] as number;
  if ((f & F_EVENTS) === 0) return 'summary_only';
  const created = c.created[j] as number;
  const atOption = p.at;
  if (atOption !== undefined && created > atOption) return 'created_after';
  const { evAt, evKind } = c;
  const start = c.evStart[j] as number;
  const end = c.evStart[j + 1] as number;
  // Events considered: those at or before `at` (all without it).
  let m = start;
  while (m < end && !((evAt[m] as number) > (atOption ?? Infinity))) m++;
  const atMs = atOption ?? (m > start ? Math.max(created, evAt[m - 1] as number) : created);
  const out: SlaTargetResult[] = [];

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
  if (fr !== undefined && (f & F_AGENT_CREATED) === 0) {
    const done = firstReplyAt === firstReplyAt ? (firstSolveAt < firstReplyAt ? firstSolveAt : firstReplyAt) : firstSolveAt;
    out.push(replyTarget('firstReply', 0, fr, created, done, atMs));
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
        out.push(replyTarget('nextReply', ++cycle, nr, open, at, atMs));
        open = NaN;
      }
    }
    if (open === open) out.push(replyTarget('nextReply', ++cycle, nr, open, NaN, atMs));
  }

  const rs = row.resolution;
  if (rs !== undefined) out.push(resolutionTarget(c, j, m, rs, p.paused, atMs));

  if (out.length === 0) return 'no_targets';
  let ticketStatus: SlaStatus = 'met';
  for (const r of out) {
    if (r.status === 'breached') ticketStatus = 'breached';
    else if (r.status === 'pending' && ticketStatus === 'met') ticketStatus = 'pending';
  }
  p.out.result = { id: c.idOf(j), priority, status: ticketStatus, targets: out };
  return 1;
}

interface Tally {
  readonly overall: Counts;
  readonly firstReply: Counts;
  readonly nextReply: Counts;
  readonly resolution: Counts;
}

const newTally = (): Tally => ({ overall: newCounts(), firstReply: newCounts(), nextReply: newCounts(), resolution: newCounts() });

function tally(g: Tally, r: SlaTicketResult): void {
  for (const t of r.targets) count(g[t.target], t.status);
  count(g.overall, r.status);
}

/** Ticket results and counts, overall and per priority. */
class SlaAccumulator extends Accumulator {
  tickets: SlaTicketResult[] = [];
  total = newTally();
  byPriority = new Map<string, Tally>();
  constructor(private readonly out: Evaluated) {
    super();
  }
  add(): void {
    this.push(this.out.result as SlaTicketResult);
  }
  private push(r: SlaTicketResult): void {
    this.tickets.push(r);
    tally(this.total, r);
    let g = this.byPriority.get(r.priority);
    if (g === undefined) {
      g = newTally();
      this.byPriority.set(r.priority, g);
    }
    tally(g, r);
  }
  mergeFrom(o: SlaAccumulator): void {
    for (const r of o.tickets) this.push(r);
  }
  protected override reset(): void {
    this.tickets = [];
    this.total = newTally();
    this.byPriority = new Map();
  }
}

const METRIC: TicketMetric<Params, SlaAccumulator, SlaComplianceResult> = {
  name: NAME,
  optionKeys: ['targets', 'businessHours', 'defaultPriority', 'pauseStatuses', 'at'],
  qualifying: true,
  params(o, ctx) {
    const defaultEngine = o.businessHours === undefined ? undefined : requireSchedule(NAME, o.businessHours, 'businessHours');
    const table = readTargets(o.targets, defaultEngine);
    const defaultPriority = o.defaultPriority;
    if (defaultPriority !== undefined && (typeof defaultPriority !== 'string' || !table.has(defaultPriority))) {
      optionError(NAME, 'defaultPriority', `${describe(defaultPriority)} has no targets in the policy`);
    }
    const paused = readStatusMask(NAME, 'pauseStatuses', o.pauseStatuses, ['pending', 'on_hold'] as TicketStatus[]);
    paused[4] = 1; // solved
    paused[5] = 1; // closed
    return { table, defaultPriority: defaultPriority as string | undefined, paused, at: readAt(NAME, o, ctx), out: new Evaluated() };
  },
  level: () => LEVEL_EVENTS,
  step: evaluate,
  start: (p) => new SlaAccumulator(p.out),
  finish(acc) {
    const excluded = withReasonAliases(acc.excluded<SlaComplianceExclusion>() as Excluded<SlaComplianceExclusion>, { created_after_at: 'created_after' });
    const summary = (c: Counts): SlaSummary => ({
      achieved: c.achieved,
      breached: c.breached,
      pending: c.pending,
      rate: buildRate(c.achieved, c.achieved + c.breached, excluded),
    });
    const groupSummary = (g: Tally): SlaGroupSummary => ({
      overall: summary(g.overall),
      byTarget: { firstReply: summary(g.firstReply), nextReply: summary(g.nextReply), resolution: summary(g.resolution) },
    });
    // Object.fromEntries: priorities are data (a '__proto__' priority is a key like any other).
    const byPriority = Object.fromEntries([...acc.byPriority].map(([k, g]) => [k, groupSummary(g)])) as Record<string, SlaGroupSummary>;
    return { count: acc.tickets.length, tickets: acc.tickets, ...groupSummary(acc.total), byPriority, excluded };
  },
};

/**
 * SLA compliance: for every ticket and target, met / breached / pending with the due instant and how late;
 * summarised per target, per ticket (all targets met) and per priority, like Zendesk's "% achieved SLA
 * targets" (pending targets counted apart, outside the denominator).
 *
 * Cost: O(events log events) per ticket, plus O(DST changes + log holidays) per business-time measurement.
 *
 * @category SLA
 * @param tickets - tickets with `events`
 * @param policy - targets per priority and how to measure them
 * @returns per-ticket outcomes and the summaries
 * @example
 * ```ts
 * import { slaCompliance } from 'helpdesk-metrics';
 * const HOUR = 3_600_000;
 * const sla = slaCompliance([
 *   { id: 'T-1', createdAt: '2026-03-02T09:00:00Z', priority: 'high', events: [
 *     { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T09:40:00Z', author: 'agent' },
 *   ] },
 *   { id: 'T-2', createdAt: '2026-03-02T10:00:00Z', priority: 'high', events: [
 *     { type: 'message', at: '2026-03-02T10:00:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T12:00:00Z', author: 'agent' },
 *   ] },
 * ], { targets: { high: { firstReply: HOUR } } });
 * sla.byTarget.firstReply.rate.rate; //=> 0.5
 * sla.tickets[1].targets[0].lateMs;  //=> 3600000
 * ```
 */
export function slaCompliance(tickets: readonly Ticket[] | PreparedTickets, policy: SlaPolicy): SlaComplianceResult {
  if (policy === null || typeof policy !== 'object') optionError(NAME, 'policy', `must be an object, got ${describe(policy)}`);
  return runTicketMetric(METRIC, tickets, policy);
}
