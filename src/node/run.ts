/**
 * `runMetricsOnFile`: a file of records streamed through a plan of metrics on worker threads.
 *
 * The main thread reads the file in chunks of bytes cut on record boundaries ({@link cutNdjson},
 * {@link JsonArrayCutter}), never faster than the workers take them (at most {@link CHUNKS_PER_WORKER} per
 * worker), and sends each one to a worker as a transferred `ArrayBuffer`. The worker parses it and sends back
 * the chunk's record count, newline count, bad lines and id labels; the main thread takes these in chunk
 * order, gives each chunk its position and first line, checks its ids against the {@link IdTable} of every
 * earlier chunk, and answers with the indices of the records whose ids came earlier; the worker adds the
 * chunk to its run of the plan (`add(records, { position, duplicates })`). At the end each worker sends its
 * run's state, and the main thread merges them and finishes.
 *
 * Errors come out in file order: an error of chunk k is thrown once every chunk before k is added (an error
 * there comes first), so the error is the one the one-shot call would throw.
 *
 * @module
 */
import { open, type FileHandle } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { startMetrics, type InvalidMode, type MetricPlan, type MetricSetRun, type MetricsErrorDetails } from '../index.js';
import { describe } from '../results/describe.js';
import { nearestName } from '../_lib/options.js';
import { MetricsFileError, optionError } from './errors.js';
import { IdTable } from './idTable.js';
import type { BadRecord } from './parse.js';
import { streamPlanMode } from './plan.js';
import { CHUNKS_PER_WORKER, type FromWorker, type ToWorker, type WorkerInit } from './protocol.js';
import { ChunkReader, MAX_RECORD_BYTES } from './reader.js';
import type { StreamFormat, StructureProblem } from './split.js';

/**
 * Progress of a {@link runMetricsOnFile} call: what the workers have added so far.
 *
 * @example
 * ```ts
 * import { runMetricsOnFile, type StreamProgress } from 'helpdesk-metrics/node';
 * const bar = (p: StreamProgress) => process.stderr.write(`\r${(100 * p.bytes / p.totalBytes).toFixed(0)} % ${Math.round(p.recordsPerSecond)}/s`);
 * await runMetricsOnFile('tickets.ndjson', { frt: { metric: 'firstResponseTime' } }, { onProgress: bar });
 * ```
 * @category Node
 */
export interface StreamProgress {
  /** Records added so far (bad lines under `'exclude'` included: each is a record the library excluded). */
  readonly records: number;
  /** Bytes of the file those records came from. */
  readonly bytes: number;
  /** The file's size in bytes. */
  readonly totalBytes: number;
  /** Milliseconds since the call started. */
  readonly elapsedMs: number;
  /** `records` per second of `elapsedMs` (0 at first). */
  readonly recordsPerSecond: number;
  /** `bytes` per second of `elapsedMs` (0 at first). */
  readonly bytesPerSecond: number;
}

/**
 * A line (NDJSON) or array element (JSON) that is not valid JSON, or a break in a JSON array's structure,
 * reported under `invalid: 'exclude'`.
 *
 * @example
 * ```ts
 * import { runMetricsOnFile } from 'helpdesk-metrics/node';
 * const { badLines } = await runMetricsOnFile('tickets.ndjson', { fcr: { metric: 'firstContactResolution', options: { invalid: 'exclude' } } });
 * for (const b of badLines) console.error(`${b.file}:${b.line}: ${b.message}`);
 * //=> tickets.ndjson:12: not valid JSON: Unexpected token 'o', "{"id": "T-11", oops}" is not valid JSON
 * ```
 * @category Node
 */
export interface BadLine {
  /** The file, as given. */
  readonly file: string;
  /** The line (1-based) where the record starts. */
  readonly line: number;
  /**
   * The record's position in the file (0-based, as `recordIndex`): the library lists it as
   * `invalid:invalid_record` with the label `#<position>`. `undefined` for a break in the JSON array's
   * structure, which is no record (the rest of the file is then not read).
   */
  readonly position: number | undefined;
  /** What is wrong (`not valid JSON: …`). */
  readonly message: string;
  /** The record's id when one could be read from the broken text. */
  readonly recordId: string | undefined;
}

