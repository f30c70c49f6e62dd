/**
 * Reading a file a chunk at a time, each chunk cut on record boundaries (split.ts) and in a buffer of its own
 * (it is transferred to a worker). One buffer is being filled at a time; the caller asks for the next chunk
 * only when a worker has room (back-pressure).
 *
 * @internal
 * @module
 */
import { optionError } from './errors.js';
import { cutNdjson, detectFormat, JsonArrayCutter, type Cut, type StreamFormat } from './split.js';

/** The longest record (a chunk grows to hold one; beyond this the file is not one a stream can read). */
export const MAX_RECORD_BYTES = 512 * 1024 * 1024;

/** Reads up to `length` bytes at file offset `position` into `buf` at `offset`; resolves to the count (0 at the end). */
export type ReadBytes = (buf: Uint8Array, offset: number, length: number, position: number) => Promise<number>;

/** A chunk of bytes cut on record boundaries. */
export interface ChunkBytes {
  readonly buf: ArrayBuffer;
  readonly length: number;
  readonly cut: Cut;
  readonly first: boolean;
}

/** Reads the file a chunk at a time; a chunk's buffer is its own (it is transferred). */
export class ChunkReader {
  format: StreamFormat | undefined;
  private buf: Uint8Array;
  private filled = 0;
  private position = 0;
  private eof = false;
  private done = false;
  private first = true;
  private json: JsonArrayCutter | undefined;

  constructor(
    private readonly read: ReadBytes,
    private readonly chunkBytes: number,
    format: StreamFormat | undefined,
  ) {
    this.buf = new Uint8Array(chunkBytes);
    this.format = format;
  }

  private async fill(): Promise<void> {
    while (!this.eof && this.filled < this.buf.length) {
      const bytesRead = await this.read(this.buf, this.filled, this.buf.length - this.filled, this.position);
      if (bytesRead === 0) this.eof = true;
      this.filled += bytesRead;
      this.position += bytesRead;
      // The format is known from the first byte that is not whitespace: read at least up to it.
      if (this.format === undefined && detectFormatOf(this.buf, this.filled) !== undefined) break;
    }
  }

  private grow(): void {
    if (this.buf.length >= MAX_RECORD_BYTES) optionError('file', `a record longer than ${MAX_RECORD_BYTES} bytes (or a JSON string that is never closed)`, 'invalid_argument');
    const bigger = new Uint8Array(Math.min(this.buf.length * 2, MAX_RECORD_BYTES));
    bigger.set(this.buf.subarray(0, this.filled));
    this.buf = bigger;
  }

  /** The next chunk, or `undefined` at the end. */
  async next(): Promise<ChunkBytes | undefined> {
    for (;;) {
      if (this.done) return undefined;
      await this.fill();
      if (this.format === undefined) {
        const found = detectFormatOf(this.buf, this.filled);
        if (found !== undefined || this.eof) this.format = found ?? 'ndjson';
        else {
          // Only whitespace so far and the buffer is full: make room and read on.
          this.grow();
          continue;
        }
      }
      if (this.format === 'json' && this.json === undefined) this.json = new JsonArrayCutter();
      const cut = this.json !== undefined ? this.json.cut(this.buf, this.filled, this.eof) : cutNdjson(this.buf, this.filled, this.eof);
      if (cut.end === 0 && !this.eof) {
        // A record longer than the buffer: make room.
        this.grow();
        continue;
      }
      if (this.eof && this.filled === 0 && cut.problem === undefined) {
        this.done = true;
        return undefined;
      }
      const chunk: ChunkBytes = { buf: this.buf.buffer as ArrayBuffer, length: cut.end, cut, first: this.first };
      this.first = false;
      const rest = this.filled - cut.end;
      const next = new Uint8Array(Math.max(this.chunkBytes, rest * 2));
      next.set(this.buf.subarray(cut.end, this.filled));
      this.buf = next;
      this.filled = rest;
      if ((this.eof && rest === 0) || cut.problem !== undefined) this.done = true;
      return chunk;
    }
  }
}

/** The format from the bytes so far, once a significant byte is among them. */
function detectFormatOf(bytes: Uint8Array, length: number): StreamFormat | undefined {
  for (let i = 0; i < length; i++) {
    const c = bytes[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || (i < 3 && (c === 0xef || c === 0xbb || c === 0xbf))) continue;
    return detectFormat(bytes, length);
  }
  return undefined;
}

