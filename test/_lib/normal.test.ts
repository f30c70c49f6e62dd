import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/_lib/normal.js';
import { MetricsError } from '../../src/results/errors.js';

const Big = Decimal.clone({ precision: 60 });

/** Q(z) = P(Z > z) for z ≥ 5 in 60-digit decimals: φ(z) / (z + 1/(z + 2/(z + …))), 400 terms. */
function upperTailOracle(z: number): Decimal {
  const x = new Big(z);
  let f = x;
  for (let k = 400; k >= 1; k--) f = x.plus(new Big(k).div(f));
  const pdf = x.times(x).div(-2).exp().div(Big.acos(-1).times(2).sqrt());
  return pdf.div(f);
}

describe('normalQuantile at the extremes', () => {
  it('finds the tail quantile down to the smallest double (Newton on ln Q, not on Q)', () => {
    // R: qnorm(4.940656e-324) = -38.4674, qnorm(1e-300) = -37.0471, qnorm(1e-100) = -21.2735.
    expect(normalQuantile(5e-324)).toBeCloseTo(-38.4674056, 6);
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0470963, 6);
    for (const p of [5e-324, 1e-320, 2.2250738585072014e-308, 1e-300, 1e-200, 1e-100, 1e-30, 1e-12]) {
      const z = normalQuantile(p);
      expect(Number.isFinite(z)).toBe(true);
      // Q(−z) = p to about 1e-11 relative (dQ/Q = z·dz, and z·1e-15·38 < 1e-12), or to the spacing of the
      // denormals (5e-324 stands for 2^-1074 = 4.94e-324: below 2.2e-308 a double has few digits).
      const q = upperTailOracle(-z).toNumber();
      expect(Math.abs(q - p)).toBeLessThanOrEqual(Math.max(1e-11 * p, 2 * Number.MIN_VALUE));
    }
  });

  it('is symmetric, finite just beside 1/2 and just below 1, and 0 (not −0) at 1/2', () => {
    expect(normalQuantile(1 - 2 ** -53)).toBeCloseTo(8.2095361516, 8);
    expect(normalQuantile(0.5 + 2 ** -53)).toBeCloseTo(2 ** -53 * Math.sqrt(2 * Math.PI), 16);
    expect(Object.is(normalQuantile(0.5), 0)).toBe(true);
    expect(normalQuantile(1e-10)).toBeCloseTo(-normalQuantile(1 - 1e-10), 6);
  });

  it('outside (0, 1) is a library bug: a MetricsError with code internal, not a RangeError', () => {
    for (const p of [0, 1, NaN, -1]) {
      let caught: unknown;
      try {
        normalQuantile(p);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(MetricsError);
      expect((caught as MetricsError).code).toBe('internal');
    }
  });
});
