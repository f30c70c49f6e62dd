/**
 * NPS and CSAT over 10M scores vs a hand-written loop (validation-free counting + one division).
 * Data: plain number arrays from bench/generate-surveys.ts (the common input), plus a Uint8Array copy.
 */
import { compare, type BenchRow } from './harness.js';
import { generateCsatScores, generateNpsScores } from './generate-surveys.js';
import { netPromoterScore } from '../src/metrics/netPromoterScore/index.js';
import { customerSatisfactionScore } from '../src/metrics/customerSatisfactionScore/index.js';

function npsLoop(xs: ArrayLike<number>): number {
  let p = 0;
  let d = 0;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    const s = xs[i] as number;
    if (s >= 9) p++;
    else if (s <= 6) d++;
  }
  return (100 * (p - d)) / n;
}

function csatLoop(xs: ArrayLike<number>): number {
  let sat = 0;
  const n = xs.length;
  for (let i = 0; i < n; i++) if ((xs[i] as number) >= 4) sat++;
  return (100 * sat) / n;
}

function agree(a: unknown, b: unknown): void {
  const x = a as number;
  const y = b as number;
  if (!(Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)))) throw new Error(`bench: library ${x} ≠ loop ${y}`);
}

export function surveysAndCostBench(n = 10_000_000): BenchRow[] {
  const nps = generateNpsScores(n);
  const csat = generateCsatScores(n);
  const nps8 = Uint8Array.from(nps);
  const csat8 = Uint8Array.from(csat);
  const opts = { maxRatio: 1.5, runs: 5 };
  return [
    compare('netPromoterScore (number[])', n, () => netPromoterScore(nps).score, () => npsLoop(nps), { ...opts, check: agree }),
    compare('netPromoterScore (Uint8Array)', n, () => netPromoterScore(nps8).score, () => npsLoop(nps8), { ...opts, check: agree }),
    compare('customerSatisfactionScore (number[])', n, () => customerSatisfactionScore(csat).score, () => csatLoop(csat), { ...opts, check: agree }),
    compare('customerSatisfactionScore (Uint8Array)', n, () => customerSatisfactionScore(csat8).score, () => csatLoop(csat8), { ...opts, check: agree }),
  ];
}
