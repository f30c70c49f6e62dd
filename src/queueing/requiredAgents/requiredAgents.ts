/**
 * Required agents (Erlang C staffing).
 *
 * Formula: the least N ≥ ⌊A⌋ + 1 with SL(N) ≥ targetServiceLevel, A/N ≤ maxOccupancy and (optionally)
 * ASA(N) ≤ targetAverageSpeedOfAnswerMs; rostered = ⌈N / (1 − shrinkage)⌉ (exact decimal division).
 * Default definition: the Erlang C staffing of workforce-management tools (Call Centre Helper's worked
 * example, pyworkforce, the R ErlangC package). Options: the erlangC inputs, targetServiceLevel,
 * maxOccupancy, shrinkage, targetAverageSpeedOfAnswerMs.
 *
 * @module
 */
import { D, toDouble } from '../../_lib/decimal.js';
import { MetricsError } from '../../results/errors.js';
import { erlangB, erlangCFromB, msOption, numberOption, serviceLevelOf, speedOfAnswerOf, trafficOf } from '../erlangMath.js';

/**
 * Inputs of {@link requiredAgents}. All times in ms.
 *
 * @category Queueing
 */
export interface RequiredAgentsOptions {
  /** Calls expected in the interval (may be fractional), ≥ 0. */
  readonly arrivalsPerInterval: number;
  /** Length of the interval in ms, > 0. */
  readonly intervalMs: number;
  /** Average handle time in ms, > 0. */
  readonly averageHandleTimeMs: number;
  /** The service-level threshold in ms, ≥ 0 (20,000 for 80/20). */
  readonly targetAnswerMs: number;
  /** The share of calls to answer within `targetAnswerMs`, in (0, 1) (0.8 for 80/20). */
  readonly targetServiceLevel: number;
  /** The highest acceptable occupancy A/N, in (0, 1]. @defaultValue `1` (no cap) */
  readonly maxOccupancy?: number | undefined;
  /** The share of paid time agents are not available (breaks, training, absence), in [0, 1). @defaultValue `0` */
  readonly shrinkage?: number | undefined;
  /** An optional cap on the average speed of answer, in ms, > 0. */
  readonly targetAverageSpeedOfAnswerMs?: number | undefined;
}

/**
 * A target of {@link requiredAgents}: `'stability'` means one agent fewer would not exceed the traffic.
 *
 * @category Queueing
 */
export type StaffingConstraint = 'stability' | 'serviceLevel' | 'occupancy' | 'averageSpeedOfAnswer';

/**
 * The staffing that meets every target, with what Erlang C predicts for it.
 *
 * @category Queueing
 */
export interface RequiredAgentsResult {
  /** The minimum agents on the phones (raw staffing). */
  readonly agents: number;
  /** Agents to roster after shrinkage: ⌈agents / (1 − shrinkage)⌉. */
  readonly rosteredAgents: number;
  /** Offered traffic, in Erlangs. */
  readonly trafficErlangs: number;
  /** Predicted probability of waiting with `agents`. */
  readonly probabilityOfWaiting: number;
  /** Predicted service level with `agents`. */
  readonly serviceLevel: number;
  /** Predicted average speed of answer with `agents`, ms. */
  readonly averageSpeedOfAnswerMs: number;
  /** Predicted occupancy with `agents`. */
  readonly occupancy: number;
  /** The shrinkage applied. */
  readonly shrinkage: number;
  /** The targets that `agents − 1` would miss: the proof that `agents` is the minimum. */
  readonly binding: readonly StaffingConstraint[];
}

const NAME = 'requiredAgents';
const OPTIONS: readonly (keyof RequiredAgentsOptions)[] = [
  'arrivalsPerInterval',
  'intervalMs',
  'averageHandleTimeMs',
  'targetAnswerMs',
  'targetServiceLevel',
  'maxOccupancy',
  'shrinkage',
  'targetAverageSpeedOfAnswerMs',
];
const MAX_AGENTS = 2_000_000;

