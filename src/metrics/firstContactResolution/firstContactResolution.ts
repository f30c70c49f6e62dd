/**
 * First contact resolution (FCR).
 *
 * Formula: FCR % = FCR tickets / FCR-eligible tickets × 100.
 * Default definition: Zendesk "% One-touch tickets" — resolved (solved or closed now) with at most one public
 * agent reply and never reopened; silent solves (no reply) are not a success unless `countSilentSolves`.
 * Other definitions: `'two-touch'` and `'n-touch'` (exactly two, or `touches`, agent replies: Zendesk "Two-touch
 * tickets"), `'no-customer-follow-up'` (Freshworks: no customer message after the first) and
 * `'no-repeat-contact'` (contact-centre practice: the requester opened no other ticket within a window).
 * Bots: their messages are never touches; a ticket resolved by a bot with no human reply is a silent solve,
 * a success or left out, as `botResolved` says.
 * Eligibility: unresolved, spam, merged, agent-created and no-customer-message tickets are left out by default,
 * each with its own reason and switch, plus a user predicate `eligible`.
 * Options: definition, maxAgentReplies, touches, countSilentSolves, botResolved, repeatContactWindowMs, asOf, excludeUnresolved,
 * spamTags, mergedTags, excludeAgentCreated, excludeNoCustomerMessage, eligible, period, attributeTo,
 * confidence, invalid, statusMap, timeZone.
 *
 * @module
 */
