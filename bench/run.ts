/**
 * `npm run bench`: per-metric throughput and extra heap on seeded synthetic data (1M tickets, 1M calls,
 * 10M scores), each against a plain hand-written loop in the same run; the live queue generates its own 1M tickets
 * (fewer of them left open) after the others are released. Set BENCH_TICKETS to change the size. Last, the Node
 * entry streams a seeded NDJSON file (bench/stream.bench.ts; BENCH_STREAM=1m,10m or skip).
 */
import type { Ticket } from '../src/model/index.js';
import { generateTickets } from './generate.js';
import { printBench, type BenchRow } from './harness.js';
import { surveysAndCostBench } from './surveysAndCost.bench.js';
import { businessHoursBench } from './businessHours.bench.js';
import { contactCentreBench } from './contactCentre.bench.js';
import { outcomesBench } from './outcomes.bench.js';
import { businessTimingBench, timingBench } from './timing.bench.js';
import { dashboardBench, idOrderBench, preparedBench } from './pipeline.bench.js';
import { queueBench } from './queue.bench.js';
import { incrementalBench } from './incremental.bench.js';
import { vendorBench } from './vendor.bench.js';
import { streamBench, streamSizes } from './stream.bench.js';

const count = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const t0 = performance.now();
const FROM = Date.UTC(2026, 0, 5);
let tickets: Ticket[] | undefined = generateTickets(count, 42, { days: 365, startMs: FROM });
console.log(`generated ${count.toLocaleString('en-US')} tickets (seed 42) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`node ${process.version}, ${process.arch}; library and loop runs interleaved, best of 5 each; extra heap sampled right after the first run\n`);

const rows: BenchRow[] = [];
const section = (title: string, make: () => BenchRow[]): void => {
  console.log(`${title}`);
  const r = make();
  printBench(r);
  console.log('');
  rows.push(...r);
};
section('Ticket timing', () => timingBench(tickets!));
section('Ticket outcomes', () => outcomesBench(tickets!, FROM));
section('Business hours', () => [...businessTimingBench(tickets!), ...businessHoursBench()]);
section('Prepared set: each metric against a loop over the same columns', () => preparedBench(tickets!, FROM));
section('Dashboard and the memory of a prepared set', () => dashboardBench(tickets!, FROM));
section('Incremental: chunks of 32,768 against the one-shot call', () => incrementalBench(tickets!, FROM));
// Last of the ticket sections: it adds assignment, on-hold and bot events to the tickets (in place).
section('Vendor metrics (1M prepared tickets)', () => vendorBench(tickets!));
// Release the million tickets before the call and survey sections, so that their runs are not charged for
// garbage-collecting a gigabyte of data they never read.
tickets = undefined;
(globalThis as { gc?: () => void }).gc?.();
// V8 frees that gigabyte on a background thread after the collection returns; let it finish, so that the
// first call rows (library and loop alike) are not timed while it competes for the second core.
await new Promise((resolve) => setTimeout(resolve, 3000));
section('Ids that stop increasing in string order, 1M and 3M tickets', () => idOrderBench(count >= 1_000_000 ? [1_000_000, 3_000_000] : [count, 3 * count], FROM));
section('Contact centre (1M calls)', () => contactCentreBench());
section('Surveys (10M scores)', () => surveysAndCostBench());
section(`Live queue (${count.toLocaleString('en-US')} prepared tickets, its own)`, () => queueBench(count));
// The Node entry streams a file in child processes of its own (BENCH_STREAM: sizes, or `skip`).
if (streamSizes().length > 0) section(`Node entry: streaming NDJSON (${streamSizes().map((n) => n.toLocaleString('en-US')).join(' and ')} tickets), one process per run`, () => streamBench());

const failed = rows.filter((r) => !r.ok);
console.log(failed.length === 0 ? 'all targets met' : `targets missed: ${failed.map((r) => r.name).join(', ')}`);
