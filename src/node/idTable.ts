/**
 * The exact id table of the Node entry's main thread: which record ids of a streamed file were seen in an
 * earlier chunk.
 *
 * An insert-only open-addressing hash table (linear probing, load ≤ 1/2) over the UTF-8 bytes of the id labels,
 * kept in one byte arena: an entry is its end offset in the arena and its 32-bit hash (4 + 4 bytes), a slot is
 * an entry number (4 bytes, two or more slots per entry). The hash is HalfSipHash-1-3 keyed with 64 random bits
 * drawn per table, so no list of ids chosen in advance makes the probes long (the table of a hostile file stays
 * O(1) per id, as V8's own seeded string hash does for the library's `Set`).
 *
 * Memory per id: the label's bytes + 8 bytes of entry + 8 to 16 bytes of slots, and up to twice that while a
 * typed array has just doubled: ids such as `T-1234567` cost about 30–60 bytes each, 30–60 MB per million
 * (docs/node.md has the measured figure). A label is compared byte for byte on a hash match, never by hash alone.
 *
 * @internal
 * @module
 */

import { randomFillSync } from 'node:crypto';

/** Keys of HalfSipHash: two 32-bit words. */
export type IdTableSeed = readonly [number, number];

/** 64 random bits for a table's hash key (crypto-quality: the point is that a file cannot predict them). */
export function randomSeed(): IdTableSeed {
  const a = new Uint32Array(2);
  randomFillSync(a); // node:crypto (globalThis.crypto is Node 19+; the package runs on 18)
  return [a[0]!, a[1]!];
}

const rotl = (x: number, b: number): number => (x << b) | (x >>> (32 - b));

/**
 * HalfSipHash-1-3 (32-bit words, one compression round per 4 bytes, three finalisation rounds) of
 * `bytes[start, end)` under key `k0, k1`. Unsigned 32-bit result. The SipRound is written out where it is used
 * (five times) on local words: a round function over a shared state array was 45 % slower (5M hashes of a
 * 12-byte id: 126 → 184 ms), and the main thread hashes every id of the file.
 */
export function halfSipHash(bytes: Uint8Array, start: number, end: number, k0: number, k1: number): number {
  let v0 = k0 | 0;
  let v1 = k1 | 0;
  let v2 = 0x6c796765 ^ k0;
  let v3 = 0x74656462 ^ k1;
  const len = end - start;
  const whole = start + (len & ~3);
  let i = start;
  for (; i < whole; i += 4) {
    const m = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    v3 ^= m;
    // one round
    v0 = (v0 + v1) | 0;
    v1 = rotl(v1, 5) ^ v0;
    v0 = rotl(v0, 16);
    v2 = (v2 + v3) | 0;
    v3 = rotl(v3, 8) ^ v2;
    v0 = (v0 + v3) | 0;
    v3 = rotl(v3, 7) ^ v0;
    v2 = (v2 + v1) | 0;
    v1 = rotl(v1, 13) ^ v2;
    v2 = rotl(v2, 16);
    v0 ^= m;
  }
  let b = (len & 0xff) << 24;
  const rest = end - i;
  if (rest > 2) b |= bytes[i + 2]! << 16;
  if (rest > 1) b |= bytes[i + 1]! << 8;
  if (rest > 0) b |= bytes[i]!;
  v3 ^= b;
  v0 = (v0 + v1) | 0;
  v1 = rotl(v1, 5) ^ v0;
  v0 = rotl(v0, 16);
  v2 = (v2 + v3) | 0;
  v3 = rotl(v3, 8) ^ v2;
  v0 = (v0 + v3) | 0;
  v3 = rotl(v3, 7) ^ v0;
  v2 = (v2 + v1) | 0;
  v1 = rotl(v1, 13) ^ v2;
  v2 = rotl(v2, 16);
  v0 ^= b;
  v2 ^= 0xff;
  for (let r = 0; r < 3; r++) {
    v0 = (v0 + v1) | 0;
    v1 = rotl(v1, 5) ^ v0;
    v0 = rotl(v0, 16);
    v2 = (v2 + v3) | 0;
    v3 = rotl(v3, 8) ^ v2;
    v0 = (v0 + v3) | 0;
    v3 = rotl(v3, 7) ^ v0;
    v2 = (v2 + v1) | 0;
    v1 = rotl(v1, 13) ^ v2;
    v2 = rotl(v2, 16);
  }
  return (v1 ^ v3) >>> 0;
}

/** The largest arena a table holds (entry offsets are 32-bit). */
const MAX_ARENA = 0xffff_fff0;

