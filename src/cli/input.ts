/**
 * Reading the input files (or stdin) into batches of records, with the line each record came from.
 *
 * - JSON: one document, read whole (an array of records, or an object whose arrays are collections);
 * - NDJSON: one record a line, read as a stream: only the current chunk and the current batch are held;
 * - CSV / TSV: a header line, then one row a line (csv-parse, as a stream); rows are objects keyed by the
 *   header, built with `Object.fromEntries` so that a header such as `__proto__` is data.
 *
 * The format comes from the file name (`.json`, `.ndjson`, `.jsonl`, `.csv`, `.tsv`), else from the first
 * bytes (`[` or a multi-line `{`: JSON; `{` on a line that is a whole JSON value and more lines: NDJSON;
 * otherwise CSV). A `.json` file holding NDJSON is read as NDJSON.
 *
 * @internal
 * @module
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { describe } from '../results/describe.js';
import { inputError } from './errors.js';

export type FileFormat = 'json' | 'ndjson' | 'csv' | 'tsv';

/** One input: a path, or `'-'` for stdin. */
export interface InputFile {
  readonly path: string;
  /** How messages name it: the path as given, or `stdin`. */
  readonly label: string;
  /** Bytes, when known (files; not stdin). */
  readonly size: number | undefined;
}

/** Records read from one file, in order. */
export interface RecordBatch {
  /** Index of the file in the input list. */
  readonly file: number;
  readonly format: FileFormat;
  /** The key of the array the records came from in a JSON object file; `undefined`: the file's own records. */
  readonly collection: string | undefined;
  readonly records: unknown[];
  /** The line (1-based) of each record; 0 inside a JSON document, where its index names it. */
  readonly lines: readonly number[];
  /** Index of the first record in its file's collection. */
  readonly offset: number;
  /** CSV / TSV: the header, as written. */
  readonly columns: readonly string[] | undefined;
}

/** Running totals, read by the progress bar. */
export interface ReadCounters {
  bytes: number;
  records: number;
  /** The file being read. */
  file: number;
}

/** Records per batch (NDJSON and CSV). */
export const BATCH_SIZE = 8192;
/** A first line longer than this is not sniffed for NDJSON (it is one JSON document). */
const SNIFF_BYTES = 1 << 20;
/** Above this a JSON document cannot be one string in V8; NDJSON can be any size. */
const MAX_JSON_BYTES = 512 * 1024 * 1024 - 64;

/** The inputs named on the command line: a missing or unreadable file is an error before anything is read. */
export function inputFiles(paths: readonly string[]): InputFile[] {
  if (paths.length === 0) return [{ path: '-', label: 'stdin', size: undefined }];
  return paths.map((path) => {
    if (path === '-') return { path, label: 'stdin', size: undefined };
    let size: number;
    try {
      const st = statSync(path);
      if (st.isDirectory()) throw inputError(`${path}: is a directory, not a file`);
      size = st.size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw inputError(`${path}: no such file`);
      if ((e as NodeJS.ErrnoException).code === 'EACCES') throw inputError(`${path}: permission denied`);
      throw e;
    }
    return { path, label: path, size };
  });
}

function formatOfName(path: string): FileFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  return undefined;
}

/** The format of a file from its first bytes (`.json` files too: NDJSON often comes named `.json`). */
function sniff(head: string): FileFormat {
  const text = head.replace(/^\uFEFF/, '');
  const start = text.search(/\S/);
  if (start === -1) return 'json';
  const c = text[start];
  if (c === '[') return 'json';
  if (c !== '{') return 'csv';
  const nl = text.indexOf('\n', start);
  if (nl === -1) return 'json';
  const first = text.slice(start, nl).trim();
  if (!first.endsWith('}')) return 'json';
  try {
    JSON.parse(first);
  } catch {
    return 'json';
  }
  return text.slice(nl + 1).trim() === '' ? 'json' : 'ndjson';
}

function openStream(file: InputFile, stdin: NodeJS.ReadableStream): AsyncIterable<Buffer> {
  if (file.path === '-') return stdin as AsyncIterable<Buffer>;
  return createReadStream(file.path, { highWaterMark: 1 << 20 });
}

