/**
 * A 1,000,000-line NDJSON file (generated here into the OS temp dir, about 170 MB) through the built bin under
 * a fixed heap limit: NDJSON is read as a stream (one chunk and one batch of lines at a time), so the heap holds
 * the tickets, their prepared columns and the results, never the file. The same tickets as one JSON document
 * need the whole text and its parse besides (decision 38 has the measurements). The figures are checked against
 * a brute-force computation of the generated data's first response times.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, MIN, scratch, type JsonReport } from './support.js';

const N = 1_000_000;
/** The heap limit of the run (MB). Measured: about 330 MB of heap needed with `--by channel` (2026-12-02). */
const HEAP_MB = 512;
const TIMEOUT_MS = 240_000;
const BASE = Date.UTC(2026, 0, 1);
const CHANNELS = ['email', 'chat', 'web'];

/** Ticket i: created a minute after i − 1; answered after i mod 600 minutes (none for every tenth). */
function ticket(i: number): object {
  const created = BASE + i * MIN;
  return {
    id: i,
    createdAt: created,
    channel: CHANNELS[i % 3],
    firstRespondedAt: i % 10 === 0 ? null : created + (i % 600) * MIN,
    resolvedAt: i % 5 === 0 ? null : created + (i % 1000) * MIN + 60 * MIN,
    status: i % 5 === 0 ? 'open' : 'solved',
    agentReplies: 1 + (i % 3),
    customerReplies: 1,
    reopens: 0,
  };
}

let dir: ReturnType<typeof scratch>;
let file = '';

beforeAll(async () => {
  dir = scratch('cli-large');
  file = join(dir.dir, 'tickets.ndjson');
  const out = createWriteStream(file);
  let buf = '';
  for (let i = 0; i < N; i++) {
    buf += `${JSON.stringify(ticket(i))}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}, TIMEOUT_MS);

afterAll(() => dir?.remove());

/** R-7 percentile of sorted values. */
function r7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!);
}

describe('a million NDJSON lines', () => {
  it(`are reported within a ${HEAP_MB} MB heap, with the figures of the data`, async () => {
    const r = await cli(['report', file, '--at', '2028-01-01T00:00:00Z', '--by', 'channel', '--format', 'json', '--quiet'], { nodeArgs: [`--max-old-space-size=${HEAP_MB}`] });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.input.records).toBe(N);
    expect(report.input.tickets).toBe(N);
    expect(report.metrics.volume.total).toBe(N);
    const frt: number[] = [];
    for (let i = 0; i < N; i++) if (i % 10 !== 0) frt.push((i % 600) * MIN);
    const sorted = Float64Array.from(frt).sort();
    const f = report.metrics.firstResponseTime;
    expect({ n: f.n, median: f.medianMs, p90: f.p90Ms, noReply: f.excluded.byReason.no_reply }).toEqual({ n: frt.length, median: r7(sorted, 50), p90: r7(sorted, 90), noReply: N / 10 });
    expect(report.metrics.resolutionTime.n).toBe((N * 4) / 5);
    expect(report.metrics.backlog.count).toBe(N / 5);
    expect(report.breakdowns[0]!.rows.map((g) => [g.label, g.tickets])).toEqual([['chat', 333_333], ['email', 333_334], ['web', 333_333]]);
  }, TIMEOUT_MS);
});
