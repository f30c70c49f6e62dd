/**
 * Collectors: what a metric's step feeds, and what becomes its result. Each keeps exact integers only (counts,
 * a BigInt-spilling sum of whole ms, the durations themselves for the quantiles) and a ledger of what it did
 * not count, so that two collectors of the same metric and options merge exactly (chunks, workers) and one
 * division at the end gives the result.
 *
 * @internal
 * @module
 */
import type { Decimal } from 'decimal.js';
import { D } from '../_lib/decimal.js';
import { percentileOfSorted } from '../_lib/quantile.js';
import type { SummarySpec } from '../options/shared.js';
import type { DurationSummary } from '../results/durationSummary.js';
import { createLedger, finishLedger, type Excluded, type ExclusionLedger } from '../results/excluded.js';
import { buildRate, type RateResult } from '../results/rate.js';
import { malformed, savedCount, savedDurations, savedList, savedWhole } from './partial.js';

const SAFE = Number.MAX_SAFE_INTEGER;

/** @internal An exact sum of whole numbers: a double while it is safe, spilling into a BigInt. */
export class ExactSum {
  safe = 0;
  big = 0n;

  add(v: number): void {
    this.safe += v;
    if (this.safe > SAFE - 1e13 || this.safe < -(SAFE - 1e13)) {
      this.big += BigInt(this.safe);
      this.safe = 0;
    }
  }

  /** Adds another sum. */
  merge(o: ExactSum): void {
    this.big += o.big + BigInt(o.safe);
  }

  /** The sum as a decimal string (JSON-safe). */
  save(): string {
    return this.value().toString();
  }

  /** Adds a saved sum. */
  load(saved: string): void {
    this.big += BigInt(savedWhole(saved, 'a sum'));
  }

  value(): bigint {
    return this.big + BigInt(this.safe);
  }
}

/** @internal Collects whole-ms durations (≥ 0) without per-value allocation, with their exact total. */
export class DurationCollector {
  values: Float64Array;
  n = 0;
  readonly sum = new ExactSum();

  constructor(capacity = 16) {
    this.values = new Float64Array(Math.max(4, capacity));
  }

  add(ms: number): void {
    if (this.n === this.values.length) this.grow(this.n + 1);
    this.values[this.n++] = ms;
    this.sum.add(ms);
  }

  /** Adds a value that is not a whole number of ms (a per-ticket mean); the caller keeps the exact total. */
  push(value: number): void {
    if (this.n === this.values.length) this.grow(this.n + 1);
    this.values[this.n++] = value;
  }

  merge(o: DurationCollector): void {
    if (this.n + o.n > this.values.length) this.grow(this.n + o.n);
    this.values.set(o.values.subarray(0, o.n), this.n);
    this.n += o.n;
    this.sum.merge(o.sum);
  }

  /** The durations sorted ascending (a sorted run: merging runs is linear), and the exact total. */
  save(): { readonly values: number[]; readonly sum: string } {
    const sorted = this.values.slice(0, this.n).sort();
    return { values: Array.from(sorted), sum: this.sum.save() };
  }

  /**
   * Adds saved durations and their total (checked first: finite values ≥ 0, and whole ms adding up to the
   * total when there is one; a per-ticket mean has none).
   */
  load(saved: unknown): void {
    const { values, sum } = savedDurations(saved, 'durations');
    if (sum !== '0') {
      const check = new ExactSum();
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as number;
        if (!Number.isInteger(v)) malformed('durations');
        check.add(v);
      }
      if (check.save() !== sum) malformed('durations (their total)');
    }
    const k = values.length;
    if (this.n + k > this.values.length) this.grow(this.n + k);
    for (let i = 0; i < k; i++) this.values[this.n + i] = values[i] as number;
    this.n += k;
    this.sum.load(sum);
  }

  /** Drops every duration and the total. */
  clear(): void {
    this.values = new Float64Array(4);
    this.n = 0;
    this.sum.safe = 0;
    this.sum.big = 0n;
  }

  private grow(need: number): void {
    let size = this.values.length * 2;
    while (size < need) size *= 2;
    const grown = new Float64Array(size);
    grown.set(this.values.subarray(0, this.n));
    this.values = grown;
  }
}

/**
 * @internal Builds a {@link DurationSummary}. `exactTotal`, when given, replaces the collector's integer total
 * (when the values are exact ratios, such as per-ticket means).
 */
