import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/queueing/erlangC/index.js';
import { D } from '../../src/_lib/decimal.js';
import { MetricsError } from '../../src/results/errors.js';

/** Erlang C straight from the textbook formula with BigInt factorials (A an integer). */
function erlangCFactorial(a: bigint, n: bigint): number {
  const fact = (k: bigint): bigint => (k <= 1n ? 1n : k * fact(k - 1n));
  // Multiply numerator and denominator by N!·(N − A): C = A^N·N / (Σ_{k<N} A^k·N!/k!·(N − A) + A^N·N).
  let sum = 0n;
  for (let k = 0n; k < n; k++) sum += (a ** k * fact(n)) / fact(k);
  const num = a ** n * n;
  return new D(num.toString()).div(new D((sum * (n - a) + num).toString())).toNumber();
}

/**
 * Exact Erlang C for rational A = p/q as a ratio of BigInts, via U_m = m·q·U_{m−1} + p^m
 * (U_m = q^m·Σ_{k≤m} A^k·m!/k!): C = p^N / (U_{N−1}·(N·q − p) + p^N). No rounding until the final division.
 */
function erlangCExact(p: bigint, q: bigint, n: bigint): InstanceType<typeof D> {
  let u = 1n; // U_0 = 1
  let pm = 1n;
  for (let m = 1n; m < n; m++) {
    pm *= p;
    u = m * q * u + pm;
  }
  const pn = pm * p;
  return new D(pn.toString()).div(new D((u * (n * q - p) + pn).toString()));
}

const EXAMPLE = { arrivalsPerInterval: 100, intervalMs: 1_800_000, averageHandleTimeMs: 180_000, targetAnswerMs: 20_000 } as const;

describe('erlangC', () => {
  it('the published 10-Erlang example: 100 calls / 30 min, 180 s, 14 agents (R ErlangC, pyworkforce)', () => {
    const r = erlangC({ ...EXAMPLE, agents: 14 });
    expect(r.trafficErlangs).toBe(10);
    expect(r.stable).toBe(true);
    expect(r.probabilityOfWaiting).toBeCloseTo(0.1741319, 7);
    expect(r.serviceLevel).toBeCloseTo(0.88835, 5);
    expect((r.averageSpeedOfAnswerMs as number) / 1000).toBeCloseTo(7.8359, 4);
    expect(r.occupancy).toBeCloseTo(0.7142857, 7);
  });

  it('agrees with the factorial formula for 11–15 agents to 1e-14', () => {
    const expectedSl: Record<number, number> = {};
    for (let n = 11; n <= 15; n++) {
      const c = erlangCFactorial(10n, BigInt(n));
      const r = erlangC({ ...EXAMPLE, agents: n });
      expect(Math.abs(r.probabilityOfWaiting - c)).toBeLessThan(1e-14);
      expectedSl[n] = 1 - c * Math.exp((-(n - 10) * 20) / 180);
      expect(r.serviceLevel).toBeCloseTo(expectedSl[n] as number, 13);
    }
    // 13 agents miss 80/20, 14 meet it: the staffing answer of the worked example.
    expect(expectedSl[13]).toBeLessThan(0.8);
    expect(expectedSl[14]).toBeGreaterThan(0.8);
  });

  it('Westbay example: 360 calls / 30 min, 240 s, 55 agents, 15 s', () => {
    const r = erlangC({ arrivalsPerInterval: 360, intervalMs: 1_800_000, averageHandleTimeMs: 240_000, agents: 55, targetAnswerMs: 15_000 });
    expect(r.trafficErlangs).toBe(48);
    expect(r.probabilityOfWaiting).toBeCloseTo(0.2387, 4);
    expect((r.averageSpeedOfAnswerMs as number) / 1000).toBeCloseTo(8.184, 3);
    expect(r.serviceLevel).toBeCloseTo(0.8459, 4);
  });

  it('is exact enough at 5,000 agents (relative error < 1e-11 against exact rationals)', () => {
    for (const [p, n] of [
      [4900n, 5000n],
      [4990n, 5000n],
      [2000n, 2050n],
      [1n, 5000n],
    ] as const) {
      const exact = erlangCExact(p, 1n, n);
      const r = erlangC({ arrivalsPerInterval: Number(p), intervalMs: 1000, averageHandleTimeMs: 1000, agents: Number(n), targetAnswerMs: 0 });
      if (exact.lt(1e-300)) {
        expect(r.probabilityOfWaiting).toBe(0);
      } else {
        const rel = new D(r.probabilityOfWaiting).minus(exact).abs().div(exact).toNumber();
        expect(rel).toBeLessThan(1e-11);
      }
    }
    // A fractional traffic: A = 4899.5 (p/q = 9799/2).
    const exact = erlangCExact(9799n, 2n, 5000n).toNumber();
    const r = erlangC({ arrivalsPerInterval: 9799, intervalMs: 2000, averageHandleTimeMs: 1000, agents: 5000, targetAnswerMs: 0 });
    expect(Math.abs(r.probabilityOfWaiting - exact) / exact).toBeLessThan(1e-11);
  });

  it('an unstable queue is a clear result, never NaN', () => {
    for (const agents of [9, 10]) {
      const r = erlangC({ ...EXAMPLE, agents });
      expect(r).toMatchObject({ stable: false, probabilityOfWaiting: 1, serviceLevel: 0, occupancy: 1, averageSpeedOfAnswerMs: undefined });
      expect(r.unstableReason).toMatch(/grows without bound/);
    }
  });

  it('no traffic: nobody waits', () => {
    const r = erlangC({ ...EXAMPLE, arrivalsPerInterval: 0, agents: 1 });
    expect(r).toMatchObject({ trafficErlangs: 0, probabilityOfWaiting: 0, serviceLevel: 1, averageSpeedOfAnswerMs: 0, occupancy: 0 });
  });

  it('validates units and ranges', () => {
    const bad = [
      { intervalMs: 0 },
      { intervalMs: -1 },
      { averageHandleTimeMs: 0 },
      { arrivalsPerInterval: -1 },
      { arrivalsPerInterval: NaN },
      { agents: 0 },
      { agents: 1.5 },
      { targetAnswerMs: -1 },
      { arrivalsPerInterval: 1e12 },
    ];
    for (const patch of bad) {
      try {
        erlangC({ ...EXAMPLE, agents: 14, ...patch });
        expect.unreachable(JSON.stringify(patch));
      } catch (e) {
        expect(e).toBeInstanceOf(MetricsError);
        expect((e as MetricsError).code).toBe('invalid_option');
      }
    }
  });
});
