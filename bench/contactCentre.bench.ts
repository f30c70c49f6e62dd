/**
 * Contact-centre benchmarks: abandonment rate, service level and ASA on 1M calls against hand-written loops
 * (ratio ≤ 2.0), and requiredAgents for 10,000 intervals of up to 2,000 Erlangs (≤ 1 s).
 */
import { abandonmentRate } from '../src/metrics/abandonmentRate/index.js';
import { averageSpeedOfAnswer } from '../src/metrics/averageSpeedOfAnswer/index.js';
import { serviceLevel } from '../src/metrics/serviceLevel/index.js';
import { requiredAgents } from '../src/queueing/requiredAgents/index.js';
import type { Call } from '../src/model/index.js';
import { compare, timed, type BenchRow } from './harness.js';
import { generateCalls, generateIntervals } from './generate-calls.js';

const N = 1_000_000;

function same(a: unknown, b: unknown): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`library and loop disagree: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

/** Hand-written: abandoned / (answered + abandoned), short abandons (< 5 s from queue) out of both. */
function abandonmentLoop(calls: readonly Call[]): [number, number] {
  let num = 0;
  let den = 0;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as Call;
    if (c.abandonedAt != null) {
      if ((c.abandonedAt as number) - (c.queuedAt as number) < 5000) continue;
      num++;
      den++;
    } else if (c.answeredAt != null) den++;
  }
  return [num, den];
}

/** Hand-written: answered within 20 s / (answered + abandoned). */
function serviceLevelLoop(calls: readonly Call[]): [number, number] {
  let num = 0;
  let den = 0;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as Call;
    if (c.answeredAt != null) {
      den++;
      if ((c.answeredAt as number) - (c.queuedAt as number) <= 20_000) num++;
    } else if (c.abandonedAt != null) den++;
  }
  return [num, den];
}

/** Hand-written: mean, median (R7) and p90/p95 of answer waits. */
function asaLoop(calls: readonly Call[]): [number, number, number, number] {
  const waits = new Float64Array(calls.length);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as Call;
    if (c.answeredAt != null) {
      const w = (c.answeredAt as number) - (c.queuedAt as number);
      waits[n++] = w;
      sum += w;
    }
  }
  const s = waits.subarray(0, n).sort();
  const q = (p: number): number => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return (s[lo] as number) + (h - lo) * ((s[Math.min(lo + 1, n - 1)] as number) - (s[lo] as number));
  };
  return [sum / n, q(0.5), q(0.9), q(0.95)];
}

export function contactCentreBench(): BenchRow[] {
  const calls = generateCalls(N);
  const rows: BenchRow[] = [];
  rows.push(
    compare(
      'abandonmentRate (1M calls)',
      N,
      () => {
        const r = abandonmentRate(calls);
        return [r.numerator, r.denominator];
      },
      () => abandonmentLoop(calls),
      { check: same },
    ),
  );
  rows.push(
    compare(
      'serviceLevel 20 s, negative (1M calls)',
      N,
      () => {
        const r = serviceLevel(calls, { thresholdMs: 20_000 });
        return [r.numerator, r.denominator];
      },
      () => serviceLevelLoop(calls),
      { check: same },
    ),
  );
  rows.push(
    compare(
      'averageSpeedOfAnswer (1M calls)',
      N,
      () => {
        const r = averageSpeedOfAnswer(calls);
        return [r.meanMs, r.medianMs, r.percentilesMs.p90, r.percentilesMs.p95];
      },
      () => asaLoop(calls),
      {
        check: (a, b) => {
          const x = a as number[];
          const y = b as number[];
          if (x.some((v, i) => Math.abs(v - (y[i] as number)) > 1e-6 * Math.abs(v))) same(a, b);
        },
      },
    ),
  );
  const intervals = generateIntervals(10_000, 2_000);
  rows.push(
    timed(
      'requiredAgents (10,000 intervals ≤ 2,000 Erlangs)',
      intervals.length,
      () => {
        let total = 0;
        for (const iv of intervals) {
          total += requiredAgents({
            arrivalsPerInterval: iv.arrivalsPerInterval,
            intervalMs: 1_800_000,
            averageHandleTimeMs: iv.averageHandleTimeMs,
            targetAnswerMs: 20_000,
            targetServiceLevel: 0.8,
            maxOccupancy: 0.9,
            shrinkage: 0.3,
          }).rosteredAgents;
        }
        return total;
      },
      1000,
    ),
  );
  return rows;
}
