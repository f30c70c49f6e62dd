/**
 * How the live queue is doing at an instant.
 *
 * Formula: over the tickets open at `at` (created by then, not solved or closed), counts by who they wait on
 * (agent, customer, third party), the oldest wait on an agent, waits on an agent by age bucket, SLA breached and
 * near breach (a running target past due / breaching within `nearBreachMs`), and open tickets with no first
 * reply yet.
 * Default definition: waiting on agent vs customer as prioritizeQueue (Zendesk/Freshdesk statuses, Intercom's
 * `waiting_since`); due instants as slaCompliance; wait buckets 0–1 h, 1–4 h, 4 h–1 d, 1–3 d, > 3 d.
 * Options: at (required), policy, businessHours, nearBreachMs, waitBuckets, by, isQualifyingReply,
 * excludeSpam/Deleted/Merged and the read options (invalid, statusMap, timeZone, …).
 *
 * @module
 */
import { describe } from '../../_lib/options.js';
import type { Ticket } from '../../model/index.js';
import { optionError } from '../../options/shared.js';
import { Accumulator } from '../../pipeline/collect.js';
import { decodeNumber, encodeNumber } from '../../pipeline/partial.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, QualifyingReplyOptions, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { LEVEL_EVENTS, type TicketColumns } from '../../read/ticketColumns.js';
import type { Excluded, InvalidReason } from '../../results/excluded.js';
import type { Grouped } from '../../results/groups.js';
import { ageBucketLabels } from '../backlog/backlog.js';
import { ON_AGENT, ON_CUSTOMER, openState, OpenState, readLiveQueue, type LiveQueueOptions, type LiveQueueParams } from '../queueState.js';

const NAME = 'queueSnapshot';
const HOUR_MS = 3_600_000;
const DEFAULT_EDGES: readonly number[] = [HOUR_MS, 4 * HOUR_MS, 24 * HOUR_MS, 72 * HOUR_MS];

/**
 * Why a ticket is not among the open tickets of {@link queueSnapshot}: `created_after` (created after `at`),
 * `resolved` (solved or closed at `at`), `summary_only` (summary fields only), `ineligible:spam`,
 * `ineligible:deleted`, `ineligible:merged`, `invalid:<code>`.
 *
 * @category Live queue
 */
export type QueueSnapshotExclusion = 'created_after' | 'resolved' | 'summary_only' | IneligibleReason | InvalidReason;

/**
 * Options of {@link queueSnapshot}.
 *
 * @category Live queue
 */
export interface QueueSnapshotOptions extends LiveQueueOptions, TicketInputOptions, QualifyingReplyOptions, EligibilityOptions, BreakdownOptions<TicketBy> {
  /**
   * Upper edges of the wait buckets in ms (business ms with `businessHours`), strictly increasing whole numbers
   * > 0; bucket k holds waits in `(edge[k−1], edge[k]]`, the last one waits above the last edge.
   * @defaultValue `[3600000, 14400000, 86400000, 259200000]` (keys `'0–1 h'`, `'1–4 h'`, `'4 h–1 d'`, `'1–3 d'`, `'> 3 d'`)
   */
  readonly waitBuckets?: readonly number[];
}

/**
 * The queue at one instant (and per group with `by`).
 *
 * @category Live queue
 */
export interface QueueSnapshotResult extends Grouped<QueueSnapshotResult> {
  /** The instant, epoch ms. */
  readonly at: number;
  /** Open tickets: `waitingOnAgent + waitingOnCustomer + waitingOnThirdParty`; plus `excluded.total` = tickets given. */
  readonly open: number;
  /** In the queue (see {@link prioritizeQueue}). */
  readonly waitingOnAgent: number;
  readonly waitingOnCustomer: number;
  /** On-hold tickets nobody has written to since. */
  readonly waitingOnThirdParty: number;
  /** Open tickets not created by an agent that have no qualifying reply yet. */
  readonly noFirstReply: number;
  /** Open tickets with a running SLA target past due; `undefined` without a policy. */
  readonly breached: number | undefined;
  /** Open tickets not breached with a running target that breaches within `nearBreachMs`; `undefined` without a policy. */
  readonly nearBreach: number | undefined;
  /** The longest wait on an agent (calendar ms); `undefined` when nobody waits. */
  readonly oldestWaitMs: number | undefined;
  /** The longest wait on an agent in business ms (with `businessHours`). */
  readonly oldestWaitBusinessMs: number | undefined;
  /** Tickets waiting on an agent per wait bucket (business time with `businessHours`), keys by increasing wait. */
  readonly byWait: Readonly<Record<string, number>>;
  readonly excluded: Excluded<QueueSnapshotExclusion>;
}

