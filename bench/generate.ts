/**
 * Seeded generator of realistic tickets, shared by the benchmarks, the report and examples/data.
 *
 * What it makes (proportions are approximate):
 * - channels email 45 %, web 20 %, chat 20 %, phone 10 %, social 5 %; priorities low/normal/high/urgent;
 * - creation times over `days` days from 2026-01-05 (a Monday), weighted towards weekday working hours,
 *   with bursty days;
 * - 8 % agent-created (outbound) tickets, opened by a public agent message;
 * - chat tickets get a bot greeting first; some agents write internal notes before replying;
 * - 7 % never answered, 15 % still unresolved (both set by options), about 8 % reopened after a solve;
 * - 4–12 events each, in chronological order except for one ticket in ten, whose events are shuffled;
 * - a requester pool a third the size of the ticket count (repeat contacts), 1 % spam, 1 % merged tags.
 *
 * Deterministic: the same (count, seed, options) gives the same tickets on every machine.
 */
import type { MessageEvent, StatusEvent, Ticket, TicketEvent, TicketStatus } from '../src/model/index.js';

/** mulberry32: a small, fast, seeded 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  /** Days the creation times spread over. @defaultValue 90 */
  readonly days?: number;
  /** `'ms'`: epoch-ms numbers (fast); `'iso'`: ISO strings with `Z`. @defaultValue 'ms' */
  readonly timestamps?: 'ms' | 'iso';
  /** Start of the creation window. @defaultValue 2026-01-05T00:00:00Z */
  readonly startMs?: number;
  /** Share of customer-created tickets that get no answer at all. @defaultValue 0.07 */
  readonly unansweredShare?: number;
  /** Share of answered tickets left unresolved (a last customer message, or none). @defaultValue 0.15 */
  readonly unresolvedShare?: number;
}

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const CHANNELS = ['email', 'email', 'email', 'email', 'email', 'email', 'email', 'email', 'email', 'web', 'web', 'web', 'web', 'chat', 'chat', 'chat', 'chat', 'phone', 'phone', 'social'] as const;
const PRIORITIES = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'] as const;
// Relative ticket arrivals by UTC hour (a European-ish working day).
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 7, 9, 10, 9, 8, 6, 4, 3, 2, 2, 1, 1];
const HOUR_CDF = (() => {
  const total = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  let acc = 0;
  return HOUR_WEIGHTS.map((w) => (acc += w) / total);
})();

/** Generates `count` tickets in the events form. */
export function generateTickets(count: number, seed: number, options: GenerateOptions = {}): Ticket[] {
  const out: Ticket[] = new Array(count);
  let k = 0;
  for (const chunk of generateTicketChunks(count, seed, options)) for (const t of chunk) out[k++] = t;
  return out;
}

/**
 * The same tickets as {@link generateTickets}, in order, `chunkSize` at a time: a caller that writes each chunk
 * and drops it (bench/files.ts) holds one chunk, whatever `count` is.
 */
