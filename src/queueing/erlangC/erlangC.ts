/**
 * Erlang C: the M/M/N queue of a contact centre.
 *
 * Formula: A = arrivals × AHT / interval (Erlangs); P(wait) = C(N, A) from the Erlang B recursion;
 * SL = 1 − P(wait)·e^{−(N − A)·t/AHT}; ASA = P(wait)·AHT / (N − A); occupancy = A / N.
 * Assumes Poisson arrivals, exponential handle times, no abandonment (callers wait forever).
 * Options: arrivalsPerInterval, intervalMs, averageHandleTimeMs, agents, targetAnswerMs.
 *
 * @module
 */
import { MAX_ERLANGS, erlangB, erlangCFromB, msOption, numberOption, serviceLevelOf, speedOfAnswerOf, trafficOf } from '../erlangMath.js';

/**
 * Inputs of {@link erlangC}: the forecast of one interval and the agents on it. All times in ms.
 *
 * @category Queueing
 */
export interface ErlangCOptions {
  /** Calls expected in the interval (may be fractional: a forecast), ≥ 0. */
  readonly arrivalsPerInterval: number;
  /** Length of the interval in ms, > 0 (1,800,000 for half an hour), at most 2^53 − 1. */
  readonly intervalMs: number;
  /** Average handle time in ms, > 0, at most 2^53 − 1. */
  readonly averageHandleTimeMs: number;
  /** Agents answering, a whole number ≥ 1 (at most 1,000,000). */
  readonly agents: number;
  /** The service-level threshold in ms, ≥ 0 ("20 seconds" of 80/20: 20,000), at most 2^53 − 1. */
  readonly targetAnswerMs: number;
}

/**
 * What Erlang C predicts for one interval. Every field is a finite number (never NaN, ±Infinity or −0)
 * except `averageSpeedOfAnswerMs`, which is `undefined` for an unstable queue.
 *
 * @category Queueing
 */
export interface ErlangCResult {
  /** Offered traffic A = arrivals × AHT / interval, in Erlangs. */
  readonly trafficErlangs: number;
  /** The agents given. */
  readonly agents: number;
  /** `agents > trafficErlangs`: the queue has a steady state. */
  readonly stable: boolean;
  /** Probability that a call waits at all, in [0, 1] (1 for an unstable queue). */
  readonly probabilityOfWaiting: number;
  /** Probability that a call is answered within `targetAnswerMs`, in [0, 1] (0 for an unstable queue). */
  readonly serviceLevel: number;
  /** Mean wait over all calls (those answered at once count 0); `undefined` (infinite) when unstable. */
  readonly averageSpeedOfAnswerMs: number | undefined;
  /** A / N, the share of agent time spent on calls, in [0, 1] (1 when unstable). */
  readonly occupancy: number;
  /** Why the queue is unstable, or `undefined` when it is stable. */
  readonly unstableReason: string | undefined;
}

const NAME = 'erlangC';
const OPTIONS: readonly (keyof ErlangCOptions)[] = ['arrivalsPerInterval', 'intervalMs', 'averageHandleTimeMs', 'agents', 'targetAnswerMs'];

/**
 * Erlang C: probability of waiting, service level, average speed of answer and occupancy for `agents`
 * agents facing the forecast traffic. Computed with the Erlang B recursion (no factorials), accurate to
 * about 1e-12 relative even for thousands of agents.
 *
 * When `agents ≤ trafficErlangs` the queue grows without bound: the result says `stable: false`,
 * `probabilityOfWaiting: 1`, `serviceLevel: 0`, `occupancy: 1`, and `averageSpeedOfAnswerMs: undefined`
 * with `unstableReason`.
 *
 * Cost: O(agents).
 *
 * @category Queueing
 * @param options - the interval's forecast and staffing
 * @returns an {@link ErlangCResult}
 * @throws {@link MetricsError} `invalid_option` for a negative or zero interval or handle time, negative
 *   arrivals or threshold, a time above 2^53 − 1 ms, traffic above 1,000,000 Erlangs, or agents that are not
 *   a whole number in [1, 1000000]; `invalid_option` for a key it does not know
 * @example
 * ```ts
 * import { erlangC } from 'helpdesk-metrics';
 * const r = erlangC({ arrivalsPerInterval: 100, intervalMs: 1_800_000, averageHandleTimeMs: 180_000,
 *   agents: 14, targetAnswerMs: 20_000 });
 * r.trafficErlangs;         //=> 10
 * r.probabilityOfWaiting;   //=> 0.17413...
 * r.serviceLevel;           //=> 0.88835...
 * r.averageSpeedOfAnswerMs; //=> 7835.9...
 * r.occupancy;              //=> 0.7142857142857143
 * ```
 */
export function erlangC(options: ErlangCOptions): ErlangCResult {
  const { traffic, ahtMs } = trafficOf(NAME, options, OPTIONS);
  const agents = numberOption(NAME, 'agents', options.agents, (v) => Number.isInteger(v) && v >= 1 && v <= MAX_ERLANGS, 'a whole number in [1, 1000000]');
  const t = msOption(NAME, 'targetAnswerMs', options.targetAnswerMs, true);
  if (!(agents > traffic)) {
    return {
      trafficErlangs: traffic,
      agents,
      stable: false,
      probabilityOfWaiting: 1,
      serviceLevel: 0,
      averageSpeedOfAnswerMs: undefined,
      occupancy: 1,
      unstableReason: `${agents} agents cannot carry ${traffic} Erlangs: the queue grows without bound (agents must exceed the traffic)`,
    };
  }
  const c = erlangCFromB(traffic, agents, erlangB(traffic, agents));
  return {
    trafficErlangs: traffic,
    agents,
    stable: true,
    probabilityOfWaiting: c,
    serviceLevel: serviceLevelOf(c, traffic, agents, t, ahtMs),
    averageSpeedOfAnswerMs: speedOfAnswerOf(c, traffic, agents, ahtMs),
    occupancy: traffic / agents,
    unstableReason: undefined,
  };
}
