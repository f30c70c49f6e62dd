/**
 * Average response time (all replies).
 *
 * Formula: per reply cycle, next qualifying agent reply − oldest unanswered customer message; summarised
 * over cycles (`per: 'reply'`) or over each ticket's mean cycle (`per: 'ticket'`).
 * Default definition: Zendesk's "next reply time" cycle (consecutive customer messages join one cycle;
 * internal notes, bots and system messages never close one); Intercom and Help Scout "response time".
 * Options: per, agentCreated, isQualifyingReply, businessHours, period, attributeTo, percentiles, quantileMethod, invalid,
 * statusMap, timeZone.
 *
 * @module
 */
import { D } from '../../_lib/decimal.js';
import { requireSchedule, type Schedule, type ScheduleEngine } from '../../calendar/schedule.js';
import type { Ticket } from '../../model/index.js';
import { readChoice, readSummary, type SummarySpec } from '../../options/shared.js';
import { createdOutside, placeInPeriod, readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import type { AgentCreatedMode } from '../../options/tickets.js';
import { Accumulator, DurationCollector, summarize } from '../../pipeline/collect.js';
import { malformed, savedCount, savedList, savedObject, savedWhole } from '../../pipeline/partial.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, QualifyingReplyOptions, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { F_AGENT_CREATED, F_EVENTS, K_CUSTOMER, KIND_SHIFT, LEVEL_EVENTS, Q_PUBLIC, Q_REPLY, type TicketColumns } from '../../read/ticketColumns.js';
import type { DurationSummary, SummaryOptions } from '../../results/durationSummary.js';
import type { InvalidReason } from '../../results/excluded.js';
import type { Group } from '../../results/groups.js';

/**
 * Why a ticket was left out of {@link averageResponseTime}.
 * - `no_customer_message`: no public customer message, so no cycle ever opened;
 * - `no_reply`: customer messages but no cycle answered yet;
 * - `summary_only`: summary fields carry no reply cycles;
 * - `agent_created`: under `agentCreated: 'exclude'`;
 * - `out_of_period`, `unresolved`: as for {@link firstResponseTime};
 * - `invalid:<code>`.
 *
 * @category Ticket timing
 */
export type AverageResponseTimeExclusion =
  | 'no_customer_message'
  | 'no_reply'
  | 'summary_only'
  | 'agent_created'
  | 'out_of_period'
  | 'unresolved'
  | IneligibleReason
  | InvalidReason;

/**
 * Options of {@link averageResponseTime}.
 *
 * @category Ticket timing
 */
export interface AverageResponseTimeOptions
  extends TicketInputOptions,
    QualifyingReplyOptions,
    EligibilityOptions,
    SummaryOptions,
    PeriodOptions,
    BreakdownOptions<TicketBy> {
  /**
   * `'reply'`: every answered cycle is one value (Zendesk, Intercom, Help Scout). `'ticket'`: each ticket's
   * mean cycle is one value, so a long thread weighs as much as a short one (Freshdesk's per-ticket reading).
   * @defaultValue `'reply'`
   */
  readonly per?: 'reply' | 'ticket';
  /**
   * Agent-created tickets: counted like others (their first agent message opens no cycle) or left out.
   * @defaultValue `'skipFirstAgentMessage'`
   */
  readonly agentCreated?: AgentCreatedMode;
  /**
   * Measure in business time: only the open time of this schedule (from {@link createSchedule}) counts.
   * Zendesk's rule: one schedule for the whole span. A ticket created and answered while closed measures 0.
   */
  readonly businessHours?: Schedule;
}

/**
 * {@link DurationSummary} of reply cycles, with the ticket count and the cycles still unanswered.
 *
 * @category Ticket timing
 */
export interface ResponseTimeSummary extends Omit<DurationSummary<AverageResponseTimeExclusion>, 'groups'> {
  /** `'reply'` or `'ticket'`: what one value of the summary is. */
  readonly per: 'reply' | 'ticket';
  /** Tickets measured (with at least one answered cycle): `ticketCount + excluded.total` = input length. */
  readonly ticketCount: number;
  /** Answered cycles over all measured tickets. */
  readonly cycleCount: number;
  /** Cycles still waiting for a reply at the end of each measured ticket's history (not in the summary). */
  readonly openCycles: number;
  /** Present with `by`: the same figures per group. */
  readonly groups?: readonly Group<ResponseTimeSummary>[];
}

const NAME = 'averageResponseTime';

/** Per-ticket scratch the step fills and the accumulators read: the ticket's answered cycles. */
class Cycles {
  values = new Float64Array(64);
  n = 0;
  sum = 0;
  open = false;
}

interface Params {
  readonly perTicket: boolean;
  readonly excludeAgentCreated: boolean;
  readonly period: ParsedPeriod | undefined;
  readonly engine: ScheduleEngine | undefined;
  readonly summary: SummarySpec;
  readonly cycles: Cycles;
}

/** Reply cycles, per reply or per ticket mean (exact: Σ over cycle counts k of T_k / k). */
class CycleAccumulator extends Accumulator {
  readonly durations = new DurationCollector(4);
  totalsByCycles = new Map<number, bigint>();
  tickets = 0;
  cycleCount = 0;
  openCycles = 0;
  constructor(private readonly c: Cycles, private readonly perTicket: boolean) {
    super();
  }
  add(cycles: number): void {
    const c = this.c;
    this.tickets++;
    this.cycleCount += cycles;
    if (c.open) this.openCycles++;
    if (this.perTicket) {
      this.durations.push(c.sum / cycles);
      this.totalsByCycles.set(cycles, (this.totalsByCycles.get(cycles) ?? 0n) + BigInt(c.sum));
    } else {
      for (let k = 0; k < c.n; k++) this.durations.add(c.values[k] as number);
    }
  }
  mergeFrom(o: CycleAccumulator): void {
    this.durations.merge(o.durations);
    for (const [k, v] of o.totalsByCycles) this.totalsByCycles.set(k, (this.totalsByCycles.get(k) ?? 0n) + v);
    this.tickets += o.tickets;
    this.cycleCount += o.cycleCount;
    this.openCycles += o.openCycles;
  }
  /**
   * The durations (per reply, or per-ticket means: a sorted run), the exact totals by cycle count as
   * `[cycles, decimal string]` pairs by increasing count, and the counts.
   */
  override save(): unknown {
    const totals = [...this.totalsByCycles].sort((a, b) => a[0] - b[0]).map(([k, v]) => [k, v.toString()]);
    return { durations: this.durations.save(), totalsByCycles: totals, tickets: this.tickets, cycleCount: this.cycleCount, openCycles: this.openCycles };
  }
  override load(saved: unknown): void {
    const what = 'reply cycles';
    const o = savedObject(saved, what);
    const s = {
      totalsByCycles: savedList(o.totalsByCycles, what).map((pair) => {
        const [k, v] = savedList(pair, what, 2, true);
        return [savedCount(k, what) || malformed(what), savedWhole(v, what)] as const;
      }),
      tickets: savedCount(o.tickets, what),
      cycleCount: savedCount(o.cycleCount, what),
      openCycles: savedCount(o.openCycles, what),
    };
    // The durations are checked as they load (first: nothing is added when they are malformed).
    this.durations.load(o.durations);
    for (const [k, v] of s.totalsByCycles) this.totalsByCycles.set(k, (this.totalsByCycles.get(k) ?? 0n) + BigInt(v));
    this.tickets += s.tickets;
    this.cycleCount += s.cycleCount;
    this.openCycles += s.openCycles;
  }
  protected override reset(): void {
    this.durations.clear();
    this.totalsByCycles = new Map();
    this.tickets = this.cycleCount = this.openCycles = 0;
  }
}

const METRIC: TicketMetric<Params, CycleAccumulator, ResponseTimeSummary> = {
  name: NAME,
  optionKeys: ['per', 'agentCreated', 'businessHours', 'period', 'attributeTo', 'percentiles', 'quantileMethod'],
  qualifying: true,
  params(o, ctx) {
    const per = readChoice(NAME, 'per', o.per, ['reply', 'ticket'], 'reply');
    const agentCreated = readChoice<AgentCreatedMode>(NAME, 'agentCreated', o.agentCreated, ['exclude', 'skipFirstAgentMessage', 'startAtFirstCustomerMessage'], 'skipFirstAgentMessage');
    return {
      perTicket: per === 'ticket',
      excludeAgentCreated: agentCreated === 'exclude',
      period: readPeriod(NAME, o as PeriodOptions, ctx, 'created'),
      engine: o.businessHours === undefined ? undefined : requireSchedule(NAME, o.businessHours, 'businessHours'),
      summary: readSummary(NAME, o),
      cycles: new Cycles(),
    };
  },
  level: () => LEVEL_EVENTS,
  step: measureCycles,
  start: (p) => new CycleAccumulator(p.cycles, p.perTicket),
  finish(acc, p) {
    let exactTotal;
    if (p.perTicket) {
      exactTotal = new D(0);
      for (const [k, total] of acc.totalsByCycles) exactTotal = exactTotal.plus(new D(total.toString()).div(k));
    }
    const summary: Omit<DurationSummary<AverageResponseTimeExclusion>, 'groups'> = summarize(acc.durations, p.summary, acc.excluded<AverageResponseTimeExclusion>(), exactTotal);
    return { ...summary, per: p.perTicket ? 'ticket' : 'reply', ticketCount: acc.tickets, cycleCount: acc.cycleCount, openCycles: acc.openCycles };
  },
};

/**
 * The definition, for ticket j: its answered reply cycles into `p.cycles` (the oldest unanswered public
 * customer message → the next qualifying reply); the number of cycles, or why there is none.
 */
function measureCycles(c: TicketColumns, j: number, p: Params): number | AverageResponseTimeExclusion {
  if (createdOutside(p.period, c.created[j] as number)) return 'out_of_period';
  const f = c.flags[j] as number;
  if ((f & F_AGENT_CREATED) !== 0 && p.excludeAgentCreated) return 'agent_created';
  if ((f & F_EVENTS) === 0) return 'summary_only';
  const period = p.period;
  if (period !== undefined && period.attributeTo !== 'created') {
    const place = placeInPeriod(period, period.attributeTo === 'firstReply' ? (c.firstReply[j] as number) : (c.lastResolved[j] as number));
    if (place !== 'in') return place === 'out' ? 'out_of_period' : period.attributeTo === 'firstReply' ? 'no_reply' : 'unresolved';
  }
  const cy = p.cycles;
  const { evAt, evKind } = c;
  const engine = p.engine;
  const start = c.evStart[j] as number;
  const end = c.evStart[j + 1] as number;
  if (cy.values.length < end - start) cy.values = new Float64Array((end - start) * 2);
  let open = NaN;
  let n = 0;
  let sum = 0;
  let sawCustomer = false;
  for (let e = start; e < end; e++) {
    const b = evKind[e] as number;
    if (b >> KIND_SHIFT === K_CUSTOMER && (b & Q_PUBLIC) !== 0) {
      sawCustomer = true;
      if (open !== open) open = evAt[e] as number;
    } else if ((b & Q_REPLY) !== 0 && open === open) {
      const t = evAt[e] as number;
      const d = engine === undefined ? t - open : engine.measure(open, t);
      cy.values[n++] = d;
      sum += d;
      open = NaN;
    }
  }
  if (n === 0) return sawCustomer ? 'no_reply' : 'no_customer_message';
  cy.n = n;
  cy.sum = sum;
  cy.open = open === open;
  return n;
}

/**
 * Average response time: how long customers wait for a reply at every turn of a conversation, not only
 * the first.
 *
 * Cost: O(events) per ticket (events already in order are not re-sorted), O(n log n) for the quantiles.
 *
 * @category Ticket timing
 * @example
 * ```ts
 * import { averageResponseTime } from 'helpdesk-metrics';
 * const art = averageResponseTime([
 *   { id: 'T-1', createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T09:10:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T09:30:00Z', author: 'agent' },   // cycle 1: 30 min
 *     { type: 'message', at: '2026-03-02T10:00:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T10:10:00Z', author: 'agent' },   // cycle 2: 10 min
 *   ] },
 * ]);
 * art.count;  //=> 2
 * art.meanMs; //=> 1200000 (20 minutes)
 * ```
 */
export function averageResponseTime(
  tickets: readonly Ticket[] | PreparedTickets,
  options?: AverageResponseTimeOptions,
): ResponseTimeSummary {
  return runTicketMetric(METRIC, tickets, options);
}
