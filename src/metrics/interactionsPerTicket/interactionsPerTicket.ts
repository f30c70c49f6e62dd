/**
 * Interactions per ticket.
 *
 * Formula: mean = Σ interactions / tickets counted (exact); median and a distribution
 * `{ '0': n, '1': n, ..., '5+': n }`, where interactions are a ticket's public messages by `count`:
 * `'agent'` (public agent messages: Zendesk "Agent replies", Help Scout "Replies sent"), `'customer'`
 * (Help Scout "Messages received") or `'all'` (Gorgias "Messages per ticket"); bot messages only with
 * `includeBots`, system messages and internal notes never.
 * Default: resolved tickets only (Gorgias "only includes closed tickets"); distribution open-ended at 5 as
 * Help Scout's replies-to-resolve buckets.
 * Options: count, includeBots, tickets ('resolved' | 'all'), openEndedAt, invalid, statusMap, timeZone.
 *
 * @module
 */
import { D } from '../../_lib/decimal.js';
import type { Ticket } from '../../model/index.js';
import { readBoolean, readChoice, readWholeNumber } from '../../options/shared.js';
import { Accumulator, ExactSum } from '../../pipeline/collect.js';
import type { BreakdownOptions } from '../../pipeline/breakdown.js';
import { runTicketMetric, type EligibilityOptions, type IneligibleReason, type TicketMetric } from '../../pipeline/ticketDriver.js';
import type { TicketBy } from '../../pipeline/ticketBy.js';
import type { PreparedTickets, TicketInputOptions } from '../../pipeline/ticketSource.js';
import { F_EVENTS, K_AGENT, K_BOT, K_CUSTOMER, KIND_SHIFT, LEVEL_EVENTS, Q_PUBLIC, resolvedNow, type TicketColumns } from '../../read/ticketColumns.js';
import type { Excluded, InvalidReason } from '../../results/excluded.js';
import type { Grouped } from '../../results/groups.js';

/**
 * Why a ticket was not counted by {@link interactionsPerTicket}:
 * - `unresolved`: not solved or closed now (with the default `tickets: 'resolved'`);
 * - `summary_only`: the summary field needed (`agentReplies`, `customerReplies`) is missing, or bots are asked
 *   for and the summary cannot separate them;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type InteractionsPerTicketExclusion = 'unresolved' | 'summary_only' | IneligibleReason | InvalidReason;

/**
 * Options of {@link interactionsPerTicket}.
 *
 * @category Ticket outcomes
 */
export interface InteractionsPerTicketOptions extends TicketInputOptions, EligibilityOptions, BreakdownOptions<TicketBy> {
  /** Whose public messages count. @defaultValue `'agent'` */
  readonly count?: 'agent' | 'customer' | 'all';
  /** Count public bot messages on the agent side (`'agent'`, `'all'`). @defaultValue `false` */
  readonly includeBots?: boolean;
  /** Which tickets: resolved now (solved or closed), or every ticket. @defaultValue `'resolved'` */
  readonly tickets?: 'resolved' | 'all';
  /** The distribution's last key is `'<openEndedAt>+'`; keys `'0'` .. `'<openEndedAt − 1>'` before it. A whole number ≥ 1. @defaultValue `5` */
  readonly openEndedAt?: number;
}

/**
 * The result of {@link interactionsPerTicket}.
 *
 * @category Ticket outcomes
 */
export interface InteractionsPerTicketResult extends Grouped<InteractionsPerTicketResult> {
  /** Tickets counted. */
  readonly count: number;
  /** Interactions over all counted tickets. */
  readonly total: number;
  /** `total / count`, exact then rounded once; `undefined` when `count` is 0. */
  readonly mean: number | undefined;
  /** The R-7 median; `undefined` when `count` is 0. */
  readonly median: number | undefined;
  /** Tickets by number of interactions; the values sum to `count`. */
  readonly distribution: Readonly<Record<string, number>>;
  /** Tickets not counted, by reason. */
  readonly excluded: Excluded<InteractionsPerTicketExclusion>;
}

