/**
 * The state of an open ticket at an instant, shared by the live-queue metrics (prioritizeQueue, queueSnapshot):
 * who it waits on, since when, and its running SLA targets.
 *
 * Who a ticket waits on at `at` (docs/queue.md, "Waiting on agent or customer"), from its history up to `at`:
 * - solved or closed → not open;
 * - pending → the customer, on-hold → a third party, unless the customer wrote after the status was set and
 *   nobody answered since (Zendesk and Freshdesk reopen a ticket when the requester replies): then an agent;
 * - new or open → an agent when a customer message is unanswered (the ticket's creation is its first customer
 *   message, unless an agent created it), else the customer (an agent wrote last: Intercom's `waiting_since`
 *   is null then).
 * A qualifying reply or a solve answers every customer message before it (as in slaCompliance).
 *
 * @internal
 * @module
 */
import { requireSchedule, type Schedule, type ScheduleEngine } from '../calendar/schedule.js';
import type { TicketStatus, Timestamp } from '../model/index.js';
import { optionError, readAt, readWholeMs, type InstantContext, type InvalidMode } from '../options/shared.js';
import { F_AGENT_CREATED, F_EVENTS, K_CUSTOMER, KB_SOLVED, KB_STATUS, KIND_SHIFT, K_STATUS, Q_PUBLIC, Q_REPLY, STATUSES, ST_SOLVED, type TicketColumns } from '../read/ticketColumns.js';
import { evaluateTargets, priorityOf, readSlaSpec, TARGET_NAMES, type SlaDefinition, type SlaSpec, type SlaTargetName, type Target, type TargetRow, type TargetSink } from './slaTargets.js';

/**
 * Who an open ticket waits on at `at`: an `'agent'` (it is in the queue), the `'customer'` (pending, or an
 * agent wrote last), or a `'third_party'` (on-hold).
 *
 * @category Live queue
 */
export type WaitingOn = 'agent' | 'customer' | 'third_party';

/** @internal Indices of {@link WaitingOn}. */
export const ON_AGENT = 0;
/** @internal */
export const ON_CUSTOMER = 1;
/** @internal */
export const ON_THIRD_PARTY = 2;
/** @internal */
export const WAITING_ON: readonly WaitingOn[] = ['agent', 'customer', 'third_party'];

/**
 * The SLA target of an open ticket that has the least time left at `at` (among the targets whose clock runs
 * then; ties: the earlier due instant, then first reply, next reply, resolution).
 *
 * @category Live queue
 */
export interface QueueSla {
  readonly target: SlaTargetName;
  /** 1, 2, … for next-reply cycles; 0 for the others. */
  readonly cycle: number;
  /** When the target is due (epoch ms); `undefined` only beyond the year 2200. */
  readonly dueMs: number | undefined;
  /**
   * `targetMs − elapsedMs` on the target's own clock (business ms for a business-hours target): > 0 time left,
   * < 0 overdue. Negative exactly when the target is breached (elapsed = target is not a breach yet).
   */
  readonly timeLeftMs: number;
  /** Whether the target runs in business time. */
  readonly business: boolean;
  /** Some running target of the ticket is breached at `at` (slaCompliance would call it `'breached'`). */
  readonly breached: boolean;
  /** Not breached, but some running target breaches within `nearBreachMs` of `at` if nobody acts. */
  readonly nearBreach: boolean;
}

/**
 * Options shared by {@link prioritizeQueue} and {@link queueSnapshot}.
 *
 * @category Live queue
 */
export interface LiveQueueOptions {
  /** The instant the queue is looked at. Required: the library never reads the clock. */
  readonly at: Timestamp;
  /**
   * SLA targets per priority (the definition part of an {@link SlaPolicy}: `targets`, `businessHours`,
   * `defaultPriority`, `pauseStatuses`); due instants are those {@link slaCompliance} computes. Plain-number
   * targets run on `policy.businessHours`, else on `businessHours`, else in calendar time.
   */
  readonly policy?: SlaDefinition;
  /** Measure waits in business time too (open time of this schedule); the default schedule of the policy. */
  readonly businessHours?: Schedule;
  /**
   * A ticket is near breach when a running target would breach within this many ms of `at` if nobody acts
   * (measured on the target's clock: business-hours targets breach only while open).
   * @defaultValue `3600000` (one hour)
   */
  readonly nearBreachMs?: number;
}