/**
 * Options of {@link runMetricsOnFile}.
 *
 * @example
 * ```ts
 * import { runMetricsOnFile } from 'helpdesk-metrics/node';
 * await runMetricsOnFile('export.json', { frt: { metric: 'firstResponseTime' } }, { format: 'json', threads: 2, chunkBytes: 1 << 20 });
 * ```
 * @category Node
 */
export interface RunMetricsOnFileOptions {
  /**
   * `'ndjson'` (one record a line; blank lines are skipped) or `'json'` (one array of records).
   * @defaultValue from the first byte that is not whitespace: `[` is a JSON array, anything else NDJSON
   */
  readonly format?: StreamFormat;
  /** Worker threads. @defaultValue `os.availableParallelism()` (one per core) */
  readonly threads?: number;
  /**
   * Bytes read per chunk (a chunk grows to hold a record longer than this).
   * @defaultValue `4194304` (4 MiB)
   */
  readonly chunkBytes?: number;
  /**
   * The file holds each id once (or the caller accepts it): no id table is kept and a duplicate id in two
   * chunks is not found (one within a chunk still is). Saves the table's memory (the ids' bytes + 16–25 bytes
   * each: 25–34 MB per million ids like `T-0000001`, docs/node.md). @defaultValue `false`
   */
  readonly trustIds?: boolean;
  /** Called with the progress at most every `progressIntervalMs`, and once at the end. */
  readonly onProgress?: (progress: StreamProgress) => void;
  /** @defaultValue `250` */
  readonly progressIntervalMs?: number;
}

/**
 * What {@link runMetricsOnFile} returns.
 *
 * @example
 * ```ts
 * import { runMetricsOnFile } from 'helpdesk-metrics/node';
 * const r = await runMetricsOnFile('tickets.ndjson', { rate: { metric: 'resolutionRate' } });
 * console.log(r.records, r.format, r.threads, r.results.rate);
 * //=> 1000000 'ndjson' 2 { rate: …, numerator: …, denominator: …, excluded: … }
 * ```
 * @category Node
 */
export interface FileMetricsResult<P extends MetricPlan = MetricPlan> {
  /** The results by the plan's names: what the one-shot metric gives on the file's records in file order. */
  readonly results: { readonly [K in keyof P]: unknown };
  /** Records read (bad lines under `'exclude'` included). */
  readonly records: number;
  /** Bytes read. */
  readonly bytes: number;
  /** The lines that are not valid JSON (`invalid: 'exclude'`; always empty under `'throw'`), in file order. */
  readonly badLines: readonly BadLine[];
  /** The format read. */
  readonly format: StreamFormat;
  /** Worker threads used. */
  readonly threads: number;
  /** Milliseconds from the call to the results. */
  readonly elapsedMs: number;
}

const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
const OPTION_KEYS = ['format', 'threads', 'chunkBytes', 'trustIds', 'onProgress', 'progressIntervalMs'] as const;

interface Settings {
  format: StreamFormat | undefined;
  threads: number;
  chunkBytes: number;
  trustIds: boolean;
  onProgress: ((p: StreamProgress) => void) | undefined;
  progressIntervalMs: number;
}

