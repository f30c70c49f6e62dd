/**
 * The byte cutters and the chunk parsers of the Node entry, without workers: a file read in random small
 * pieces (so that lines, elements and multi-byte characters fall across reads), cut, and parsed chunk by
 * chunk, gives the records (and line numbers) that parsing the whole text gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonElements, parseNdjson, type ParsedChunk } from '../../src/node/parse.js';
import { ChunkReader, type ReadBytes } from '../../src/node/reader.js';
import { detectFormat, JsonArrayCutter, type StreamFormat } from '../../src/node/split.js';

/** A read function over `bytes` that returns at most `pieces()` bytes a call. */
function reading(bytes: Uint8Array, pieces: () => number): ReadBytes {
  return async (buf, offset, length, position) => {
    const n = Math.min(length, bytes.length - position, Math.max(1, pieces()));
    buf.set(bytes.subarray(position, position + n), offset);
    return n;
  };
}

interface Read {
  format: StreamFormat | undefined;
  records: unknown[];
  /** 1-based line of each record. */
  lines: number[];
  bad: { line: number; position: number; message: string; id: string | undefined }[];
  problems: { line: number; message: string }[];
  chunks: number;
}

async function readAll(text: string | Uint8Array, chunkBytes: number, seed = 1, format?: StreamFormat, invalid: 'throw' | 'exclude' = 'exclude'): Promise<Read> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  let s = seed;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s;
  };
  const reader = new ChunkReader(reading(bytes, () => 1 + (rand() % 7)), chunkBytes, format);
  const out: Read = { format: undefined, records: [], lines: [], bad: [], problems: [], chunks: 0 };
  let lineBase = 0;
  for (let c = await reader.next(); c !== undefined; c = await reader.next()) {
    out.chunks++;
    const chunk = new Uint8Array(c.buf, 0, c.length);
    const parsed: ParsedChunk =
      reader.format === 'json' ? parseJsonElements(chunk, c.cut.spans ?? new Uint32Array(0), c.cut.newlines ?? 0, invalid) : parseNdjson(chunk, c.length, invalid, c.first);
    for (const b of parsed.bad) out.bad.push({ line: lineBase + b.newlines + 1, position: out.records.length + b.index, message: b.message, id: b.id });
    if (parsed.fatal !== undefined) out.bad.push({ line: lineBase + parsed.fatal.newlines + 1, position: out.records.length + parsed.fatal.index, message: parsed.fatal.message, id: parsed.fatal.id });
    parsed.records.forEach((r, i) => {
      out.records.push(r);
      out.lines.push(lineBase + parsed.lineOf(i) + 1);
    });
    if (c.cut.problem !== undefined) out.problems.push({ line: lineBase + c.cut.problem.newlines + 1, message: c.cut.problem.message });
    lineBase += parsed.newlines;
    if (parsed.fatal !== undefined) break;
  }
  out.format = reader.format;
  return out;
}

describe('NDJSON', () => {
  it('cuts lines across chunk boundaries and reads CRLF, blank lines and a missing last newline', async () => {
    const text = '{"id":1}\r\n\r\n   \n{"id":"two","s":"a,b]"}\n\n{"id":3}';
    for (const chunkBytes of [1, 2, 3, 5, 8, 64, 4096]) {
      const r = await readAll(text, chunkBytes);
      expect(r.format).toBe('ndjson');
      expect(r.records).toEqual([{ id: 1 }, { id: 'two', s: 'a,b]' }, { id: 3 }]);
      expect(r.lines).toEqual([1, 4, 6]);
      expect(r.bad).toEqual([]);
    }
  });

  it('keeps multi-byte UTF-8 characters whole whatever the read and chunk sizes', async () => {
    const records = [{ id: 'é-1', name: '日本語のチケット' }, { id: '😀', note: 'Ünïcödé ✓' }, { id: 3, s: '\u2028' }];
    const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    for (const chunkBytes of [1, 2, 3, 4, 7, 13]) {
      for (const seed of [1, 2, 3]) expect((await readAll(text, chunkBytes, seed)).records).toEqual(records);
    }
  });

  it('a line that is not JSON: undefined in its place under exclude, with its line and the id read from it', async () => {
    const text = '{"id":"a"}\n{"id": "b", oops}\n\n{"id":"c"}\nnot json\n';
    const r = await readAll(text, 4);
    expect(r.records).toEqual([{ id: 'a' }, undefined, { id: 'c' }, undefined]);
    expect(r.bad.map((b) => [b.line, b.position, b.id])).toEqual([
      [2, 1, 'b'],
      [5, 3, undefined],
    ]);
    expect(r.bad[0]!.message).toMatch(/^not valid JSON: /);
  });

  it('under throw, parsing stops at the first bad line (the records before it are kept)', async () => {
    const r = await readAll('{"id":"a"}\n{"id":"b"\n{"id":"c"}\n', 1 << 20, 1, undefined, 'throw');
    expect(r.records).toEqual([{ id: 'a' }]);
    expect(r.bad.map((b) => [b.line, b.position, b.id])).toEqual([[2, 1, 'b']]);
  });

  it('a byte-order mark opens the file; an empty file has no records', async () => {
    expect((await readAll('\uFEFF{"id":1}\n', 3)).records).toEqual([{ id: 1 }]);
    expect((await readAll('', 3)).records).toEqual([]);
    expect((await readAll('\n\n  \n', 3)).records).toEqual([]);
  });

  it('property: any records, any chunk size, any reads → the records in order with their lines', async () => {
    const recordArb = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(recordArb, fc.nat(2), fc.boolean()), { maxLength: 20 }), fc.integer({ min: 1, max: 40 }), fc.nat(), async (rows, chunkBytes, seed) => {
        let text = '';
        let line = 1;
        const lines: number[] = [];
        for (const [rec, blanks, crlf] of rows) {
          text += '\n'.repeat(blanks);
          line += blanks;
          lines.push(line);
          text += JSON.stringify(rec) + (crlf ? '\r\n' : '\n');
          line++;
        }
        const r = await readAll(text, chunkBytes, seed + 1);
        expect(r.records).toEqual(rows.map(([rec]) => rec));
        expect(r.lines).toEqual(lines);
      }),
      { seed: 1401, numRuns: 150 },
    );
  });
});