/** @internal The option keys of {@link LiveQueueOptions}. */
export const LIVE_QUEUE_KEYS = ['at', 'policy', 'businessHours', 'nearBreachMs'] as const;

/** @internal The validated {@link LiveQueueOptions}. */
export interface LiveQueueParams {
  readonly at: number;
  readonly engine: ScheduleEngine | undefined;
  readonly sla: SlaSpec | undefined;
  readonly nearBreachMs: number;
  /** The eligibility flags the call excludes (a metric's cross-ticket rules skip those tickets too). */
  readonly ineligible: number;
  readonly invalid: InvalidMode;
}

/** @internal Validates {@link LiveQueueOptions} (`at` required). */
export function readLiveQueue(functionName: string, o: Record<string, unknown>, ctx: InstantContext): LiveQueueParams {
  const at = readAt(functionName, o, ctx);
  if (at === undefined) optionError(functionName, 'at', 'the instant `at` is required (the library never reads the clock)');
  const engine = o.businessHours === undefined ? undefined : requireSchedule(functionName, o.businessHours, 'businessHours');
  const policy = o.policy;
  return {
    at,
    engine,
    sla: policy === undefined ? undefined : readSlaSpec(functionName, policy as Record<string, unknown>, 'policy', true, engine),
    nearBreachMs: readWholeMs(functionName, 'nearBreachMs', o.nearBreachMs, 3_600_000),
    ineligible: ctx.ineligible ?? 0,
    invalid: ctx.invalid ?? 'throw',
  };
}

/**
 * @internal The state of one open ticket, written by {@link openState} (one reused object per call). It is
 * also the sink of the ticket's SLA target instances, keeping the running one with the least time left.
 */
export class OpenState implements TargetSink {
  status = 0;
  waitingOn = ON_AGENT;
  sinceMs = 0;
  waitedMs = 0;
  /** NaN without businessHours. */
  waitedBusinessMs = NaN;
  /** NaN when there is no qualifying reply yet. */
  firstReplyMs = NaN;
  agentCreated = false;
  /** Events of the ticket considered: `[evStart[j], m)`. */
  m = 0;
  // The SLA target with the least time left (hasSla false: none running, or no policy for the ticket).
  hasSla = false;
  slaKind = 0;
  slaCycle = 0;
  slaDueMs = NaN;
  slaLeftMs = 0;
  slaBusiness = false;
  breached = false;
  nearBreach = false;
  private at = 0;
  private horizon = 0;
  private gainEngine: ScheduleEngine | undefined = undefined;
  private gain = NaN;

  /** Resets the SLA part before a ticket's targets are evaluated. */
  startSla(at: number, horizon: number): void {
    this.hasSla = false;
    this.breached = false;
    this.nearBreach = false;
    this.at = at;
    if (horizon !== this.horizon) this.gain = NaN;
    this.horizon = horizon;
  }

  instance(kind: number, cycle: number, t: Target, _start: number, _end: number, elapsed: number, due: number, running: boolean): void {
    if (!running) return;
    const left = t.ms - elapsed;
    if (left < 0) this.breached = true;
    else if (!this.nearBreach && this.clockGain(t.engine) > left) this.nearBreach = true;
    if (!this.hasSla || left < this.slaLeftMs || (left === this.slaLeftMs && due < this.slaDueMs)) {
      this.hasSla = true;
      this.slaKind = kind;
      this.slaCycle = cycle;
      this.slaDueMs = due;
      this.slaLeftMs = left;
      this.slaBusiness = t.engine !== undefined;
    }
  }

  /** Clock time of a target's schedule in `(at, at + horizon]` (the horizon itself in calendar time). */
  private clockGain(engine: ScheduleEngine | undefined): number {
    if (engine === undefined) return this.horizon;
    if (engine !== this.gainEngine || this.gain !== this.gain) {
      this.gainEngine = engine;
      this.gain = engine.measure(this.at, this.at + this.horizon);
    }
    return this.gain;
  }