function readOptions(options: unknown): Settings {
  const s: Settings = {
    format: undefined,
    threads: typeof availableParallelism === 'function' ? availableParallelism() : Math.max(1, cpus().length),
    chunkBytes: DEFAULT_CHUNK_BYTES,
    trustIds: false,
    onProgress: undefined,
    progressIntervalMs: 250,
  };
  if (options === undefined) return s;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) optionError('options', `must be an object of options, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) {
      const near = nearestName(key, OPTION_KEYS);
      optionError(key === '' ? 'options[""]' : key, `unknown option${near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`}`);
    }
  }
  const o = options as Record<string, unknown>;
  const int = (key: string, min: number, max: number): number | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) optionError(key, `must be a whole number from ${min} to ${max}, got ${describe(v)}`);
    return v;
  };
  if (o.format !== undefined) {
    if (o.format !== 'ndjson' && o.format !== 'json') optionError('format', `must be 'ndjson' or 'json', got ${describe(o.format)}`);
    s.format = o.format;
  }
  s.threads = int('threads', 1, 1024) ?? s.threads;
  s.chunkBytes = int('chunkBytes', 1, MAX_RECORD_BYTES) ?? s.chunkBytes;
  if (o.trustIds !== undefined) {
    if (typeof o.trustIds !== 'boolean') optionError('trustIds', `must be true or false, got ${describe(o.trustIds)}`);
    s.trustIds = o.trustIds;
  }
  if (o.onProgress !== undefined) {
    if (typeof o.onProgress !== 'function') optionError('onProgress', `must be a function, got ${describe(o.onProgress)}`);
    s.onProgress = o.onProgress as (p: StreamProgress) => void;
  }
  if (o.progressIntervalMs !== undefined) {
    const v = o.progressIntervalMs;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) optionError('progressIntervalMs', `must be a number of milliseconds ≥ 0, got ${describe(v)}`);
    s.progressIntervalMs = v;
  }
  return s;
}

/**
 * The worker beside this module (dist/node/worker.js). Run from the sources (tests, benches: this file is
 * `.ts`), the worker registers tsx (a dev dependency) and imports worker.ts.
 */
function workerScript(): { script: URL | string; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { script: new URL('./worker.js', here), eval: false };
  const source = JSON.stringify(new URL('./worker.ts', here).href);
  return { script: `import('tsx/esm/api').then((api) => { api.register(); return import(${source}); });`, eval: true };
}

interface ChunkEntry {
  readonly k: number;
  readonly bytes: number;
  readonly worker: number;
  readonly problem: StructureProblem | undefined;
  /** What the worker said of the chunk, until the chunk is taken in order (then dropped: it holds the labels). */
  parsed: Extract<FromWorker, { t: 'parsed' }> | undefined;
  /** Records of the chunk (known once parsed). */
  count: number;
  /** `'throw'`: the chunk's first bad line. */
  fatal: BadRecord | undefined;
  position: number;
  lineBase: number;
  added: boolean;
}

/**
 * Streams a file of records (NDJSON or a JSON array) through a plan of metrics on worker threads, one per
 * core by default, and returns the results: the same as the one-shot metrics on the file's records in file
 * order, computed with the incremental API (`startMetrics` in each worker, the states merged at the end).
 *
 * - Parsing and the metrics run in the workers; the main thread reads bytes, cuts them on record boundaries,
 *   checks ids across chunks (an exact table of every id, unless `trustIds`) and merges.
 * - The plan crosses to the workers as data: metrics by export name, options without functions (a function
 *   anywhere → `MetricsError` `invalid_option` naming its path).
 * - Every metric of the plan takes the same `invalid` mode, and a line that is not valid JSON follows it:
 *   `'throw'` (default) → {@link MetricsFileError} naming the file, the line and the id when it can be read;
 *   `'exclude'` → the record is `undefined` for the library (listed as `invalid:invalid_record`, label
 *   `#<position>`) and the line is in `badLines`; the stream goes on.
 * - A library error for a record is rethrown as a {@link MetricsFileError}: the same code, field, rule, id and
 *   `recordIndex` (the record's position in the file), plus `file` and `line`.
 * - Memory: the chunks in flight (`chunkBytes` × 2 per thread, and their parsed records) plus what the
 *   metrics keep (every duration, for exact quantiles) and the id table.
 *
 * @param file - A path or `file:` URL.
 * @param plan - Result name → `{ metric: export name, options? }`.
 * @param options - See {@link RunMetricsOnFileOptions}.
 * @example
 * ```ts
 * import { runMetricsOnFile } from 'helpdesk-metrics/node';
 * const { results, records, badLines } = await runMetricsOnFile('tickets.ndjson', {
 *   frt: { metric: 'firstResponseTime', options: { by: 'channel', invalid: 'exclude' } },
 *   fcr: { metric: 'firstContactResolution', options: { invalid: 'exclude' } },
 * }, { onProgress: (p) => console.error(`${p.records} tickets, ${Math.round(p.recordsPerSecond)}/s`) });
 * console.log(records, results.frt, badLines.length);
 * //=> 1000000 { count: 987654, medianMs: …, groups: […], excluded: … } 3
 * ```
 * @category Node
 */
