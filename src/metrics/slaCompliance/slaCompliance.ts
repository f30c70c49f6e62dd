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
import {
  createTicketReader,
  K_CUSTOMER,
  K_STATUS,
  optionError,
  Q_PUBLIC,
  Q_REPLY,
  STATUSES,
  type QualifyingReplyPredicate,
  type TicketInputOptions,
} from '../../_lib/tickets.js';
import { requireSchedule, type Schedule, type ScheduleEngine } from '../../calendar/schedule.js';
import type { Ticket, TicketStatus, Timestamp } from '../../model/index.js';
import { exclude, finishLedger, type Excluded, type InvalidReason } from '../../results/excluded.js';
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
export interface SlaPolicy extends TicketInputOptions {
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
  /** Redefines a reply; default: a public agent message. */
  readonly isQualifyingReply?: QualifyingReplyPredicate;
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
 * - `created_after_at`: created after `at`;
 * - `invalid:<code>`.
 *
 * @category SLA
 */
export type SlaComplianceExclusion =
  | 'no_priority'
  | 'no_policy'
  | 'no_targets'
  | 'summary_only'
  | 'created_after_at'
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
  readonly byPriority: Readonly<Record<string, SlaGroupSummary>>;
  readonly excluded: Excluded<SlaComplianceExclusion>;
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
export function slaCompliance(tickets: readonly Ticket[], policy: SlaPolicy): SlaComplianceResult {
  if (policy === null || typeof policy !== 'object') optionError(NAME, 'policy', 'must be an object');
  const reader = createTicketReader<SlaComplianceExclusion>(NAME, tickets, policy, policy.isQualifyingReply);
  const defaultEngine = policy.businessHours === undefined ? undefined : requireSchedule(NAME, policy.businessHours, 'businessHours');
  const targets = policy.targets;
  if (targets === null || typeof targets !== 'object' || Array.isArray(targets)) optionError(NAME, 'targets', 'must be an object keyed by priority');
  const table = new Map<string, Partial<Record<SlaTargetName, Target>>>();
  for (const [priority, spec] of Object.entries(targets)) {
    if (spec === null || typeof spec !== 'object') optionError(NAME, `targets.${priority}`, 'must be an object of targets');
    const row: Partial<Record<SlaTargetName, Target>> = {};
    for (const [key, value] of Object.entries(spec as Record<string, unknown>)) {
      const field = `targets.${priority}.${key}`;
      if (!TARGET_NAMES.includes(key as SlaTargetName)) optionError(NAME, field, `unknown target; use 'firstReply', 'nextReply' or 'resolution'`);
      if (value === undefined) continue;
      let ms: unknown = value;
      let engine = defaultEngine;
      if (value !== null && typeof value === 'object') {
        const o = value as { targetMs?: unknown; businessHours?: unknown };
        ms = o.targetMs;
        if (o.businessHours === false) engine = undefined;
        else if (o.businessHours !== undefined) engine = requireSchedule(NAME, o.businessHours, `${field}.businessHours`);
      }
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) optionError(NAME, field, `the target must be whole ms ≥ 0, got ${String(ms)}`, 'out_of_range');
      row[key as SlaTargetName] = { ms, engine };
    }
    table.set(priority, row);
  }
  const defaultPriority = policy.defaultPriority;
  if (defaultPriority !== undefined && !table.has(defaultPriority)) {
    optionError(NAME, 'defaultPriority', `${JSON.stringify(defaultPriority)} has no targets in the policy`);
  }
  const pauseList = policy.pauseStatuses ?? ['pending', 'on_hold'];
  if (!Array.isArray(pauseList)) optionError(NAME, 'pauseStatuses', 'must be an array of statuses');
  const paused = new Uint8Array(STATUSES.length);
  for (const s of pauseList) {
    const k = STATUSES.indexOf(s);
    if (k < 0) optionError(NAME, 'pauseStatuses', `${JSON.stringify(s)} is not a canonical status`);
    paused[k] = 1;
  }
  paused[4] = 1; // solved
  paused[5] = 1; // closed
  const atOption = policy.at === undefined ? undefined : reader.parseOption(policy.at, 'at');

  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  const results: SlaTicketResult[] = [];
  const total = { overall: newCounts(), firstReply: newCounts(), nextReply: newCounts(), resolution: newCounts() };
  const byPriority = new Map<string, typeof total>();

  const measure = (t: Target, a: number, b: number): number => (t.engine === undefined ? Math.max(0, b - a) : t.engine.measure(a, b));
  const due = (t: Target, a: number, ms: number): number => (t.engine === undefined ? a + ms : t.engine.add(a, ms));
  const replyTarget = (name: SlaTargetName, cycle: number, t: Target, start: number, end: number, atMs: number): SlaTargetResult => {
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
  };

