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
import { describe } from '../../_lib/options.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import { optionError, readAt } from '../../options/shared.js';
import { Accumulator } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, QualifyingReplyOptions, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { F_EVENTS, LEVEL_EVENTS, type TicketColumns } from '../../read/ticketColumns.js';
import { withReasonAliases, type Excluded, type InvalidReason } from '../../results/excluded.js';
import type { Group } from '../../results/groups.js';
import { buildRate, type RateResult } from '../../results/rate.js';
import { decodeNumber, decodeOptional, encodeNumber, encodeOptional, mergeByPosition } from '../../pipeline/partial.js';
import { evaluateTargets, priorityOf, readSlaSpec, TARGET_NAMES, type SlaDefinition, type SlaSpec, type SlaTargetName, type Target, type TargetRow, type TargetSink } from '../slaTargets.js';

export type { SlaDefinition, SlaTarget, SlaTargetName, SlaTargets } from '../slaTargets.js';

const NAME = 'slaCompliance';

/**
 * An SLA policy (the second argument of {@link slaCompliance}).
 *
 * @category SLA
 */
export interface SlaPolicy extends SlaDefinition, TicketInputOptions, QualifyingReplyOptions, EligibilityOptions, BreakdownOptions<TicketBy> {
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
  // Deprecated: the old name of `created_after` (see above).
  | 'created_after_at'
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

/** The ticket the step evaluated (for the accumulators), and the sink that builds its target results. */
class Evaluated implements TargetSink {
  result: SlaTicketResult | undefined;
  /** The ticket's position in the whole input (results are listed in input order, chunks merged or not). */
  position = 0;
  targets: SlaTargetResult[] = [];
  instance(kind: number, cycle: number, t: Target, start: number, end: number, elapsed: number, due: number): void {
    const done = end === end;
    const status: SlaStatus = elapsed > t.ms ? 'breached' : done ? 'met' : 'pending';
    this.targets.push({
      target: TARGET_NAMES[kind] as SlaTargetName,
      cycle,
      status,
      startMs: start,
      dueMs: due === due ? due : undefined,
      completedMs: done ? end : undefined,
      elapsedMs: elapsed,
      targetMs: t.ms,
      lateMs: status === 'breached' ? elapsed - t.ms : undefined,
      business: t.engine !== undefined,
    });
  }
}

interface Params {
  readonly spec: SlaSpec;
  readonly at: number | undefined;
  readonly out: Evaluated;
}

/** The definition, for ticket j: every target applied to it, into `p.out`; 1, or why it is left out. */
function evaluate(c: TicketColumns, j: number, p: Params): number | SlaComplianceExclusion {
  const priority = priorityOf(c, j, p.spec);
  if (priority === 'no_priority' || priority === 'no_policy') return priority;
  const row = p.spec.table.get(priority) as TargetRow;
  if (((c.flags[j] as number) & F_EVENTS) === 0) return 'summary_only';
  const created = c.created[j] as number;
  const atOption = p.at;
  if (atOption !== undefined && created > atOption) return 'created_after';
  const evAt = c.evAt;
  const start = c.evStart[j] as number;
  const end = c.evStart[j + 1] as number;
  // Events considered: those at or before `at` (all without it).
  let m = start;
  while (m < end && !((evAt[m] as number) > (atOption ?? Infinity))) m++;
  const atMs = atOption ?? (m > start ? Math.max(created, evAt[m - 1] as number) : created);
  const out: SlaTargetResult[] = (p.out.targets = []);
  if (evaluateTargets(c, j, m, row, p.spec.paused, atMs, p.out) === 0) return 'no_targets';
  let ticketStatus: SlaStatus = 'met';
  for (const r of out) {
    if (r.status === 'breached') ticketStatus = 'breached';
    else if (r.status === 'pending' && ticketStatus === 'met') ticketStatus = 'pending';
  }
  p.out.result = { id: c.idOf(j), priority, status: ticketStatus, targets: out };
  p.out.position = c.offset + c.base + j;
  return 1;
}

type Tally = { readonly overall: Counts } & Readonly<Record<SlaTargetName, Counts>>;

const newTally = (): Tally => ({
  overall: newCounts(),
  firstReply: newCounts(),
  nextReply: newCounts(),
  resolution: newCounts(),
  requesterWait: newCounts(),
  agentWork: newCounts(),
  periodicUpdate: newCounts(),
  pausableUpdate: newCounts(),
});

function tally(g: Tally, r: SlaTicketResult): void {
  for (const t of r.targets) count(g[t.target], t.status);
  count(g.overall, r.status);
}

function addCounts(c: Counts, o: Counts): void {
  c.achieved += o.achieved;
  c.breached += o.breached;
  c.pending += o.pending;
}

/** A target result as plain data (numbers through `encodeNumber`: no NaN nor −0 is lost). */
type SavedTarget = readonly [SlaTargetName, number, SlaStatus, number | string, number | string | null, number | string | null, number | string, number | string, number | string | null, boolean];
/** A ticket result as plain data: its position in the input, id, priority, status and targets. */
type SavedTicket = readonly [number, string, string, SlaStatus, readonly SavedTarget[]];

function saveTarget(t: SlaTargetResult): SavedTarget {
  return [t.target, t.cycle, t.status, encodeNumber(t.startMs), encodeOptional(t.dueMs), encodeOptional(t.completedMs), encodeNumber(t.elapsedMs), encodeNumber(t.targetMs), encodeOptional(t.lateMs), t.business];
}

function loadTarget(t: SavedTarget): SlaTargetResult {
  // The key order of Evaluated.instance: a loaded result is the object the step would have made.
  return {
    target: t[0],
    cycle: t[1],
    status: t[2],
    startMs: decodeNumber(t[3]),
    dueMs: decodeOptional(t[4]),
    completedMs: decodeOptional(t[5]),
    elapsedMs: decodeNumber(t[6]),
    targetMs: decodeNumber(t[7]),
    lateMs: decodeOptional(t[8]),
    business: t[9],
  };
}

/**
 * Ticket results (in input order: by position) and counts, overall and per priority (with the position of
 * each priority's first ticket: `byPriority` lists them in the order they first came in the input).
 */
class SlaAccumulator extends Accumulator {
  tickets: SlaTicketResult[] = [];
  positions: number[] = [];
  total = newTally();
  byPriority = new Map<string, Tally>();
  firstSeen = new Map<string, number>();
  constructor(private readonly out: Evaluated) {
    super();
  }
  add(): void {
    const r = this.out.result as SlaTicketResult;
    this.tickets.push(r);
    this.positions.push(this.out.position);
    this.count(r, this.out.position, true); // adds come in input order
  }
  /** Counts a result; `position` is its priority's first when the priority is new here, or comes earlier. */
  private count(r: SlaTicketResult, position: number, ordered: boolean): void {
    tally(this.total, r);
    let g = this.byPriority.get(r.priority);
    if (g === undefined) {
      g = newTally();
      this.byPriority.set(r.priority, g);
      this.firstSeen.set(r.priority, position);
    } else if (!ordered && position < (this.firstSeen.get(r.priority) as number)) {
      this.firstSeen.set(r.priority, position);
    }
    tally(g, r);
  }
  /** Interleaves results sorted by position into this accumulator's (linear; appends when they come after). */
  private interleave(tickets: readonly SlaTicketResult[], positions: readonly number[]): void {
    const mine = this.tickets;
    const at = this.positions;
    if (at.length === 0 || (positions.length > 0 && (positions[0] as number) > (at[at.length - 1] as number))) {
      for (let k = 0; k < tickets.length; k++) {
        mine.push(tickets[k] as SlaTicketResult);
        at.push(positions[k] as number);
      }
      return;
    }
    const t: SlaTicketResult[] = [];
    const q: number[] = [];
    mergeByPosition(at, positions, (fromMine, k) => {
      t.push((fromMine ? mine[k] : tickets[k]) as SlaTicketResult);
      q.push((fromMine ? at[k] : positions[k]) as number);
    });
    this.tickets = t;
    this.positions = q;
  }
  mergeFrom(o: SlaAccumulator): void {
    this.interleave(o.tickets, o.positions);
    for (const key of Object.keys(this.total) as (keyof Tally)[]) addCounts(this.total[key], o.total[key]);
    for (const [priority, g] of o.byPriority) {
      let mine = this.byPriority.get(priority);
      if (mine === undefined) this.byPriority.set(priority, (mine = newTally()));
      for (const key of Object.keys(g) as (keyof Tally)[]) addCounts(mine[key], g[key]);
      const first = this.firstSeen.get(priority);
      const theirs = o.firstSeen.get(priority) as number;
      if (first === undefined || theirs < first) this.firstSeen.set(priority, theirs);
    }
  }
  /** `{ tickets }`: each ticket's position and result (`SavedTicket`), by position; the counts follow from them. */
  override save(): unknown {
    return { tickets: this.tickets.map((r, k): SavedTicket => [this.positions[k] as number, r.id, r.priority, r.status, r.targets.map(saveTarget)]) };
  }
  override load(saved: unknown): void {
    const list = (saved as { readonly tickets: readonly SavedTicket[] }).tickets;
    const tickets: SlaTicketResult[] = [];
    const positions: number[] = [];
    for (const [position, id, priority, status, targets] of list) {
      const r: SlaTicketResult = { id, priority, status, targets: targets.map(loadTarget) };
      tickets.push(r);
      positions.push(position);
      this.count(r, position, false);
    }
    this.interleave(tickets, positions);
  }
  /** The priorities in the order their first tickets came in the input. */
  priorities(): [string, Tally][] {
    return [...this.byPriority].sort((a, b) => (this.firstSeen.get(a[0]) as number) - (this.firstSeen.get(b[0]) as number));
  }
  protected override reset(): void {
    this.tickets = [];
    this.positions = [];
    this.total = newTally();
    this.byPriority = new Map();
    this.firstSeen = new Map();
  }
}

const METRIC: TicketMetric<Params, SlaAccumulator, SlaComplianceResult> = {
  name: NAME,
  optionKeys: ['targets', 'businessHours', 'defaultPriority', 'pauseStatuses', 'at'],
  qualifying: true,
  params(o, ctx) {
    return { spec: readSlaSpec(NAME, o, undefined, false), at: readAt(NAME, o, ctx), out: new Evaluated() };
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
      byTarget: {
        firstReply: summary(g.firstReply),
        nextReply: summary(g.nextReply),
        resolution: summary(g.resolution),
        requesterWait: summary(g.requesterWait),
        agentWork: summary(g.agentWork),
        periodicUpdate: summary(g.periodicUpdate),
        pausableUpdate: summary(g.pausableUpdate),
      },
    });
    // Object.fromEntries: priorities are data (a '__proto__' priority is a key like any other).
    const byPriority = Object.fromEntries(acc.priorities().map(([k, g]) => [k, groupSummary(g)])) as Record<string, SlaGroupSummary>;
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
