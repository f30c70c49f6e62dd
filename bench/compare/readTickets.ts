/**
 * A small local reader of big ticket files for the comparison bench, until the library's streaming Node entry
 * (issue 14) lands and replaces it: `JSON.parse(readFileSync(file, 'utf8'))` fails on a file longer than V8's
 * longest string (about 512 MB; the 1M-ticket array is 574 MB).
 *
 * - {@link readJsonArray}: a JSON array of any layout. The bytes are read 16 MB at a time; each run of whole
 *   elements is parsed with one `JSON.parse` of `[` + run + `]`. A run ends at the chunk's last comma before
 *   an element that opens as the first one does (`{"id"`) when that parses (it cannot parse unless the comma
 *   separates the array's elements: see fastCut), else at the last comma found by a scan (outside strings, at
 *   depth 1). Nothing is assumed about line breaks.
 * - {@link readNdjson}: one JSON value per line (blank lines skipped); runs of whole lines are parsed the same way.
 *
 * Both return the elements in file order and throw on malformed input (with the byte offset).
 */
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 16 * 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const LF = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Reads `path` in chunks; `take(buf, end, last)` consumes a prefix of `buf[0..end)` and returns its length. */
function readChunks(path: string, chunk: number, take: (buf: Buffer, end: number, last: boolean) => number): void {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(chunk * 2);
    let end = 0;
    for (;;) {
      if (buf.length - end < chunk) {
        const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, end + chunk));
        buf.copy(grown, 0, 0, end);
        buf = grown;
      }
      const n = readSync(fd, buf, end, chunk, null);
      end += n;
      const used = take(buf, end, n === 0);
      if (n === 0) return;
      buf.copy(buf, 0, used, end);
      end -= used;
    }
  } finally {
    closeSync(fd);
  }
}

function parseRun(buf: Buffer, from: number, to: number, out: unknown[], offset: number): void {
  if (to <= from) return;
  let values: unknown[];
  try {
    values = JSON.parse(`[${buf.toString('utf8', from, to)}]`) as unknown[];
  } catch (e) {
    throw new Error(`malformed JSON between bytes ${offset + from} and ${offset + to}: ${(e as Error).message}`);
  }
  for (let k = 0; k < values.length; k++) out.push(values[k]);
}

