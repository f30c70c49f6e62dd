/**
 * Backlog at an instant.
 *
 * Formula: backlog(at) = tickets created at or before `at` and not resolved at `at` (status history replayed
 * to `at`, changes at `at` included), with their ages `at − createdAt`.
 * Default definition: Zendesk "Unsolved tickets" (status not solved/closed) and "Unsolved tickets age";
 * aged backlog = tickets older than `olderThanMs` (7 days); age buckets 0–1 d, 1–3 d, 3–7 d, > 7 d.
 * Options: at, olderThanMs, ageBuckets, businessHours, percentiles, quantileMethod, invalid, statusMap, timeZone.
 *
 * @module
 */
import { touchCapture } from '../../pipeline/driver.js';
import { requireSchedule, type Schedule, type ScheduleEngine } from '../../calendar/schedule.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import { optionError, readAt, readSummary, readWholeMs, type SummarySpec } from '../../options/shared.js';
import { describe } from '../../_lib/options.js';
import { DurationAccumulator, summarize } from '../../pipeline/collect.js';
import { savedCount, savedCounts, savedObject } from '../../pipeline/partial.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { statusAt, summaryResolvedAt } from '../../read/statusHistory.js';
import { F_EVENTS, LEVEL_STATUSES, ST_SOLVED, type TicketColumns } from '../../read/ticketColumns.js';
import type { DurationSummary, SummaryOptions } from '../../results/durationSummary.js';
import type { Excluded, InvalidReason } from '../../results/excluded.js';
import type { Grouped } from '../../results/groups.js';

/**
 * Why a ticket is not in the backlog at `at`:
 * - `created_after`: created after `at`;
 * - `resolved`: solved or closed at `at`;
 * - `summary_only`: summary fields that cannot say whether it was resolved at `at` (reopened at an unknown time,
 *   or only the last resolution of a reopened ticket known);
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type BacklogExclusion = 'created_after' | 'resolved' | 'summary_only' | IneligibleReason | InvalidReason;

/**
 * Options of {@link backlog}.
 *
 * @category Ticket outcomes
 */
export interface BacklogOptions extends TicketInputOptions, EligibilityOptions, SummaryOptions, BreakdownOptions<TicketBy> {
  /** The instant of the snapshot. Required: the library never reads the clock. */
  readonly at: Timestamp;
  /** A ticket is aged when its age is more than this many ms (a whole number ≥ 0). @defaultValue `604800000` (7 days) */
  readonly olderThanMs?: number;
  /**
   * Upper edges of the age buckets in ms, strictly increasing whole numbers > 0; bucket k holds ages in
   * `(edge[k−1], edge[k]]`, the last one ages above the last edge.
   * @defaultValue `[86400000, 259200000, 604800000]` (1, 3 and 7 days: keys `'0–1 d'`, `'1–3 d'`, `'3–7 d'`, `'> 7 d'`)
   */
  readonly ageBuckets?: readonly number[];
  /**
   * Measure ages in business time (open time of this schedule from {@link createSchedule}); `olderThanMs`
   * and `ageBuckets` are then business ms too (an "older than 3 business days" backlog).
   */
  readonly businessHours?: Schedule;
}

/**
 * The backlog at one instant.
 *
 * @category Ticket outcomes
 */
export interface BacklogResult extends Grouped<BacklogResult> {
  /** The instant, epoch ms. */
  readonly at: number;
  /** Tickets in the backlog. */
  readonly count: number;
  /** Of those, tickets older than `olderThanMs`. */
  readonly aged: number;
  /** The `olderThanMs` used. */
  readonly olderThanMs: number;
  /** Ages of the backlog tickets (`at − createdAt`). */
  readonly ageSummary: Omit<DurationSummary<BacklogExclusion>, 'groups'>;
  /** Backlog tickets per age bucket, keys in increasing age order. */
  readonly byAge: Readonly<Record<string, number>>;
  /** Every ticket not in the backlog, by reason. */
  readonly excluded: Excluded<BacklogExclusion>;
}

const NAME = 'backlog';
const DAY_MS = 86_400_000;
const DEFAULT_EDGES: readonly number[] = [DAY_MS, 3 * DAY_MS, 7 * DAY_MS];

