/**
 * Parsing a chunk's bytes into records, in a worker: NDJSON line by line, a JSON array's chunk element by
 * element (the spans the main thread's cutter found). A line or element that is not valid JSON is a bad
 * record: under `'exclude'` its place holds `undefined` (the library lists it as `invalid:invalid_record`),
 * under `'throw'` parsing stops there and the records before it are kept (they are added first, so that an
 * earlier record's error is the one reported, as in the one-shot call).
 *
 * @internal
 * @module
 */
import type { InvalidMode } from '../index.js';
import { encodeLabels } from './idTable.js';

/** A line or element that is not valid JSON. */
export interface BadRecord {
  /** Index of the record in the chunk. */
  readonly index: number;
  /** Newlines in the chunk before the record's first byte (its line: the chunk's first line + this). */
  readonly newlines: number;
  readonly message: string;
  /** The record's id, when one can be read from the broken text. */
  readonly id: string | undefined;
}

/** A chunk parsed. */
export interface ParsedChunk {
  /** The records (`undefined` in the place of a bad one under `'exclude'`). */
  readonly records: unknown[];
  readonly bad: BadRecord[];
  /** `'throw'`: the first bad record (`records` stops before it). */
  readonly fatal: BadRecord | undefined;
  /** Newlines in the chunk (NDJSON: counted here; JSON: the cutter's count). */
  readonly newlines: number;
  /** Newlines in the chunk before record `i`. */
  lineOf(i: number): number;
}

/** The id written in a broken line, when one can be read (`"id": "T-1"` or `"id": 7`). */
export function readBrokenId(text: string): string | undefined {
  const m = /"id"\s*:\s*("(?:[^"\\\n]|\\.){1,200}"|-?\d{1,30}(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text);
  if (m === null) return undefined;
  try {
    const v: unknown = JSON.parse(m[1]!);
    return typeof v === 'string' ? (v.length > 0 ? v : undefined) : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
  } catch {
    return undefined;
  }
}

function parseError(e: unknown): string {
  return `not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0xfeff) return false;
  }
  return true;
}

/** Parses an NDJSON chunk (`bytes[0, length)`, whole lines; `first`: the chunk opens the file). */
export function parseNdjson(bytes: Uint8Array, length: number, invalid: InvalidMode, first: boolean): ParsedChunk {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('utf8');
  const records: unknown[] = [];
  const lines: number[] = [];
  const bad: BadRecord[] = [];
  let fatal: BadRecord | undefined;
  let pos = first && text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark
  let line = 0;
  const n = text.length;
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? n : nl;
    const c = text.charCodeAt(pos);
    // A line that opens with `{` is parsed as it is (JSON.parse allows the trailing \r); anything else is
    // checked for blankness first.
    if (c === 0x7b || !isBlank(text.slice(pos, end))) {
      const s = text.slice(pos, end);
      try {
        records.push(JSON.parse(s));
        lines.push(line);
      } catch (e) {
        const b: BadRecord = { index: records.length, newlines: line, message: parseError(e), id: readBrokenId(s) };
        if (invalid === 'throw') {
          fatal = b;
          break;
        }
        bad.push(b);
        records.push(undefined);
        lines.push(line);
      }
    }
    if (nl < 0) break;
    line++;
    pos = nl + 1;
  }
  // Newlines of the whole chunk (also after a fatal line: the count is the chunk's, for the lines after it).
  let newlines = line;
  if (fatal !== undefined) {
    newlines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines++;
  }
  const lineArray = Uint32Array.from(lines);
  return { records, bad, fatal, newlines, lineOf: (i) => lineArray[i] ?? line };
}

/** Parses the elements of a JSON array's chunk (`spans`: their byte ranges, as the cutter found them). */
export function parseJsonElements(bytes: Uint8Array, spans: Uint32Array, newlines: number, invalid: InvalidMode): ParsedChunk {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: unknown[] = [];
  const bad: BadRecord[] = [];
  let fatal: BadRecord | undefined;
  // Newlines before each element's start, counted only when asked (errors and bad records).
  let countedTo = 0;
  let counted = 0;
  const lineOf = (i: number): number => {
    const at = spans[2 * i] ?? buf.length;
    if (at < countedTo) {
      countedTo = 0;
      counted = 0;
    }
    for (let k = buf.indexOf(0x0a, countedTo); k >= 0 && k < at; k = buf.indexOf(0x0a, k + 1)) counted++;
    countedTo = at;
    return counted;
  };
  for (let e = 0; 2 * e < spans.length; e++) {
    const s = spans[2 * e]!;
    const t = spans[2 * e + 1]!;
    const text = buf.toString('utf8', s, t);
    try {
      if (s === t) throw new SyntaxError('an empty array element');
      records.push(JSON.parse(text));
    } catch (err) {
      const b: BadRecord = { index: records.length, newlines: lineOf(e), message: parseError(err), id: readBrokenId(text) };
      if (invalid === 'throw') {
        fatal = b;
        break;
      }
      bad.push(b);
      records.push(undefined);
    }
  }
  return { records, bad, fatal, newlines, lineOf };
}

/** The id labels of a chunk's records, for the main thread's duplicate check (transferable buffers). */
export interface ChunkIds {
  /** UTF-8 labels, concatenated (see {@link encodeLabels}). */
  readonly bytes: Uint8Array;
  /** End offset of each label in `bytes`. */
  readonly ends: Uint32Array;
  /** The chunk-relative index of the record each label belongs to. */
  readonly index: Uint32Array;
}

/**
 * The labels of the ids the library's readers check for duplicates: an object record's `id` when it is a
 * non-empty string or a finite number, as `String(id)` (7 and '7' are one id, -0 and 0 too).
 */
export function chunkIds(records: readonly unknown[]): ChunkIds {
  const labels: string[] = [];
  const index: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r === null || typeof r !== 'object' || Array.isArray(r)) continue;
    const id = (r as { id?: unknown }).id;
    if (typeof id === 'string') {
      if (id.length === 0) continue;
      labels.push(id);
    } else if (typeof id === 'number' && Number.isFinite(id)) labels.push(String(id));
    else continue;
    index.push(i);
  }
  const { bytes, ends } = encodeLabels(labels);
  return { bytes, ends, index: Uint32Array.from(index) };
}