interface Params {
  readonly live: LiveQueueParams;
  readonly edges: Float64Array;
  readonly labels: readonly string[];
  readonly state: OpenState;
}

function readEdges(value: unknown): readonly number[] {
  if (value === undefined) return DEFAULT_EDGES;
  if (!Array.isArray(value) || value.length > 100) optionError(NAME, 'waitBuckets', `must be an array of at most 100 edges in ms, got ${describe(value)}`);
  value.forEach((e: unknown, i: number) => {
    const before = i === 0 ? 0 : (value[i - 1] as number);
    if (typeof e !== 'number' || !Number.isSafeInteger(e) || !(e > before)) optionError(NAME, `waitBuckets[${i}]`, `must be a whole number of ms > ${before} (edges strictly increase from 0), got ${describe(e)}`);
  });
  return value as number[];
}

/**
 * Counts of one group (or of all). It refers to the bucket edges and the step's state only (the driver keeps one
 * emptied accumulator of each class for good, decision 14: it must hold no input).
 */
class SnapshotAccumulator extends Accumulator {
  open = 0;
  byOn = [0, 0, 0];
  noFirstReply = 0;
  breached = 0;
  nearBreach = 0;
  oldest = -1;
  oldestBusiness = -1;
  counts: Float64Array;
  constructor(
    private readonly state: OpenState,
    private readonly edges: Float64Array,
  ) {
    super();
    this.counts = new Float64Array(edges.length + 1);
  }
  add(): void {
    const s = this.state;
    this.open++;
    this.byOn[s.waitingOn] = (this.byOn[s.waitingOn] as number) + 1;
    if (!s.agentCreated && s.firstReplyMs !== s.firstReplyMs) this.noFirstReply++;
    if (s.breached) this.breached++;
    else if (s.nearBreach) this.nearBreach++;
    if (s.waitingOn !== ON_AGENT) return;
    if (s.waitedMs > this.oldest) this.oldest = s.waitedMs;
    const business = s.waitedBusinessMs;
    if (business > this.oldestBusiness) this.oldestBusiness = business;
    const wait = business === business ? business : s.waitedMs;
    const edges = this.edges;
    let k = 0;
    while (k < edges.length && wait > (edges[k] as number)) k++;
    this.counts[k] = (this.counts[k] as number) + 1;
  }
  mergeFrom(o: SnapshotAccumulator): void {
    this.open += o.open;
    for (let k = 0; k < 3; k++) this.byOn[k] = (this.byOn[k] as number) + (o.byOn[k] as number);
    this.noFirstReply += o.noFirstReply;
    this.breached += o.breached;
    this.nearBreach += o.nearBreach;
    this.oldest = Math.max(this.oldest, o.oldest);
    this.oldestBusiness = Math.max(this.oldestBusiness, o.oldestBusiness);
    for (let k = 0; k < this.counts.length; k++) this.counts[k] = (this.counts[k] as number) + (o.counts[k] as number);
  }
  /** The counts; the oldest waits as they are (−1: nobody waits; NaN business waits as `null`). */
  override save(): unknown {
    return {
      open: this.open,
      byOn: this.byOn.slice(),
      noFirstReply: this.noFirstReply,
      breached: this.breached,
      nearBreach: this.nearBreach,
      oldest: encodeNumber(this.oldest),
      oldestBusiness: encodeNumber(this.oldestBusiness),
      counts: Array.from(this.counts),
    };
  }
  override load(saved: unknown): void {
    const s = saved as {
      readonly open: number;
      readonly byOn: readonly number[];
      readonly noFirstReply: number;
      readonly breached: number;
      readonly nearBreach: number;
      readonly oldest: number | string;
      readonly oldestBusiness: number | string;
      readonly counts: readonly number[];
    };
    this.open += s.open;
    for (let k = 0; k < 3; k++) this.byOn[k] = (this.byOn[k] as number) + (s.byOn[k] as number);
    this.noFirstReply += s.noFirstReply;
    this.breached += s.breached;
    this.nearBreach += s.nearBreach;
    this.oldest = Math.max(this.oldest, decodeNumber(s.oldest));
    this.oldestBusiness = Math.max(this.oldestBusiness, decodeNumber(s.oldestBusiness));
    for (let k = 0; k < this.counts.length; k++) this.counts[k] = (this.counts[k] as number) + (s.counts[k] as number);
  }
  protected override reset(): void {
    this.open = 0;
    this.byOn = [0, 0, 0];
    this.noFirstReply = this.breached = this.nearBreach = 0;
    this.oldest = this.oldestBusiness = -1;
    this.counts = new Float64Array(0);
  }
}

