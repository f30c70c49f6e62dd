/**
 * Cutting a file's bytes into chunks on record boundaries, in the main thread, without decoding them.
 *
 * - NDJSON: a chunk ends after its last `\n` (a byte no UTF-8 sequence contains, so no character is split);
 * - a JSON array: a small state machine over the bytes (inside a string or not, after a backslash or not,
 *   bracket depth) finds the commas between the array's elements; a chunk ends after the last such comma and
 *   carries the byte span of each element, so the worker parses each element alone (a bad element is one bad
 *   record, not a bad chunk). It counts the chunk's newlines on the way (the line of a later problem).
 *
 * Nothing here holds more than the bytes it is given.
 *
 * @internal
 * @module
 */

/**
 * How a file is read: `'ndjson'` (one record a line) or `'json'` (one array of records).
 *
 * @example
 * ```ts
 * import { runMetricsOnFile, type StreamFormat } from 'helpdesk-metrics/node';
 * const format: StreamFormat = 'json';
 * await runMetricsOnFile('export.json', { frt: { metric: 'firstResponseTime' } }, { format });
 * ```
 * @category Node
 */
export type StreamFormat = 'ndjson' | 'json';

/** A problem with the file's structure (JSON array only): not a record, but where the file breaks the format. */
export interface StructureProblem {
  /** Newlines in the chunk before the problem (its line: the chunk's first line + this). */
  readonly newlines: number;
  readonly message: string;
}

/** Where the bytes read so far can be cut. */
export interface Cut {
  /** Bytes [0, end) hold whole records; the rest begins the next chunk. */
  readonly end: number;
  /** JSON array: `[start, end)` of each element in the chunk, as pairs (whitespace trimmed). */
  readonly spans?: Uint32Array;
  /** JSON array: newlines in bytes [0, end). */
  readonly newlines?: number;
  /** JSON array: what is wrong with the file's structure at or before `end`, when something is. */
  readonly problem?: StructureProblem;
}

/** The first byte that is not whitespace (or a UTF-8 byte-order mark at offset 0); -1 when there is none. */
export function firstSignificantByte(bytes: Uint8Array, length: number): number {
  let i = 0;
  if (length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  for (; i < length; i++) {
    const c = bytes[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
  }
  return -1;
}

/** A file's format from its first bytes: a JSON array when the first significant byte is `[`, else NDJSON. */
export function detectFormat(bytes: Uint8Array, length: number): StreamFormat {
  return firstSignificantByte(bytes, length) === 0x5b ? 'json' : 'ndjson';
}

/** Cuts NDJSON: after the last newline, or everything at the end of the file. */
export function cutNdjson(bytes: Uint8Array, length: number, eof: boolean): Cut {
  if (eof) return { end: length };
  const nl = bytes.lastIndexOf(0x0a, length - 1);
  return { end: nl + 1 };
}

const enum Phase {
  /** Before the opening `[`. */
  Start,
  /** Inside the array. */
  Elements,
  /** After the closing `]`. */
  Closed,
  /** After a structure problem: nothing more is read. */
  Broken,
}

/**
 * The JSON array scanner. Each {@link JsonArrayCutter.cut} scans the unsent bytes from their start (the
 * scanner's state at a cut is always "between elements", so nothing but the bytes of one partial element is
 * ever scanned twice).
 */
export class JsonArrayCutter {
  private phase = Phase.Start;
  /** Whether the next bytes are the file's first (a byte-order mark may open it). */
  private atFileStart = true;

  /** Whether the array's closing `]` (or a problem) has been seen: the rest of the file is not records. */
  get finished(): boolean {
    return this.phase === Phase.Closed || this.phase === Phase.Broken;
  }

  /**
   * Scans `bytes[0, length)` (the unsent bytes: they begin where the last cut ended). Returns the cut after
   * the last element whose end is known (its comma or the closing `]`); at the end of the file (`eof`),
   * everything.
   */
  cut(bytes: Uint8Array, length: number, eof: boolean): Cut {
    const spans: number[] = [];
    let newlines = 0;
    let cutEnd = 0;
    let cutNewlines = 0;
    let i = 0;
    if (this.atFileStart && length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
    let phase = this.phase;
    let problem: StructureProblem | undefined;
    // The element being scanned.
    let elemStart = -1;
    let elemLast = -1;
    let depth = 0;
    let inString = false;
    let escaped = false;
    /** A comma was seen since the last element ended: an element must follow before `]`. */
    let expectElement = false;
    for (; i < length && problem === undefined; i++) {
      const c = bytes[i]!;
      if (c === 0x0a) newlines++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) {
          inString = false;
          elemLast = i;
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (phase === Phase.Elements) {
        if (depth === 0 && (c === 0x2c || c === 0x5d)) {
          if (elemStart >= 0) spans.push(elemStart, elemLast + 1);
          else if (c === 0x2c || expectElement) spans.push(i, i); // an empty element: `[,` or `,,` or `,]`
          elemStart = -1;
          expectElement = c === 0x2c;
          if (c === 0x5d) phase = Phase.Closed;
          cutEnd = i + 1;
          cutNewlines = newlines;
          continue;
        }
        if (elemStart < 0) elemStart = i;
        elemLast = i;
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if ((c === 0x7d || c === 0x5d) && depth > 0) depth--;
        continue;
      }
      if (phase === Phase.Start) {
        if (c === 0x5b) {
          phase = Phase.Elements;
          cutEnd = i + 1;
          cutNewlines = newlines;
        } else {
          problem = { newlines, message: `not a JSON array: expected '[', found ${describeByte(c)}` };
        }
        continue;
      }
      if (phase === Phase.Closed) problem = { newlines, message: `data after the JSON array's closing ']': ${describeByte(c)}` };
    }
    if (problem !== undefined) {
      this.phase = Phase.Broken;
      this.atFileStart = false;
      return { end: length, spans: Uint32Array.from(spans), newlines, problem };
    }
    if (eof) {
      if (phase === Phase.Elements) {
        if (elemStart >= 0) spans.push(elemStart, elemLast + 1);
        else if (expectElement) spans.push(length, length);
        problem = { newlines, message: inString ? 'the file ends inside a string: the JSON array is not closed' : "the file ends before the JSON array's closing ']'" };
        phase = Phase.Broken;
      }
      this.phase = phase;
      this.atFileStart = false;
      return problem === undefined ? { end: length, spans: Uint32Array.from(spans), newlines } : { end: length, spans: Uint32Array.from(spans), newlines, problem };
    }
    this.phase = phase;
    if (cutEnd > 0) this.atFileStart = false;
    // Spans of the elements that end at or before the cut (the partial one is scanned again next time).
    let n = spans.length;
    while (n > 0 && spans[n - 1]! > cutEnd) n -= 2;
    return { end: cutEnd, spans: Uint32Array.from(spans.slice(0, n)), newlines: cutNewlines };
  }
}

function describeByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
