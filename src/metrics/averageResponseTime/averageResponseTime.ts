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
import { createdOutside, placeInPeriod, readPeriod, type PeriodOptions } from '../../_lib/period.js';
import {
  agentCreatedOption,
  createTicketReader,
  K_CUSTOMER,
  optionError,
  Q_PUBLIC,
  Q_REPLY,
  type AgentCreatedMode,
  type QualifyingReplyPredicate,
  type TicketInputOptions,
} from '../../_lib/tickets.js';
import { requireSchedule, type Schedule } from '../../calendar/schedule.js';
import type { Ticket } from '../../model/index.js';
import {
  checkSummaryOptions,
  DurationCollector,
  summarizeDurations,
  type DurationSummary,
  type SummaryOptions,
} from '../../results/durationSummary.js';
import { exclude, finishLedger, type InvalidReason } from '../../results/excluded.js';

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
  | InvalidReason;

/**
 * Options of {@link averageResponseTime}.
 *
 * @category Ticket timing
 */
export interface AverageResponseTimeOptions extends TicketInputOptions, SummaryOptions, PeriodOptions {
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
  /** Redefines a reply; default: `author === 'agent' && public !== false`. */
  readonly isQualifyingReply?: QualifyingReplyPredicate;
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
export interface ResponseTimeSummary extends DurationSummary<AverageResponseTimeExclusion> {
  /** `'reply'` or `'ticket'`: what one value of the summary is. */
  readonly per: 'reply' | 'ticket';
  /** Tickets measured (with at least one answered cycle): `ticketCount + excluded.total` = input length. */
  readonly ticketCount: number;
  /** Answered cycles over all measured tickets. */
  readonly cycleCount: number;
  /** Cycles still waiting for a reply at the end of each measured ticket's history (not in the summary). */
  readonly openCycles: number;
}

const NAME = 'averageResponseTime';

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
  tickets: readonly Ticket[],
  options?: AverageResponseTimeOptions,
): ResponseTimeSummary {
  const reader = createTicketReader<AverageResponseTimeExclusion>(NAME, tickets, options, options?.isQualifyingReply);
  const bad = checkSummaryOptions(options);
  if (bad !== undefined) optionError(NAME, 'percentiles', bad);
  const per = options?.per ?? 'reply';
  if (per !== 'reply' && per !== 'ticket') optionError(NAME, 'per', `must be 'reply' or 'ticket', got ${JSON.stringify(per)}`);
  const agentCreated = agentCreatedOption(NAME, options?.agentCreated ?? 'skipFirstAgentMessage');
  const period = readPeriod(reader, options, 'created');
  const engine = options?.businessHours === undefined ? undefined : requireSchedule(NAME, options.businessHours, 'businessHours');
  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  const collector = new DurationCollector(per === 'reply' ? n * 2 : n);
  // per: 'ticket' — exact total of per-ticket means, grouped by cycle count: sum over k of (T_k / k).
  const totalsByCycles = new Map<number, bigint>();
  let ticketCount = 0;
  let cycleCount = 0;
  let openCycles = 0;

  for (let i = 0; i < n; i++) {
    if (!reader.read(tickets, i)) continue;
    if (createdOutside(period, f.createdMs)) {
      exclude(ledger, 'out_of_period', f.id);
      continue;
    }
    if (f.agentCreated && agentCreated === 'exclude') {
      exclude(ledger, 'agent_created', f.id);
      continue;
    }
    if (!f.hasEvents) {
      exclude(ledger, 'summary_only', f.id);
      continue;
    }
    if (period !== undefined && period.attributeTo !== 'created') {
      const place = placeInPeriod(period, period.attributeTo === 'firstReply' ? f.firstReplyMs : f.lastResolvedMs);
      if (place !== 'in') {
        exclude(ledger, place === 'out' ? 'out_of_period' : period.attributeTo === 'firstReply' ? 'no_reply' : 'unresolved', f.id);
        continue;
      }
    }
    reader.sortEvents();
    const { at, kind, qual, order } = reader;
    let open = NaN;
    let cycles = 0;
    let sum = 0;
    let sawCustomer = false;
    for (let j = 0; j < f.eventCount; j++) {
      const e = order[j] as number;
      const q = qual[e] as number;
      if (kind[e] === K_CUSTOMER && (q & Q_PUBLIC) !== 0) {
        sawCustomer = true;
        if (open !== open) open = at[e] as number;
      } else if ((q & Q_REPLY) !== 0 && open === open) {
        const d = engine === undefined ? (at[e] as number) - open : engine.measure(open, at[e] as number);
        if (per === 'reply') collector.add(d);
        sum += d;
        cycles++;
        open = NaN;
      }
    }
    if (cycles === 0) {
      exclude(ledger, sawCustomer ? 'no_reply' : 'no_customer_message', f.id);
      continue;
    }
    ticketCount++;
    cycleCount += cycles;
    if (open === open) openCycles++;
    if (per === 'ticket') {
      collector.push(sum / cycles);
      totalsByCycles.set(cycles, (totalsByCycles.get(cycles) ?? 0n) + BigInt(sum));
    }
  }
  let exactTotal;
  if (per === 'ticket') {
    exactTotal = new D(0);
    for (const [k, total] of totalsByCycles) exactTotal = exactTotal.plus(new D(total.toString()).div(k));
  }
  const summary = summarizeDurations(collector, options, finishLedger(ledger), exactTotal);
  return { ...summary, per, ticketCount, cycleCount, openCycles };
}
