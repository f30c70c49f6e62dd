/**
 * Erlang B / Erlang C arithmetic shared by `erlangC` and `requiredAgents`, and their input checks.
 *
 * Erlang B by its recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)): every step maps (0, 1] into (0, 1],
 * so there are no factorials, no powers, no overflow, and the relative error grows only like n·ε
 * (about 1e-12 at 5,000 agents). Erlang C from B: C = N·B / (N − A·(1 − B)).
 *
 * @internal
 * @module
 */
import { MetricsError } from '../results/errors.js';

/** @internal Largest traffic and agent count accepted (the cost is linear in them). */
export const MAX_ERLANGS = 1_000_000;

/** @internal Erlang B of `agents` servers offered `traffic` Erlangs. */
export function erlangB(traffic: number, agents: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) {
    const ab = traffic * b;
    b = ab / (n + ab);
  }
  return b;
}

/** @internal Erlang C (probability of waiting) from B; requires agents > traffic. */
export function erlangCFromB(traffic: number, agents: number, b: number): number {
  const c = (agents * b) / (agents - traffic * (1 - b));
  return c > 1 ? 1 : c < 0 ? 0 : c;
}

/** @internal P(wait ≤ t) = 1 − C·e^{−(N − A)·t / AHT}, clamped to [0, 1]. */
export function serviceLevelOf(c: number, traffic: number, agents: number, targetAnswerMs: number, ahtMs: number): number {
  const sl = 1 - c * Math.exp((-(agents - traffic) * targetAnswerMs) / ahtMs);
  return sl < 0 ? 0 : sl > 1 ? 1 : sl;
}

/** @internal Mean wait of all calls: C·AHT / (N − A). */
export function speedOfAnswerOf(c: number, traffic: number, agents: number, ahtMs: number): number {
  return (c * ahtMs) / (agents - traffic);
}

/** @internal Validates a number option by a predicate. */
export function numberOption(
  functionName: string,
  field: string,
  value: unknown,
  ok: (v: number) => boolean,
  domain: string,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new MetricsError({
      code: 'invalid_option',
      functionName,
      field,
      rule: `must be ${domain}, got ${typeof value === 'number' ? String(value) : JSON.stringify(value) ?? 'undefined'}`,
    });
  }
  return value;
}

/** @internal The traffic-defining inputs, validated; returns traffic in Erlangs. */
export function trafficOf(
  functionName: string,
  o: { readonly arrivalsPerInterval?: unknown; readonly intervalMs?: unknown; readonly averageHandleTimeMs?: unknown } | undefined,
): { traffic: number; ahtMs: number } {
  if (o === null || typeof o !== 'object') {
    throw new MetricsError({ code: 'invalid_argument', functionName, field: 'options', rule: 'takes an options object' });
  }
  const arrivals = numberOption(functionName, 'arrivalsPerInterval', o.arrivalsPerInterval, (v) => v >= 0, 'a number ≥ 0');
  const intervalMs = numberOption(functionName, 'intervalMs', o.intervalMs, (v) => v > 0, 'a number of milliseconds > 0');
  const ahtMs = numberOption(functionName, 'averageHandleTimeMs', o.averageHandleTimeMs, (v) => v > 0, 'a number of milliseconds > 0');
  const traffic = (arrivals * ahtMs) / intervalMs;
  if (!(traffic <= MAX_ERLANGS)) {
    throw new MetricsError({
      code: 'invalid_option',
      functionName,
      field: 'arrivalsPerInterval',
      rule: `the offered traffic (${traffic} Erlangs) exceeds ${MAX_ERLANGS.toLocaleString('en-US')} Erlangs`,
    });
  }
  return { traffic, ahtMs };
}
