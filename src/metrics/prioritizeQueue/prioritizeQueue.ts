/**
 * The live queue: the open tickets waiting on an agent at `at`, in the order to work them.
 *
 * Formula: order by tier (breached, then near breach, then the rest), then score = segment weight
 * + waitWeight × hours waited + breachWeight × hours inside `breachWindowMs` of the breach + firstRequestBoost
 * (the requester's first ticket), then waiting since (oldest first), then created (oldest first), then id.
 * Default definition: the queue-management practice of docs/queue.md (breaches and near-breaches first, then
 * longest waiting); waiting on agent vs customer as Zendesk/Freshdesk statuses and Intercom's `waiting_since`;
 * due instants as slaCompliance (Zendesk SLA policies).
 * Options: at (required), policy, businessHours, nearBreachMs, rules (segment, segmentWeights, waitWeight,
 * breachWeight, breachWindowMs, firstRequestBoost, tiers), isQualifyingReply, excludeSpam/Deleted/Merged and
 * the read options (invalid, statusMap, timeZone, …).
 *
 * @module
 */
import { callbackError, checkOptionKeys, describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import type { Ticket, TicketStatus } from '../../model/index.js';
import { optionError, readBoolean, readWholeMs } from '../../options/shared.js';
import { Accumulator } from '../../pipeline/collect.js';
import { decodeNumber, decodeOptional, encodeNumber, encodeOptional } from '../../pipeline/partial.js';
import type { KeyFunction } from '../../pipeline/breakdown.js';
import type { TicketField } from '../../pipeline/ticketBy.js';
import { ELIGIBILITY_KEYS, runTicketMetric, TICKET_SCHEMA, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import { QUALIFYING_KEYS, TICKET_READ_KEYS, type PreparedTickets, type QualifyingReplyOptions, type TicketInputOptions } from '../../pipeline/ticketSource.js';
import { LEVEL_EVENTS, S_BAD, type TicketColumns } from '../../read/ticketColumns.js';
import { invalidError } from '../../read/ticketReader.js';
import type { Excluded, InvalidReason } from '../../results/excluded.js';
import type { GroupValue } from '../../results/groups.js';
import { LIVE_QUEUE_KEYS, ON_AGENT, openState, OpenState, readLiveQueue, WAITING_ON, type LiveQueueOptions, type LiveQueueParams, type QueueSla, type WaitingOn } from '../queueState.js';
import type { SlaTargetName } from '../slaTargets.js';

const NAME = 'prioritizeQueue';
const HOUR_MS = 3_600_000;
/** Largest weight accepted (keeps every score finite). */
const MAX_WEIGHT = 1e9;

/**
 * What decides a ticket's segment: a ticket field (`'priority'`, `'channel'`, `'groupId'`, `'tags'`, …), a
 * custom field `'fields.<name>'` (such as `'fields.plan'`), or a key function of the ticket. Several values
 * (tags, an array from the function): the ticket takes the largest weight among them.
 *
 * @category Live queue
 */
export type QueueSegmentKey = Exclude<TicketField, 'firstResponder' | 'assignee'> | KeyFunction<Ticket>;

/**
 * How the queue is ordered: data, validated (unknown keys are errors). The order is by tier (with `tiers`),
 * then by score (highest first), then oldest wait, oldest ticket, id. Score = segment weight
 * + `waitWeight` × hours waited + `breachWeight` × hours inside `breachWindowMs` of the breach
 * + `firstRequestBoost` (when the ticket is its requester's first). Hours waited are business hours when the
 * call has `businessHours`. Weights are finite numbers within ±1e9.
 *
 * @category Live queue
 */
export interface QueueRules {
  /** The ticket's segment (plan, VIP, …), for `segmentWeights`. */
  readonly segment?: QueueSegmentKey;
  /** Points per segment value (`{ vip: 10, enterprise: 5, free: -1 }`); a value without a weight scores 0. */
  readonly segmentWeights?: Readonly<Record<string, number>>;
  /** Points per hour the customer has waited. @defaultValue `1` */
  readonly waitWeight?: number;
  /**
   * Points per hour of the SLA target with the least time left, counted from `breachWindowMs` before the breach
   * (and on past it while overdue): `breachWeight × max(0, breachWindowMs − timeLeftMs) / 1 h`.
   * @defaultValue `0`
   */
  readonly breachWeight?: number;
  /** Where `breachWeight` starts counting, ms before the breach. @defaultValue `86400000` (24 h) */
  readonly breachWindowMs?: number;
  /** Points when the ticket is its requester's first (earliest created in the input). @defaultValue `0` */
  readonly firstRequestBoost?: number;
  /** Hard tiers before the score: breached tickets first, then near-breach ones. @defaultValue `true` */
  readonly tiers?: boolean;
}

/**
 * Options of {@link prioritizeQueue}.
 *
 * @category Live queue
 */
export interface PrioritizeQueueOptions extends LiveQueueOptions, TicketInputOptions, QualifyingReplyOptions, EligibilityOptions {
  /** How to order the queue. @defaultValue breaches and near-breaches first, then longest waiting */
  readonly rules?: QueueRules;
}

/**
 * An open ticket at `at`: who it waits on, since when, and its SLA standing.
 *
 * @category Live queue
 */
export interface OpenTicket {
  readonly id: string;
  readonly createdAt: number;
  /** The status at `at` (new, open, pending or on_hold). */
  readonly status: TicketStatus;
  readonly waitingOn: WaitingOn;
  /**
   * Waiting on an agent: the oldest unanswered customer message (the creation while the request has no
   * answer). Otherwise: when the ticket passed to the customer or third party (the last answer, or the
   * pending/on-hold status if later).
   */
  readonly waitingSinceMs: number;
  /** `at − waitingSinceMs`. */
  readonly waitedMs: number;
  /** The same in business time (with `businessHours`). */
  readonly waitedBusinessMs: number | undefined;
  /** The first qualifying reply, if any by `at`. */
  readonly firstReplyMs: number | undefined;
  /** Whether this is its requester's first ticket (earliest created); `undefined` without `requesterId`. */
  readonly firstRequest: boolean | undefined;
  /** The running SLA target with the least time left; `undefined` without a policy or a running target. */
  readonly sla: QueueSla | undefined;
}

/**
 * A hard tier: `'breached'` (an SLA target is past due), `'near_breach'` (one breaches within `nearBreachMs`),
 * `'none'`.
 *
 * @category Live queue
 */
export type QueueTier = 'breached' | 'near_breach' | 'none';

/**
 * The parts of a score (they add up to it).
 *
 * @category Live queue
 */
export interface QueueScoreParts {
  /** The segment weight. */
  readonly segment: number;
  /** `waitWeight × hours waited`. */
  readonly waited: number;
  /** `breachWeight × hours inside the breach window`. */
  readonly breach: number;
  /** `firstRequestBoost` when the ticket is its requester's first, else 0. */
  readonly firstRequest: number;
}

/**
 * A ticket in the queue, with why it is where it is.
 *
 * @category Live queue
 */
export interface QueueTicket extends OpenTicket {
  /** 1 for the ticket to work first. */
  readonly rank: number;
  readonly tier: QueueTier;
  /** The segment value whose weight applied (the first value when none has a weight); `null` for none. */
  readonly segment: GroupValue;
  readonly score: number;
  readonly why: QueueScoreParts;
}

/**
 * Why a ticket is not among the open tickets of {@link prioritizeQueue}:
 * - `created_after`: created after `at`;
 * - `resolved`: solved or closed at `at`;
 * - `summary_only`: summary fields only (the queue needs the conversation);
 * - `ineligible:spam`, `ineligible:deleted`, `ineligible:merged`;
 * - `invalid:<code>`: a bad record, or a `rules.segment` function that threw (`invalid:callback_failed`) or
 *   returned what is not a key (`invalid:invalid_value`), under `invalid: 'exclude'`.
 *
 * @category Live queue
 */
export type PrioritizeQueueExclusion = 'created_after' | 'resolved' | 'summary_only' | IneligibleReason | InvalidReason;

/**
 * The result of {@link prioritizeQueue}.
 *
 * @category Live queue
 */
export interface PrioritizeQueueResult {
  /** The instant, epoch ms. */
  readonly at: number;
  /** Open tickets: `queue.length + waitingOnOthers.length`; plus `excluded.total` = tickets given. */
  readonly count: number;
  /** Tickets waiting on an agent, in the order to work them. */
  readonly queue: readonly QueueTicket[];
  /** Open tickets waiting on the customer or a third party (not in the queue), oldest wait first. */
  readonly waitingOnOthers: readonly OpenTicket[];
  readonly excluded: Excluded<PrioritizeQueueExclusion>;
}

const RULE_KEYS = ['segment', 'segmentWeights', 'waitWeight', 'breachWeight', 'breachWindowMs', 'firstRequestBoost', 'tiers'] as const;

interface Rules {
  /** A field name (`fields.<name>`: `custom`), or a key function; undefined: no segments. */
  readonly field: string | undefined;
  readonly custom: string | undefined;
  readonly fn: KeyFunction<Ticket> | undefined;
  readonly weights: Map<string, number>;
  readonly waitWeight: number;
  readonly breachWeight: number;
  readonly breachWindowMs: number;
  readonly firstRequestBoost: number;
  readonly tiers: boolean;
}

function readWeight(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_WEIGHT) {
    optionError(NAME, field, `must be a finite number from −1e9 to 1e9, got ${describe(value)}`);
  }
  return value === 0 ? 0 : value;
}

function readRules(value: unknown): Rules {
  checkOptionKeys(NAME, value, RULE_KEYS, 'rules');
  const o = (value ?? {}) as Record<string, unknown>;
  let field: string | undefined;
  let custom: string | undefined;
  let fn: KeyFunction<Ticket> | undefined;
  const seg = o.segment;
  if (typeof seg === 'function') fn = seg as KeyFunction<Ticket>;
  else if (typeof seg === 'string' && seg.startsWith('fields.') && seg.length > 7) {
    field = 'fields';
    custom = seg.slice(7);
  } else if (typeof seg === 'string' && TICKET_SCHEMA.fields.includes(seg)) field = seg;
  else if (seg !== undefined) {
    optionError(NAME, 'rules.segment', `must be a ticket field (${TICKET_SCHEMA.fields.join(', ')}), 'fields.<name>' or a key function, got ${describe(seg)}`);
  }
  const weights = new Map<string, number>();
  const sw = o.segmentWeights;
  if (sw !== undefined) {
    if (sw === null || typeof sw !== 'object' || Array.isArray(sw)) optionError(NAME, 'rules.segmentWeights', `must be an object of points by segment value, got ${describe(sw)}`);
    if (seg === undefined) optionError(NAME, 'rules.segmentWeights', 'needs rules.segment (what a ticket’s segment is)');
    for (const [k, w] of Object.entries(sw)) weights.set(k, readWeight(`rules.segmentWeights.${k}`, w, 0));
  }
  return {
    field,
    custom,
    fn,
    weights,
    waitWeight: readWeight('rules.waitWeight', o.waitWeight, 1),
    breachWeight: readWeight('rules.breachWeight', o.breachWeight, 0),
    breachWindowMs: readWholeMs(NAME, 'rules.breachWindowMs', o.breachWindowMs, 86_400_000),
    firstRequestBoost: readWeight('rules.firstRequestBoost', o.firstRequestBoost, 0),
    tiers: readBoolean(NAME, 'rules.tiers', o.tiers, true),
  };
}

/** A requester's first ticket as plain data: requester, creation, position in the input, id. */
type SavedFirst = readonly [string, number, number, string];

/**
 * The earliest ticket of each requester (created at or before `at`, not left out as spam/deleted/merged), by
 * position in the whole input. Tickets of this run's records (at `offset`) have their ids read when a tie needs
 * them; those loaded from other chunks carry theirs.
 */
class FirstRequests {
  private readonly slots = new Map<string, number>();
  private readonly index: number[] = [];
  private readonly ms: number[] = [];
  private readonly labels: (string | undefined)[] = [];
  constructor(
    private records: readonly unknown[],
    private offset: number,
  ) {}

  /** Reads ids from `records` at `offset` from now on (the ids of the tickets seen so far are kept). */
  bind(records: readonly unknown[], offset: number): void {
    if (records === this.records && offset === this.offset) return;
    for (let k = 0; k < this.index.length; k++) this.labels[k] = this.label(k);
    this.records = records;
    this.offset = offset;
  }

  /** The id of the ticket at `position` of this run's records. */
  private idAt(position: number): string {
    const id = (this.records[position - this.offset] as { id: string | number }).id;
    return typeof id === 'string' ? id : String(id);
  }

  private label(k: number): string {
    return this.labels[k] ?? this.idAt(this.index[k] as number);
  }

  /** Sees the ticket at `position` (of this run's records, or loaded with its `id`). */
  see(requester: string, position: number, ms: number, id?: string): void {
    const k = this.slots.get(requester);
    if (k === undefined) {
      this.slots.set(requester, this.index.length);
      this.index.push(position);
      this.ms.push(ms);
      this.labels.push(id);
      return;
    }
    const cur = this.ms[k] as number;
    if (ms > cur) return;
    if (ms === cur) {
      const mine = this.label(k);
      const theirs = id ?? this.idAt(position);
      if (theirs > mine || (theirs === mine && position > (this.index[k] as number))) return;
    }
    this.index[k] = position;
    this.ms[k] = ms;
    this.labels[k] = id;
  }

  /** Whether the ticket at `position` is its requester's first; undefined without a requester. */
  isFirst(requester: string | undefined, position: number): boolean | undefined {
    if (requester === undefined) return undefined;
    return this.index[this.slots.get(requester) as number] === position;
  }

  /** Each requester's first ticket (`SavedFirst`), by requester (UTF-16 order). */
  save(): SavedFirst[] {
    const out: SavedFirst[] = [];
    for (const [requester, k] of this.slots) out.push([requester, this.ms[k] as number, this.index[k] as number, this.label(k)]);
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  load(saved: readonly SavedFirst[]): void {
    for (const [requester, ms, position, id] of saved) this.see(requester, position, ms, id);
  }
}

function requesterOf(record: unknown): string | undefined {
  const r = (record as { requesterId?: unknown }).requesterId;
  if (typeof r === 'number' && Number.isFinite(r)) return String(r); // a numeric user id is an id (decision 33)
  return typeof r === 'string' && r.length > 0 ? r : undefined;
}

/**
 * An open ticket as the step sees it; the cross-ticket parts (first request, score) are filled in by `finish`,
 * which sorts the drafts and builds each public object once (a literal, not a spread copy: V8 builds those slowly).
 */
class Draft {
  firstRequest: boolean | undefined = undefined;
  tier = 0;
  score = NaN;
  why: QueueScoreParts | undefined = undefined;
  segment: GroupValue = null;
  segmentPoints = 0;
  /** The ticket's requester (for `firstRequest`). */
  requester: string | undefined = undefined;
  constructor(
    /** The ticket's position in the whole input. */
    readonly index: number,
    readonly id: string,
    readonly createdAt: number,
    readonly status: TicketStatus,
    readonly waitingOn: WaitingOn,
    readonly since: number,
    readonly waited: number,
    /** NaN without businessHours. */
    readonly waitedBusiness: number,
    /** NaN without a reply. */
    readonly firstReply: number,
    readonly sla: QueueSla | undefined,
  ) {}
}

interface Params {
  readonly live: LiveQueueParams;
  readonly rules: Rules;
  readonly state: OpenState;
  first: FirstRequests | undefined;
  /** The step's draft for the accumulators (emptied by `finish`). */
  readonly out: { draft: Draft | undefined };
}

/** The segment of record j: its value and weight into `d`, or the `invalid:` reason (thrown under 'throw'). */
function segmentOf(c: TicketColumns, j: number, p: Params, d: Draft): string | undefined {
  const rules = p.rules;
  const raw = c.records[c.base + j] as Record<string, unknown>;
  let v: unknown;
  if (rules.fn !== undefined) {
    try {
      v = rules.fn(raw as unknown as Ticket);
    } catch (err) {
      if (p.live.invalid === 'exclude') return 'invalid:callback_failed';
      throw callbackError({ functionName: NAME, option: 'rules.segment', collection: 'tickets', recordIndex: c.offset + c.base + j, recordId: c.idOf(j) }, err);
    }
  } else {
    v = raw[rules.field as string];
    if (rules.custom !== undefined) v = v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, rules.custom) ? (v as Record<string, unknown>)[rules.custom] : undefined;
  }
  const values: readonly unknown[] = Array.isArray(v) ? v : [v];
  let best: GroupValue = null;
  let bestPoints = 0;
  let weighted = false;
  for (const x of values) {
    if (x === undefined || x === null || x === '') continue;
    if (typeof x !== 'string' && typeof x !== 'boolean' && !(typeof x === 'number' && Number.isFinite(x))) {
      const rule = new Invalid('invalid_value', 'rules.segment', `a segment must be a string, a finite number, a boolean or null, got ${describe(x)}`);
      if (p.live.invalid === 'exclude') return 'invalid:invalid_value';
      throw invalidError(NAME, rule, c.offset + c.base + j, raw);
    }
    const w = rules.weights.get(String(x));
    if (w !== undefined && (!weighted || w > bestPoints)) {
      best = x === 0 ? 0 : x;
      bestPoints = w;
      weighted = true;
    } else if (!weighted && best === null) best = x === 0 ? 0 : x;
  }
  d.segment = best;
  d.segmentPoints = bestPoints;
  return undefined;
}

/** The definition, for ticket j: open at `at` (a draft for the accumulator), or why not. */
function step(c: TicketColumns, j: number, p: Params): number | PrioritizeQueueExclusion {
  const s = p.state;
  const why = openState(c, j, p.live, s);
  if (why !== 0) return why;
  const d = new Draft(c.offset + c.base + j, c.idOf(j), c.created[j] as number, s.statusName(), WAITING_ON[s.waitingOn] as WaitingOn, s.sinceMs, s.waitedMs, s.waitedBusinessMs, s.firstReplyMs, s.sla());
  d.requester = requesterOf(c.records[c.base + j]);
  if (s.waitingOn === ON_AGENT && (p.rules.field !== undefined || p.rules.fn !== undefined)) {
    const failed = segmentOf(c, j, p, d);
    if (failed !== undefined) return failed as InvalidReason;
  }
  p.out.draft = d;
  return 1;
}

/**
 * The open tickets, as drafts. It refers to the step's output slot only, not to the call's parameters: the driver
 * keeps one emptied accumulator of each class for good (decision 14), and it must hold no input.
 */
class QueueAccumulator extends Accumulator {
  drafts: Draft[] = [];
  constructor(private readonly out: { draft: Draft | undefined }) {
    super();
  }
  add(): void {
    this.drafts.push(this.out.draft as Draft);
  }
  mergeFrom(o: QueueAccumulator): void {
    for (const d of o.drafts) this.drafts.push(d);
  }
  /** `{ drafts }`: each open ticket as the step saw it (`SavedDraft`); the rest is computed by `finish`. */
  override save(): unknown {
    return { drafts: this.drafts.map(saveDraft) };
  }
  override load(saved: unknown): void {
    for (const d of (saved as { readonly drafts: readonly SavedDraft[] }).drafts) this.drafts.push(loadDraft(d));
  }
  protected override reset(): void {
    this.drafts = [];
  }
}

type SavedSla = readonly [SlaTargetName, number, number | string | null, number | string, boolean, boolean, boolean];
/** A draft as plain data: what the step filled in, in the constructor's order, then segment, its points and the requester. */
type SavedDraft = readonly [
  number,
  string,
  number | string,
  TicketStatus,
  WaitingOn,
  number | string,
  number | string,
  number | string,
  number | string,
  SavedSla | null,
  GroupValue,
  number | string,
  string | null,
];

function saveDraft(d: Draft): SavedDraft {
  const a = d.sla;
  const sla: SavedSla | null = a === undefined ? null : [a.target, a.cycle, encodeOptional(a.dueMs), encodeNumber(a.timeLeftMs), a.business, a.breached, a.nearBreach];
  const n = encodeNumber;
  return [d.index, d.id, n(d.createdAt), d.status, d.waitingOn, n(d.since), n(d.waited), n(d.waitedBusiness), n(d.firstReply), sla, d.segment, n(d.segmentPoints), d.requester ?? null];
}

function loadDraft(s: SavedDraft): Draft {
  const a = s[9];
  // The key order of OpenState.sla(): a loaded draft is the one the step would have made.
  const sla: QueueSla | undefined =
    a === null ? undefined : { target: a[0], cycle: a[1], dueMs: decodeOptional(a[2]), timeLeftMs: decodeNumber(a[3]), business: a[4], breached: a[5], nearBreach: a[6] };
  const n = decodeNumber;
  const d = new Draft(s[0], s[1], n(s[2]), s[3], s[4], n(s[5]), n(s[6]), n(s[7]), n(s[8]), sla);
  d.segment = s[10];
  d.segmentPoints = n(s[11]);
  d.requester = s[12] ?? undefined;
  return d;
}

const clean = (x: number): number => (x === 0 ? 0 : x);
const orUndefined = (x: number): number | undefined => (x === x ? x : undefined);

const TIERS: readonly QueueTier[] = ['none', 'near_breach', 'breached'];

/** Oldest wait first, then oldest ticket, then id (UTF-16 order): the tie-break of both lists. */
function byWait(a: Draft, b: Draft): number {
  return a.since - b.since || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** First request, tier and score of a draft waiting on an agent. */
function score(d: Draft, rules: Rules, business: boolean): void {
  const sla = d.sla;
  const why: QueueScoreParts = {
    segment: clean(d.segmentPoints),
    waited: clean((rules.waitWeight * (business ? d.waitedBusiness : d.waited)) / HOUR_MS),
    breach: sla === undefined ? 0 : clean((rules.breachWeight * Math.max(0, rules.breachWindowMs - sla.timeLeftMs)) / HOUR_MS),
    firstRequest: d.firstRequest === true ? rules.firstRequestBoost : 0,
  };
  d.why = why;
  d.tier = sla === undefined ? 0 : sla.breached ? 2 : sla.nearBreach ? 1 : 0;
  d.score = clean(why.segment + why.waited + why.breach + why.firstRequest);
}

function openTicket(d: Draft): OpenTicket {
  return {
    id: d.id,
    createdAt: d.createdAt,
    status: d.status,
    waitingOn: d.waitingOn,
    waitingSinceMs: d.since,
    waitedMs: d.waited,
    waitedBusinessMs: orUndefined(d.waitedBusiness),
    firstReplyMs: orUndefined(d.firstReply),
    firstRequest: d.firstRequest,
    sla: d.sla,
  };
}

/** The open ticket of a draft with its place in the queue (the same object shape for every queue ticket). */
function queueTicket(d: Draft, rank: number): QueueTicket {
  const t = openTicket(d) as { -readonly [K in keyof QueueTicket]: QueueTicket[K] };
  t.rank = rank;
  t.tier = TIERS[d.tier] as QueueTier;
  t.segment = d.segment;
  t.score = d.score;
  t.why = d.why as QueueScoreParts;
  return t;
}

const METRIC: TicketMetric<Params, QueueAccumulator, PrioritizeQueueResult> = {
  name: NAME,
  // Literal arrays at module level (a spread here would count as a side effect and defeat tree-shaking).
  optionKeys: ['at', 'policy', 'businessHours', 'nearBreachMs', 'rules'],
  qualifying: true,
  params(o, ctx) {
    return { live: readLiveQueue(NAME, o, ctx), rules: readRules(o.rules), state: new OpenState(), first: undefined, out: { draft: undefined } };
  },
  level: () => LEVEL_EVENTS,
  // A ticket created after `at` is left out on its identity alone: its history is not read (decision 10).
  screen: (c, j, p) => ((c.created[j] as number) > p.live.at ? 'created_after' : undefined),
  // Every ticket's requester and creation, before the steps: "first request" is across the whole input.
  batch(c, p) {
    const first = (p.first ??= new FirstRequests(c.records, c.offset));
    first.bind(c.records, c.offset);
    const { records, base, n, state, flags, created } = c;
    const at0 = c.offset + base;
    const { at, ineligible } = p.live;
    for (let j = 0; j < n; j++) {
      if (state[j] === S_BAD || ((flags[j] as number) & ineligible) !== 0) continue;
      const ms = created[j] as number;
      if (ms > at) continue;
      const requester = requesterOf(records[base + j]);
      if (requester !== undefined) first.see(requester, at0 + j, ms);
    }
  },
  // Each requester's first ticket, as plain data (`SavedFirst` rows); `null` before any batch.
  saveShared: (p) => (p.first === undefined ? null : p.first.save()),
  loadShared(p, saved) {
    if (saved === null) return;
    (p.first ??= new FirstRequests([], 0)).load(saved as readonly SavedFirst[]);
  },
  step,
  start: (p) => new QueueAccumulator(p.out),
  finish(acc, p) {
    const { rules, live } = p;
    const first = p.first;
    const business = live.engine !== undefined;
    const waiting: Draft[] = [];
    const others: Draft[] = [];
    for (const d of acc.drafts) {
      d.firstRequest = first?.isFirst(d.requester, d.index);
      if (d.waitingOn === 'agent') {
        score(d, rules, business);
        waiting.push(d);
      } else others.push(d);
    }
    if (rules.tiers) waiting.sort((a, b) => b.tier - a.tier || b.score - a.score || byWait(a, b));
    else waiting.sort((a, b) => b.score - a.score || byWait(a, b));
    others.sort(byWait);
    const queue = waiting.map((d, i) => queueTicket(d, i + 1));
    p.out.draft = undefined;
    p.state.release();
    return { at: live.at, count: queue.length + others.length, queue, waitingOnOthers: others.map(openTicket), excluded: acc.excluded<PrioritizeQueueExclusion>() };
  },
};

/**
 * The live queue: which open ticket to answer next, and why. Tickets waiting on an agent at `at` come in
 * `queue`, in order, each with how long the customer has waited (since their oldest unanswered message, in
 * calendar and business time), its next SLA due instant and time left, whether it is the requester's first
 * ticket, and its score with the parts (`why`); open tickets waiting on the customer or a third party are in
 * `waitingOnOthers`. By default breaches and near-breaches come first, then the longest waiting.
 *
 * Cost: one pass, O(events) per ticket plus O(log holidays) per business-time measurement; O(q log q) to sort
 * the q tickets of the queue.
 *
 * @category Live queue
 * @param tickets - tickets with `events` (summary-only tickets are excluded), or a prepared set
 * @param options - `at` (required), the SLA policy, business hours and the ordering rules
 * @returns the queue, the tickets waiting on others, and the excluded ones (`count + excluded.total` = input)
 * @example
 * ```ts
 * import { prioritizeQueue } from 'helpdesk-metrics';
 * const HOUR = 3_600_000;
 * const q = prioritizeQueue([
 *   { id: 'A', createdAt: '2026-03-02T09:00:00Z', priority: 'normal', events: [
 *     { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' }] },
 *   { id: 'B', createdAt: '2026-03-02T10:30:00Z', priority: 'urgent', events: [
 *     { type: 'message', at: '2026-03-02T10:30:00Z', author: 'customer' }] },
 *   { id: 'C', createdAt: '2026-03-02T08:00:00Z', priority: 'normal', events: [
 *     { type: 'message', at: '2026-03-02T08:00:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T08:20:00Z', author: 'agent' },
 *     { type: 'status', at: '2026-03-02T08:20:00Z', status: 'pending' }] },
 * ], { at: '2026-03-02T11:00:00Z', policy: { targets: { urgent: { firstReply: HOUR }, normal: { firstReply: 4 * HOUR } } } });
 * q.queue.map((t) => [t.id, t.tier]);  //=> [['B', 'near_breach'], ['A', 'none']]
 * q.queue[1].waitedMs;                 //=> 7200000 (A: two hours)
 * q.queue[0].sla?.timeLeftMs;          //=> 1800000 (B: due 11:30)
 * q.waitingOnOthers.map((t) => [t.id, t.waitingOn]); //=> [['C', 'customer']]
 * ```
 */
export function prioritizeQueue(tickets: readonly Ticket[] | PreparedTickets, options: PrioritizeQueueOptions): PrioritizeQueueResult {
  if (options === null || typeof options !== 'object') optionError(NAME, 'options', `options with \`at\` are required, got ${describe(options)}`);
  checkOptionKeys(NAME, options, [...LIVE_QUEUE_KEYS, 'rules', ...TICKET_READ_KEYS, ...QUALIFYING_KEYS, ...ELIGIBILITY_KEYS]);
  return runTicketMetric(METRIC, tickets, options);
}
