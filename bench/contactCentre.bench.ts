/**
 * Contact-centre benchmarks on 1M calls: each call metric on the raw array against a hand-written loop over the
 * call objects (ratio ≤ 2.0), and on a prepared set (prepareCalls) against a hand-written loop over the same
 * pre-parsed columns that lists the same exclusions (ratio ≤ 1.5, issue 12); requiredAgents for 10,000
 * intervals of up to 2,000 Erlangs (≤ 1 s).
 */
import { abandonmentRate } from '../src/metrics/abandonmentRate/index.js';
import { averageAbandonTime } from '../src/metrics/averageAbandonTime/index.js';
import { averageHandleTime } from '../src/metrics/averageHandleTime/index.js';
import { averageSpeedOfAnswer } from '../src/metrics/averageSpeedOfAnswer/index.js';
import { serviceLevel } from '../src/metrics/serviceLevel/index.js';
import { requiredAgents } from '../src/queueing/requiredAgents/index.js';
import type { Call } from '../src/model/index.js';
import { prepareCalls, type PreparedCallSet } from '../src/pipeline/callSource.js';
import { ABANDONED, ANSWERED, WAITING, type CallColumns } from '../src/read/callColumns.js';
import { compare, info, timed, type BenchRow } from './harness.js';
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

/** R-7 quantiles of a sorted array. */
function quantiles(s: Float64Array, n: number): [number, number, number] {
  const q = (p: number): number => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return (s[lo] as number) + (h - lo) * ((s[Math.min(lo + 1, n - 1)] as number) - (s[lo] as number));
  };
  return [q(0.5), q(0.9), q(0.95)];
}

/**
 * Excluded ids by reason, as the library lists them (a push per excluded call); returns 1 to count it. A Map
 * of arrays, not an object of a class made per call: V8 throws away the optimised code of a loop whose objects'
 * class died in a collection (decision 14), and the harness collects before every run.
 */
function listed(lists: Map<string, string[]>, reason: string, id: string): number {
  const l = lists.get(reason);
  if (l === undefined) lists.set(reason, [id]);
  else l.push(id);
  return 1;
}

// Hand-written loops over the prepared columns: the same definitions, the same exclusions listed.
function abandonmentColumns(c: CallColumns): [number, number, number] {
  const { outcome, queued, dequeued, ids, n } = c;
  const ex = new Map<string, string[]>();
  let excluded = 0;
  let num = 0;
  let den = 0;
  for (let j = 0; j < n; j++) {
    const o = outcome[j] as number;
    if (o === ANSWERED) den++;
    else if (o === WAITING) excluded += listed(ex, 'in_queue', ids[j] as string);
    else if ((dequeued[j] as number) - (queued[j] as number) < 5000) excluded += listed(ex, 'short_abandon', ids[j] as string);
    else {
      num++;
      den++;
    }
  }
  return [num, den, excluded];
}
function serviceLevelColumns(c: CallColumns): [number, number, number] {
  const { outcome, queued, dequeued, ids, n } = c;
  const ex = new Map<string, string[]>();
  let excluded = 0;
  let num = 0;
  let den = 0;
  for (let j = 0; j < n; j++) {
    const o = outcome[j] as number;
    if (o === WAITING) {
      excluded += listed(ex, 'in_queue', ids[j] as string);
      continue;
    }
    den++;
    if (o === ANSWERED && (dequeued[j] as number) - (queued[j] as number) <= 20_000) num++;
  }
  return [num, den, excluded];
}
/** The summary of `k` durations (sorted here) with their float sum, and the excluded count. */
function durationStats(values: Float64Array, k: number, sum: number, excluded: number): number[] {
  const s = values.subarray(0, k).sort();
  return [k, excluded, sum / k, ...quantiles(s, k)];
}
function asaColumns(c: CallColumns): number[] {
  const { outcome, queued, dequeued, ids, n } = c;
  const ex = new Map<string, string[]>();
  let excluded = 0;
  const values = new Float64Array(n);
  let k = 0;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const o = outcome[j] as number;
    if (o === ANSWERED) {
      const v = (dequeued[j] as number) - (queued[j] as number);
      values[k++] = v;
      sum += v;
    } else excluded += listed(ex, o === WAITING ? 'in_queue' : 'abandoned', ids[j] as string);
  }
  return durationStats(values, k, sum, excluded);
}
function ahtColumns(c: CallColumns): number[] {
  const { outcome, dequeued, ended, wrapUp, ids, n } = c;
  const ex = new Map<string, string[]>();
  let excluded = 0;
  const values = new Float64Array(n);
  let k = 0;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const o = outcome[j] as number;
    if (o !== ANSWERED) {
      excluded += listed(ex, o === WAITING ? 'in_queue' : 'abandoned', ids[j] as string);
      continue;
    }
    const e = ended[j] as number;
    if (e !== e) {
      excluded += listed(ex, 'in_progress', ids[j] as string);
      continue;
    }
    const v = e - (dequeued[j] as number) + (wrapUp[j] as number);
    values[k++] = v;
    sum += v;
  }
  return durationStats(values, k, sum, excluded);
}
function abandonTimeColumns(c: CallColumns): number[] {
  const { outcome, queued, dequeued, ids, n } = c;
  const ex = new Map<string, string[]>();
  let excluded = 0;
  const values = new Float64Array(n);
  let k = 0;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const o = outcome[j] as number;
    if (o === ABANDONED) {
      const v = (dequeued[j] as number) - (queued[j] as number);
      values[k++] = v;
      sum += v;
    } else excluded += listed(ex, o === WAITING ? 'in_queue' : 'answered', ids[j] as string);
  }
  return durationStats(values, k, sum, excluded);
}
/** Hand-written over the objects: handle time (talk + wrap-up) of answered, ended calls. */
function ahtLoop(calls: readonly Call[]): number[] {
  const values = new Float64Array(calls.length);
  let k = 0;
  let sum = 0;
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as Call;
    if (c.answeredAt != null && c.endedAt != null) {
      const v = (c.endedAt as number) - (c.answeredAt as number) + (c.wrapUpMs ?? 0);
      values[k++] = v;
      sum += v;
    }
  }
  const s = values.subarray(0, k).sort();
  return [sum / k, ...quantiles(s, k)];
}