export function* generateTicketChunks(count: number, seed: number, options: GenerateOptions = {}, chunkSize = 65_536): Generator<Ticket[]> {
  const rnd = mulberry32(seed);
  const days = options.days ?? 90;
  const start = options.startMs ?? Date.UTC(2026, 0, 5);
  const iso = options.timestamps === 'iso';
  const unansweredShare = options.unansweredShare ?? 0.07;
  const unresolvedShare = options.unresolvedShare ?? 0.15;
  const ts = (ms: number): number | string => (iso ? new Date(ms).toISOString() : ms);
  const requesters = Math.max(1, Math.floor(count / 3));
  const agents = 40;
  // Bursty days: each day gets a weight in [0.5, 2); weekends a fifth.
  const dayCdf: number[] = [];
  let acc = 0;
  for (let d = 0; d < days; d++) {
    const weekday = (new Date(start + d * DAY).getUTCDay() + 6) % 7;
    acc += (0.5 + rnd() * 1.5) * (weekday >= 5 ? 0.2 : 1);
    dayCdf.push(acc);
  }
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const searchCdf = (cdf: readonly number[], u: number): number => {
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Waiting times: mostly minutes to hours, a long tail of days.
  const wait = (): number => {
    const u = rnd();
    if (u < 0.35) return Math.floor(1 * MIN + rnd() * 30 * MIN);
    if (u < 0.75) return Math.floor(30 * MIN + rnd() * 5 * HOUR);
    if (u < 0.95) return Math.floor(5 * HOUR + rnd() * 24 * HOUR);
    return Math.floor(DAY + rnd() * 4 * DAY);
  };

  let out: Ticket[] = [];
  let first = 0;
  for (let i = 0; i < count; i++) {
    if (i - first === out.length) {
      if (i > 0) yield out;
      first = i;
      out = new Array(Math.min(chunkSize, count - i));
    }
    const day = searchCdf(dayCdf, rnd() * acc);
    const hour = searchCdf(HOUR_CDF, rnd());
    const created = start + day * DAY + hour * HOUR + Math.floor(rnd() * HOUR);
    const channel = pick(CHANNELS);
    const agentCreated = rnd() < 0.08;
    const agentId = `A-${1 + Math.floor(rnd() * agents)}`;
    const events: TicketEvent[] = [];
    const msg = (at: number, author: MessageEvent['author'], isPublic = true): void => {
      const e: { type: 'message'; at: number | string; author: MessageEvent['author']; public?: boolean; authorId?: string } = { type: 'message', at: ts(at), author };
      if (!isPublic) e.public = false;
      if (author === 'agent') e.authorId = agentId;
      events.push(e as MessageEvent);
    };
    const status = (at: number, s: TicketStatus): void => {
      events.push({ type: 'status', at: ts(at), status: s } as StatusEvent);
    };
    let t = created;
    const room = (k: number): boolean => events.length + k <= 12;
    status(t, 'new');
    if (agentCreated) msg(t, 'agent');
    else msg(t, 'customer');
    if (channel === 'chat') msg(t + 2_000 + Math.floor(rnd() * 5_000), 'bot');
    const unanswered = !agentCreated && rnd() < unansweredShare;
    if (unanswered) {
      msg(t + 1_000, 'system', false);
      msg(t + wait(), 'customer');
    } else {
      const rounds = rnd() < 0.55 ? 1 : rnd() < 0.7 ? 2 : 3;
      for (let r = 0; r < rounds && room(5); r++) {
        t += wait();
        if (rnd() < 0.25) {
          msg(t, 'agent', false); // internal note first
          t += Math.floor(rnd() * 20 * MIN);
        }
        if (agentCreated && r === 0) {
          t += wait();
          msg(t, 'customer');
          t += wait();
        }
        msg(t, 'agent');
        status(t, r === 0 ? 'open' : 'pending');
        if (r < rounds - 1 && room(4)) {
          t += wait();
          msg(t, 'customer');
          if (rnd() < 0.3) msg(t + Math.floor(rnd() * 10 * MIN), 'customer');
        }
      }
      const unresolved = rnd() < unresolvedShare;
      if (!unresolved) {
        t += Math.floor(rnd() * 2 * DAY);
        status(t, 'solved');
        if (rnd() < 0.1 && room(2)) {
          t += wait();
          msg(t, 'customer');
          status(t, 'open');
          if (rnd() < 0.7 && room(2)) {
            t += wait();
            msg(t, 'agent');
            status(t, 'solved');
          }
        }
      } else if (room(1)) {
        msg(t + wait(), 'customer');
      }
    }
    if (rnd() < 0.1) {
      for (let j = events.length - 1; j > 0; j--) {
        const k = Math.floor(rnd() * (j + 1));
        const tmp = events[j] as TicketEvent;
        events[j] = events[k] as TicketEvent;
        events[k] = tmp;
      }
    }
    const tags: string[] = [];
    const u = rnd();
    if (u < 0.01) tags.push('spam');
    else if (u < 0.02) tags.push('closed_by_merge');
    out[i - first] = {
      id: `T-${String(i + 1).padStart(7, '0')}`,
      createdAt: ts(created),
      channel,
      priority: pick(PRIORITIES),
      assigneeId: agentId,
      requesterId: `U-${1 + Math.floor(rnd() * requesters)}`,
      tags,
      createdBy: agentCreated ? 'agent' : 'customer',
      events,
    };
  }
  if (count > 0) yield out;
}