/** `'1 d'`, `'12 h'`, `'30 min'`, `'1500 ms'`: the largest unit that divides the value. */
function unitOf(ms: number): [number, string] {
  if (ms % DAY_MS === 0) return [ms / DAY_MS, 'd'];
  if (ms % 3_600_000 === 0) return [ms / 3_600_000, 'h'];
  if (ms % 60_000 === 0) return [ms / 60_000, 'min'];
  if (ms % 1000 === 0) return [ms / 1000, 's'];
  return [ms, 'ms'];
}

/**
 * @internal Labels for age buckets with upper edges `edges`: `'0–1 d'`, `'1–3 d'`, `'> 7 d'`. The edges must
 * be strictly increasing whole numbers of ms > 0 (as `ageBuckets` of {@link backlog}), else a `MetricsError`.
 */
export function ageBucketLabels(edges: readonly number[]): string[] {
  if (!Array.isArray(edges)) optionError('ageBucketLabels', 'edges', `must be an array of ms, got ${describe(edges)}`);
  for (let i = 0, before = 0; i < edges.length; i++) {
    const e: unknown = edges[i];
    if (typeof e !== 'number' || !Number.isInteger(e) || !(e > before)) {
      optionError('ageBucketLabels', `edges[${i}]`, `must be a whole number of ms > ${before} (edges strictly increase from 0), got ${describe(e)}`);
    }
    before = e;
  }
  const labels: string[] = [];
  let prev = 0;
  for (const e of edges) {
    const [b, ub] = unitOf(e);
    const [a, ua] = prev === 0 ? [0, ub] : unitOf(prev);
    labels.push(ua === ub ? `${a}–${b} ${ub}` : `${a} ${ua}–${b} ${ub}`);
    prev = e;
  }
  const [l, ul] = unitOf(prev);
  labels.push(`> ${l} ${ul}`);
  return labels;
}

interface Params {
  readonly at: number;
  readonly olderThanMs: number;
  readonly edges: Float64Array;
  readonly labels: readonly string[];
  readonly engine: ScheduleEngine | undefined;
  readonly summary: SummarySpec;
}

/** Ages of the backlog tickets, the aged count and the age buckets. */
class BacklogAccumulator extends DurationAccumulator {
  aged = 0;
  counts: Float64Array;
  constructor(private readonly p: Params) {
    super();
    this.counts = new Float64Array(p.edges.length + 1);
  }
  override add(age: number): void {
    super.add(age);
    if (age > this.p.olderThanMs) this.aged++;
    const edges = this.p.edges;
    let k = 0;
    while (k < edges.length && age > (edges[k] as number)) k++;
    this.counts[k] = (this.counts[k] as number) + 1;
  }
  override mergeFrom(o: BacklogAccumulator): void {
    super.mergeFrom(o);
    this.aged += o.aged;
    for (let k = 0; k < this.counts.length; k++) this.counts[k] = (this.counts[k] as number) + (o.counts[k] as number);
  }
  /** The ages (a sorted run and their exact total), the aged count and the counts per age bucket. */
  override save(): unknown {
    return { ages: super.save(), aged: this.aged, counts: Array.from(this.counts) };
  }
  override load(saved: unknown): void {
    const o = savedObject(saved, 'backlog counts');
    const s = { aged: savedCount(o.aged, 'backlog counts'), counts: savedCounts(o.counts, 'backlog counts', this.counts.length, true) };
    // The ages are checked as they load (first: nothing is added when they are malformed).
    super.load(o.ages);
    this.aged += s.aged;
    for (let k = 0; k < this.counts.length; k++) this.counts[k] = (this.counts[k] as number) + (s.counts[k] as number);
  }
  protected override reset(): void {
    super.reset();
    this.aged = 0;
    this.counts = new Float64Array(0);
  }
}

