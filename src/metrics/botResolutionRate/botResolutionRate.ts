/**
 * Bot resolution rate.
 *
 * Formula: bot resolution rate = tickets resolved, never reopened, with a public bot message and no human agent reply /
 * tickets a bot took part in (or, `denominator: 'all'`, every ticket considered); bot involvement = tickets
 * with a public bot message / tickets considered, counted apart from human replies.
 * Default definition: Intercom's "AI Answer resolution rate" (conversations the AI agent resolved without a
 * teammate, out of all the conversations it was involved in; a customer who comes back undoes the resolution);
 * a human agent reply is a qualifying reply by `author: 'agent'`.
 * Options: denominator, excludeUnresolved, period, attributeTo, confidence, isQualifyingReply, by,
 * excludeSpam/Deleted/Merged, and the read options.
 *
 * @module
 */
import type { Ticket } from '../../model/index.js';
import { readBoolean, readChoice, readConfidence, type ConfidenceOptions } from '../../options/shared.js';
import { readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { Accumulator } from '../../pipeline/collect.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import { outsidePeriod } from '../../pipeline/ticketPeriod.js';
import type { PreparedTickets, QualifyingReplyOptions, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { F_EVENTS, K_AGENT, K_BOT, KIND_SHIFT, LEVEL_EVENTS, Q_PUBLIC, Q_REPLY, resolvedNow, type TicketColumns } from '../../read/ticketColumns.js';
import type { InvalidReason } from '../../results/excluded.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * Why a ticket is outside the denominator of {@link botResolutionRate}:
 * - `unresolved`: not solved or closed now (switch: `excludeUnresolved`; `false` counts it as not resolved by
 *   the bot);
 * - `no_bot`: no public bot message (with the default `denominator: 'bot-involved'`);
 * - `summary_only`: summary tickets carry no bot messages (needs `events` with `author: 'bot'`);
 * - `out_of_period`, `no_reply` (with `attributeTo: 'firstReply'`), `ineligible:spam`, `ineligible:deleted`,
 *   `ineligible:merged`, `invalid:<code>`.
 *
 * @category Ticket outcomes
 */
export type BotResolutionRateExclusion = 'unresolved' | 'no_bot' | 'summary_only' | 'out_of_period' | 'no_reply' | IneligibleReason | InvalidReason;

/**
 * Options of {@link botResolutionRate}.
 *
 * @category Ticket outcomes
 */
export interface BotResolutionRateOptions
  extends TicketInputOptions,
    QualifyingReplyOptions,
    EligibilityOptions,
    PeriodOptions,
    ConfidenceOptions,
    BreakdownOptions<TicketBy> {
  /**
   * `'bot-involved'`: over tickets with a public bot message (Intercom's Fin resolution rate); `'all'`: over
   * every ticket considered (the share of all tickets resolved by automation).
   * @defaultValue `'bot-involved'`
   */
  readonly denominator?: 'bot-involved' | 'all';
  /** Leave out tickets not resolved now; `false` counts them as not resolved by the bot. @defaultValue `true` */
  readonly excludeUnresolved?: boolean;
}

/**
 * The result of {@link botResolutionRate}: the rate (`numerator` resolved by the bot alone) and the bot's
 * involvement, counted apart from human replies.
 *
 * @category Ticket outcomes
 */
export interface BotResolutionRateResult extends RateResult<BotResolutionRateExclusion> {
  /** Tickets considered: past every exclusion but `no_bot`. */
  readonly considered: number;
  /** Of those, tickets with a public bot message. */
  readonly involved: number;
  /** Of those, tickets a human agent replied to (handed over to a human). */
  readonly handedOver: number;
  /** `involved / considered`, with its interval. */
  readonly involvement: RateResult<never>;
}

const NAME = 'botResolutionRate';

interface Params {
  readonly all: boolean;
  readonly dropUnresolved: boolean;
  readonly period: ParsedPeriod | undefined;
  readonly level: number;
}

// The step's value: bit 0 resolved by the bot, bit 1 bot involved, bit 2 a human replied, bit 3 in the denominator.
const RESOLVED = 1;
const INVOLVED = 2;
const HUMAN = 4;
const COUNTED = 8;

/** The rate and the involvement counts. */
class BotAccumulator extends Accumulator {
  considered = 0;
  counted = 0;
  resolved = 0;
  involved = 0;
  handedOver = 0;
  add(v: number): void {
    this.considered++;
    if ((v & COUNTED) !== 0) this.counted++;
    if ((v & RESOLVED) !== 0) this.resolved++;
    if ((v & INVOLVED) !== 0) {
      this.involved++;
      if ((v & HUMAN) !== 0) this.handedOver++;
    }
  }
  mergeFrom(o: BotAccumulator): void {
    this.considered += o.considered;
    this.counted += o.counted;
    this.resolved += o.resolved;
    this.involved += o.involved;
    this.handedOver += o.handedOver;
  }
  /** `[considered, counted, resolved, involved, handedOver]`. */
  override save(): unknown {
    return [this.considered, this.counted, this.resolved, this.involved, this.handedOver];
  }
  override load(saved: unknown): void {
    const [considered, counted, resolved, involved, handedOver] = saved as readonly number[];
    this.considered += considered as number;
    this.counted += counted as number;
    this.resolved += resolved as number;
    this.involved += involved as number;
    this.handedOver += handedOver as number;
  }
  protected override reset(): void {
    this.considered = this.counted = this.resolved = this.involved = this.handedOver = 0;
  }
}

const METRIC: TicketMetric<Params, BotAccumulator, BotResolutionRateResult> = {
  name: NAME,
  qualifying: true,
  optionKeys: ['denominator', 'excludeUnresolved', 'period', 'attributeTo', 'confidence'],
  params(o, ctx) {
    return {
      all: readChoice(NAME, 'denominator', o.denominator, ['bot-involved', 'all'], 'bot-involved') === 'all',
      dropUnresolved: readBoolean(NAME, 'excludeUnresolved', o.excludeUnresolved, true),
      period: readPeriod(NAME, o as PeriodOptions, ctx, 'resolved'),
      level: readConfidence(NAME, o.confidence),
    };
  },
  level: () => LEVEL_EVENTS,
  step: classifyBot,
  start: () => new BotAccumulator(),
  finish(acc, p) {
    // `no_bot` tickets are excluded from the rate but were considered: the involvement rate counts them.
    const excluded = acc.excluded<BotResolutionRateExclusion>();
    const noBot = excluded.byReason.no_bot ?? 0;
    const considered = acc.considered + noBot;
    return {
      ...buildRate(acc.resolved, acc.counted, excluded, p.level),
      considered,
      involved: acc.involved,
      handedOver: acc.handedOver,
      involvement: buildRate<never>(acc.involved, considered, { total: 0, byReason: {}, ids: {} }, p.level),
    };
  },
};

// The kind bytes the step tests, once (src/read/ticketColumns.ts): a public bot message, a qualifying agent reply.
const BOT_PUBLIC = (K_BOT << KIND_SHIFT) | Q_PUBLIC;
const AGENT_REPLY = (K_AGENT << KIND_SHIFT) | Q_REPLY;
const KIND_AND_PUBLIC = ~Q_REPLY & 0xff;
const KIND_AND_REPLY = ~Q_PUBLIC & 0xff;

/** The definition, for ticket j: the bits above, or why it is outside the denominator. */
function classifyBot(c: TicketColumns, j: number, p: Params): number | BotResolutionRateExclusion {
  if (((c.flags[j] as number) & F_EVENTS) === 0) return 'summary_only';
  const resolved = resolvedNow(c, j);
  if (!resolved && p.dropUnresolved) return 'unresolved';
  const period = p.period;
  // An unresolved ticket kept (excludeUnresolved off) has no resolution: a resolved-period places it by creation.
  const outside = !resolved && period !== undefined && period.attributeTo === 'resolved' ? outsidePeriod({ ...period, attributeTo: 'created' }, c, j) : outsidePeriod(period, c, j);
  if (outside !== undefined) return outside;
  const { evKind } = c;
  let bot = false;
  let human = false;
  for (let e = c.evStart[j] as number, end = c.evStart[j + 1] as number; e < end; e++) {
    const b = evKind[e] as number;
    if ((b & KIND_AND_PUBLIC) === BOT_PUBLIC) bot = true;
    else if ((b & KIND_AND_REPLY) === AGENT_REPLY) human = true;
  }
  if (!bot && !p.all) return 'no_bot';
  return COUNTED | (bot ? INVOLVED : 0) | (human ? HUMAN : 0) | (bot && !human && resolved && c.reopens[j] === 0 ? RESOLVED : 0);
}

/**
 * Bot resolution rate: the share of tickets a bot or AI agent resolved with no human agent reply, and how often
 * a bot took part at all (`involved`, `involvement`) and handed over to a human (`handedOver`). Bot messages
 * are never agent replies: they are counted here, apart from the human ones.
 *
 * Cost: one pass, O(events).
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events` (bot messages `author: 'bot'`); or a prepared set
 * @param options - the denominator and the eligibility rules
 * @returns a {@link BotResolutionRateResult}
 * @example
 * ```ts
 * import { botResolutionRate } from 'helpdesk-metrics';
 * const c = (at: string) => ({ type: 'message', at, author: 'customer' }) as const;
 * const bot = (at: string) => ({ type: 'message', at, author: 'bot' }) as const;
 * const agent = (at: string) => ({ type: 'message', at, author: 'agent' }) as const;
 * const solved = (at: string) => ({ type: 'status', at, status: 'solved' }) as const;
 * const r = botResolutionRate([
 *   { id: 1, createdAt: '2026-03-02T09:00:00Z', events: [c('2026-03-02T09:00:00Z'), bot('2026-03-02T09:00:10Z'), solved('2026-03-02T09:05:00Z')] },
 *   { id: 2, createdAt: '2026-03-02T09:00:00Z', events: [c('2026-03-02T09:00:00Z'), bot('2026-03-02T09:00:10Z'), agent('2026-03-02T09:30:00Z'), solved('2026-03-02T10:00:00Z')] },
 *   { id: 3, createdAt: '2026-03-02T09:00:00Z', events: [c('2026-03-02T09:00:00Z'), agent('2026-03-02T09:30:00Z'), solved('2026-03-02T10:00:00Z')] },
 * ]);
 * [r.numerator, r.denominator]; //=> [1, 2]
 * [r.involved, r.handedOver];   //=> [2, 1]
 * r.involvement.percent;        //=> 66.66666666666667
 * ```
 */
export function botResolutionRate(tickets: readonly Ticket[] | PreparedTickets, options?: BotResolutionRateOptions): BotResolutionRateResult {
  return runTicketMetric(METRIC, tickets, options);
}