import type { Ticket, Timestamp } from '../../model/index.js';
import { callbackError, describe } from '../../_lib/options.js';
import { readAt, readBoolean, readChoice, readConfidence, readWholeMs, readWholeNumber, optionError, type ConfidenceOptions, type EvaluationOptions } from '../../options/shared.js';
import { readPeriod, type ParsedPeriod, type PeriodOptions } from '../../options/period.js';
import { Accumulator, RateAccumulator } from '../../pipeline/collect.js';
import { decodeNumber, encodeNumber, mergeByPosition } from '../../pipeline/partial.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { ineligibleReason, runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { summaryReopened } from '../../read/statusHistory.js';
import { F_AGENT_CREATED, F_CUSTOMER_CREATED, F_EVENTS, F_FIRST_QUALIFIES, K_BOT, KIND_SHIFT, LEVEL_EVENTS, LEVEL_FACTS, Q_PUBLIC, resolvedNow, S_BAD, type TicketColumns } from '../../read/ticketColumns.js';
import type { InvalidReason } from '../../results/excluded.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * The FCR definitions:
 * - `'one-touch'`: resolved with at most `maxAgentReplies` qualifying agent replies and never reopened
 *   (Zendesk "One-touch tickets");
 * - `'two-touch'`: resolved with exactly two qualifying agent replies and never reopened (Zendesk "Two-touch
 *   tickets");
 * - `'n-touch'`: resolved with exactly `touches` qualifying agent replies and never reopened;
 * - `'no-customer-follow-up'`: resolved with no customer message after the first one (Freshworks);
 * - `'no-repeat-contact'`: resolved, and the same `requesterId` opened no other ticket within
 *   `repeatContactWindowMs` of this one's creation (contact-centre practice).
 *
 * @category Ticket outcomes
 */
export type FirstContactResolutionDefinition = 'one-touch' | 'two-touch' | 'n-touch' | 'no-customer-follow-up' | 'no-repeat-contact';

/**
 * A ticket resolved with a public bot message and no human agent reply (a bot or AI agent resolved it):
 * - `'silent-solve'`: as any solve without a reply (`'one-touch'`: a success only with `countSilentSolves`);
 * - `'success'`: one touch, when never reopened (the bot's contact resolved it): a success of `'one-touch'` and of
 *   `'n-touch'` with `touches: 1`;
 * - `'exclude'`: out of the denominator as `ineligible:bot_resolved` (FCR of human contacts only).
 *
 * @category Ticket outcomes
 */
export type BotResolvedMode = 'silent-solve' | 'success' | 'exclude';

/**
 * Why a ticket is outside the FCR denominator, in the order the checks run:
 * - `out_of_period`: its `attributeTo` instant is outside `period`;
 * - `unresolved`: not solved or closed now (switch: `excludeUnresolved`);
 * - `ineligible:spam`, `ineligible:merged`, `ineligible:deleted`: flagged (`spam`, `mergedInto`, `deleted`)
 *   or tagged (`spamTags`, `mergedTags`), see {@link EligibilityOptions};
 * - `ineligible:agent_created`: opened by an agent (outbound, proactive; switch: `excludeAgentCreated`);
 * - `ineligible:no_customer_message`: the customer never wrote (switch: `excludeNoCustomerMessage`);
 * - `ineligible:<reason>`: the `eligible` predicate returned `<reason>` (`ineligible:custom` for `false`);
 * - `ineligible:bot_resolved`: resolved by a bot with no human reply, under `botResolved: 'exclude'`;
 * - `no_requester`: `'no-repeat-contact'` and the ticket has no `requesterId`;
 * - `window_open`: `'no-repeat-contact'` and the repeat window has not ended by `at`;
 * - `summary_only`: the summary fields do not decide the definition (no reply or message count, or reopens
 *   unknown);
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type FirstContactResolutionExclusion =
  | 'out_of_period'
  | 'unresolved'
  | 'ineligible:spam'
  | 'ineligible:merged'
  | 'ineligible:agent_created'
  | 'ineligible:no_customer_message'
  | 'ineligible:bot_resolved'
  | `ineligible:${string}`
  | 'no_requester'
  | 'window_open'
  | 'summary_only'
  | IneligibleReason
  | InvalidReason;

/**
 * A user eligibility rule: `true` keeps the ticket; a string (or `false`) leaves it out with the reason
 * `ineligible:<string>` (`ineligible:custom` for `false`).
 *
 * @category Ticket outcomes
 */
export type EligibilityPredicate = (ticket: Ticket) => true | false | string;

/**
 * Options of {@link firstContactResolution}.
 *
 * @category Ticket outcomes
 */
export interface FirstContactResolutionOptions
  extends TicketInputOptions,
    EligibilityOptions,
    PeriodOptions,
    EvaluationOptions,
    ConfidenceOptions,
    BreakdownOptions<TicketBy> {
  /** @defaultValue `'one-touch'` (`'n-touch'` when `touches` is given) */
  readonly definition?: FirstContactResolutionDefinition;
  /**
   * `'one-touch'`: the most qualifying agent replies a success may have. On an agent-created ticket the agent's
   * opening message is not counted (Zendesk). A whole number ≥ 0.
   * @defaultValue `1`
   */
  readonly maxAgentReplies?: number;
  /**
   * `'n-touch'`: the number of qualifying agent replies a success has, exactly (a whole number ≥ 1). Given
   * without `definition` it means `'n-touch'`; with another definition it is an error. On an agent-created
   * ticket the agent's opening message is not counted.
   */
  readonly touches?: number;
  /**
   * A ticket resolved with a public bot message and no human agent reply: see {@link BotResolvedMode}.
   * @defaultValue `'silent-solve'`
   */
  readonly botResolved?: BotResolvedMode;
  /**
   * `'one-touch'`: whether a ticket solved with zero agent replies is a success (Zendesk Explore counts them;
   * most FCR programmes do not).
   * @defaultValue `false`
   */
  readonly countSilentSolves?: boolean;
  /**
   * `'no-repeat-contact'`: a repeat is another ticket of the same requester created in
   * `[createdAt, createdAt + repeatContactWindowMs)`. A whole number of ms > 0.
   * @defaultValue `604800000` (7 days)
   */
  readonly repeatContactWindowMs?: number;
  /**
   * `'no-repeat-contact'`: the instant up to which contacts are known. Tickets whose window ends after it are
   * left out as `window_open` (their verdict is pending). (`asOf` is its deprecated name.)
   * @defaultValue the latest `createdAt` in the input
   */
  readonly at?: Timestamp;
  /** Leave out tickets not resolved now; `false` counts them as failures. @defaultValue `true` */
  readonly excludeUnresolved?: boolean;
  /** Leave out agent-created (outbound, proactive) tickets. @defaultValue `true` */
  readonly excludeAgentCreated?: boolean;
  /** Leave out tickets without any customer message. @defaultValue `true` */
  readonly excludeNoCustomerMessage?: boolean;
  /** A further eligibility rule, applied after the built-in ones. */
  readonly eligible?: EligibilityPredicate;
}

const NAME = 'firstContactResolution';
const DAY_MS = 86_400_000;

/** A requester's tickets as plain data: the requester and the creation times of its tickets, ascending. */
type SavedRequester = readonly [string, readonly number[]];

/**
 * 'no-repeat-contact': every valid ticket's requester and creation, over the whole input (the batches this
 * call read, and what other chunks' calls saved). Requesters are numbered in the order this call met them.
 */
class RequesterIndex {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  /** Per record of the current batch: its requester number (−1 none). */
  batch = new Int32Array(0);
  /** Every ticket with a requester: requester number and creation, in the order seen. */
  req = new Int32Array(64);
  created = new Float64Array(64);
  n = 0;
  latest = -Infinity;
  /** Per requester, its creation times sorted (built at the end). */
  start: Int32Array | undefined;
  times: Float64Array | undefined;

  /** The number of requester `r` (numbered when new). */
  number(r: string): number {
    let id = this.ids.get(r);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(r, id);
      this.names.push(r);
    }
    return id;
  }

  private push(id: number, cr: number): void {
    if (this.n === this.req.length) {
      const req = new Int32Array(this.n * 2);
      req.set(this.req);
      const created = new Float64Array(this.n * 2);
      created.set(this.created);
      this.req = req;
      this.created = created;
    }
    this.req[this.n] = id;
    this.created[this.n++] = cr;
  }

  gather(c: TicketColumns): void {
    this.start = undefined;
    if (this.batch.length < c.n) this.batch = new Int32Array(c.n);
    const batch = this.batch;
    for (let j = 0; j < c.n; j++) {
      batch[j] = -1;
      if (c.state[j] === S_BAD) continue;
      const t = c.records[c.base + j] as Ticket;
      const raw: unknown = t.requesterId;
      // A number is an id too (Zendesk and Freshdesk requester ids are numbers).
      const r = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
      const cr = c.created[j] as number;
      if (typeof r === 'string' && r.length > 0) {
        const id = this.number(r);
        batch[j] = id;
        this.push(id, cr);
      }
      if (cr > this.latest) this.latest = cr;
    }
  }

  /** Groups creation times by requester (counting sort), each group sorted: O(n log n). */
  build(): void {
    if (this.start !== undefined) return;
    const groups = this.names.length;
    const start = new Int32Array(groups + 1);
    const { req, created, n } = this;
    for (let i = 0; i < n; i++) {
      const g = req[i] as number;
      start[g + 1] = (start[g + 1] as number) + 1;
    }
    for (let g = 1; g <= groups; g++) start[g] = (start[g] as number) + (start[g - 1] as number);
    const fill = start.slice(0, groups);
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = req[i] as number;
      times[(fill[g] as number)++] = created[i] as number;
    }
    for (let g = 0; g < groups; g++) {
      const a = start[g] as number;
      const b = start[g + 1] as number;
      if (b - a > 1) times.subarray(a, b).sort();
    }
    this.start = start;
    this.times = times;
  }

  /** Whether requester g opened another ticket in [created, created + window) besides the one created then. */
  repeated(g: number, c: number, windowMs: number): boolean {
    const start = this.start as Int32Array;
    const times = this.times as Float64Array;
    let lo = start[g] as number;
    let hi = start[g + 1] as number;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((times[mid] as number) < c) lo = mid + 1;
      else hi = mid;
    }
    // times[lo] === c (this ticket, or a twin created at the same instant); the next one decides.
    const next = lo + 1 < (start[g + 1] as number) ? (times[lo + 1] as number) : Infinity;
    return next < c + windowMs;
  }

  /** `{ latest, requesters }`: the latest creation, and each requester's creation times (`SavedRequester`, by requester). */
  save(): unknown {
    this.build();
    const start = this.start as Int32Array;
    const times = this.times as Float64Array;
    const requesters: SavedRequester[] = this.names.map((r, g) => [r, Array.from(times.subarray(start[g] as number, start[g + 1] as number))]);
    requesters.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { latest: encodeNumber(this.latest), requesters };
  }

  load(saved: unknown): void {
    const s = saved as { readonly latest: number | string; readonly requesters: readonly SavedRequester[] };
    this.start = undefined;
    for (const [r, times] of s.requesters) {
      const id = this.number(r);
      for (const t of times) this.push(id, t);
    }
    const latest = decodeNumber(s.latest);
    if (latest > this.latest) this.latest = latest;
  }
}

