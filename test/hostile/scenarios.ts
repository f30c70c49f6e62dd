/**
 * Inputs too large (or too dangerous) to run inside the test process: each is run by child.ts in a child
 * process that runBounded (harness.ts) kills at a deadline. Each builds its input deterministically from its
 * argument and returns a small summary; the tests compute the expected summary independently.
 *
 * Not a test file.
 */
import {
  averageResponseTime,
  averageSpeedOfAnswer,
  backlog,
  costPerContact,
  firstResponseTime,
  reopenRate,
  serviceLevel,
  startMetric,
  startMetrics,
  ticketVolume,
} from '../../src/index.js';
import { collidingIds, MON } from './arbitraries.js';

/** `prepare` builds the input (not timed); `run` is the call under the deadline. */
export interface Scenario {
  readonly prepare: (arg: never) => unknown;
  readonly run: (input: never) => unknown;
}

const scenario = <A, I>(prepare: (arg: A) => I, run: (input: I) => unknown): Scenario => ({ prepare, run } as unknown as Scenario);

/** Summary-form tickets with ids that collide in FNV-1a, created 1 ms apart, answered after a minute. */
function collidingTickets(n: number): Array<{ id: string; createdAt: number; firstRespondedAt: number; status: string }> {
  return collidingIds(n).map((id, i) => ({ id, createdAt: MON + i, firstRespondedAt: MON + i + 60_000, status: 'open' }));
}

/** One ticket with `n` events given newest first: customer messages at even seconds, agent replies at odd ones. */
function reversedConversation(n: number): { id: string; createdAt: number; createdBy: 'customer'; events: Array<{ type: 'message'; at: number; author: 'customer' | 'agent' }> } {
  const events: Array<{ type: 'message'; at: number; author: 'customer' | 'agent' }> = [];
  for (let k = n; k >= 1; k--) events.push({ type: 'message', at: MON + k * 1000, author: k % 2 === 0 ? 'customer' : 'agent' });
  return { id: 'T-1', createdAt: MON, createdBy: 'customer', events };
}

/** A sparse array of length 2^32 − 1 holding one record at its end. */
function hugeSparse(record: unknown): unknown[] {
  const a: unknown[] = [];
  a[2 ** 32 - 2] = record;
  return a;
}

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'firstResponseTime/colliding-ids': scenario(collidingTickets, (tickets) => {
    const r = firstResponseTime(tickets);
    return { count: r.count, meanMs: r.meanMs, excluded: r.excluded.total };
  }),
  'firstResponseTime/ordinary-ids-reversed': scenario(
    (n: number) => Array.from({ length: n }, (_, i) => ({ id: `T-${String(n - i).padStart(7, '0')}`, createdAt: MON + i, firstRespondedAt: MON + i + 60_000, status: 'open' })),
    (tickets) => {
      const r = firstResponseTime(tickets);
      return { count: r.count, meanMs: r.meanMs, excluded: r.excluded.total };
    },
  ),
  'averageResponseTime/ordered-events': scenario(
    (n: number) => {
      const t = reversedConversation(n);
      return { ...t, events: [...t.events].reverse() };
    },
    (ticket) => {
      const r = averageResponseTime([ticket]);
      return { count: r.count, meanMs: r.meanMs, openCycles: r.openCycles };
    },
  ),
  'ticketVolume/colliding-ids': scenario(collidingTickets, (tickets) => {
    const r = ticketVolume(tickets, { interval: 'day', timeZone: 'UTC' });
    return { total: r.total, buckets: r.buckets.length, excluded: r.excluded.total };
  }),
  'backlog/colliding-ids': scenario(collidingTickets, (tickets) => {
    const r = backlog(tickets, { at: MON + 86_400_000 });
    return { count: r.count, excluded: r.excluded.total };
  }),
  'averageSpeedOfAnswer/colliding-ids': scenario(
    (n: number) => collidingIds(n).map((id, i) => ({ id, queuedAt: MON + i, answeredAt: MON + i + 5000 })),
    (calls) => {
      const r = averageSpeedOfAnswer(calls);
      return { count: r.count, meanMs: r.meanMs, excluded: r.excluded.total };
    },
  ),
  'serviceLevel/rows-colliding-ids': scenario(
    (n: number) => collidingIds(n).map((id) => ({ id, offered: 2, answered: 2, abandoned: 0, answeredWithin: 1 })),
    (rows) => {
      const r = serviceLevel(rows);
      return { numerator: r.numerator, denominator: r.denominator };
    },
  ),
  'averageResponseTime/reversed-events': scenario(reversedConversation, (ticket) => {
    const r = averageResponseTime([ticket]);
    return { count: r.count, meanMs: r.meanMs, openCycles: r.openCycles };
  }),
  'reopenRate/reversed-statuses': scenario(
    (n: number) => {
      const events: Array<{ type: 'status'; at: number; status: 'solved' | 'open' }> = [];
      for (let k = n; k >= 1; k--) events.push({ type: 'status', at: MON + k * 1000, status: k % 2 === 1 ? 'solved' : 'open' });
      return [{ id: 'T-1', createdAt: MON, events }];
    },
    (tickets) => {
      const r = reopenRate(tickets);
      return { numerator: r.numerator, denominator: r.denominator };
    },
  ),
  'costPerContact/huge-exponent': scenario(
    (amount: string) => [{ amount, currency: 'EUR' }],
    (costs) => costPerContact(costs, { email: 1 }, { allocateShared: 'by-contacts' }).totalCost.toString().slice(0, 40),
  ),
  'firstResponseTime/huge-sparse': scenario(
    () => hugeSparse({ id: 'A', createdAt: MON, events: [] }),
    (tickets) => firstResponseTime(tickets as never).count,
  ),
  'ticketVolume/huge-sparse': scenario(
    () => hugeSparse({ id: 'A', createdAt: MON, events: [] }),
    (tickets) => ticketVolume(tickets as never, { interval: 'day', timeZone: 'UTC' }).total,
  ),
  'averageSpeedOfAnswer/huge-sparse': scenario(
    () => hugeSparse({ id: 'A', queuedAt: MON }),
    (calls) => averageSpeedOfAnswer(calls as never).count,
  ),
  // The incremental API's own pass over a chunk (the cross-chunk id check) comes before the metric reads it.
  'startMetric/huge-sparse': scenario(
    () => hugeSparse({ id: 'A', createdAt: MON, events: [] }),
    (tickets) => startMetric(firstResponseTime).add([{ id: 'B', createdAt: MON, events: [] }]).add(tickets as never).finish().count,
  ),
  'startMetrics/huge-sparse': scenario(
    () => hugeSparse({ id: 'A', createdAt: MON, events: [] }),
    (tickets) => (startMetrics({ frt: { metric: firstResponseTime } }).add(tickets as never).finish().frt as { count: number }).count,
  ),
};
