/**
 * First response time (FRT).
 *
 * Formula: FRT = first qualifying agent reply − start (ticket creation by default), per ticket; summarised.
 * Default definition: Zendesk "First reply time" — the first public comment by an agent; bots, system
 * messages and internal notes never count; on an agent-created ticket, the agent's *next* public comment.
 * Options: startAt, agentCreated, isQualifyingReply, preset, businessHours, period, attributeTo, percentiles,
 * quantileMethod, by, excludeSpam/Deleted/Merged, and the read options (invalid, statusMap, timeZone, …).
 *
 * @module
 */
import { requireSchedule, type Schedule } from '../../calendar/schedule.js';
import type { Ticket } from '../../model/index.js';
import { describe } from '../../_lib/options.js';
import { readChoice, readSummary, optionError, type SummarySpec } from '../../options/shared.js';
import { createdOutside, placeInPeriod, readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import { DurationAccumulator, summarize } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, QualifyingReplyOptions, TicketInputOptions } from '../../pipeline/ticketSource.js';
import {
  F_AGENT_CREATED,
  F_EVENTS,
  F_FIRST_QUALIFIES,
  K_CUSTOMER,
  KIND_SHIFT,
  LEVEL_EVENTS,
  LEVEL_FACTS,
  Q_REPLY,
  type TicketColumns,
} from '../../read/ticketColumns.js';
import type { ScheduleEngine } from '../../calendar/schedule.js';
import type { DurationSummary, SummaryOptions } from '../../results/durationSummary.js';
import type { InvalidReason } from '../../results/excluded.js';
import type { AgentCreatedMode } from '../../options/tickets.js';

/**
 * Why a ticket was left out of {@link firstResponseTime}.
 * - `no_reply`: no qualifying reply yet (the ticket is still waiting, or was solved without one);
 * - `agent_created`: an agent-created ticket under `agentCreated: 'exclude'`;
 * - `no_customer_message`: the clock starts at the first customer message and there is none;
 * - `summary_only`: the ticket has summary fields only and the chosen start needs its events;
 * - `out_of_period`: its `attributeTo` instant is outside `period`;
 * - `unresolved`: `attributeTo: 'resolved'` and the ticket was never resolved;
 * - `ineligible:spam`, `ineligible:deleted`, `ineligible:merged`: see {@link EligibilityOptions};
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket timing
 */
export type FirstResponseTimeExclusion =
  | 'no_reply'
  | 'agent_created'
  | 'no_customer_message'
  | 'summary_only'
  | 'out_of_period'
  | 'unresolved'
  | IneligibleReason
  | InvalidReason;

/**
 * Vendor definitions that set several options at once (explicit options win):
 * - `'zendesk'`: start at creation; agent-created tickets measured to the agent's next public comment.
 * - `'intercom'`: start at the first customer message ("first contact reply"), for every ticket.
 * - `'gorgias'`, `'plain'`: start at the first customer message; agent-created tickets excluded.
 *
 * @category Ticket timing
 */
export type FirstResponseTimePreset = 'zendesk' | 'intercom' | 'gorgias' | 'plain';

/**
 * Options of {@link firstResponseTime}.
 *
 * @category Ticket timing
 */
export interface FirstResponseTimeOptions
  extends TicketInputOptions,
    QualifyingReplyOptions,
    EligibilityOptions,
    SummaryOptions,
    PeriodOptions,
    BreakdownOptions<TicketBy> {
  /**
   * Where the clock starts: ticket creation (Zendesk, Freshdesk) or the first customer message
   * (Intercom, Gorgias, Plain).
   * @defaultValue `'created'`
   */
  readonly startAt?: 'created' | 'firstCustomerMessage';
  /**
   * Agent-created (outbound) tickets: measured to the agent's second public message (Zendesk), left out,
   * or measured from the first customer message.
   * @defaultValue `'skipFirstAgentMessage'`
   */
  readonly agentCreated?: AgentCreatedMode;
  /** Sets `startAt` and `agentCreated` as a vendor does. */
  readonly preset?: FirstResponseTimePreset;
  /**
   * Measure in business time: only the open time of this schedule (from {@link createSchedule}) counts.
   * Zendesk's rule: one schedule for the whole span. A ticket created and answered while closed measures 0.
   */
  readonly businessHours?: Schedule;
}

const PRESETS: Readonly<Record<FirstResponseTimePreset, Pick<FirstResponseTimeOptions, 'startAt' | 'agentCreated'>>> = {
  zendesk: { startAt: 'created', agentCreated: 'skipFirstAgentMessage' },
  intercom: { startAt: 'firstCustomerMessage', agentCreated: 'startAtFirstCustomerMessage' },
  gorgias: { startAt: 'firstCustomerMessage', agentCreated: 'exclude' },
  plain: { startAt: 'firstCustomerMessage', agentCreated: 'exclude' },
};

const NAME = 'firstResponseTime';

interface Params {
  /** Clock from the first customer message: 0 never, 1 always, 2 on agent-created tickets only. */
  readonly fromCustomer: number;
  readonly skipOpening: boolean;
  readonly excludeAgentCreated: boolean;
  readonly period: ParsedPeriod | undefined;
  readonly engine: ScheduleEngine | undefined;
  readonly summary: SummarySpec;
}

const AGENT_CREATED = ['exclude', 'skipFirstAgentMessage', 'startAtFirstCustomerMessage'] as const;