const NAME = 'interactionsPerTicket';

interface Params {
  /** Per kind (index kind): 1 when this call counts its public messages. */
  readonly counts: Uint8Array;
  readonly wantAgent: boolean;
  readonly wantCustomer: boolean;
  readonly bots: boolean;
  readonly resolvedOnly: boolean;
  readonly open: number;
}

/** Counts below this are kept in an array, larger ones (a summary's `agentReplies: 10 ** 15`) in a map. */
const DENSE = 4096;

/**
 * A histogram of interactions per ticket (exact counts: the distribution and the median without a sort). Small
 * counts index an array; rare large ones go to a map, so no count sizes an allocation.
 */
class HistogramAccumulator extends Accumulator {
  hist = new Float64Array(16);
  large = new Map<number, number>();
  counted = 0;
  readonly total = new ExactSum();
  add(x: number): void {
    this.counted++;
    this.total.add(x);
    if (x >= DENSE) {
      this.large.set(x, (this.large.get(x) ?? 0) + 1);
      return;
    }
    if (x >= this.hist.length) this.grow(x + 1);
    this.hist[x] = (this.hist[x] as number) + 1;
  }
  private grow(n: number): void {
    let size = this.hist.length;
    while (size < n) size *= 2;
    const grown = new Float64Array(size);
    grown.set(this.hist);
    this.hist = grown;
  }
  mergeFrom(o: HistogramAccumulator): void {
    if (o.hist.length > this.hist.length) this.grow(o.hist.length);
    for (let v = 0; v < o.hist.length; v++) this.hist[v] = (this.hist[v] as number) + (o.hist[v] as number);
    for (const [v, k] of o.large) this.large.set(v, (this.large.get(v) ?? 0) + k);
    this.counted += o.counted;
    this.total.merge(o.total);
  }
  /** The value of rank `r` (0-based). */
  nth(r: number): number {
    let seen = 0;
    for (let v = 0; v < this.hist.length; v++) {
      seen += this.hist[v] as number;
      if (seen > r) return v;
    }
    for (const v of [...this.large.keys()].sort((a, b) => a - b)) {
      seen += this.large.get(v) as number;
      if (seen > r) return v;
    }
    return NaN;
  }
  protected override reset(): void {
    this.hist = new Float64Array(16);
    this.large = new Map();
    this.counted = 0;
  }
}

const METRIC: TicketMetric<Params, HistogramAccumulator, InteractionsPerTicketResult> = {
  name: NAME,
  optionKeys: ['count', 'includeBots', 'tickets', 'openEndedAt'],
  params(o) {
    const who = readChoice(NAME, 'count', o.count, ['agent', 'customer', 'all'], 'agent');
    const bots = readBoolean(NAME, 'includeBots', o.includeBots, false);
    const which = readChoice(NAME, 'tickets', o.tickets, ['resolved', 'all'], 'resolved');
    const open = readWholeNumber(NAME, 'openEndedAt', o.openEndedAt, 5, 1, 1000);
    const wantAgent = who !== 'customer';
    const wantCustomer = who !== 'agent';
    // Which event kinds are counted: customer messages, agent messages, bot messages (with includeBots).
    const counts = new Uint8Array(16);
    counts[K_CUSTOMER] = wantCustomer ? 1 : 0;
    counts[K_AGENT] = wantAgent ? 1 : 0;
    counts[K_BOT] = wantAgent && bots ? 1 : 0;
    return { counts, wantAgent, wantCustomer, bots, resolvedOnly: which === 'resolved', open };
  },
  level: () => LEVEL_EVENTS,
  step: countInteractions,
  start: () => new HistogramAccumulator(),
  finish(acc, p) {
    const { hist, counted } = acc;
    const total = acc.total.value();
    // Object.fromEntries: the keys are data (see src/pipeline/ticketDriver.ts).
    const entries: [string, number][] = [];
    let tail = 0;
    for (let v = 0; v < Math.max(hist.length, p.open); v++) {
      const h = (hist[v] as number | undefined) ?? 0;
      if (v < p.open) entries.push([String(v), h]);
      else tail += h;
    }
    for (const k of acc.large.values()) tail += k; // every large count is past the open end (≤ 1000)
    entries.push([`${p.open}+`, tail]);
    return {
      count: counted,
      total: Number(total),
      mean: counted === 0 ? undefined : new D(total.toString()).div(counted).toNumber(),
      median: counted === 0 ? undefined : medianOf(acc),
      distribution: Object.fromEntries(entries) as Record<string, number>,
      excluded: acc.excluded<InteractionsPerTicketExclusion>() as Excluded<InteractionsPerTicketExclusion>,
    };
  },
};