export async function runMetricsOnFile<P extends MetricPlan>(file: string | URL, plan: P, options?: RunMetricsOnFileOptions): Promise<FileMetricsResult<P>> {
  const t0 = performance.now();
  const settings = readOptions(options);
  if (typeof file !== 'string' && !(file instanceof URL)) optionError('file', `must be a path or a file: URL, got ${describe(file)}`, 'invalid_argument');
  const path = typeof file === 'string' ? file : fileURLToPath(file);
  const label = typeof file === 'string' ? file : path;
  const invalid = streamPlanMode(plan);
  // The library checks the plan (metric names, every option) here, before a worker starts.
  const main = startMetrics(plan, { trustIds: true });

  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return optionError('file', `${label}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(e)}`, 'invalid_argument');
  }
  try {
    const totalBytes = (await fh.stat()).size;
    const reader = new ChunkReader((buf, offset, length, position) => fh.read(buf, offset, length, position).then((r) => r.bytesRead), settings.chunkBytes, settings.format);
    return await stream({ label, plan, invalid, settings, reader, totalBytes, main, t0 });
  } finally {
    await fh.close();
  }
}

interface StreamJob<P extends MetricPlan> {
  readonly label: string;
  readonly plan: P;
  readonly invalid: InvalidMode;
  readonly settings: Settings;
  readonly reader: ChunkReader;
  readonly totalBytes: number;
  readonly main: MetricSetRun;
  readonly t0: number;
}