  /** Drops the schedule it cached (the driver may keep an accumulator that refers to this state). */
  release(): void {
    this.gainEngine = undefined;
    this.gain = NaN;
  }

  /** The public SLA summary, or `undefined`. */
  sla(): QueueSla | undefined {
    if (!this.hasSla) return undefined;
    return {
      target: TARGET_NAMES[this.slaKind] as SlaTargetName,
      cycle: this.slaCycle,
      dueMs: this.slaDueMs === this.slaDueMs ? this.slaDueMs : undefined,
      timeLeftMs: this.slaLeftMs === 0 ? 0 : this.slaLeftMs,
      business: this.slaBusiness,
      breached: this.breached,
      nearBreach: this.nearBreach && !this.breached,
    };
  }

  /** The status at `at`, by name. */
  statusName(): TicketStatus {
    return STATUSES[this.status] as TicketStatus;
  }
}

/**
 * @internal The state of record j at `p.at` into `s`: 0 when the ticket is open then, else why not. Needs the
 * events level; the caller has screened out tickets created after `at`.
 */
export function openState(c: TicketColumns, j: number, p: LiveQueueParams, s: OpenState): 0 | 'summary_only' | 'resolved' {
  const f = c.flags[j] as number;
  if ((f & F_EVENTS) === 0) return 'summary_only';
  const at = p.at;
  const created = c.created[j] as number;
  const agentCreated = (f & F_AGENT_CREATED) !== 0;
  const { evAt, evKind } = c;
  let status = 0; // new, from creation
  let statusSince = created;
  // The oldest unanswered customer message (the request itself at creation, unless an agent opened the ticket).
  let open = agentCreated ? NaN : created;
  let lastCustomer = open;
  // The last answer (a reply or a solve): since then the customer has the ball.
  let answered = created;
  let firstReply = NaN;
  let e = c.evStart[j] as number;
  for (const end = c.evStart[j + 1] as number; e < end; e++) {
    const t = evAt[e] as number;
    if (t > at) break;
    const b = evKind[e] as number;
    if (b >= KB_STATUS) {
      status = (b >> KIND_SHIFT) - K_STATUS;
      statusSince = t;
      if (b >= KB_SOLVED) {
        open = NaN;
        answered = t;
      }
    } else if (b >> KIND_SHIFT === K_CUSTOMER && (b & Q_PUBLIC) !== 0) {
      if (open !== open) open = t;
      lastCustomer = t;
    } else if ((b & Q_REPLY) !== 0) {
      if (firstReply !== firstReply) firstReply = t;
      open = NaN;
      answered = t;
    }
  }
  if (status >= ST_SOLVED) return 'resolved';
  let on: number;
  let since: number;
  if (status === 2 || status === 3) {
    // Pending / on-hold, unless the customer wrote after the status was set and is still unanswered.
    if (open === open && lastCustomer > statusSince) {
      on = ON_AGENT;
      since = open;
    } else {
      on = status === 2 ? ON_CUSTOMER : ON_THIRD_PARTY;
      since = statusSince > answered ? statusSince : answered;
    }
  } else if (open === open) {
    on = ON_AGENT;
    since = open;
  } else {
    on = ON_CUSTOMER;
    since = answered;
  }
  s.status = status;
  s.waitingOn = on;
  s.sinceMs = since;
  s.waitedMs = at - since;
  s.waitedBusinessMs = p.engine === undefined ? NaN : p.engine.measure(since, at);
  s.firstReplyMs = firstReply;
  s.agentCreated = agentCreated;
  s.m = e;
  s.startSla(at, p.nearBreachMs);
  const sla = p.sla;
  if (sla !== undefined) {
    const priority = priorityOf(c, j, sla);
    if (priority !== 'no_priority' && priority !== 'no_policy') evaluateTargets(c, j, e, sla.table.get(priority) as TargetRow, sla.paused, at, s, true);
  }
  return 0;
}