/** The chunks of a stream with the first ones peeked: the head for sniffing, then every chunk in order. */
async function peek(chunks: AsyncIterable<Buffer>): Promise<{ head: string; all: AsyncIterable<Buffer> }> {
  const it = chunks[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done === true) {
      done = true;
      break;
    }
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as string);
    seen.push(b);
    size += b.length;
    if (b.includes(10) && size > 4096) break;
  }
  const head = Buffer.concat(seen).toString('utf8', 0, Math.min(size, SNIFF_BYTES));
  async function* all(): AsyncGenerator<Buffer> {
    yield* seen;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done === true) return;
      yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as string);
    }
  }
  return { head, all: all() };
}

/** A stream read error as a message naming the file. */
function readError(file: InputFile, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return inputError(`${file.label}: no such file`);
  if (code === 'EACCES') return inputError(`${file.label}: permission denied`);
  if (code === 'EISDIR') return inputError(`${file.label}: is a directory, not a file`);
  return e instanceof Error ? e : inputError(`${file.label}: cannot read: ${describe(e)}`);
}

/** Every record of every file, in batches, in file order. */
export async function* readInputs(files: readonly InputFile[], stdin: NodeJS.ReadableStream, counters: ReadCounters): AsyncGenerator<RecordBatch> {
  for (let f = 0; f < files.length; f++) {
    const file = files[f]!;
    counters.file = f;
    try {
      const counted = countBytes(openStream(file, stdin), counters);
      const { head, all } = await peek(counted);
      const format = formatOfName(file.path) ?? sniff(head);
      if (format === 'json') yield* readJson(f, file, all, counters);
      else if (format === 'ndjson') yield* readNdjson(f, file, all, counters);
      else yield* readDelimited(f, file, format, all, counters);
    } catch (e) {
      throw readError(file, e);
    }
  }
}

async function* countBytes(chunks: AsyncIterable<Buffer>, counters: ReadCounters): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as unknown as string);
    counters.bytes += b.length;
    yield b;
  }
}

/** The line of character `position` in `text` (1-based). */
function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function jsonMessage(e: unknown): string {
  return (e as Error).message.replace(/^JSON\.parse: /, '');
}

async function* readJson(f: number, file: InputFile, chunks: AsyncIterable<Buffer>, counters: ReadCounters): AsyncGenerator<RecordBatch> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > MAX_JSON_BYTES) {
      throw inputError(`${file.label}: too large to read as one JSON document (over ${Math.floor(MAX_JSON_BYTES / 2 ** 20)} MB); write it as NDJSON, one record a line, which is read as a stream`);
    }
    parts.push(c);
  }
  const text = Buffer.concat(parts).toString('utf8').replace(/^\uFEFF/, '');
  parts.length = 0;
  if (text.trim() === '') throw inputError(`${file.label}: is empty`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const where = pos === null ? '' : ` line ${lineAt(text, Number(pos[1]))}`;
    throw inputError(`${file.label}${where}: not valid JSON: ${jsonMessage(e)}`);
  }
  const base = { file: f, format: 'json' as const, offset: 0, columns: undefined };
  if (Array.isArray(doc)) {
    counters.records += doc.length;
    yield { ...base, collection: undefined, records: doc, lines: new Array<number>(doc.length).fill(0) };
    return;
  }
  if (doc === null || typeof doc !== 'object') throw inputError(`${file.label}: holds ${describe(doc)}, not records (an array, an object of arrays, or one record a line)`);
  const arrays = collectionsOf(doc as Record<string, unknown>);
  if (arrays.length === 0) {
    // One record on its own (a single ticket or conversation).
    counters.records += 1;
    yield { ...base, collection: undefined, records: [doc], lines: [1] };
    return;
  }
  for (const [key, records] of arrays) {
    counters.records += records.length;
    yield { ...base, collection: key, records, lines: new Array<number>(records.length).fill(0) };
  }
}

/**
 * The collections a JSON object file may hold, by the names the importers take (`ticketMetrics`) and the
 * vendors' own (`ticket_metrics`), with `surveys` for the library's model. Any other key is data of one record.
 */