/** @internal An insert-only set of id labels given as UTF-8 byte ranges. */
export class IdTable {
  private arena: Uint8Array;
  private used = 0;
  /** Entry e's label is arena[ends[e-1] (0 for e = 0), ends[e]). */
  private ends: Uint32Array;
  private hashes: Uint32Array;
  /** 0: empty; otherwise entry number + 1. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  private readonly k0: number;
  private readonly k1: number;

  /** `seed`: the hash key (random when not given; tests pass one to be reproducible). */
  constructor(seed: IdTableSeed = randomSeed(), initialIds = 1024) {
    this.k0 = seed[0] | 0;
    this.k1 = seed[1] | 0;
    let cap = 16;
    while (cap < initialIds * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.ends = new Uint32Array(cap >>> 1);
    this.hashes = new Uint32Array(cap >>> 1);
    this.arena = new Uint8Array(Math.max(64, initialIds * 16));
  }

  /** Ids stored. */
  get size(): number {
    return this.count;
  }

  /** Bytes the table has allocated (arena, entries and slots). */
  get allocatedBytes(): number {
    return this.arena.byteLength + this.ends.byteLength + this.hashes.byteLength + this.slots.byteLength;
  }

  /** Bytes in use: labels, entries and the slots at the current capacity. */
  get usedBytes(): number {
    return this.used + this.count * 8 + this.slots.byteLength;
  }

  /** Adds the label `bytes[start, end)`; returns false when it was already in the table. */
  add(bytes: Uint8Array, start: number, end: number): boolean {
    const h = halfSipHash(bytes, start, end, this.k0, this.k1);
    const len = end - start;
    const slots = this.slots;
    const mask = this.mask;
    const hashes = this.hashes;
    const ends = this.ends;
    const arena = this.arena;
    let s = h & mask;
    for (;;) {
      const e = slots[s]!;
      if (e === 0) break;
      const entry = e - 1;
      if (hashes[entry] === h) {
        const eEnd = ends[entry]!;
        const eStart = entry === 0 ? 0 : ends[entry - 1]!;
        if (eEnd - eStart === len) {
          let k = 0;
          while (k < len && arena[eStart + k] === bytes[start + k]) k++;
          if (k === len) return false;
        }
      }
      s = (s + 1) & mask;
    }
    this.insertAt(s, h, bytes, start, end);
    return true;
  }

  /** Adds a label given as a string (its UTF-8 bytes; see {@link encodeLabels} for ill-formed strings). */
  addString(label: string): boolean {
    const { bytes, ends } = encodeLabels([label]);
    return this.add(bytes, 0, ends[0]!);
  }

  private insertAt(slot: number, h: number, bytes: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (this.used + len > this.arena.length) {
      let cap = this.arena.length * 2;
      while (this.used + len > cap) cap *= 2;
      if (cap > MAX_ARENA) cap = MAX_ARENA;
      if (this.used + len > cap) throw new RangeError('id table: more than 4 GiB of id labels');
      const a = new Uint8Array(cap);
      a.set(this.arena.subarray(0, this.used));
      this.arena = a;
    }
    this.arena.set(bytes.subarray(start, end), this.used);
    this.used += len;
    const entry = this.count++;
    if (entry >= this.ends.length) {
      const ends = new Uint32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
      const hashes = new Uint32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.ends[entry] = this.used;
    this.hashes[entry] = h;
    this.slots[slot] = entry + 1;
    if (this.count * 2 > this.slots.length) this.grow();
  }

  /** Doubles the slots and re-places every entry by its stored hash (no label is hashed again). */
  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const hashes = this.hashes;
    for (let e = 0; e < this.count; e++) {
      let s = hashes[e]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * @internal The labels as one byte array and their end offsets: UTF-8 for well-formed strings; a string with a
 * lone surrogate (which UTF-8 cannot hold: two such ids would encode alike) is the byte 0xFF, which no UTF-8
 * text contains, followed by its UTF-16 code units little-endian, so that distinct labels stay distinct.
 */
export function encodeLabels(labels: readonly string[]): { bytes: Uint8Array; ends: Uint32Array } {
  let cap = 0;
  for (const l of labels) cap += l.length * 3;
  const bytes = new Uint8Array(Math.max(cap, 1));
  const ends = new Uint32Array(labels.length);
  const encoder = new TextEncoder();
  let at = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (SURROGATE.test(l) && LONE_SURROGATE.test(l)) {
      bytes[at++] = 0xff;
      for (let k = 0; k < l.length; k++) {
        const u = l.charCodeAt(k);
        bytes[at++] = u & 0xff;
        bytes[at++] = u >>> 8;
      }
      // 1 + 2n ≤ 3n for n ≥ 1 (a lone surrogate makes n ≥ 1): within the estimate.
    } else {
      at += encoder.encodeInto(l, bytes.subarray(at)).written;
    }
    ends[i] = at;
  }
  return { bytes: bytes.subarray(0, at), ends };
}
