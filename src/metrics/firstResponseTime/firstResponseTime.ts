/**
 * First response time (FRT).
 *
 * Formula: FRT = first qualifying agent reply − start (ticket creation by default), per ticket; summarised.
 * Default definition: Zendesk "First reply time" — the first public comment by an agent; bots, system
 * messages and internal notes never count; on an agent-created ticket, the agent's *next* public comment.
 * Options: startAt, agentCreated, isQualifyingReply, preset, businessHours, period, attributeTo, percentiles,
 * quantileMethod, invalid, statusMap, timeZone.
 *
 * @module
 */
import { createdOutside, placeInPeriod, readPeriod, type PeriodOptions } from '../../_lib/period.js';
import {
  agentCreatedOption,
  createTicketReader,
  K_CUSTOMER,
  optionError,
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
 * Why a ticket was left out of {@link firstResponseTime}.
 * - `no_reply`: no qualifying reply yet (the ticket is still waiting, or was solved without one);
 * - `agent_created`: an agent-created ticket under `agentCreated: 'exclude'`;
 * - `no_customer_message`: the clock starts at the first customer message and there is none;
 * - `summary_only`: the ticket has summary fields only and the chosen start needs its events;
 * - `out_of_period`: its `attributeTo` instant is outside `period`;
 * - `unresolved`: `attributeTo: 'resolved'` and the ticket was never resolved;
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
export interface FirstResponseTimeOptions extends TicketInputOptions, SummaryOptions, PeriodOptions {
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
  /**
   * Redefines a reply. Called for every message event; default: `author === 'agent' && public !== false`.
   */
  readonly isQualifyingReply?: QualifyingReplyPredicate;
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

/**
 * First response time (FRT): how long each ticket waited for its first qualifying agent reply.
 *
 * Cost: O(events) to read, O(n log n) to sort for the quantiles.
 *
 * @category Ticket timing
 * @param tickets - tickets with `events`, or with the summary field `firstRespondedAt`
 * @param options - the definition; defaults follow Zendesk
 * @returns a {@link DurationSummary}; tickets without a reply are in `excluded` as `'no_reply'`
 * @example
 * ```ts
 * import { firstResponseTime } from 'helpdesk-metrics';
 * const frt = firstResponseTime([
 *   { id: 'T-1', createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T09:30:00Z', author: 'agent' },
 *   ] },
 *   { id: 'T-2', createdAt: '2026-03-02T10:00:00Z', firstRespondedAt: '2026-03-02T11:30:00Z' },
 *   { id: 'T-3', createdAt: '2026-03-02T12:00:00Z', events: [] },
 * ]);
 * frt.meanMs;            //=> 3600000 (one hour: 30 and 90 minutes)
 * frt.excluded.byReason; //=> { no_reply: 1 }
 * ```
 */
export function firstResponseTime(
  tickets: readonly Ticket[],
  options?: FirstResponseTimeOptions,
): DurationSummary<FirstResponseTimeExclusion> {
  const reader = createTicketReader<FirstResponseTimeExclusion>(NAME, tickets, options, options?.isQualifyingReply);
  const bad = checkSummaryOptions(options);
  if (bad !== undefined) optionError(NAME, 'percentiles', bad);
  const presetName = options?.preset;
  if (presetName !== undefined && !Object.prototype.hasOwnProperty.call(PRESETS, presetName)) {
    optionError(NAME, 'preset', `unknown preset ${JSON.stringify(presetName)}`);
  }
  const preset = presetName === undefined ? PRESETS.zendesk : PRESETS[presetName];
  const startAt = options?.startAt ?? preset.startAt;
  const agentCreated = agentCreatedOption(NAME, options?.agentCreated ?? preset.agentCreated);
  if (startAt !== 'created' && startAt !== 'firstCustomerMessage') {
    optionError(NAME, 'startAt', `must be 'created' or 'firstCustomerMessage', got ${JSON.stringify(startAt)}`);
  }
  const period = readPeriod(reader, options, 'created');
  const engine = options?.businessHours === undefined ? undefined : requireSchedule(NAME, options.businessHours, 'businessHours');
  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  const collector = new DurationCollector(n);

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
    let start = f.createdMs;
    let reply: number;
    const fromCustomer = startAt === 'firstCustomerMessage' || (f.agentCreated && agentCreated === 'startAtFirstCustomerMessage');
    if (!f.hasEvents) {
      if (fromCustomer) {
        exclude(ledger, 'summary_only', f.id);
        continue;
      }
      reply = f.firstReplyMs;
    } else if (fromCustomer) {
      start = f.firstCustomerMs;
      if (start !== start) {
        exclude(ledger, 'no_customer_message', f.id);
        continue;
      }
      reply = NaN;
      const { at, qual } = reader;
      for (let e = 0; e < f.eventCount; e++) {
        const t = at[e] as number;
        if (((qual[e] as number) & Q_REPLY) !== 0 && t >= start && !(t >= reply)) {
          // A reply at the very instant of the customer message answers it unless it is that message.
          if (t === start && reader.kind[e] === K_CUSTOMER) continue;
          reply = t;
        }
      }
    } else {
      reply = f.agentCreated && agentCreated === 'skipFirstAgentMessage' && f.firstMessageQualifies ? f.secondReplyMs : f.firstReplyMs;
    }
    if (reply !== reply) {
      exclude(ledger, 'no_reply', f.id);
      continue;
    }
    if (period !== undefined && period.attributeTo !== 'created') {
      const place = placeInPeriod(period, period.attributeTo === 'firstReply' ? reply : f.lastResolvedMs);
      if (place !== 'in') {
        exclude(ledger, place === 'missing' ? 'unresolved' : 'out_of_period', f.id);
        continue;
      }
    }
    collector.add(engine === undefined ? reply - start : engine.measure(start, reply));
  }
  return summarizeDurations(collector, options, finishLedger(ledger));
}
