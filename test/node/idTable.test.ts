/**
 * The exact id table of the Node entry: a set of labels over UTF-8 bytes, checked against a `Set` of strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLabels, halfSipHash, IdTable } from '../../src/node/idTable.js';
import { chunkIds } from '../../src/node/parse.js';

const SEED = [0x12345678, 0x9abcdef0] as const;

describe('IdTable', () => {
  it('is exact: says new exactly when a Set of the same labels grows (random labels, many near-equal)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.stringMatching(/^T-\d{1,3}$/), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 300 }), (labels) => {
        const table = new IdTable(SEED, 1);
        const set = new Set<string>();
        for (const l of labels) {
          const before = set.size;
          set.add(l);
          expect(table.addString(l)).toBe(set.size !== before);
        }
        expect(table.size).toBe(set.size);
      }),
      { seed: 1403, numRuns: 200 },
    );
  });

  it('grows from a tiny table to 200k ids and finds every one again (collisions in the slots on the way)', () => {
    const table = new IdTable(SEED, 1);
    const n = 200_000;
    const { bytes, ends } = encodeLabels(Array.from({ length: n }, (_, i) => `T-${i}`));
    let fresh = 0;
    for (let i = 0, start = 0; i < n; start = ends[i]!, i++) if (table.add(bytes, start, ends[i]!)) fresh++;
    expect(fresh).toBe(n);
    for (let i = 0; i < n; i += 997) expect(table.addString(`T-${i}`)).toBe(false);
    expect(table.addString(`T-${n}`)).toBe(true);
    expect(table.size).toBe(n + 1);
  }, 30_000);

  it('compares bytes on equal hashes: a table with one slot chain still tells labels apart', () => {
    // Every entry in a 16-slot table lands in a short run of slots; lengths differ, and equal-length labels
    // differ in one byte.
    const table = new IdTable([0, 0], 1);
    const labels = ['a', 'b', 'ab', 'ba', 'abc', 'abd'];
    for (const l of labels) expect(table.addString(l)).toBe(true);
    for (const l of labels) expect(table.addString(l)).toBe(false);
  });

  it('7 and "7" are one id (labels are String(id)), -0 and 0 too; an empty or non-finite id has no label', () => {
    const ids = chunkIds([{ id: 7 }, { id: '7' }, { id: -0 }, { id: 0 }, { id: '' }, { id: Number.NaN }, { id: 1.5 }, null, [1], { id: 'x' }, undefined, { id: 1e21 }]);
    expect(Array.from(ids.index)).toEqual([0, 1, 2, 3, 6, 9, 11]);
    const table = new IdTable(SEED);
    let start = 0;
    const fresh = Array.from(ids.ends, (e) => {
      const r = table.add(ids.bytes, start, e);
      start = e;
      return r;
    });
    expect(fresh).toEqual([true, false, true, false, true, true, true]);
  });

  it('strings with lone surrogates stay distinct (UTF-8 would encode both as U+FFFD)', () => {
    const table = new IdTable(SEED);
    expect(table.addString('a\uD800')).toBe(true);
    expect(table.addString('a\uDBFF')).toBe(true);
    expect(table.addString('a\uFFFD')).toBe(true);
    expect(table.addString('a\uD800')).toBe(false);
    expect(table.addString('😀')).toBe(true); // a pair is well formed: UTF-8
    expect(encodeLabels(['😀']).bytes.length).toBe(4);
  });

  it('the hash depends on the key: the same bytes hash apart under two seeds', () => {
    const bytes = new TextEncoder().encode('T-123456');
    const a = halfSipHash(bytes, 0, bytes.length, 1, 2);
    const b = halfSipHash(bytes, 0, bytes.length, 3, 4);
    expect(a).not.toBe(b);
    expect(halfSipHash(bytes, 0, bytes.length, 1, 2)).toBe(a);
    // Every length of tail (0–3 bytes after the 4-byte words) is hashed.
    const seen = new Set<number>();
    for (let len = 0; len <= 8; len++) seen.add(halfSipHash(bytes, 0, len, 1, 2));
    expect(seen.size).toBe(9);
  });
});