/** A 'no-repeat-contact' candidate as plain data: position in the input, state, id, creation, requester. */
type SavedCandidate = readonly [number, number, string, number, string];

/**
 * 'no-repeat-contact' candidates, in input order (by position): decided at the end, against the whole input's
 * requesters.
 */
class RepeatAccumulator extends Accumulator {
  /** Position of each candidate in the whole input; its state: 1 resolved (a success unless repeated), 2 a failure. */
  index: number[] = [];
  state: number[] = [];
  labels: string[] = [];
  created: number[] = [];
  /** Requester numbers of the params' index. */
  req: number[] = [];
  constructor(
    private readonly cur: Current,
    private requesters: RequesterIndex | undefined,
  ) {
    super();
  }
  add(state: number): void {
    const cur = this.cur;
    this.index.push(cur.index);
    this.state.push(state);
    this.labels.push(cur.label);
    this.created.push(cur.created);
    this.req.push(cur.req);
  }
  /** Interleaves candidates sorted by position into these (linear; appends when they all come after). */
  private interleave(o: Pick<RepeatAccumulator, 'index' | 'state' | 'labels' | 'created' | 'req'>): void {
    const last = this.index.length === 0 ? -Infinity : (this.index[this.index.length - 1] as number);
    if (o.index.length > 0 && (o.index[0] as number) <= last) {
      const m = { index: [] as number[], state: [] as number[], labels: [] as string[], created: [] as number[], req: [] as number[] };
      mergeByPosition(this.index, o.index, (mine, k) => {
        const from = mine ? this : o;
        m.index.push(from.index[k] as number);
        m.state.push(from.state[k] as number);
        m.labels.push(from.labels[k] as string);
        m.created.push(from.created[k] as number);
        m.req.push(from.req[k] as number);
      });
      Object.assign(this, m);
      return;
    }
    for (let k = 0; k < o.index.length; k++) {
      this.index.push(o.index[k] as number);
      this.state.push(o.state[k] as number);
      this.labels.push(o.labels[k] as string);
      this.created.push(o.created[k] as number);
      this.req.push(o.req[k] as number);
    }
  }
  mergeFrom(o: RepeatAccumulator): void {
    // Another call's params number requesters otherwise (a chunk's): through the requester ids.
    if (o.requesters !== this.requesters) this.load(o.save());
    else this.interleave(o);
  }
  /** `{ candidates }`: `SavedCandidate` rows by position. */
  override save(): unknown {
    const names = (this.requesters as RequesterIndex).names;
    return { candidates: this.index.map((pos, k): SavedCandidate => [pos, this.state[k] as number, this.labels[k] as string, this.created[k] as number, names[this.req[k] as number] as string]) };
  }
  override load(saved: unknown): void {
    const index = this.requesters as RequesterIndex;
    const o = { index: [] as number[], state: [] as number[], labels: [] as string[], created: [] as number[], req: [] as number[] };
    for (const [pos, state, label, created, requester] of (saved as { readonly candidates: readonly SavedCandidate[] }).candidates) {
      o.index.push(pos);
      o.state.push(state);
      o.labels.push(label);
      o.created.push(created);
      o.req.push(index.number(requester));
    }
    this.interleave(o);
  }
  protected override reset(): void {
    this.index = [];
    this.state = [];
    this.labels = [];
    this.created = [];
    this.req = [];
    this.requesters = undefined; // the driver keeps an emptied accumulator: it must not hold the call's data
  }
}

