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
import {
  createTicketReader,
  isCurrentlyResolved,
  K_AGENT,
  K_BOT,
  K_CUSTOMER,
  K_STATUS,
  optionError,
  Q_PUBLIC,
  STATUSES,
  type TicketInputOptions,
} from '../../_lib/tickets.js';
import type { Ticket } from '../../model/index.js';
import { exclude, finishLedger, type Excluded, type InvalidReason } from '../../results/excluded.js';

/**
 * Why a ticket was not counted by {@link interactionsPerTicket}:
 * - `unresolved`: not solved or closed now (with the default `tickets: 'resolved'`);
 * - `summary_only`: the summary field needed (`agentReplies`, `customerReplies`) is missing, or bots are asked
 *   for and the summary cannot separate them;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type InteractionsPerTicketExclusion = 'unresolved' | 'summary_only' | InvalidReason;

/**
 * Options of {@link interactionsPerTicket}.
 *
 * @category Ticket outcomes
 */
export interface InteractionsPerTicketOptions extends TicketInputOptions {
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
export interface InteractionsPerTicketResult {
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
  tickets: readonly Ticket[],
  options?: InteractionsPerTicketOptions,
): InteractionsPerTicketResult {
  // Status facts only: the events form counts its own messages from the scratch arrays below.
  const reader = createTicketReader<InteractionsPerTicketExclusion>(NAME, tickets, options, undefined, true);
  const who = options?.count ?? 'agent';
  if (who !== 'agent' && who !== 'customer' && who !== 'all') {
    optionError(NAME, 'count', `must be 'agent', 'customer' or 'all', got ${JSON.stringify(who)}`);
  }
  const bots = options?.includeBots ?? false;
  if (typeof bots !== 'boolean') optionError(NAME, 'includeBots', 'must be a boolean');
  const which = options?.tickets ?? 'resolved';
  if (which !== 'resolved' && which !== 'all') optionError(NAME, 'tickets', `must be 'resolved' or 'all', got ${JSON.stringify(which)}`);
  const open = options?.openEndedAt ?? 5;
  if (typeof open !== 'number' || !Number.isInteger(open) || open < 1 || open > 1000) {
    optionError(NAME, 'openEndedAt', `must be a whole number from 1 to 1000, got ${JSON.stringify(open)}`);
  }
  const wantAgent = who !== 'customer';
  const wantCustomer = who !== 'agent';
  // Which event kinds are counted: customer messages, agent messages, bot messages (with includeBots).
  const counts = new Uint8Array(K_STATUS + STATUSES.length);
  counts[K_CUSTOMER] = wantCustomer ? 1 : 0;
  counts[K_AGENT] = wantAgent ? 1 : 0;
  counts[K_BOT] = wantAgent && bots ? 1 : 0;
  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  // Histogram of exact counts (grows as needed): gives the distribution and the median without a sort.
  let hist = new Float64Array(64);
  let counted = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!reader.read(tickets, i)) continue;
    if (which === 'resolved' && !isCurrentlyResolved(f)) {
      exclude(ledger, 'unresolved', f.id);
      continue;
    }
    let x = 0;
    if (f.hasEvents) {
      // Branch-free: a public event adds counts[its kind] (1 for the kinds this call counts, else 0).
      const { kind, qual } = reader;
      for (let e = 0; e < f.eventCount; e++) {
        x += (counts[kind[e] as number] as number) & (((qual[e] as number) & Q_PUBLIC) >>> 1); // Q_PUBLIC is bit 1
      }
    } else {
      const a = wantAgent ? f.replyCount : 0;
      const c = wantCustomer ? f.customerCount : 0;
      if (a < 0 || c < 0 || (bots && wantAgent)) {
        exclude(ledger, 'summary_only', f.id);
        continue;
      }
      x = a + c;
    }
    if (x >= hist.length) {
      let size = hist.length;
      while (size <= x) size *= 2;
      const grown = new Float64Array(size);
      grown.set(hist);
      hist = grown;
    }
    hist[x] = (hist[x] as number) + 1;
    counted++;
    total += x;
  }
  // Object.fromEntries, not stores here: see finishLedger (src/results/excluded.ts).
  const entries: [string, number][] = [];
  let tail = 0;
  for (let v = 0; v < hist.length; v++) {
    if (v < open) entries.push([String(v), hist[v] as number]);
    else tail += hist[v] as number;
  }
  entries.push([`${open}+`, tail]);
  const distribution = Object.fromEntries(entries) as Record<string, number>;
  return {
    count: counted,
    total,
    mean: counted === 0 ? undefined : new D(total).div(counted).toNumber(),
    median: counted === 0 ? undefined : medianOfHistogram(hist, counted),
    distribution,
    excluded: finishLedger(ledger),
  };
}

/** The R-7 median of `n` values given as a histogram of whole numbers. */
function medianOfHistogram(hist: Float64Array, n: number): number {
  // h = (n − 1) / 2; the median is x[⌊h⌋] when n is odd, the mean of x[n/2 − 1] and x[n/2] otherwise.
  const lo = Math.floor((n - 1) / 2);
  const hi = n % 2 === 1 ? lo : lo + 1;
  const a = nth(hist, lo);
  const b = hi === lo ? a : nth(hist, hi);
  return (a + b) / 2;
}

/** The value of rank `r` (0-based) in the histogram. */
function nth(hist: Float64Array, r: number): number {
  let seen = 0;
  for (let v = 0; v < hist.length; v++) {
    seen += hist[v] as number;
    if (seen > r) return v;
  }
  return hist.length - 1;
}
