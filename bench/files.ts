/**
 * Benchmark data files: the tickets of {@link generateTicketChunks} written as NDJSON (one ticket per line) and
 * as one JSON array (one ticket per line between `[` and `]`), in bounded memory (a chunk of tickets at a time,
 * never the whole file as one string). Files live in bench/.out/ (git-ignored), named by their parameters
 * (`tickets-1000000-seed42-d365.json`), and are reused when present: a side file `<name>.meta.json`, written
 * last, records the parameters, the generator's source hash and the byte size, so a partial or stale file is
 * written again.
 *
 * CLI: `npm run bench:data -- --tickets 10m [--seed 42] [--days 365] [--iso] [--json] [--ndjson]`
 * (both formats when neither is given).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTicketChunks } from './generate.js';

/** What a data file holds. */
export interface TicketFileSpec {
  readonly count: number;
  readonly seed: number;
  /** Days the creation times spread over (from 2026-01-05). */
  readonly days: number;
  /** Epoch-ms numbers or ISO strings. */
  readonly timestamps: 'ms' | 'iso';
}

export type TicketFileFormat = 'json' | 'ndjson';

export const DEFAULT_SPEC: Omit<TicketFileSpec, 'count'> = { seed: 42, days: 365, timestamps: 'ms' };
/** The creation window's start (as bench/run.ts). */
export const START_MS = Date.UTC(2026, 0, 5);

const HERE = dirname(fileURLToPath(import.meta.url));
/** bench/.out/ */
export const OUT_DIR = join(HERE, '.out');
const GENERATOR = join(HERE, 'generate.ts');

interface Meta extends TicketFileSpec {
  readonly format: TicketFileFormat;
  readonly generator: string;
  readonly bytes: number;
  readonly tickets: number;
  readonly events: number;
}

/** The path of a data file (whether or not it exists yet). */
export function ticketFilePath(spec: TicketFileSpec, format: TicketFileFormat): string {
  return join(OUT_DIR, `tickets-${spec.count}-seed${spec.seed}-d${spec.days}${spec.timestamps === 'iso' ? '-iso' : ''}.${format}`);
}

function generatorHash(): string {
  return createHash('sha256').update(readFileSync(GENERATOR)).digest('hex').slice(0, 16);
}

function readMeta(path: string): Meta | undefined {
  try {
    return JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as Meta;
  } catch {
    return undefined;
  }
}

/** Whether `path` is a complete file of `spec` from the current generator. */
function isCurrent(path: string, spec: TicketFileSpec, format: TicketFileFormat, generator: string): boolean {
  const m = readMeta(path);
  if (m === undefined || !existsSync(path)) return false;
  if (m.count !== spec.count || m.seed !== spec.seed || m.days !== spec.days || m.timestamps !== spec.timestamps || m.format !== format || m.generator !== generator) return false;
  try {
    const fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    closeSync(fd);
    return size === m.bytes;
  } catch {
    return false;
  }
}

/** Bytes per ticket of `spec`, from a sample of its first tickets (the same tickets the file starts with). */
function bytesPerTicket(spec: TicketFileSpec): number {
  const n = Math.min(spec.count, 4096);
  if (n === 0) return 0;
  const first = generateTicketChunks(n, spec.seed, { days: spec.days, startMs: START_MS, timestamps: spec.timestamps }, n).next().value ?? [];
  let bytes = 0;
  for (const t of first) bytes += Buffer.byteLength(JSON.stringify(t)) + 2;
  return bytes / n;
}