  for (let i = 0; i < n; i++) {
    if (!reader.read(tickets, i)) continue;
    const raw = f.ticket.priority;
    let priority: string;
    if (typeof raw === 'string' && raw.length > 0) priority = raw;
    else if (defaultPriority !== undefined) priority = defaultPriority;
    else {
      exclude(ledger, 'no_priority', f.id);
      continue;
    }
    const row = table.get(priority);
    if (row === undefined) {
      exclude(ledger, 'no_policy', f.id);
      continue;
    }
    if (!f.hasEvents) {
      exclude(ledger, 'summary_only', f.id);
      continue;
    }
    const created = f.createdMs;
    if (atOption !== undefined && created > atOption) {
      exclude(ledger, 'created_after_at', f.id);
      continue;
    }
    reader.sortEvents();
    const { at, kind, qual, order } = reader;
    // Events considered: those at or before `at` (all without it).
    let m = 0;
    while (m < f.eventCount && !((at[order[m] as number] as number) > (atOption ?? Infinity))) m++;
    const atMs = atOption ?? (m > 0 ? Math.max(created, at[order[m - 1] as number] as number) : created);
    const out: SlaTargetResult[] = [];

    // First reply: creation → first qualifying reply or solve; not run on agent-created tickets.
    let firstReplyAt = NaN;
    let firstReplyPos = m;
    let firstSolveAt = NaN;
    for (let j = 0; j < m; j++) {
      const e = order[j] as number;
      const k = kind[e] as number;
      if (firstReplyAt !== firstReplyAt && ((qual[e] as number) & Q_REPLY) !== 0) {
        firstReplyAt = at[e] as number;
        firstReplyPos = j;
      }
      if (firstSolveAt !== firstSolveAt && k >= K_STATUS + 4) firstSolveAt = at[e] as number;
    }
    const fr = row.firstReply;
    if (fr !== undefined && !f.agentCreated) {
      const end = firstReplyAt === firstReplyAt ? (firstSolveAt < firstReplyAt ? firstSolveAt : firstReplyAt) : firstSolveAt;
      out.push(replyTarget('firstReply', 0, fr, created, end, atMs));
    }

    // Next reply: customer messages after the first reply open cycles; a reply or a solve closes them.
    const nr = row.nextReply;
    if (nr !== undefined && firstReplyAt === firstReplyAt) {
      let open = NaN;
      let cycle = 0;
      for (let j = firstReplyPos + 1; j < m; j++) {
        const e = order[j] as number;
        const t = at[e] as number;
        const k = kind[e] as number;
        const q = qual[e] as number;
        if (k === K_CUSTOMER && (q & Q_PUBLIC) !== 0) {
          if (open !== open) open = t;
        } else if (open === open && ((q & Q_REPLY) !== 0 || k >= K_STATUS + 4)) {
          out.push(replyTarget('nextReply', ++cycle, nr, open, t, atMs));
          open = NaN;
        }
      }
      if (open === open) out.push(replyTarget('nextReply', ++cycle, nr, open, NaN, atMs));
    }

    // Resolution: the clock runs in unpaused statuses, stops when solved/closed, restarts on reopen.
    const rs = row.resolution;
    if (rs !== undefined) {
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
      for (let j = 0; j < m; j++) {
        const e = order[j] as number;
        const k = kind[e] as number;
        if (k < K_STATUS) continue;
        const t = at[e] as number;
        run(t);
        const next = k - K_STATUS;
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
      out.push({
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
      });
    }

    if (out.length === 0) {
      exclude(ledger, 'no_targets', f.id);
      continue;
    }
    let ticketStatus: SlaStatus = 'met';
    let group = byPriority.get(priority);
    if (group === undefined) {
      group = { overall: newCounts(), firstReply: newCounts(), nextReply: newCounts(), resolution: newCounts() };
      byPriority.set(priority, group);
    }
    for (const r of out) {
      count(total[r.target], r.status);
      count(group[r.target], r.status);
      if (r.status === 'breached') ticketStatus = 'breached';
      else if (r.status === 'pending' && ticketStatus === 'met') ticketStatus = 'pending';
    }
    count(total.overall, ticketStatus);
    count(group.overall, ticketStatus);
    results.push({ id: f.id, priority, status: ticketStatus, targets: out });
  }

  const excluded = finishLedger(ledger);
  const summary = (c: Counts): SlaSummary => ({
    achieved: c.achieved,
    breached: c.breached,
    pending: c.pending,
    rate: buildRate(c.achieved, c.achieved + c.breached, excluded),
  });
  const groupSummary = (g: typeof total): SlaGroupSummary => ({
    overall: summary(g.overall),
    byTarget: { firstReply: summary(g.firstReply), nextReply: summary(g.nextReply), resolution: summary(g.resolution) },
  });
  const priorities: Record<string, SlaGroupSummary> = {};
  for (const [p, g] of byPriority) priorities[p] = groupSummary(g);
  return { count: results.length, tickets: results, ...groupSummary(total), byPriority: priorities, excluded };
}
