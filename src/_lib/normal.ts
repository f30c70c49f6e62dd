/**
 * The standard normal distribution: CDF, upper tail and quantile, accurate to about 1e-14 relative.
 * Used for confidence intervals (Wilson, margins of error) and z tests.
 *
 * @internal
 * @module
 */

const INV_SQRT_2PI = 0.3989422804014327;

/** @internal Standard normal density. */
export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/**
 * @internal Upper tail Q(z) = P(Z > z). Series with positive terms below |z| = 3, continued fraction above,
 * so the tail keeps its relative accuracy far out.
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
  // Q(z) = phi(z) / (z + 1/(z + 2/(z + 3/(z + ...)))), evaluated from the bottom up.
  let f = z;
  for (let k = 120; k >= 1; k--) f = z + k / f;
  return normalPdf(z) / f;
}

/** @internal Standard normal CDF. */
export function normalCdf(z: number): number {
  return z < 0 ? normalUpperTail(-z) : 1 - normalUpperTail(z);
}

/** @internal The z with P(Z <= z) = p, for 0 < p < 1 (Newton on the tail, bisection-guarded). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('normalQuantile: p must lie in (0, 1)');
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const q = upper ? 1 - p : p; // solve Q(z) = q for z > 0
  let lo = 0;
  let hi = 40;
  // Initial guess (Abramowitz & Stegun 26.2.23 flavour).
  const t = Math.sqrt(-2 * Math.log(q));
  let z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  for (let i = 0; i < 100; i++) {
    const f = normalUpperTail(z) - q;
    if (f > 0) lo = z;
    else hi = z;
    let next = z + f / normalPdf(z);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - z) <= 1e-15 * Math.max(1, Math.abs(z))) {
      z = next;
      break;
    }
    z = next;
  }
  return upper ? z : -z;
}
