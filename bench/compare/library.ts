/**
 * The library side of the comparison: the file read by the local streaming reader (load), then one prepared
 * set and the five metrics on it (compute). `--ndjson` reads the NDJSON twin of the file instead.
 *
 * Run by bench/compare/run.ts as `node --import tsx bench/compare/library.ts <file> [atMs] [--ndjson]`.
 */
import {
  backlog,
  firstContactResolution,
  firstResponseTime,
  prepareTickets,
  resolutionTime,
  ticketVolume,
  type DurationSummary,
  type Ticket,
} from '../../src/index.js';
import { engineArgs, printReport, type Durations, type PerTicket } from './protocol.js';
import { readJsonArray, readNdjson } from './readTickets.js';

const ndjson = process.argv.includes('--ndjson');
const { file, at, perTicket } = engineArgs();

function durations(s: DurationSummary): Durations {
  return { count: s.count, totalMs: s.totalMs ?? 0, meanMs: s.meanMs ?? null, medianMs: s.medianMs ?? null };
}

const t0 = performance.now();
const tickets = (ndjson ? readNdjson(file) : readJsonArray(file)) as Ticket[];
const t1 = performance.now();
const prepared = prepareTickets(tickets);
const t2 = performance.now();
const frt = firstResponseTime(prepared);
const t3 = performance.now();
const res = resolutionTime(prepared);
const t4 = performance.now();
const fcr = firstContactResolution(prepared);
const t5 = performance.now();
const bl = backlog(prepared, { at });
const t6 = performance.now();
const vol = ticketVolume(prepared, { interval: 'day', timeZone: 'UTC' });
const t7 = performance.now();

/** Each ticket alone through the five metrics (the edge cases: a few dozen tickets). */
function perTicketValues(): Record<string, PerTicket> {
  const out: Record<string, PerTicket> = Object.create(null) as Record<string, PerTicket>;
  for (const t of tickets) {
    const one = prepareTickets([t]);
    const f = firstResponseTime(one);
    const r = resolutionTime(one);
    const c = firstContactResolution(one);
    const b = backlog(one, { at }).ageSummary;
    out[String(t.id)] = [f.count === 1 ? f.totalMs! : null, r.count === 1 ? r.totalMs! : null, c.denominator === 1 ? c.numerator : null, b.count === 1 ? b.totalMs! : null];
  }
  return out;
}

printReport({
  engine: ndjson ? 'library (NDJSON)' : 'library',
  version: `helpdesk-metrics (src), node ${process.version}`,
  loadMs: t1 - t0,
  computeMs: t7 - t1,
  phases: { parse: t1 - t0, prepareTickets: t2 - t1, frt: t3 - t2, resolution: t4 - t3, fcr: t5 - t4, backlog: t6 - t5, volume: t7 - t6 },
  threads: 1,
  results: {
    tickets: tickets.length,
    frt: durations(frt),
    resolution: durations(res),
    fcr: { numerator: fcr.numerator, denominator: fcr.denominator },
    backlog: { ...durations(bl.ageSummary), at: bl.at },
    volume: { total: vol.total, days: vol.buckets.filter((b) => b.count > 0).map((b) => [b.start, b.count] as const) },
  },
  ...(perTicket ? { perTicket: perTicketValues() } : {}),
  notes: [`volume: ${vol.buckets.length} UTC days from the first to the last creation (${vol.buckets.filter((b) => b.count === 0).length} empty)`],
});