export function summarize<R extends string>(c: DurationCollector, spec: SummarySpec, excluded: Excluded<R>, exactTotal?: Decimal): DurationSummary<R> {
  const { method, percentiles } = spec;
  const n = c.n;
  // Object.fromEntries, not stores here: see the driver (src/pipeline/ticketDriver.ts) on hidden classes.
  if (n === 0) {
    return {
      count: 0,
      totalMs: undefined,
      meanMs: undefined,
      medianMs: undefined,
      minMs: undefined,
      maxMs: undefined,
      percentilesMs: Object.fromEntries(percentiles.map((p) => [`p${p}`, undefined])) as Record<string, number | undefined>,
      quantileMethod: method,
      excluded,
    };
  }
  const sorted = c.values.subarray(0, n).sort();
  const total = exactTotal ?? new D(c.sum.value().toString());
  const mean = total.div(n).toNumber();
  const totalMs = total.toNumber();
  return {
    count: n,
    totalMs: totalMs === 0 ? 0 : totalMs,
    meanMs: mean === 0 ? 0 : mean,
    medianMs: percentileOfSorted(sorted, n, 50, method),
    minMs: (sorted[0] as number) || 0,
    maxMs: (sorted[n - 1] as number) || 0,
    percentilesMs: Object.fromEntries(percentiles.map((p) => [`p${p}`, percentileOfSorted(sorted, n, p, method)])) as Record<string, number | undefined>,
    quantileMethod: method,
    excluded,
  };
}

/**
 * @internal What every metric's accumulator has: the ledger of the records it did not count. `add` takes the
 * step's number (a duration, 1/0 for hit/miss, a bucket, …), `merge` another accumulator of the same metric
 * and options.
 */
export abstract class Accumulator<V = number> {
  readonly ledger: ExclusionLedger<string> = createLedger<string>();
  abstract add(value: V): void;
  abstract mergeFrom(other: this): void;

  /**
   * What this accumulator counted, its ledger apart, as plain data for a partial state (the incremental API,
   * src/pipeline/incremental.ts): JSON- and structured-clone-safe (finite numbers, strings, booleans, `null`,
   * arrays and plain objects; no typed arrays, Maps, `undefined`, NaN or ±Infinity). Exact: {@link load} of it
   * into an empty accumulator of the same metric and options gives back the same counts.
   */
  save(): unknown {
    throw new Error(`${this.constructor.name}: not incremental`);
  }

  /**
   * Adds saved data ({@link save} of an accumulator of the same metric and options) into this one, as
   * {@link mergeFrom} adds another accumulator: exact, and in any order.
   */
  load(_saved: unknown): void {
    throw new Error(`${this.constructor.name}: not incremental`);
  }

  /** Drops everything collected (the driver keeps one emptied accumulator per class: see ticketDriver.ts). */
  release(): void {
    this.ledger.lists.clear();
    this.ledger.lastReason = undefined;
    this.ledger.lastList = [];
    this.ledger.extra.clear();
    this.ledger.total = 0;
    this.reset();
  }

  /** Subclasses drop their own data here. */
  protected reset(): void {}

  /** Merges another accumulator's ledger and counts into this one. */
  merge(other: this): void {
    const l = this.ledger;
    for (const [reason, ids] of other.ledger.lists) {
      const list = l.lists.get(reason);
      if (list === undefined) l.lists.set(reason, ids.slice());
      else for (const id of ids) list.push(id);
    }
    for (const [reason, extra] of other.ledger.extra) l.extra.set(reason, (l.extra.get(reason) ?? 0) + extra);
    l.total += other.ledger.total;
    this.mergeFrom(other);
  }

  excluded<R extends string>(): Excluded<R> {
    return finishLedger(this.ledger) as Excluded<R>;
  }
}

/** @internal Durations: `add(ms)`. */
export class DurationAccumulator extends Accumulator {
  readonly durations = new DurationCollector(4);
  add(ms: number): void {
    this.durations.add(ms);
  }
  mergeFrom(o: DurationAccumulator): void {
    this.durations.merge(o.durations);
  }
  override save(): unknown {
    return this.durations.save();
  }
  override load(saved: unknown): void {
    this.durations.load(saved);
  }
  protected override reset(): void {
    this.durations.clear();
  }
}

/** @internal A rate: `add(1)` a hit, `add(0)` a miss (both in the denominator). */
export class RateAccumulator extends Accumulator {
  hits = 0;
  count = 0;
  add(hit: number): void {
    this.count++;
    this.hits += hit;
  }
  mergeFrom(o: RateAccumulator): void {
    this.hits += o.hits;
    this.count += o.count;
  }
  override save(): unknown {
    return [this.hits, this.count];
  }
  override load(saved: unknown): void {
    const [h, c] = savedList(saved, 'a rate', 2, true);
    const hits = savedCount(h, 'a rate');
    const count = savedCount(c, 'a rate');
    if (hits > count) malformed('a rate');
    this.hits += hits;
    this.count += count;
  }
  protected override reset(): void {
    this.hits = 0;
    this.count = 0;
  }
  /** The {@link RateResult}. */
  rate<R extends string>(level: number): RateResult<R> {
    return buildRate(this.hits, this.count, this.excluded<R>(), level);
  }
}