const METRIC: TicketMetric<Params, BacklogAccumulator, BacklogResult> = {
  name: NAME,
  optionKeys: ['at', 'olderThanMs', 'ageBuckets', 'businessHours', 'percentiles', 'quantileMethod'],
  params(o, ctx) {
    const at = readAt(NAME, o, ctx);
    if (at === undefined) optionError(NAME, 'at', 'the snapshot instant `at` is required');
    const edges = o.ageBuckets ?? DEFAULT_EDGES;
    if (!Array.isArray(edges)) optionError(NAME, 'ageBuckets', `must be an array of ms, got ${describe(edges)}`);
    let prevEdge = 0;
    for (const e of edges as unknown[]) {
      if (typeof e !== 'number' || !Number.isSafeInteger(e) || !(e > prevEdge)) {
        optionError(NAME, 'ageBuckets', 'must be strictly increasing whole numbers of ms > 0');
      }
      prevEdge = e;
    }
    return {
      at,
      olderThanMs: readWholeMs(NAME, 'olderThanMs', o.olderThanMs, 7 * DAY_MS),
      edges: Float64Array.from(edges as number[]),
      labels: ageBucketLabels(edges as number[]),
      engine: o.businessHours === undefined ? undefined : requireSchedule(NAME, o.businessHours, 'businessHours'),
      summary: readSummary(NAME, o),
    };
  },
  level: () => LEVEL_STATUSES,
  // A ticket created after `at` is excluded on its identity alone: its history is never read (decision 10).
  screen: (c, j, p) => ((c.created[j] as number) > p.at ? 'created_after' : undefined),
  historyUntil: (p) => p.at,
  step: ageAt,
  start: (p) => new BacklogAccumulator(p),
  finish(acc, p) {
    const excluded = acc.excluded<BacklogExclusion>() as Excluded<BacklogExclusion>;
    // Object.fromEntries: the labels are keys (see src/pipeline/ticketDriver.ts).
    const byAge = Object.fromEntries(p.labels.map((label, k) => [label, acc.counts[k] as number])) as Record<string, number>;
    return {
      at: p.at,
      count: acc.durations.n,
      aged: acc.aged,
      olderThanMs: p.olderThanMs,
      ageSummary: summarize(acc.durations, p.summary, excluded),
      byAge,
      excluded,
    };
  },
};

/** The definition, for ticket j: its age at `at` when it is unresolved then, or why it is not in the backlog. */
function ageAt(c: TicketColumns, j: number, p: Params): number | BacklogExclusion {
  const created = c.created[j] as number;
  let resolved: boolean;
  if (((c.flags[j] as number) & F_EVENTS) !== 0) {
    resolved = c.firstResolution[j] === c.firstResolution[j] && statusAt(c, j, p.at) >= ST_SOLVED;
  } else {
    const s = summaryResolvedAt(c, j, p.at);
    if (s < 0) return 'summary_only';
    resolved = s === 1;
  }
  if (resolved) return 'resolved';
  return p.engine === undefined ? p.at - created : p.engine.measure(created, p.at);
}

/**
 * Backlog: the tickets open (not solved or closed) at an instant, how old they are, and how many are aged.
 *
 * A ticket solved before `at` and reopened after it is not in the backlog at `at`; one reopened before `at`
 * is, again.
 *
 * Cost: one pass, O(events log events) per ticket; O(b log b) to sort the b ages for the quantiles.
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events`, or with the summary fields (`status`, `firstResolvedAt`, `resolvedAt`)
 * @param options - `at` (required), the aged threshold and the age buckets
 * @returns a {@link BacklogResult}; `count + excluded.total` is the number of tickets given
 * @example
 * ```ts
 * import { backlog } from 'helpdesk-metrics';
 * const b = backlog([
 *   { id: 'A', createdAt: '2026-03-01T09:00:00Z', status: 'open' },
 *   { id: 'B', createdAt: '2026-03-09T09:00:00Z', status: 'pending' },
 *   { id: 'C', createdAt: '2026-03-08T09:00:00Z', status: 'solved', resolvedAt: '2026-03-09T10:00:00Z' },
 * ], { at: '2026-03-10T09:00:00Z' });
 * b.count;               //=> 2
 * b.aged;                //=> 1 (A: 9 days old)
 * b.byAge;               //=> { '0–1 d': 1, '1–3 d': 0, '3–7 d': 0, '> 7 d': 1 }
 * b.excluded.byReason;   //=> { resolved: 1 }
 * ```
 */
export function backlog(tickets: readonly Ticket[] | PreparedTickets, options: BacklogOptions): BacklogResult {
  touchCapture(tickets); // the incremental API: options are read here first (src/pipeline/driver.ts)
  if (options === null || typeof options !== 'object') optionError(NAME, 'options', `options with \`at\` are required, got ${describe(options)}`);
  return runTicketMetric(METRIC, tickets, options);
}
