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
import { resolvedAtInstant, summaryResolvedAt } from '../../_lib/statusHistory.js';
import { describe } from '../../_lib/options.js';
import { createTicketReader, optionError, type TicketInputOptions } from '../../_lib/tickets.js';
import { requireSchedule, type Schedule } from '../../calendar/schedule.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import {
  checkSummaryOptions,
  DurationCollector,
  summarizeDurations,
  type DurationSummary,
  type SummaryOptions,
} from '../../results/durationSummary.js';
import { exclude, finishLedger, type Excluded, type InvalidReason } from '../../results/excluded.js';

/**
 * Why a ticket is not in the backlog at `at`:
 * - `created_after`: created after `at`;
 * - `resolved`: solved or closed at `at`;
 * - `summary_only`: summary fields that cannot say whether it was resolved at `at` (reopened at an unknown time);
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type BacklogExclusion = 'created_after' | 'resolved' | 'summary_only' | InvalidReason;

/**
 * Options of {@link backlog}.
 *
 * @category Ticket outcomes
 */
export interface BacklogOptions extends TicketInputOptions, SummaryOptions {
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
export interface BacklogResult {
  /** The instant, epoch ms. */
  readonly at: number;
  /** Tickets in the backlog. */
  readonly count: number;
  /** Of those, tickets older than `olderThanMs`. */
  readonly aged: number;
  /** The `olderThanMs` used. */
  readonly olderThanMs: number;
  /** Ages of the backlog tickets (`at − createdAt`). */
  readonly ageSummary: DurationSummary<BacklogExclusion>;
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
export function backlog(tickets: readonly Ticket[], options: BacklogOptions): BacklogResult {
  if (options === null || typeof options !== 'object') optionError(NAME, 'options', 'options with `at` are required');
  const reader = createTicketReader<BacklogExclusion>(NAME, tickets, options, undefined, true);
  const bad = checkSummaryOptions(options);
  if (bad !== undefined) optionError(NAME, 'percentiles', bad);
  if (options.at === undefined) optionError(NAME, 'at', 'the snapshot instant `at` is required');
  const at = reader.parseOption(options.at, 'at');
  const olderThanMs = options.olderThanMs ?? 7 * DAY_MS;
  if (typeof olderThanMs !== 'number' || !Number.isInteger(olderThanMs) || olderThanMs < 0) {
    optionError(NAME, 'olderThanMs', `must be a whole number of ms ≥ 0, got ${JSON.stringify(olderThanMs)}`);
  }
  const edges = options.ageBuckets ?? DEFAULT_EDGES;
  if (!Array.isArray(edges)) optionError(NAME, 'ageBuckets', 'must be an array of ms');
  let prevEdge = 0;
  for (const e of edges) {
    if (typeof e !== 'number' || !Number.isInteger(e) || !(e > prevEdge)) {
      optionError(NAME, 'ageBuckets', 'must be strictly increasing whole numbers of ms > 0');
    }
    prevEdge = e;
  }
  const engine = options.businessHours === undefined ? undefined : requireSchedule(NAME, options.businessHours, 'businessHours');
  const edgeList = Float64Array.from(edges);
  const counts = new Float64Array(edgeList.length + 1);
  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  const collector = new DurationCollector(Math.min(n, 1 << 16));
  let aged = 0;
  for (let i = 0; i < n; i++) {
    // A ticket created after `at` is excluded on its identity alone: its history is never read (decision 10).
    if (!reader.readIdentity(tickets, i)) continue;
    const c = f.createdMs;
    if (c > at) {
      exclude(ledger, 'created_after', f.id);
      continue;
    }
    if (!reader.readRest()) continue;
    let resolved: boolean;
    if (f.hasEvents) {
      if (f.firstResolvedMs === f.firstResolvedMs) {
        resolved = resolvedAtInstant(reader, at);
      } else {
        resolved = false; // never solved nor closed
      }
    } else {
      const s = summaryResolvedAt(f, at);
      if (s < 0) {
        exclude(ledger, 'summary_only', f.id);
        continue;
      }
      resolved = s === 1;
    }
    if (resolved) {
      exclude(ledger, 'resolved', f.id);
      continue;
    }
    const age = engine === undefined ? at - c : engine.measure(c, at);
    collector.add(age);
    if (age > olderThanMs) aged++;
    let k = 0;
    while (k < edgeList.length && age > (edgeList[k] as number)) k++;
    counts[k] = (counts[k] as number) + 1;
  }
  const labels = ageBucketLabels(edges);
  // Object.fromEntries, not stores here: see finishLedger (src/results/excluded.ts).
  const byAge = Object.fromEntries(labels.map((label, k) => [label, counts[k] as number])) as Record<string, number>;
  const excluded = finishLedger(ledger);
  return {
    at,
    count: collector.n,
    aged,
    olderThanMs,
    ageSummary: summarizeDurations(collector, options, excluded),
    byAge,
    excluded,
  };
}