/** The ticket the step is on (for the repeat candidates). */
class Current {
  /** Position in the whole input. */
  index = 0;
  label = '';
  created = 0;
  /** Requester number. */
  req = 0;
}

interface Params {
  readonly definition: FirstContactResolutionDefinition;
  readonly maxReplies: number;
  /** Touch definitions: the exact reply count of a success (−1: at most maxReplies, 'one-touch'). */
  readonly exactReplies: number;
  readonly botResolved: BotResolvedMode;
  readonly windowMs: number;
  readonly silentOk: boolean;
  readonly dropUnresolved: boolean;
  readonly dropAgentCreated: boolean;
  readonly dropNoCustomer: boolean;
  readonly eligible: EligibilityPredicate | undefined;
  readonly invalid: 'throw' | 'exclude';
  readonly ineligible: number;
  readonly level: number;
  readonly at: number | undefined;
  readonly period: ParsedPeriod | undefined;
  readonly requesters: RequesterIndex | undefined;
  readonly cur: Current;
}

type Acc = RateAccumulator | RepeatAccumulator;

const METRIC: TicketMetric<Params, Acc, RateResult<FirstContactResolutionExclusion>> = {
  name: NAME,
  ownEligibility: true,
  optionKeys: ['definition', 'maxAgentReplies', 'touches', 'botResolved', 'countSilentSolves', 'repeatContactWindowMs', 'at', 'asOf', 'excludeUnresolved', 'excludeAgentCreated', 'excludeNoCustomerMessage', 'eligible', 'period', 'attributeTo', 'confidence'],
  params(o, ctx) {
    // `touches` alone means 'n-touch'.
    const definition = readChoice<FirstContactResolutionDefinition>(NAME, 'definition', o.definition, ['one-touch', 'two-touch', 'n-touch', 'no-customer-follow-up', 'no-repeat-contact'], o.touches === undefined ? 'one-touch' : 'n-touch');
    if (definition === 'n-touch' && o.touches === undefined) optionError(NAME, 'touches', "is required with definition 'n-touch'");
    if (definition !== 'n-touch' && o.touches !== undefined) optionError(NAME, 'touches', `is for definition 'n-touch' only, got definition ${describe(definition)}`);
    const touches = readWholeNumber(NAME, 'touches', o.touches, 1, 1);
    const eligible = o.eligible;
    if (eligible !== undefined && typeof eligible !== 'function') optionError(NAME, 'eligible', `must be a function, got ${describe(eligible)}`);
    return {
      definition,
      maxReplies: readWholeNumber(NAME, 'maxAgentReplies', o.maxAgentReplies, 1),
      exactReplies: definition === 'two-touch' ? 2 : definition === 'n-touch' ? touches : -1,
      botResolved: readChoice<BotResolvedMode>(NAME, 'botResolved', o.botResolved, ['silent-solve', 'success', 'exclude'], 'silent-solve'),
      windowMs: readWholeMs(NAME, 'repeatContactWindowMs', o.repeatContactWindowMs, 7 * DAY_MS, 1),
      silentOk: readBoolean(NAME, 'countSilentSolves', o.countSilentSolves, false),
      dropUnresolved: readBoolean(NAME, 'excludeUnresolved', o.excludeUnresolved, true),
      dropAgentCreated: readBoolean(NAME, 'excludeAgentCreated', o.excludeAgentCreated, true),
      dropNoCustomer: readBoolean(NAME, 'excludeNoCustomerMessage', o.excludeNoCustomerMessage, true),
      eligible: eligible as EligibilityPredicate | undefined,
      invalid: ctx.invalid ?? 'throw',
      ineligible: ctx.ineligible ?? 0,
      level: readConfidence(NAME, o.confidence),
      at: readAt(NAME, o as EvaluationOptions, ctx),
      period: readPeriod(NAME, o as PeriodOptions, ctx, 'resolved'),
      requesters: definition === 'no-repeat-contact' ? new RequesterIndex() : undefined,
      cur: new Current(),
    };
  },
  level: (p) => (p.botResolved === 'silent-solve' ? LEVEL_FACTS : LEVEL_EVENTS),
  batch(c, p) {
    p.requesters?.gather(c);
  },
  // 'no-repeat-contact': every requester's tickets (`null` under the other definitions).
  saveShared: (p) => (p.requesters === undefined ? null : p.requesters.save()),
  loadShared(p, saved) {
    if (saved !== null) p.requesters?.load(saved);
  },
  step: classify,
  start: (p) => (p.requesters === undefined ? new RateAccumulator() : new RepeatAccumulator(p.cur, p.requesters)),
  finish(acc, p) {
    if (acc instanceof RateAccumulator) return acc.rate<FirstContactResolutionExclusion>(p.level);
    const index = p.requesters as RequesterIndex;
    index.build();
    const at = p.at ?? index.latest;
    let numerator = 0;
    let denominator = 0;
    const ledger = acc.ledger;
    for (let k = 0; k < acc.index.length; k++) {
      const created = acc.created[k] as number;
      if (created + p.windowMs > at) {
        ledger.total++;
        const list = ledger.lists.get('window_open');
        if (list === undefined) ledger.lists.set('window_open', [acc.labels[k] as string]);
        else list.push(acc.labels[k] as string);
        continue;
      }
      denominator++;
      if (acc.state[k] === 1 && !index.repeated(acc.req[k] as number, created, p.windowMs)) numerator++;
    }
    const excluded = acc.excluded<FirstContactResolutionExclusion>();
    // The window_open exclusions were added to the ledger for this result only: take them out again, so a
    // second finish (groups share nothing, but merging may finish twice) starts from the same ledger.
    const open = ledger.lists.get('window_open');
    if (open !== undefined) {
      ledger.total -= open.length;
      ledger.lists.delete('window_open');
      if (ledger.lastReason === 'window_open') ledger.lastReason = undefined;
    }
    return buildRate(numerator, denominator, excluded, p.level);
  },
};

