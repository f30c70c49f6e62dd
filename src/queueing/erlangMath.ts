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
import { D, plusZero, toDouble } from '../_lib/decimal.js';
import { checkOptionKeys, describe } from '../_lib/options.js';
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

/**
 * @internal The longest time in ms an input may give (2^53 − 1 ms, 285,616 years): with every time below it,
 * every output is finite (ASA ≤ AHT / (N − A) < 1e32 ms, as N − A ≥ 1.1e-16 when positive).
 */
export const MAX_MS = Number.MAX_SAFE_INTEGER;

/** @internal Validates a finite number option by a predicate; −0 reads as 0. */
export function numberOption(
  functionName: string,
  field: string,
  value: unknown,
  ok: (v: number) => boolean,
  domain: string,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new MetricsError({ code: 'invalid_option', functionName, field, rule: `must be ${domain}, got ${describe(value)}` });
  }
  return plusZero(value);
}

/** @internal Validates a time option in ms: finite, > 0 (or ≥ 0 with `zero`), at most {@link MAX_MS}. */
export function msOption(functionName: string, field: string, value: unknown, zero: boolean): number {
  return numberOption(
    functionName,
    field,
    value,
    (v) => (zero ? v >= 0 : v > 0) && v <= MAX_MS,
    `a number of milliseconds ${zero ? '≥' : '>'} 0 and at most 2^53 − 1`,
  );
}

/**
 * @internal Checks the options object and its keys, validates the traffic-defining inputs and returns the
 * traffic in Erlangs, arrivals × AHT / interval divided exactly once (no overflow or underflow on the way).
 */
export function trafficOf(
  functionName: string,
  o: { readonly arrivalsPerInterval?: unknown; readonly intervalMs?: unknown; readonly averageHandleTimeMs?: unknown } | undefined,
  known: readonly string[],
): { traffic: number; ahtMs: number } {
  if (o === null || typeof o !== 'object') {
    throw new MetricsError({ code: 'invalid_argument', functionName, field: 'options', rule: `takes an options object, got ${describe(o)}` });
  }
  checkOptionKeys(functionName, o, known);
  const arrivals = numberOption(functionName, 'arrivalsPerInterval', o.arrivalsPerInterval, (v) => v >= 0, 'a number ≥ 0');
  const intervalMs = msOption(functionName, 'intervalMs', o.intervalMs, false);
  const ahtMs = msOption(functionName, 'averageHandleTimeMs', o.averageHandleTimeMs, false);
  const exact = new D(arrivals).times(ahtMs).div(intervalMs);
  if (exact.gt(MAX_ERLANGS)) {
    throw new MetricsError({
      code: 'invalid_option',
      functionName,
      field: 'arrivalsPerInterval',
      rule: `the offered traffic arrivalsPerInterval × averageHandleTimeMs / intervalMs (${exact.toSignificantDigits(6).toString()} Erlangs) exceeds ${MAX_ERLANGS.toLocaleString('en-US')} Erlangs`,
    });
  }
  return { traffic: toDouble(exact), ahtMs };
}