const METRIC: TicketMetric<Params, DurationAccumulator, DurationSummary<FirstResponseTimeExclusion>> = {
  name: NAME,
  optionKeys: ['startAt', 'agentCreated', 'preset', 'businessHours', 'period', 'attributeTo', 'percentiles', 'quantileMethod'],
  qualifying: true,
  params(o, ctx) {
    const presetName = o.preset;
    if (presetName !== undefined && (typeof presetName !== 'string' || !Object.prototype.hasOwnProperty.call(PRESETS, presetName))) {
      optionError(NAME, 'preset', `unknown preset ${describe(presetName)}; use ${Object.keys(PRESETS).map((k) => `'${k}'`).join(', ')}`);
    }
    const preset = PRESETS[(presetName as FirstResponseTimePreset | undefined) ?? 'zendesk'];
    const startAt = readChoice(NAME, 'startAt', o.startAt, ['created', 'firstCustomerMessage'], preset.startAt ?? 'created');
    const agentCreated = readChoice(NAME, 'agentCreated', o.agentCreated, AGENT_CREATED, preset.agentCreated ?? 'skipFirstAgentMessage');
    return {
      fromCustomer: startAt === 'firstCustomerMessage' ? 1 : agentCreated === 'startAtFirstCustomerMessage' ? 2 : 0,
      skipOpening: agentCreated === 'skipFirstAgentMessage',
      excludeAgentCreated: agentCreated === 'exclude',
      period: readPeriod(NAME, o as PeriodOptions, ctx, 'created'),
      engine: o.businessHours === undefined ? undefined : requireSchedule(NAME, o.businessHours, 'businessHours'),
      summary: readSummary(NAME, o),
    };
  },
  level: (p) => (p.fromCustomer !== 0 ? LEVEL_EVENTS : LEVEL_FACTS),
  step: measure,
  start: () => new DurationAccumulator(),
  finish: (acc, p) => summarize(acc.durations, p.summary, acc.excluded<FirstResponseTimeExclusion>()),
};

/** The definition, for ticket j: its first response time in ms, or why it has none. */
function measure(c: TicketColumns, j: number, p: Params): number | FirstResponseTimeExclusion {
  const created = c.created[j] as number;
  if (createdOutside(p.period, created)) return 'out_of_period';
  const f = c.flags[j] as number;
  const agentCreated = (f & F_AGENT_CREATED) !== 0;
  if (agentCreated && p.excludeAgentCreated) return 'agent_created';
  let start = created;
  let reply: number;
  const fromCustomer = p.fromCustomer === 1 || (p.fromCustomer === 2 && agentCreated);
  if ((f & F_EVENTS) === 0) {
    if (fromCustomer) return 'summary_only';
    reply = c.firstReply[j] as number;
  } else if (fromCustomer) {
    start = c.firstCustomer[j] as number;
    if (start !== start) return 'no_customer_message';
    // The first qualifying reply at or after the first customer message (events are in time order); one at
    // the very instant of that message answers it, unless it is that message.
    reply = NaN;
    const { evAt, evKind } = c;
    for (let e = c.evStart[j] as number, end = c.evStart[j + 1] as number; e < end; e++) {
      const t = evAt[e] as number;
      if (t < start) continue;
      const b = evKind[e] as number;
      if ((b & Q_REPLY) === 0 || (t === start && b >> KIND_SHIFT === K_CUSTOMER)) continue;
      reply = t;
      break;
    }
  } else {
    reply = agentCreated && p.skipOpening && (f & F_FIRST_QUALIFIES) !== 0 ? (c.secondReply[j] as number) : (c.firstReply[j] as number);
  }
  if (reply !== reply) return 'no_reply';
  const period = p.period;
  if (period !== undefined && period.attributeTo !== 'created') {
    const place = placeInPeriod(period, period.attributeTo === 'firstReply' ? reply : (c.lastResolved[j] as number));
    if (place !== 'in') return place === 'missing' ? 'unresolved' : 'out_of_period';
  }
  return p.engine === undefined ? reply - start : p.engine.measure(start, reply);
}

/**
 * First response time (FRT): how long each ticket waited for its first qualifying agent reply.
 *
 * Cost: O(events) to read, O(n log n) to sort for the quantiles; on a {@link PreparedTickets} set, O(n).
 *
 * @category Ticket timing
 * @param tickets - tickets with `events`, or with the summary field `firstRespondedAt`; or a prepared set
 * @param options - the definition; defaults follow Zendesk
 * @returns a {@link DurationSummary}; tickets without a reply are in `excluded` as `'no_reply'`; with `by`,
 *   the same per group in `groups`
 * @example
 * ```ts
 * import { firstResponseTime } from 'helpdesk-metrics';
 * const frt = firstResponseTime([
 *   { id: 'T-1', createdAt: '2026-03-02T09:00:00Z', channel: 'email', events: [
 *     { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T09:30:00Z', author: 'agent' },
 *   ] },
 *   { id: 'T-2', createdAt: '2026-03-02T10:00:00Z', channel: 'chat', firstRespondedAt: '2026-03-02T11:30:00Z' },
 *   { id: 'T-3', createdAt: '2026-03-02T12:00:00Z', events: [] },
 * ], { by: 'channel' });
 * frt.meanMs;            //=> 3600000 (one hour: 30 and 90 minutes)
 * frt.excluded.byReason; //=> { no_reply: 1 }
 * frt.groups?.map((g) => [g.key.channel, g.count]); //=> [['chat', 1], ['email', 1], [null, 0]]
 * ```
 */
export function firstResponseTime(
  tickets: readonly Ticket[] | PreparedTickets,
  options?: FirstResponseTimeOptions,
): DurationSummary<FirstResponseTimeExclusion> {
  return runTicketMetric(METRIC, tickets, options);
}