/** The definition, for ticket j: 1 when it is open at `at` (its state in `p.state`), or why not. */
function step(c: TicketColumns, j: number, p: Params): number | QueueSnapshotExclusion {
  const why = openState(c, j, p.live, p.state);
  return why === 0 ? 1 : why;
}

const METRIC: TicketMetric<Params, SnapshotAccumulator, QueueSnapshotResult> = {
  name: NAME,
  // Literal arrays at module level (a spread here would count as a side effect and defeat tree-shaking).
  optionKeys: ['at', 'policy', 'businessHours', 'nearBreachMs', 'waitBuckets'],
  qualifying: true,
  params(o, ctx) {
    const edges = readEdges(o.waitBuckets);
    return { live: readLiveQueue(NAME, o, ctx), edges: Float64Array.from(edges), labels: ageBucketLabels(edges), state: new OpenState() };
  },
  level: () => LEVEL_EVENTS,
  // A ticket created after `at` is left out on its identity alone: its history is not read (decision 10).
  screen: (c, j, p) => ((c.created[j] as number) > p.live.at ? 'created_after' : undefined),
  step,
  start: (p) => new SnapshotAccumulator(p.state, p.edges),
  finish(acc, p) {
    const sla = p.live.sla !== undefined;
    p.state.release();
    const waiting = acc.byOn[ON_AGENT] as number;
    return {
      at: p.live.at,
      open: acc.open,
      waitingOnAgent: waiting,
      waitingOnCustomer: acc.byOn[ON_CUSTOMER] as number,
      waitingOnThirdParty: acc.open - waiting - (acc.byOn[ON_CUSTOMER] as number),
      noFirstReply: acc.noFirstReply,
      breached: sla ? acc.breached : undefined,
      nearBreach: sla ? acc.nearBreach : undefined,
      oldestWaitMs: acc.oldest < 0 ? undefined : acc.oldest,
      oldestWaitBusinessMs: acc.oldestBusiness < 0 ? undefined : acc.oldestBusiness,
      // Object.fromEntries: the labels are keys (see src/pipeline/ticketDriver.ts).
      byWait: Object.fromEntries(p.labels.map((label, k) => [label, acc.counts[k] as number])) as Record<string, number>,
      excluded: acc.excluded<QueueSnapshotExclusion>(),
    };
  },
};

/**
 * Queue snapshot: how many open tickets wait on an agent, on the customer or on a third party at `at`, the
 * oldest wait, waits by age bucket, SLA breaches now and within the next hour, and tickets with no first reply
 * yet; with `by`, the same per group, channel or priority (same shape as the whole).
 *
 * Cost: one pass, O(events) per ticket plus O(log holidays) per business-time measurement.
 *
 * @category Live queue
 * @param tickets - tickets with `events` (summary-only tickets are excluded), or a prepared set
 * @param options - `at` (required), the SLA policy, business hours, the wait buckets and `by`
 * @returns the counts; `open + excluded.total` is the number of tickets given
 * @example
 * ```ts
 * import { queueSnapshot } from 'helpdesk-metrics';
 * const s = queueSnapshot([
 *   { id: 'A', createdAt: '2026-03-02T09:00:00Z', channel: 'email', events: [
 *     { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' }] },
 *   { id: 'B', createdAt: '2026-03-02T10:30:00Z', channel: 'chat', events: [
 *     { type: 'message', at: '2026-03-02T10:30:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T10:40:00Z', author: 'agent' },
 *     { type: 'status', at: '2026-03-02T10:40:00Z', status: 'pending' }] },
 *   { id: 'C', createdAt: '2026-03-02T08:00:00Z', channel: 'email', events: [
 *     { type: 'status', at: '2026-03-02T09:00:00Z', status: 'solved' }] },
 * ], { at: '2026-03-02T11:00:00Z', policy: { targets: { normal: { firstReply: 3_600_000 } }, defaultPriority: 'normal' }, by: 'channel' });
 * [s.open, s.waitingOnAgent, s.waitingOnCustomer]; //=> [2, 1, 1]
 * s.oldestWaitMs;                                  //=> 7200000 (A: two hours)
 * s.breached;                                      //=> 1 (A: first reply due 10:00)
 * s.byWait;                                        //=> { '0–1 h': 0, '1–4 h': 1, '4 h–1 d': 0, '1–3 d': 0, '> 3 d': 0 }
 * s.groups?.map((g) => [g.key.channel, g.open]);   //=> [['chat', 1], ['email', 1]]
 * ```
 */
export function queueSnapshot(tickets: readonly Ticket[] | PreparedTickets, options: QueueSnapshotOptions): QueueSnapshotResult {
  if (options === null || typeof options !== 'object') optionError(NAME, 'options', `options with \`at\` are required, got ${describe(options)}`);
  return runTicketMetric(METRIC, tickets, options);
}