/** The definition, for ticket j: 1 an FCR success, 0 a failure, or why it is outside the denominator. */
function classify(c: TicketColumns, j: number, p: Params): number | FirstContactResolutionExclusion {
  const period = p.period;
  const created = c.created[j] as number;
  if (period !== undefined && period.attributeTo === 'created' && !(created >= period.from && created < period.to)) return 'out_of_period';
  const resolved = resolvedNow(c, j);
  if (!resolved && p.dropUnresolved) return 'unresolved';
  if (period !== undefined && period.attributeTo !== 'created') {
    // An unresolved ticket kept as a failure (excludeUnresolved off) has no resolution: place it by creation.
    const anchor = period.attributeTo === 'resolved' ? (resolved ? (c.lastResolved[j] as number) : created) : (c.firstReply[j] as number);
    if (!(anchor >= period.from && anchor < period.to)) return 'out_of_period';
  }
  const f = c.flags[j] as number;
  const flagged = ineligibleReason(f, p.ineligible);
  if (flagged !== undefined) return flagged;
  if (p.dropAgentCreated && (f & F_AGENT_CREATED) !== 0) return 'ineligible:agent_created';
  const customers = c.customers[j] as number;
  // A summary without `customerReplies` (a CSV export) still says the requester wrote when `createdBy` is
  // 'customer': the opening message was theirs.
  if (p.dropNoCustomer && customers <= 0 && !(customers < 0 && (f & F_CUSTOMER_CREATED) !== 0)) {
    return customers === 0 ? 'ineligible:no_customer_message' : 'summary_only';
  }
  if (p.eligible !== undefined) {
    const t = c.records[c.base + j] as Ticket;
    let verdict: unknown;
    try {
      verdict = p.eligible(t);
    } catch (err) {
      if (p.invalid === 'throw') throw callbackError({ functionName: NAME, option: 'eligible', collection: 'tickets', recordIndex: c.offset + c.base + j, recordId: c.idOf(j) }, err);
      return 'invalid:callback_failed';
    }
    if (verdict !== true) return `ineligible:${typeof verdict === 'string' && verdict.length > 0 ? verdict : 'custom'}`;
  }
  // A bot's resolution: resolved, no human reply, a public bot message (events only say).
  let botOnly = false;
  if (resolved && (p.botResolved === 'exclude' || (p.botResolved === 'success' && (p.definition === 'one-touch' || p.exactReplies >= 0)))) {
    const replies = touchesOf(c, j);
    if (replies === 0) {
      if ((f & F_EVENTS) === 0) return 'summary_only';
      botOnly = hasBotMessage(c, j);
    } else if (replies < 0) return 'summary_only';
    if (botOnly && p.botResolved === 'exclude') return 'ineligible:bot_resolved';
  }
  if (p.requesters !== undefined) {
    // 'no-repeat-contact': decided at the end; 1 resolved (a candidate), 2 unresolved (a failure).
    const req = p.requesters.batch[j] as number;
    if (req === -1) return 'no_requester';
    const cur = p.cur;
    cur.index = c.offset + c.base + j;
    cur.label = c.idOf(j);
    cur.created = created;
    cur.req = req;
    return resolved ? 1 : 2;
  }
  if (!resolved) return 0; // excludeUnresolved: false: an unresolved ticket is a failure under every definition
  if (p.definition === 'one-touch' || p.exactReplies >= 0) {
    const replies = touchesOf(c, j);
    const reopened = (f & F_EVENTS) !== 0 ? ((c.reopens[j] as number) > 0 ? 1 : 0) : summaryReopened(c, j);
    if (replies < 0 || reopened < 0) return 'summary_only';
    if (reopened !== 0) return 0;
    // The bot's resolution is one touch under 'success'; a solve without a reply otherwise.
    if (botOnly && p.botResolved === 'success') return (p.exactReplies < 0 ? p.maxReplies >= 1 : p.exactReplies === 1) ? 1 : 0;
    if (p.exactReplies >= 0) return replies === p.exactReplies ? 1 : 0;
    return replies <= p.maxReplies && (replies > 0 || p.silentOk) ? 1 : 0;
  }
  if (customers < 0) return 'summary_only';
  return customers <= 1 ? 1 : 0;
}