const COLLECTIONS: ReadonlyMap<string, string> = new Map([
  ['tickets', 'tickets'], ['audits', 'audits'], ['ticket_audits', 'audits'], ['comments', 'comments'], ['users', 'users'],
  ['ticketMetrics', 'ticketMetrics'], ['ticket_metrics', 'ticketMetrics'], ['satisfactionRatings', 'satisfactionRatings'],
  ['satisfaction_ratings', 'satisfactionRatings'], ['conversations', 'conversations'], ['activities', 'activities'],
  ['activities_data', 'activities'], ['messages', 'messages'], ['csatSurveyResponses', 'csatSurveyResponses'],
  ['csat_survey_responses', 'csatSurveyResponses'], ['surveys', 'surveys'], ['rows', 'rows'],
]);

/**
 * The collections of a JSON object file: its arrays under a collection name (a vendor's page, `{ tickets: [...],
 * next_page }`, or the importer's input, `{ tickets, audits, users }`), and those under `_embedded` (Help Scout's
 * pages). None: the object is one record.
 */
function collectionsOf(doc: Record<string, unknown>): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
  const add = (obj: Record<string, unknown>): void => {
    for (const [k, v] of Object.entries(obj)) {
      const name = COLLECTIONS.get(k);
      if (name !== undefined && Array.isArray(v)) out.push([name, v]);
    }
  };
  add(doc);
  const embedded = doc._embedded;
  if (embedded !== null && typeof embedded === 'object' && !Array.isArray(embedded)) add(embedded as Record<string, unknown>);
  return out;
}

async function* readNdjson(f: number, file: InputFile, chunks: AsyncIterable<Buffer>, counters: ReadCounters): AsyncGenerator<RecordBatch> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let offset = 0;
  let records: unknown[] = [];
  let lines: number[] = [];
  const take = (text: string): void => {
    line++;
    const t = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (t === '') return;
    try {
      records.push(JSON.parse(t));
    } catch (e) {
      throw inputError(`${file.label} line ${line}: not valid JSON: ${jsonMessage(e)}`);
    }
    lines.push(line);
  };
  const flush = (): RecordBatch => {
    const batch: RecordBatch = { file: f, format: 'ndjson', collection: undefined, records, lines, offset, columns: undefined };
    counters.records += records.length;
    offset += records.length;
    records = [];
    lines = [];
    return batch;
  };
  for await (const chunk of chunks) {
    const text = rest + decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl));
      start = nl + 1;
      if (records.length >= BATCH_SIZE) yield flush();
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== '') take(rest);
  if (records.length > 0 || offset === 0) yield flush();
}

async function* readDelimited(f: number, file: InputFile, format: 'csv' | 'tsv', chunks: AsyncIterable<Buffer>, counters: ReadCounters): AsyncGenerator<RecordBatch> {
  const parser = Readable.from(chunks).pipe(
    parseCsv({ bom: true, delimiter: format === 'tsv' ? '\t' : ',', skip_empty_lines: true, info: true, relax_column_count: false }),
  );
  let columns: string[] | undefined;
  let offset = 0;
  let records: unknown[] = [];
  let lines: number[] = [];
  const flush = (): RecordBatch => {
    const batch: RecordBatch = { file: f, format, collection: undefined, records, lines, offset, columns };
    counters.records += records.length;
    offset += records.length;
    records = [];
    lines = [];
    return batch;
  };
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = item.record;
      if (columns === undefined) {
        columns = cells.map((c) => c.trim());
        const seen = new Set<string>();
        for (const c of columns) {
          if (seen.has(c)) throw inputError(`${file.label} line ${item.info.lines}: column ${describe(c)} appears twice in the header`);
          seen.add(c);
        }
        continue;
      }
      const header = columns;
      records.push(Object.fromEntries(header.map((c, i) => [c, cells[i]])));
      lines.push(item.info.lines);
      if (records.length >= BATCH_SIZE) yield flush();
    }
  } catch (e) {
    const err = e as CsvError & { lines?: number };
    if (err.code !== undefined && typeof err.code === 'string' && err.code.startsWith('CSV_')) {
      const message = err.message.replace(/ on line \d+$/, '').replace(/^Invalid Record Length: /, '');
      throw inputError(`${file.label} line ${err.lines ?? '?'}: unreadable ${format.toUpperCase()}: ${message}`);
    }
    throw e;
  }
  if (columns === undefined) throw inputError(`${file.label}: is empty (a ${format.toUpperCase()} file needs a header line)`);
  if (records.length > 0 || offset === 0) yield flush();
}
