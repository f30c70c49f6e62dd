/**
 * A collector of whole-number counts per record (interactions per ticket, assignee stations): an exact
 * histogram, so that the mean, the median and the distribution need no sort, and its summary.
 *
 * @internal
 * @module
 */
import { D } from '../_lib/decimal.js';
import { Accumulator, ExactSum } from './collect.js';

/** Counts below this are kept in an array, larger ones (a summary's `agentReplies: 10 ** 15`) in a map. */
const DENSE = 4096;

/**
 * @internal A histogram of whole numbers ≥ 0 (exact counts: the distribution and the median without a sort).
 * Small values index an array; rare large ones go to a map, so no value sizes an allocation.
 */
export class HistogramAccumulator extends Accumulator {
  hist = new Float64Array(16);
  large = new Map<number, number>();
  counted = 0;
  readonly total = new ExactSum();
  add(x: number): void {
    this.counted++;
    this.total.add(x);
    if (x >= DENSE) {
      this.large.set(x, (this.large.get(x) ?? 0) + 1);
      return;
    }
    if (x >= this.hist.length) this.grow(x + 1);
    this.hist[x] = (this.hist[x] as number) + 1;
  }
  private grow(n: number): void {
    let size = this.hist.length;
    while (size < n) size *= 2;
    const grown = new Float64Array(size);
    grown.set(this.hist);
    this.hist = grown;
  }
  mergeFrom(o: HistogramAccumulator): void {
    if (o.hist.length > this.hist.length) this.grow(o.hist.length);
    for (let v = 0; v < o.hist.length; v++) this.hist[v] = (this.hist[v] as number) + (o.hist[v] as number);
    for (const [v, k] of o.large) this.large.set(v, (this.large.get(v) ?? 0) + k);
    this.counted += o.counted;
    this.total.merge(o.total);
  }
  /**
   * `{ hist, large, total }`: the counts of the small values as an array indexed by value (trailing zeros
   * dropped), the large values as `[value, count]` pairs by increasing value, the exact total as a decimal
   * string. The count of values is their sum.
   */
  override save(): unknown {
    let end = this.hist.length;
    while (end > 0 && this.hist[end - 1] === 0) end--;
    const large = [...this.large].sort((a, b) => a[0] - b[0]);
    return { hist: Array.from(this.hist.subarray(0, end)), large, total: this.total.save() };
  }
  override load(saved: unknown): void {
    const s = saved as { readonly hist: readonly number[]; readonly large: readonly (readonly [number, number])[]; readonly total: string };
    const hist = s.hist;
    if (hist.length > this.hist.length) this.grow(hist.length);
    for (let v = 0; v < hist.length; v++) {
      const k = hist[v] as number;
      this.hist[v] = (this.hist[v] as number) + k;
      this.counted += k;
    }
    for (const [v, k] of s.large) {
      this.large.set(v, (this.large.get(v) ?? 0) + k);
      this.counted += k;
    }
    this.total.load(s.total);
  }
  /** The value of rank `r` (0-based). */
  nth(r: number): number {
    let seen = 0;
    for (let v = 0; v < this.hist.length; v++) {
      seen += this.hist[v] as number;
      if (seen > r) return v;
    }
    for (const v of [...this.large.keys()].sort((a, b) => a - b)) {
      seen += this.large.get(v) as number;
      if (seen > r) return v;
    }
    return NaN;
  }
  protected override reset(): void {
    this.hist = new Float64Array(16);
    this.large = new Map();
    this.counted = 0;
    this.total.safe = 0;
    this.total.big = 0n;
  }
}

/** @internal What a count histogram summarises to. */
export interface CountSummary {
  readonly count: number;
  readonly total: number;
  readonly mean: number | undefined;
  readonly median: number | undefined;
  readonly distribution: Readonly<Record<string, number>>;
}

/**
 * @internal The count, exact total and mean, R-7 median and the distribution `{ '0': n, …, '<open>+': n }` of a
 * histogram (`open` ≤ 1000).
 */
export function countSummary(acc: HistogramAccumulator, open: number): CountSummary {
  const { hist, counted } = acc;
  const total = acc.total.value();
  // Object.fromEntries: the keys are data (see src/pipeline/ticketDriver.ts).
  const entries: [string, number][] = [];
  let tail = 0;
  for (let v = 0; v < Math.max(hist.length, open); v++) {
    const h = (hist[v] as number | undefined) ?? 0;
    if (v < open) entries.push([String(v), h]);
    else tail += h;
  }
  for (const k of acc.large.values()) tail += k; // every large count is past the open end (≤ 1000)
  entries.push([`${open}+`, tail]);
  return {
    count: counted,
    total: Number(total),
    mean: counted === 0 ? undefined : new D(total.toString()).div(counted).toNumber(),
    median: counted === 0 ? undefined : medianOf(acc),
    distribution: Object.fromEntries(entries) as Record<string, number>,
  };
}

/** The R-7 median of the counted values: x[⌊(n − 1)/2⌋] when n is odd, the mean of the two middle ones otherwise. */
function medianOf(acc: HistogramAccumulator): number {
  const n = acc.counted;
  const lo = Math.floor((n - 1) / 2);
  const a = acc.nth(lo);
  if (n % 2 === 1) return a;
  const b = acc.nth(lo + 1);
  return new D(a).plus(b).div(2).toNumber();
}