/** The definition, for ticket j: its public messages of the counted kinds, or why it is not counted. */
function countInteractions(c: TicketColumns, j: number, p: Params): number | InteractionsPerTicketExclusion {
  if (p.resolvedOnly && !resolvedNow(c, j)) return 'unresolved';
  if (((c.flags[j] as number) & F_EVENTS) !== 0) {
    // Branch-free: a public event adds counts[its kind] (1 for the kinds this call counts, else 0).
    const { evKind } = c;
    const counts = p.counts;
    let x = 0;
    for (let e = c.evStart[j] as number, end = c.evStart[j + 1] as number; e < end; e++) {
      const b = evKind[e] as number;
      x += (counts[b >> KIND_SHIFT] as number) & ((b & Q_PUBLIC) >>> 1); // Q_PUBLIC is bit 1
    }
    return x;
  }
  const a = p.wantAgent ? (c.replies[j] as number) : 0;
  const cu = p.wantCustomer ? (c.customers[j] as number) : 0;
  if (a < 0 || cu < 0 || (p.bots && p.wantAgent)) return 'summary_only';
  return a + cu;
}

/**
 * Interactions per ticket: how many public messages tickets needed, as an exact mean, a median and a
 * distribution (`{ '0': 3, '1': 40, '2': 25, '3': 10, '4': 5, '5+': 7 }`).
 *
 * Cost: one pass, O(events); the median comes from a histogram (no sort).
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events`, or with the summary fields `agentReplies` / `customerReplies`
 * @param options - whose messages, which tickets, the distribution's open end
 * @returns an {@link InteractionsPerTicketResult}
 * @example
 * ```ts
 * import { interactionsPerTicket } from 'helpdesk-metrics';
 * const r = interactionsPerTicket([
 *   { id: 1, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T10:00:00Z', agentReplies: 1 },
 *   { id: 2, createdAt: '2026-03-02T09:00:00Z', status: 'closed', resolvedAt: '2026-03-03T10:00:00Z', agentReplies: 2 },
 *   { id: 3, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-05T10:00:00Z', agentReplies: 6 },
 *   { id: 4, createdAt: '2026-03-02T09:00:00Z', status: 'open', agentReplies: 1 },
 * ]);
 * r.mean;          //=> 3
 * r.median;        //=> 2
 * r.distribution;  //=> { '0': 0, '1': 1, '2': 1, '3': 0, '4': 0, '5+': 1 }
 * ```
 */
export function interactionsPerTicket(
  tickets: readonly Ticket[] | PreparedTickets,
  options?: InteractionsPerTicketOptions,
): InteractionsPerTicketResult {
  return runTicketMetric(METRIC, tickets, options);
}

/** The R-7 median of the counted values: x[⌊(n − 1)/2⌋] when n is odd, the mean of the two middle ones otherwise. */
function medianOf(acc: HistogramAccumulator): number {
  const n = acc.counted;
  const lo = Math.floor((n - 1) / 2);
  const a = acc.nth(lo);
  if (n % 2 === 1) return a;
  const b = acc.nth(lo + 1);
  return new D(a).plus(b).div(2).toNumber();
}