/**
 * The minimum number of agents that meets every target under Erlang C, and the rostered headcount after
 * shrinkage. The search starts at ⌊A⌋ + 1 (fewer agents cannot carry the traffic) and steps up one agent at a
 * time, so the answer is the minimum by construction; `binding` names the targets one agent fewer misses.
 *
 * Cost: O(agents) (the Erlang B recursion is advanced one agent per step).
 *
 * @category Queueing
 * @param options - the forecast and the targets
 * @returns a {@link RequiredAgentsResult}
 * @throws {@link MetricsError} `invalid_option` for inputs out of range (interval or handle time ≤ 0, a time
 *   above 2^53 − 1 ms, service level outside (0, 1), occupancy outside (0, 1], shrinkage outside [0, 1));
 *   `invalid_option` for a key it does not know
 * @example
 * ```ts
 * import { requiredAgents } from 'helpdesk-metrics';
 * const r = requiredAgents({ arrivalsPerInterval: 100, intervalMs: 1_800_000, averageHandleTimeMs: 180_000,
 *   targetAnswerMs: 20_000, targetServiceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 });
 * r.agents;         //=> 14
 * r.rosteredAgents; //=> 20
 * r.serviceLevel;   //=> 0.88835...
 * r.binding;        //=> ['serviceLevel'] (13 agents give 79.56%)
 * ```
 */
export function requiredAgents(options: RequiredAgentsOptions): RequiredAgentsResult {
  const { traffic, ahtMs } = trafficOf(NAME, options, OPTIONS);
  const t = msOption(NAME, 'targetAnswerMs', options.targetAnswerMs, true);
  const sl = numberOption(NAME, 'targetServiceLevel', options.targetServiceLevel, (v) => v > 0 && v < 1, 'a number in (0, 1)');
  const maxOcc =
    options.maxOccupancy === undefined ? 1 : numberOption(NAME, 'maxOccupancy', options.maxOccupancy, (v) => v > 0 && v <= 1, 'a number in (0, 1]');
  const shrinkage =
    options.shrinkage === undefined ? 0 : numberOption(NAME, 'shrinkage', options.shrinkage, (v) => v >= 0 && v < 1, 'a number in [0, 1)');
  const maxAsa =
    options.targetAverageSpeedOfAnswerMs === undefined
      ? Infinity
      : msOption(NAME, 'targetAverageSpeedOfAnswerMs', options.targetAverageSpeedOfAnswerMs, false);

  let n = Math.floor(traffic) + 1;
  let b = erlangB(traffic, n);
  let binding: StaffingConstraint[] = ['stability'];
  for (;;) {
    const c = erlangCFromB(traffic, n, b);
    const level = serviceLevelOf(c, traffic, n, t, ahtMs);
    const asa = speedOfAnswerOf(c, traffic, n, ahtMs);
    const occupancy = traffic / n;
    const failed: StaffingConstraint[] = [];
    if (!(level >= sl)) failed.push('serviceLevel');
    if (!(occupancy <= maxOcc)) failed.push('occupancy');
    if (!(asa <= maxAsa)) failed.push('averageSpeedOfAnswer');
    if (failed.length === 0) {
      return {
        agents: n,
        rosteredAgents: toDouble(new D(n).div(new D(1).minus(shrinkage)).ceil()),
        trafficErlangs: traffic,
        probabilityOfWaiting: c,
        serviceLevel: level,
        averageSpeedOfAnswerMs: asa,
        occupancy,
        shrinkage,
        binding,
      };
    }
    binding = failed;
    n++;
    if (n > MAX_AGENTS) {
      throw new MetricsError({
        code: 'invalid_option',
        functionName: NAME,
        field: 'targetServiceLevel',
        rule: `no staffing up to ${MAX_AGENTS} agents meets the targets`,
      });
    }
    const ab = traffic * b;
    b = ab / (n + ab);
  }
}
