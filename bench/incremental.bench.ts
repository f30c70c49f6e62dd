/**
 * The incremental API (issue 14) on the million tickets, in chunks of 32,768, each row against the one-shot call
 * on the same array in the same run (the same work done at once: the chunked run must give its result exactly,
 * which each row checks), and the cost of a partial state (JSON out and back, merged).
 */
import {
  averageResponseTime,
  backlog,
  firstContactResolution,
  firstResponseTime,
  interactionsPerTicket,
  reopenRate,
  resolutionRate,
  resolutionTime,
  resumeMetric,
  startMetric,
  startMetrics,
  ticketVolume,
  type MetricPlan,
} from '../src/index.js';
import type { Ticket } from '../src/model/index.js';
import { compare, info, type BenchRow } from './harness.js';

const CHUNK = 32_768;
const DAY = 86_400_000;

function same(a: unknown, b: unknown): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the chunked run differs from the one-shot call');
}

/** The ten metrics of the dashboard (bench/pipeline.bench.ts), each by channel, as a plan. */
function dashboardPlan(from: number): MetricPlan {
  const by = 'channel' as const;
  return {
    frt: { metric: firstResponseTime, options: { by } },
    art: { metric: averageResponseTime, options: { by } },
    firstResolution: { metric: resolutionTime, options: { resolution: 'first', by } },
    resolution: { metric: resolutionTime, options: { by } },
    fcr: { metric: firstContactResolution, options: { by } },
    resolved: { metric: resolutionRate, options: { by } },
    reopened: { metric: reopenRate, options: { by } },
    backlog: { metric: backlog, options: { at: from + 180 * DAY, by } },
    interactions: { metric: interactionsPerTicket, options: { by } },
    volume: { metric: ticketVolume, options: { interval: 'day', timeZone: 'UTC', by } },
  };
}

function oneShot(plan: MetricPlan, tickets: readonly Ticket[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(plan).map(([name, e]) => [name, (e.metric as (t: readonly Ticket[], o?: object) => unknown)(tickets, e.options)]));
}

export function incrementalBench(tickets: readonly Ticket[], from: number): BenchRow[] {
  const n = tickets.length;
  const chunks: Ticket[][] = [];
  for (let i = 0; i < n; i += CHUNK) chunks.push(tickets.slice(i, i + CHUNK));
  const by = { by: 'channel' as const };
  const rows: BenchRow[] = [];
  rows.push(
    compare(
      `firstResponseTime by channel, ${chunks.length} chunks (ids checked across chunks) vs the one-shot call`,
      n,
      () => {
        const run = startMetric(firstResponseTime, by);
        for (const c of chunks) run.add(c);
        return run.finish();
      },
      () => firstResponseTime(tickets, by),
      { maxRatio: 1.25, maxHeapMB: 256, runs: 3, check: same },
    ),
  );
  rows.push(
    compare(
      `firstResponseTime by channel, ${chunks.length} chunks, trustIds vs the one-shot call`,
      n,
      () => {
        const run = startMetric(firstResponseTime, by, { trustIds: true });
        for (const c of chunks) run.add(c);
        return run.finish();
      },
      () => firstResponseTime(tickets, by),
      { maxRatio: 1.15, maxHeapMB: 256, runs: 3, check: same },
    ),
  );
  // Two halves, one through JSON: state, stringify, parse, resume, merge, finish.
  const half = Math.floor(chunks.length / 2);
  const a = startMetric(firstResponseTime, by);
  const b = startMetric(firstResponseTime, by);
  let pos = 0;
  chunks.forEach((c, k) => {
    (k < half ? a : b).add(c, { position: pos });
    pos += c.length;
  });
  rows.push(
    info('firstResponseTime by channel: a half-input state to JSON and back, merged, finished', n, () => {
      const text = JSON.stringify(b.state());
      return resumeMetric(firstResponseTime, by, JSON.parse(text) as never).merge(a).finish();
    }),
  );
  const plan = dashboardPlan(from);
  rows.push(
    compare(
      `startMetrics: the dashboard's ten metrics by channel, ${chunks.length} chunks vs the ten one-shot calls`,
      n,
      () => {
        const run = startMetrics(plan);
        for (const c of chunks) run.add(c);
        return run.finish();
      },
      () => oneShot(plan, tickets),
      { maxRatio: 1.25, maxHeapMB: 1024, runs: 2, check: same },
    ),
  );
  return rows;
}