function stream<P extends MetricPlan>(job: StreamJob<P>): Promise<FileMetricsResult<P>> {
  const { label, invalid, settings, reader, totalBytes, main, t0 } = job;
  return new Promise<FileMetricsResult<P>>((resolve, reject) => {
    const workers: Worker[] = [];
    const inflight: number[] = [];
    const chunks: ChunkEntry[] = [];
    const badLines: BadLine[] = [];
    let table = settings.trustIds ? undefined : new IdTable();
    let format: StreamFormat | undefined = reader.format;
    let readerDone = false;
    let pumping = false;
    /** The next chunk to take in order (ids, position, lines). */
    let nextOrdered = 0;
    /** Chunks [0, addedPrefix) are all added. */
    let addedPrefix = 0;
    let position = 0;
    let lineBase = 0;
    let records = 0;
    let bytes = 0;
    let lastProgress = t0;
    let failure: { k: number; error: unknown } | undefined;
    let finished = false;
    let finishing = false;
    let merged = 0;

    const end = (error: unknown, result?: FileMetricsResult<P>): void => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      if (error !== undefined) reject(error);
      else resolve(result!);
    };

    const progress = (final: boolean): void => {
      if (settings.onProgress === undefined) return;
      const now = performance.now();
      if (!final && now - lastProgress < settings.progressIntervalMs) return;
      lastProgress = now;
      const elapsedMs = now - t0;
      const s = elapsedMs / 1000;
      settings.onProgress({ records, bytes, totalBytes, elapsedMs, recordsPerSecond: s > 0 ? records / s : 0, bytesPerSecond: s > 0 ? bytes / s : 0 });
    };

    const fileError = (details: MetricsErrorDetails, line: number | undefined): MetricsFileError => new MetricsFileError(details, label, line);

    const badLineError = (c: ChunkEntry, b: BadRecord): MetricsFileError =>
      fileError(
        { code: 'invalid_record', functionName: 'runMetricsOnFile', rule: b.message, recordId: b.id, recordIndex: c.position + b.index, collection: 'records' },
        c.lineBase + b.newlines + 1,
      );

    const problemLine = (c: ChunkEntry, p: StructureProblem): number => c.lineBase + p.newlines + 1;

    const fail = (k: number, error: unknown): void => {
      if (failure === undefined || k < failure.k) failure = { k, error };
      settle();
    };

    /** Throws the first error once every chunk before it is added; finishes once every chunk is. */
    const settle = (): void => {
      if (finished) return;
      while (addedPrefix < chunks.length && chunks[addedPrefix]!.added) addedPrefix++;
      if (failure !== undefined) {
        if (addedPrefix >= failure.k) end(failure.error);
        return;
      }
      if (readerDone && !pumping && addedPrefix === chunks.length && !finishing) {
        finishing = true;
        if (table !== undefined && nextOrdered === chunks.length) table = undefined;
        // One worker's state at a time: the next is asked for when one arrives (it is computed while that one is
        // merged), so the main thread holds the merged state and at most two workers' states, never all of them.
        if (workers.length === 0) complete();
        else workers[0]!.postMessage({ t: 'finish' } satisfies ToWorker);
      }
    };

    const complete = (): void => {
      try {
        if (main.count === 0) main.add([], { position: 0 });
        const results = main.finish() as FileMetricsResult<P>['results'];
        progress(true);
        badLines.sort((a, b) => a.line - b.line);
        end(undefined, {
          results,
          records,
          bytes,
          badLines,
          format: format ?? 'ndjson',
          threads: workers.length,
          elapsedMs: performance.now() - t0,
        });
      } catch (e) {
        end(e);
      }
    };

    const onAdded = (c: ChunkEntry): void => {
      c.added = true;
      records += c.count;
      bytes += c.bytes;
      if (c.worker >= 0) inflight[c.worker]!--;
      const fatal = c.fatal;
      if (fatal !== undefined) fail(c.k, badLineError(c, fatal));
      else if (c.problem !== undefined && invalid === 'throw') {
        fail(c.k, fileError({ code: 'invalid_argument', functionName: 'runMetricsOnFile', field: 'file', rule: c.problem.message }, problemLine(c, c.problem)));
      }
      try {
        progress(false);
      } catch (e) {
        end(e);
        return;
      }
      settle();
      void pump();
    };

    /** Takes parsed chunks in chunk order: position, first line, ids, bad lines; tells the worker to add. */
    const order = (): void => {
      while (nextOrdered < chunks.length && chunks[nextOrdered]!.parsed !== undefined && failure === undefined) {
        const c = chunks[nextOrdered++]!;
        const p = c.parsed!;
        c.parsed = undefined;
        c.count = p.count;
        c.fatal = p.fatal;
        c.position = position;
        c.lineBase = lineBase;
        let duplicates: Uint32Array | undefined;
        if (table !== undefined && p.ids !== undefined) {
          const { bytes: b, ends, index } = p.ids;
          const dups: number[] = [];
          let start = 0;
          for (let i = 0; i < ends.length; i++) {
            const e = ends[i]!;
            if (!table.add(b, start, e)) dups.push(index[i]!);
            start = e;
          }
          if (dups.length > 0) duplicates = Uint32Array.from(dups);
        }
        for (const b of p.bad) badLines.push({ file: label, line: c.lineBase + b.newlines + 1, position: c.position + b.index, message: b.message, recordId: b.id });
        if (c.problem !== undefined && invalid === 'exclude') badLines.push({ file: label, line: problemLine(c, c.problem), position: undefined, message: c.problem.message, recordId: undefined });
        position += p.count;
        lineBase += p.newlines;
        // Every chunk taken in order and nothing more to read: the id table is no longer needed.
        if (readerDone && nextOrdered === chunks.length) table = undefined;
        if (c.worker < 0) queueMicrotask(() => onAdded(c));
        else workers[c.worker]!.postMessage({ t: 'go', k: c.k, position: c.position, lineBase: c.lineBase, duplicates } satisfies ToWorker, duplicates === undefined ? [] : [duplicates.buffer as ArrayBuffer]);
      }
    };

    const onMessage = (w: number, m: FromWorker): void => {
      if (finished) return;
      switch (m.t) {
        case 'parsed': {
          const c = chunks[m.k]!;
          c.parsed = m;
          order();
          return;
        }
        case 'added':
          onAdded(chunks[m.k]!);
          return;
        case 'error': {
          const c = chunks[m.k]!;
          c.added = true; // settled: nothing after it is used
          inflight[w]!--;
          fail(m.k, new MetricsFileError(m.error, label, m.line, m.error.message));
          return;
        }
        case 'state':
          // The next worker computes its state while this one's is merged.
          if (merged + 1 < workers.length) workers[merged + 1]!.postMessage({ t: 'finish' } satisfies ToWorker);
          void workers[w]!.terminate();
          try {
            main.merge(m.state);
          } catch (e) {
            end(e);
            return;
          }
          merged++;
          if (merged === workers.length) complete();
          return;
        case 'crash':
          end(new Error(`helpdesk-metrics/node: a worker failed: ${m.message}${m.stack === undefined ? '' : `\n${m.stack}`}`));
          return;
      }
    };

    const startWorkers = (): void => {
      const { script, eval: isEval } = workerScript();
      const init: WorkerInit = { plan: job.plan, invalid, format: format!, checkIds: table !== undefined };
      for (let i = 0; i < settings.threads; i++) {
        const w = new Worker(script, { workerData: init, eval: isEval });
        w.on('message', (m: FromWorker) => onMessage(i, m));
        w.on('error', (e) => end(e));
        w.on('exit', (code) => {
          if (!finished && !finishing) end(new Error(`helpdesk-metrics/node: a worker exited (code ${code})`));
        });
        workers.push(w);
        inflight.push(0);
      }
    };

    const freeWorker = (): number => {
      let best = -1;
      for (let i = 0; i < workers.length; i++) if (inflight[i]! < CHUNKS_PER_WORKER && (best < 0 || inflight[i]! < inflight[best]!)) best = i;
      return best;
    };

    /** Reads and sends chunks while a worker has room (never faster than they are taken). */
    const pump = async (): Promise<void> => {
      if (pumping || readerDone || finished) return;
      pumping = true;
      try {
        while (!readerDone && !finished && failure === undefined && (workers.length === 0 || freeWorker() >= 0)) {
          const chunk = await reader.next();
          if (finished) return;
          if (chunk === undefined) {
            readerDone = true;
            break;
          }
          format = reader.format;
          if (workers.length === 0) startWorkers();
          const k = chunks.length;
          const spans = chunk.cut.spans;
          const empty = format === 'json' && (spans === undefined || spans.length === 0);
          const w = empty ? -1 : freeWorker();
          const c: ChunkEntry = { k, bytes: chunk.length, worker: w, problem: chunk.cut.problem, parsed: undefined, count: 0, fatal: undefined, position: 0, lineBase: 0, added: false };
          chunks.push(c);
          if (empty) {
            c.parsed = { t: 'parsed', k, count: 0, newlines: chunk.cut.newlines ?? 0, bad: [], fatal: undefined, ids: undefined };
            order();
          } else {
            inflight[w]!++;
            workers[w]!.postMessage(
              { t: 'chunk', k, buf: chunk.buf, length: chunk.length, spans, newlines: chunk.cut.newlines ?? 0, first: chunk.first } satisfies ToWorker,
              spans === undefined ? [chunk.buf] : [chunk.buf, spans.buffer as ArrayBuffer],
            );
          }
        }
      } catch (e) {
        end(e);
        return;
      } finally {
        pumping = false;
      }
      settle();
    };

    void pump();
  });
}