/** The elements of the JSON array in `path` (`chunkBytes`: the read size, small only in the reader's own check). */
export function readJsonArray(path: string, chunkBytes = CHUNK): unknown[] {
  const out: unknown[] = [];
  let offset = 0; // file offset of buf[0]
  let started = false;
  /** The first element's opening bytes up to its first key (`{"id"`): where the fast cut looks. */
  let head: Buffer | undefined;
  let fast = true;
  let ended = false;
  readChunks(path, chunkBytes, (buf, end, last) => {
    const used = scan(buf, end, last);
    offset += used;
    return used;
  });
  return out;

  /**
   * The fast cut, for arrays of objects that start alike (records): the last comma of the chunk followed by the
   * first element's opening (`{"id"`), taken as the end of a run of whole elements if `[` + run + `]` parses.
   * It cannot parse unless that comma separates the array's elements (a cut inside a string leaves the string
   * open, one inside a nested value leaves a bracket open), so the result is the scan's. When it does not
   * parse, the scan decides, and the fast cut is not tried again. Returns the comma's index, or −1.
   */
  function fastCut(buf: Buffer, from: number, end: number): number {
    if (head === undefined) {
      // Learn the opening from the first element: `{`, spaces, the first key with its quotes.
      let k = from;
      while (k < end && isSpace(buf[k]!)) k++;
      if (buf[k] !== OPEN_BRACE) return (fast = false, -1);
      let q = k + 1;
      while (q < end && isSpace(buf[q]!)) q++;
      if (buf[q] !== QUOTE) return (fast = false, -1);
      const close = buf.indexOf(QUOTE, q + 1);
      if (close < 0 || close >= end || close - k > 64 || buf.subarray(q + 1, close).includes(BACKSLASH)) return (fast = false, -1);
      head = Buffer.from(buf.subarray(k, close + 1));
    }
    const at = buf.lastIndexOf(head, end - head.length);
    if (at <= from) return -1;
    let comma = at - 1;
    while (comma > from && isSpace(buf[comma]!)) comma--;
    if (buf[comma] !== COMMA || comma <= from) return -1;
    let values: unknown[];
    try {
      values = JSON.parse(`[${buf.toString('utf8', from, comma)}]`) as unknown[];
    } catch {
      fast = false;
      return -1;
    }
    for (let v = 0; v < values.length; v++) out.push(values[v]);
    return comma;
  }

  /** Consumes what it can of `buf[0..end)`; returns how many bytes. */
  function scan(buf: Buffer, end: number, last: boolean): number {
    let i = 0;
    if (!started) {
      while (i < end && isSpace(buf[i]!)) i++;
      if (i === end) {
        if (last) throw new Error(`${path}: empty file, expected a JSON array`);
        return i;
      }
      if (buf[i] !== OPEN_BRACKET) throw new Error(`${path}: expected a JSON array, found ${JSON.stringify(String.fromCharCode(buf[i]!))} at byte ${offset + i}`);
      started = true;
      i++;
    }
    if (ended) {
      for (; i < end; i++) if (!isSpace(buf[i]!)) throw new Error(`${path}: data after the array at byte ${offset + i}`);
      return end;
    }
    // Scan from the start of the first unparsed element (depth 1, outside strings) to the last comma at depth 1.
    const runStart = i;
    if (fast && !last) {
      const c = fastCut(buf, runStart, end);
      if (c >= 0) return c + 1;
    }
    let cut = -1; // index of the last separating comma (or of the closing bracket)
    let depth = 1;
    let open = false; // inside a string that the chunk ends in
    while (i < end) {
      const b = buf[i]!;
      if (b === QUOTE) {
        // Skip the string byte by byte (strings are short: a loop beats a call to indexOf per string).
        i++;
        for (;;) {
          if (i >= end) {
            open = true;
            break;
          }
          const c = buf[i]!;
          if (c === QUOTE) break;
          i += c === BACKSLASH ? 2 : 1;
        }
        if (open) break; // the string goes on in the next chunk
        i++;
        continue;
      }
      if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          cut = i;
          ended = true;
          break;
        }
      } else if (b === COMMA && depth === 1) cut = i;
      i++;
    }
    if (ended) {
      parseRun(buf, runStart, cut, out, offset);
      for (let k = cut + 1; k < end; k++) if (!isSpace(buf[k]!)) throw new Error(`${path}: data after the array at byte ${offset + k}`);
      return end;
    }
    if (last) throw new Error(`${path}: the array is not closed (end of file at byte ${offset + end})`);
    if (cut < 0) return runStart; // no whole element yet: read more
    parseRun(buf, runStart, cut, out, offset);
    return cut + 1;
  }
}

/** The values of the NDJSON file in `path`, one per non-blank line. */
export function readNdjson(path: string, chunkBytes = CHUNK): unknown[] {
  const out: unknown[] = [];
  let offset = 0;
  readChunks(path, chunkBytes, (buf, end, last) => {
    let cut = buf.lastIndexOf(LF, end - 1);
    if (last) cut = end;
    if (cut < 0) return 0;
    // Join the lines of the run with commas: one parse per run. Blank lines are dropped first.
    const text = buf.toString('utf8', 0, cut);
    const lines = text.split('\n');
    let joined = '';
    let k = 0;
    for (const line of lines) {
      if (line.trim().length === 0) continue;
      joined += k++ === 0 ? line : `,${line}`;
    }
    if (k > 0) {
      let values: unknown[];
      try {
        values = JSON.parse(`[${joined}]`) as unknown[];
      } catch (e) {
        throw new Error(`${path}: malformed line between bytes ${offset} and ${offset + cut}: ${(e as Error).message}`);
      }
      for (const v of values) out.push(v);
    }
    const used = last ? end : cut + 1;
    offset += used;
    return used;
  });
  return out;
}
