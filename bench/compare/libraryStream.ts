/**
 * The library side of the comparison through the Node streaming entry (issue 14): the JSON file cut by bytes,
 * parsed and computed in worker threads (one per core), partial states merged in the main thread. Load and
 * compute overlap, so the whole is reported as compute (load 0) and the phases are those of the stream.
 *
 * Run by bench/compare/run.ts as `node --import tsx bench/compare/libraryStream.ts <file> [atMs]`.
 */
import { availableParallelism } from 'node:os';
import { startMetrics, type DurationSummary, type Ticket } from '../../src/index.js';
import { runMetricsOnFile } from '../../src/node/index.js';
import { engineArgs, printReport, type Durations, type PerTicket } from './protocol.js';
import { readJsonArray } from './readTickets.js';

const { file, at, perTicket } = engineArgs();
const threads = Number(process.env.BENCH_STREAM_THREADS ?? availableParallelism());

function durations(s: DurationSummary): Durations {
  return { count: s.count, totalMs: s.totalMs ?? 0, meanMs: s.meanMs ?? null, medianMs: s.medianMs ?? null };
}

const plan = {
  frt: { metric: 'firstResponseTime' },
  res: { metric: 'resolutionTime' },
  fcr: { metric: 'firstContactResolution' },
  backlog: { metric: 'backlog', options: { at } },
  volume: { metric: 'ticketVolume', options: { interval: 'day', timeZone: 'UTC' } },
} as const;

const t0 = performance.now();
const out = await runMetricsOnFile(file, plan, { threads });
const t1 = performance.now();
const r = out.results as unknown as {
  frt: DurationSummary;
  res: DurationSummary;
  fcr: { numerator: number; denominator: number };
  backlog: { at: number; ageSummary: DurationSummary };
  volume: { total: number; buckets: { start: number; count: number }[] };
};

/** Each ticket alone through the five metrics with the incremental API (the edge cases: a few dozen tickets). */
function perTicketValues(): Record<string, PerTicket> {
  const out: Record<string, PerTicket> = Object.create(null) as Record<string, PerTicket>;
  for (const t of readJsonArray(file) as Ticket[]) {
    const one = startMetrics(plan).add([t]).finish() as unknown as typeof r;
    const b = one.backlog.ageSummary;
    out[String(t.id)] = [one.frt.count === 1 ? one.frt.totalMs! : null, one.res.count === 1 ? one.res.totalMs! : null, one.fcr.denominator === 1 ? one.fcr.numerator : null, b.count === 1 ? b.totalMs! : null];
  }
  return out;
}

printReport({
  engine: `library (Node entry, ${threads} threads)`,
  version: `helpdesk-metrics/node (src), node ${process.version}`,
  loadMs: 0,
  computeMs: t1 - t0,
  phases: { stream: t1 - t0 },
  threads,
  results: {
    tickets: out.records,
    frt: durations(r.frt),
    resolution: durations(r.res),
    fcr: { numerator: r.fcr.numerator, denominator: r.fcr.denominator },
    backlog: { ...durations(r.backlog.ageSummary), at: r.backlog.at },
    volume: { total: r.volume.total, days: r.volume.buckets.filter((b) => b.count > 0).map((b) => [b.start, b.count] as const) },
  },
  ...(perTicket ? { perTicket: perTicketValues() } : {}),
  notes: [`parse and compute overlap in ${threads} worker threads: load is inside compute`],
});