/** The touches of ticket j: its qualifying agent replies, an agent-created ticket's opening message not counted; −1 unknown. */
function touchesOf(c: TicketColumns, j: number): number {
  const f = c.flags[j] as number;
  const replies = c.replies[j] as number;
  // The agent's opening message of an agent-created ticket is no touch (Zendesk).
  return (f & F_EVENTS) !== 0 && (f & F_AGENT_CREATED) !== 0 && (f & F_FIRST_QUALIFIES) !== 0 ? replies - 1 : replies;
}

/** Events form: whether ticket j has a public bot message. */
function hasBotMessage(c: TicketColumns, j: number): boolean {
  const { evKind } = c;
  for (let e = c.evStart[j] as number, end = c.evStart[j + 1] as number; e < end; e++) {
    const b = evKind[e] as number;
    if (b >> KIND_SHIFT === K_BOT && (b & Q_PUBLIC) !== 0) return true;
  }
  return false;
}

/**
 * First contact resolution (FCR): the share of eligible tickets resolved on first contact.
 *
 * The denominator is explained by `excluded.byReason`: every ticket given is either in the denominator or
 * listed there with the rule that left it out.
 *
 * Cost: one pass, O(events); `'no-repeat-contact'` adds a sort of the creation times per requester,
 * O(n log n).
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events`, or with the summary fields (`status`, `agentReplies`,
 *   `customerReplies`, `reopens`)
 * @param options - the definition and the eligibility rules; defaults follow Zendesk's one-touch tickets
 * @returns a {@link RateResult}: `numerator` FCR tickets, `denominator` eligible tickets
 * @example
 * ```ts
 * import { firstContactResolution } from 'helpdesk-metrics';
 * const fcr = firstContactResolution([
 *   { id: 1, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T10:00:00Z',
 *     agentReplies: 1, customerReplies: 1, reopens: 0 },
 *   { id: 2, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T12:00:00Z',
 *     agentReplies: 3, customerReplies: 2, reopens: 0 },
 *   { id: 3, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T09:01:00Z',
 *     agentReplies: 0, customerReplies: 1, reopens: 0, tags: ['spam'] },
 *   { id: 4, createdAt: '2026-03-02T09:00:00Z', status: 'open', agentReplies: 1, customerReplies: 1 },
 * ]);
 * fcr.numerator;          //=> 1
 * fcr.denominator;        //=> 2
 * fcr.percent;            //=> 50
 * fcr.excluded.byReason;  //=> { 'ineligible:spam': 1, unresolved: 1 }
 * ```
 */
export function firstContactResolution(
  tickets: readonly Ticket[] | PreparedTickets,
  options?: FirstContactResolutionOptions,
): RateResult<FirstContactResolutionExclusion> {
  return runTicketMetric(METRIC, tickets, options);
}