const rate = (r: { numerator: number; denominator: number; excluded: { total: number } }): [number, number, number] => [r.numerator, r.denominator, r.excluded.total];
const summary = (r: { count: number; excluded: { total: number }; meanMs?: number | undefined; medianMs?: number | undefined; percentilesMs: Readonly<Record<string, number | undefined>> }): number[] =>
  [r.count, r.excluded.total, r.meanMs as number, r.medianMs as number, r.percentilesMs.p90 as number, r.percentilesMs.p95 as number];
function close(a: unknown, b: unknown): void {
  const x = a as number[];
  const y = b as number[];
  if (x.length !== y.length || x.some((v, i) => Math.abs(v - (y[i] as number)) > 1e-6 * Math.max(1, Math.abs(v)))) same(a, b);
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
  rows.push(
    compare('averageHandleTime (1M calls)', N, () => {
      const r = averageHandleTime(calls);
      return [r.meanMs, r.medianMs, r.percentilesMs.p90, r.percentilesMs.p95];
    }, () => ahtLoop(calls), { check: close }),
  );

  // Prepared: validated once; each metric against a loop over the same columns (issue 12: ratio ≤ 1.5).
  rows.push(info('prepareCalls (1M calls)', N, () => prepareCalls(calls)));
  const set = prepareCalls(calls) as PreparedCallSet;
  const cols = set.columns;
  const prepared = { maxRatio: 1.5, check: close };
  rows.push(compare('abandonmentRate, prepared (1M calls)', N, () => rate(abandonmentRate(set)), () => abandonmentColumns(cols), prepared));
  rows.push(compare('serviceLevel 20 s, prepared (1M calls)', N, () => rate(serviceLevel(set, { thresholdMs: 20_000 })), () => serviceLevelColumns(cols), prepared));
  rows.push(compare('averageSpeedOfAnswer, prepared (1M calls)', N, () => summary(averageSpeedOfAnswer(set)), () => asaColumns(cols), prepared));
  rows.push(compare('averageHandleTime, prepared (1M calls)', N, () => summary(averageHandleTime(set)), () => ahtColumns(cols), prepared));
  rows.push(compare('averageAbandonTime, prepared (1M calls)', N, () => summary(averageAbandonTime(set)), () => abandonTimeColumns(cols), prepared));
  rows.push(
    compare(
      'five call metrics: prepared (incl. preparation) vs raw arrays (1M calls)',
      N,
      () => {
        const s = prepareCalls(calls);
        return [abandonmentRate(s).numerator, serviceLevel(s, { thresholdMs: 20_000 }).numerator, averageSpeedOfAnswer(s).count, averageHandleTime(s).count, averageAbandonTime(s).count];
      },
      () => [abandonmentRate(calls).numerator, serviceLevel(calls, { thresholdMs: 20_000 }).numerator, averageSpeedOfAnswer(calls).count, averageHandleTime(calls).count, averageAbandonTime(calls).count],
      { informational: true, runs: 3, check: same },
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
