/**
 * The standard normal distribution: CDF, upper tail and quantile, accurate to about 1e-14 relative.
 * Used for confidence intervals (Wilson, margins of error) and z tests.
 *
 * @internal
 * @module
 */
import { MetricsError } from '../results/errors.js';
import { describe } from './options.js';

const INV_SQRT_2PI = 0.3989422804014327;

/** @internal Standard normal density. */
export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** Q(z)·(z + 1/(z + 2/(z + …))) = φ(z) for z ≥ 3: the continued fraction, evaluated from the bottom up. */
function millsDenominator(z: number): number {
  let f = z;
  for (let k = 120; k >= 1; k--) f = z + k / f;
  return f;
}

/** ln φ(0) = −½·ln(2π). */
const LOG_INV_SQRT_2PI = -0.9189385332046728;

/**
 * @internal Upper tail Q(z) = P(Z > z). Series with positive terms below |z| = 3, continued fraction above,
 * so the tail keeps its relative accuracy far out (until it underflows, past z ≈ 38.5).
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) return 1 - normalUpperTail(-z);
  if (z < 3) {
    // Phi(z) = 1/2 + phi(z) * sum z^(2k+1) / (1*3*...*(2k+1))
    let term = z;
    let sum = z;
    for (let k = 1; k < 500; k++) {
      term *= (z * z) / (2 * k + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 0.5 - normalPdf(z) * sum;
  }
  if (z > 40) return 0;
  return normalPdf(z) / millsDenominator(z);
}

/**
 * The Newton step towards Q(z) = q for z ≥ 0: on Q itself below z = 3, on ln Q from there on, where Q
 * underflows (past z ≈ 38.5) and Newton on Q would crawl by about 1/z a step. Positive when z is too small.
 */
function newtonStep(z: number, q: number, logQ: number): number {
  if (z < 3) return (normalUpperTail(z) - q) / normalPdf(z);
  const f = millsDenominator(z);
  return (LOG_INV_SQRT_2PI - 0.5 * z * z - Math.log(f) - logQ) / f;
}

/** @internal Standard normal CDF. */
export function normalCdf(z: number): number {
  return z < 0 ? normalUpperTail(-z) : 1 - normalUpperTail(z);
}

/**
 * @internal The z with P(Z <= z) = p, for 0 < p < 1, down to the smallest double (p = 5e-324 gives
 * −38.4674, as R's `qnorm`). Newton (on ln Q in the tail, see `newtonStep`), guarded by bisection; always
 * finite. A p outside (0, 1) is a library bug (`internal`).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw new MetricsError({ code: 'internal', functionName: 'normalQuantile', field: 'p', rule: `p must lie in (0, 1), got ${describe(p)}` });
  }
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const q = upper ? 1 - p : p; // solve Q(z) = q for z > 0
  const logQ = Math.log(q);
  let lo = 0;
  let hi = 40;
  // Initial guess (Abramowitz & Stegun 26.2.23 flavour).
  const t = Math.sqrt(-2 * logQ);
  let z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  if (!(z > lo && z < hi)) z = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const step = newtonStep(z, q, logQ);
    if (step > 0) lo = z;
    else hi = z;
    let next = z + step;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - z) <= 1e-15 * Math.max(1, Math.abs(z))) {
      z = next;
      break;
    }
    z = next;
  }
  return upper ? z : -z;
}