function gb(bytes: number): string {
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** Thrown when the disk cannot hold the files to write. */
export class NotEnoughDisk extends Error {}

/**
 * Makes sure the files of `spec` in `formats` exist (writing the missing ones in one generation pass) and
 * returns their paths. Checks the free space of bench/.out/ first (what `df` shows as available) and throws
 * {@link NotEnoughDisk} when the estimated size plus a 5 % margin does not fit.
 */
export function ensureTicketFiles(
  spec: TicketFileSpec,
  formats: readonly TicketFileFormat[],
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Record<TicketFileFormat, string | undefined> {
  mkdirSync(OUT_DIR, { recursive: true });
  const generator = generatorHash();
  const paths: Record<TicketFileFormat, string | undefined> = { json: undefined, ndjson: undefined };
  const missing: TicketFileFormat[] = [];
  for (const f of formats) {
    const p = ticketFilePath(spec, f);
    paths[f] = p;
    if (isCurrent(p, spec, f, generator)) log(`data: reusing ${p}`);
    else missing.push(f);
  }
  if (missing.length === 0) return paths;

  const estimate = bytesPerTicket(spec) * spec.count * missing.length;
  const fs = statfsSync(OUT_DIR);
  const free = fs.bavail * fs.bsize;
  if (estimate * 1.05 > free) {
    throw new NotEnoughDisk(`not enough disk for ${missing.map((f) => ticketFilePath(spec, f)).join(' and ')}: about ${gb(estimate)} needed (+5 %), ${gb(free)} free on ${OUT_DIR}`);
  }
  log(`data: writing ${spec.count.toLocaleString('en-US')} tickets (seed ${spec.seed}, ${spec.days} days, ${spec.timestamps} timestamps) as ${missing.join(' and ')}: about ${gb(estimate)}, ${gb(free)} free`);

  const t0 = performance.now();
  const outs = missing.map((format) => {
    const path = ticketFilePath(spec, format);
    const tmp = `${path}.tmp-${process.pid}`;
    rmSync(`${path}.meta.json`, { force: true });
    return { format, path, tmp, fd: openSync(tmp, 'w') };
  });
  let tickets = 0;
  let events = 0;
  let nextReport = 1_000_000;
  try {
    for (const chunk of generateTicketChunks(spec.count, spec.seed, { days: spec.days, startMs: START_MS, timestamps: spec.timestamps })) {
      const lines = new Array<string>(chunk.length);
      for (let k = 0; k < chunk.length; k++) {
        const t = chunk[k]!;
        lines[k] = JSON.stringify(t);
        events += t.events?.length ?? 0;
      }
      for (const o of outs) {
        if (o.format === 'ndjson') writeSync(o.fd, `${lines.join('\n')}\n`);
        else writeSync(o.fd, `${tickets === 0 ? '[\n' : ',\n'}${lines.join(',\n')}`);
      }
      tickets += chunk.length;
      if (tickets >= nextReport) {
        log(`data: ${tickets.toLocaleString('en-US')} tickets, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        nextReport += 1_000_000;
      }
    }
    for (const o of outs) {
      if (o.format === 'json') writeSync(o.fd, tickets === 0 ? '[]\n' : '\n]\n');
      const bytes = fstatSync(o.fd).size;
      closeSync(o.fd);
      renameSync(o.tmp, o.path);
      const meta: Meta = { ...spec, format: o.format, generator, bytes, tickets, events };
      writeFileSync(`${o.path}.meta.json`, `${JSON.stringify(meta, null, 2)}\n`);
      log(`data: wrote ${o.path} (${gb(bytes)}, ${events.toLocaleString('en-US')} events) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } catch (e) {
    for (const o of outs) {
      try {
        closeSync(o.fd);
      } catch {
        // already closed
      }
      rmSync(o.tmp, { force: true });
    }
    throw e;
  }
  return paths;
}

/** Reads `10m`, `200k`, `1000000`, `1e6` as a count. */
export function parseCount(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  const n = m === null ? Number(s) : Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 'k' ? 1e3 : 1);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a ticket count: ${s}`);
  return n;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args[i + 1];
  };
  const spec: TicketFileSpec = {
    count: parseCount(value('--tickets') ?? '1m'),
    seed: Number(value('--seed') ?? DEFAULT_SPEC.seed),
    days: Number(value('--days') ?? DEFAULT_SPEC.days),
    timestamps: args.includes('--iso') ? 'iso' : 'ms',
  };
  const formats: TicketFileFormat[] = [];
  if (args.includes('--json')) formats.push('json');
  if (args.includes('--ndjson')) formats.push('ndjson');
  try {
    const paths = ensureTicketFiles(spec, formats.length === 0 ? ['json', 'ndjson'] : formats);
    for (const p of Object.values(paths)) if (p !== undefined) console.log(p);
  } catch (e) {
    if (!(e instanceof NotEnoughDisk)) throw e;
    console.error(`bench:data: ${e.message}`);
    process.exitCode = 2;
  }
}
