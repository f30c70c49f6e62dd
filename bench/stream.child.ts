/**
 * One run of the streaming bench in a process of its own (so that its peak RSS is its own): `loop` (a
 * hand-written read of the lines with JSON.parse, counting them) or `stream` (runMetricsOnFile with the
 * dashboard plan on `threads` workers). Prints one JSON line: `{ ms, records, maxRssMB, cpuS, skipped }` (cpuS: CPU seconds of all its threads).
 *
 * argv: <loop|stream> <file> <threads> <dist|src>
 */
import { open } from 'node:fs/promises';
import { resourceUsage } from 'node:process';
import type { MetricPlan } from '../src/index.js';
import { DASHBOARD } from './stream.plan.js';
import { START_MS } from './files.js';
import { generateTickets } from './generate.js';

const [mode, file, threadsArg, from] = process.argv.slice(2) as [string, string, string, string];

/** A plain loop: read the file in 4 MiB pieces, cut lines, JSON.parse each, count. */
async function loop(): Promise<number> {
  const fh = await open(file, 'r');
  const buf = Buffer.alloc(4 * 1024 * 1024);
  let carry = '';
  let count = 0;
  let position = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const last = buf.lastIndexOf(10, bytesRead - 1);
    const text = carry + buf.toString('utf8', 0, last + 1);
    carry = buf.toString('utf8', last + 1, bytesRead);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (nl > start) {
        JSON.parse(text.slice(start, nl));
        count++;
      }
      start = nl + 1;
    }
  }
  if (carry.trim() !== '') {
    JSON.parse(carry);
    count++;
  }
  await fh.close();
  return count;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  let records: number;
  let skipped: string[] = [];
  if (mode === 'loop') records = await loop();
  else {
    // The built package through a specifier tsc does not resolve (dist/ may not be built when it type-checks).
    const DIST = '../dist/index.js';
    const DIST_NODE = '../dist/node/index.js';
    const lib = (from === 'dist' ? await import(DIST) : await import('../src/index.js')) as typeof import('../src/index.js');
    const node = (from === 'dist' ? await import(DIST_NODE) : await import('../src/node/index.js')) as typeof import('../src/node/index.js');
    // Metrics whose partial state the incremental API cannot save yet are left out (and named).
    const plan: Record<string, MetricPlan[string]> = {};
    const sample = generateTickets(20, 1, { startMs: START_MS });
    for (const [k, e] of Object.entries(DASHBOARD)) {
      try {
        lib.startMetrics({ probe: e }).add(sample).state();
        plan[k] = e;
      } catch {
        skipped.push(k);
      }
    }
    const r = await node.runMetricsOnFile(file, plan, { threads: Number(threadsArg), ...(process.env.BENCH_STREAM_CHUNK ? { chunkBytes: Number(process.env.BENCH_STREAM_CHUNK) } : {}) });
    records = r.records;
    skipped = skipped.sort();
  }
  const ms = performance.now() - t0;
  const u = resourceUsage();
  process.stdout.write(`${JSON.stringify({ ms, records, maxRssMB: u.maxRSS / 1024, cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6, skipped })}\n`);
}

await main();
