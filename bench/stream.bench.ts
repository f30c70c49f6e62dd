/**
 * The Node entry on a seeded NDJSON file (bench/files.ts writes it once into bench/.out/ and reuses it), side
 * by side in one run, each in a process of its own (bench/stream.child.ts) for its peak RSS:
 * (a) a plain hand-written loop (read, cut lines, JSON.parse, count), (b) runMetricsOnFile with the dashboard
 * plan (ten ticket metrics, each by channel) on one worker thread, (c) on every core.
 * Targets: peak RSS ≤ 1.5 GB at 10M tickets; all cores ≤ 0.6 × one thread; 1M → 10M within 15 % per ticket.
 *
 * BENCH_STREAM: `skip` (or `0`) to skip; a size (`1m`) or sizes (`1m,10m`; default `1m`). The file of 10M
 * tickets is about 6 GB. BENCH_STREAM_FROM: `src` (default: the worker registers tsx) or `dist` (after
 * `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SPEC, ensureTicketFiles, NotEnoughDisk, parseCount } from './files.js';
import type { BenchRow } from './harness.js';

const HERE = dirname(fileURLToPath(import.meta.url));

interface ChildResult {
  readonly ms: number;
  readonly records: number;
  readonly maxRssMB: number;
  /** CPU seconds of every thread of the run (on a loaded machine, wall time says less than this). */
  readonly cpuS: number;
  readonly skipped: readonly string[];
}

/** One run in a child process; a run that fails (out of memory) is a row that says so, not the end of the bench. */
function child(mode: 'loop' | 'stream', file: string, threads: number, from: string): ChildResult | undefined {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', join(HERE, 'stream.child.ts'), mode, file, String(threads), from], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) {
    const oom = /heap out of memory/.test(r.stderr ?? '');
    console.log(`  ${mode} on ${threads} thread(s) failed after ${((performance.now() - t0) / 1000).toFixed(0)} s: ${oom ? 'JavaScript heap out of memory (4 GB heap)' : `exit ${r.status} ${r.signal ?? ''}: ${(r.stderr ?? '').split('\n').slice(-5).join(' ')}`}`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

/** The sizes to run (BENCH_STREAM), or none. */
export function streamSizes(): number[] {
  const env = process.env.BENCH_STREAM ?? '1m';
  if (env === 'skip' || env === '0' || env === '') return [];
  return env.split(',').map(parseCount);
}

/** Rows of the streaming bench at each size (and the growth row when two sizes ran). */
export function streamBench(sizes: readonly number[] = streamSizes()): BenchRow[] {
  const rows: BenchRow[] = [];
  const cores = availableParallelism();
  const from = process.env.BENCH_STREAM_FROM === 'dist' ? 'dist' : 'src';
  const perTicket: number[] = [];
  for (const count of sizes) {
    let file: string;
    try {
      file = ensureTicketFiles({ count, ...DEFAULT_SPEC }, ['ndjson']).ndjson!;
    } catch (e) {
      if (!(e instanceof NotEnoughDisk)) throw e;
      console.log(`  skipped ${count.toLocaleString('en-US')} tickets: ${e.message}`);
      continue;
    }
    const n = count.toLocaleString('en-US');
    const loop = child('loop', file, 1, from);
    const one = child('stream', file, 1, from);
    const all = child('stream', file, cores, from);
    if (loop === undefined || one === undefined || all === undefined) {
      rows.push({ name: `${n}: runMetricsOnFile, dashboard (a run failed, see above)`, items: count, ms: Number.NaN, heapMB: 0, target: 'every run completes', ok: false });
      continue;
    }
    if (one.skipped.length > 0) console.log(`  left out of the plan (their partial state cannot be saved yet): ${one.skipped.join(', ')}`);
    const rate = (r: ChildResult): string => `${Math.round(r.records / (r.ms / 1000)).toLocaleString('en-US')} tickets/s (CPU ${r.cpuS.toFixed(1)} s)`;
    console.log(`  ${n} tickets (${from}): loop ${(loop.ms / 1000).toFixed(1)} s ${rate(loop)} ${loop.maxRssMB.toFixed(0)} MB; 1 thread ${(one.ms / 1000).toFixed(1)} s ${rate(one)} ${one.maxRssMB.toFixed(0)} MB; ${cores} threads ${(all.ms / 1000).toFixed(1)} s ${rate(all)} ${all.maxRssMB.toFixed(0)} MB`);
    rows.push({ name: `${n}: hand-written loop (read, JSON.parse, count), peak RSS`, items: count, ms: loop.ms, heapMB: loop.maxRssMB, target: 'info', ok: true });
    rows.push({ name: `${n}: runMetricsOnFile, dashboard, 1 thread vs the loop`, items: count, ms: one.ms, baselineMs: loop.ms, ratio: one.ms / loop.ms, heapMB: one.maxRssMB, target: 'info', ok: true });
    const rssOk = count < 10_000_000 || all.maxRssMB <= 1536;
    const ratio = all.ms / one.ms;
    rows.push({
      name: `${n}: runMetricsOnFile, dashboard, ${cores} threads vs 1 thread (peak RSS)`,
      items: count,
      ms: all.ms,
      baselineMs: one.ms,
      ratio,
      heapMB: all.maxRssMB,
      target: `ratio ≤ 0.6${count >= 10_000_000 ? ', RSS ≤ 1536 MB' : ''}`,
      ok: ratio <= 0.6 && rssOk,
    });
    perTicket.push(all.ms / count);
  }
  if (sizes.length >= 2 && perTicket.length === sizes.length) {
    const growth = perTicket.at(-1)! / perTicket[0]!;
    rows.push({
      name: `growth per ticket ${sizes[0]!.toLocaleString('en-US')} → ${sizes.at(-1)!.toLocaleString('en-US')} (all cores)`,
      items: sizes.at(-1)!,
      ms: perTicket.at(-1)! * sizes.at(-1)!,
      baselineMs: perTicket[0]! * sizes.at(-1)!,
      ratio: growth,
      heapMB: 0,
      target: '0.85 ≤ ratio ≤ 1.15',
      ok: growth >= 0.85 && growth <= 1.15,
    });
  }
  return rows;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { printBench } = await import('./harness.js');
  printBench(streamBench());
}