describe('JSON array', () => {
  it('is detected from its first significant byte', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(detectFormat(enc('  \n [1]'), 7)).toBe('json');
    expect(detectFormat(enc('\uFEFF[1]'), 6)).toBe('json');
    expect(detectFormat(enc('{"id":1}'), 8)).toBe('ndjson');
  });

  it('cuts between elements only: strings with brackets, commas, escaped quotes and newlines stay whole', async () => {
    const records = [
      { id: 'a', s: '[,]{,}' },
      { id: 'b', s: 'say \\"hi\\", ] then [' },
      { id: 'c', s: 'line one\nline two', nested: [{ x: [1, 2, { y: '],' }] }] },
      { id: 'd', s: '\\', t: '"' },
      { id: 'é', s: '日本' },
    ];
    const compact = JSON.stringify(records);
    const pretty = JSON.stringify(records, null, 2);
    for (const text of [compact, pretty, `\n  ${compact}  \n`]) {
      for (const chunkBytes of [1, 2, 5, 16, 1 << 16]) {
        const r = await readAll(text, chunkBytes, chunkBytes);
        expect(r.format).toBe('json');
        expect(r.records).toEqual(records);
        expect(r.problems).toEqual([]);
      }
    }
    // Lines of the elements in the pretty form: each starts on its own line.
    const r = await readAll(pretty, 7);
    const expected = pretty.split('\n').flatMap((l, i) => (l === '  {' ? [i + 1] : []));
    expect(r.lines).toEqual(expected);
  });

  it('an element that is not JSON is one bad record; an empty element too', async () => {
    const r = await readAll('[{"id":1},\n{"id":2,},\n,{"id":3}]', 3);
    expect(r.records).toEqual([{ id: 1 }, undefined, undefined, { id: 3 }]);
    expect(r.bad.map((b) => [b.line, b.position, b.id])).toEqual([
      [2, 1, '2'],
      [3, 2, undefined],
    ]);
    expect(r.bad[1]!.message).toMatch(/empty array element/);
    expect((await readAll('[]', 1)).records).toEqual([]);
    expect((await readAll(' [ ] ', 1)).records).toEqual([]);
    const trailing = await readAll('[{"id":1},]', 2);
    expect(trailing.records).toEqual([{ id: 1 }, undefined]);
  });

  it('structure problems: data after the closing bracket, an array never closed, not an array', async () => {
    const after = await readAll('[{"id":1}]\n\n x', 2);
    expect(after.records).toEqual([{ id: 1 }]);
    expect(after.problems).toEqual([{ line: 3, message: "data after the JSON array's closing ']': 'x'" }]);
    const open = await readAll('[{"id":1},\n{"id":2}', 4);
    expect(open.records).toEqual([{ id: 1 }, { id: 2 }]);
    expect(open.problems).toEqual([{ line: 2, message: "the file ends before the JSON array's closing ']'" }]);
    const inString = await readAll('[{"id":"x}]', 4);
    expect(inString.records).toEqual([undefined]);
    expect(inString.problems[0]!.message).toMatch(/inside a string/);
    const notArray = await readAll('{"id":1}', 4, 1, 'json');
    expect(notArray.records).toEqual([]);
    expect(notArray.problems[0]!.message).toMatch(/not a JSON array/);
  });

  it('property: any records, pretty or compact, any chunk size → the records in order', async () => {
    const valueArb = fc.oneof(fc.string({ maxLength: 8, unit: fc.constantFrom('a', ',', '[', ']', '{', '}', '"', '\\', '\n', 'é', '😀') }), fc.integer(), fc.constant(null));
    const recordArb = fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(valueArb, fc.array(valueArb, { maxLength: 3 })), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { maxLength: 15 }), fc.boolean(), fc.integer({ min: 1, max: 50 }), fc.nat(), async (records, pretty, chunkBytes, seed) => {
        const text = JSON.stringify(records, null, pretty ? 1 : undefined);
        const r = await readAll(text, chunkBytes, seed + 1);
        expect(r.records).toEqual(records);
        expect(r.problems).toEqual([]);
        expect(r.bad).toEqual([]);
      }),
      { seed: 1402, numRuns: 150 },
    );
  });

  it('a state machine over bytes: the cutter never splits an element, at any cut', () => {
    const text = new TextEncoder().encode('[{"a":"],"},{"b":[1,[2]]},3]');
    const cutter = new JsonArrayCutter();
    const cut = cutter.cut(text, 14, false);
    // `{"a":"],"}` ends at byte 11 and its comma is byte 11: the cut is after it.
    expect(cut.end).toBe(12);
    expect(Array.from(cut.spans!)).toEqual([1, 11]);
  });
});
