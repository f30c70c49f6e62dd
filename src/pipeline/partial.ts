/**
 * Helpers for the partial states of accumulators (`Accumulator.save` / `Accumulator.load`, src/pipeline/collect.ts): numbers
 * that JSON cannot carry, and lists kept in input-position order across chunks.
 *
 * @internal
 * @module
 */

/**
 * @internal A double as JSON-safe data: finite numbers as they are (JSON round-trips every finite double
 * exactly), NaN, ±Infinity and −0 as strings (`'NaN'`, `'Infinity'`, `'-Infinity'`, `'-0'`).
 */
export function encodeNumber(x: number): number | string {
  if (x === 0) return Object.is(x, -0) ? '-0' : 0;
  return Number.isFinite(x) ? x : String(x);
}

/** @internal A number or `undefined` as JSON-safe data (`undefined` as `null`). */
export function encodeOptional(x: number | undefined): number | string | null {
  return x === undefined ? null : encodeNumber(x);
}

/**
 * @internal The order in which to interleave two lists sorted by position (`a` and `b`, the positions of their
 * items) into one sorted list: calls `take(fromA, k)` for each item in merged order. Linear; when every
 * position of `b` comes after those of `a` (chunks merged in input order) it is `a` then `b`.
 */
export function mergeByPosition(a: ArrayLike<number>, b: ArrayLike<number>, take: (fromA: boolean, k: number) => void): void {
  let i = 0;
  let k = 0;
  const n = a.length;
  const m = b.length;
  while (i < n && k < m) {
    if ((a[i] as number) <= (b[k] as number)) take(true, i++);
    else take(false, k++);
  }
  while (i < n) take(true, i++);
  while (k < m) take(false, k++);
}

// ---- checks of saved data (a state is the caller's input: `resumeMetric` and `merge` take it back) ---------

/**
 * @internal Throws for saved data that no `save` makes (the incremental API reports it as a MetricsError
 * `invalid_argument`, "not a partial state of this metric").
 */
export function malformed(what: string): never {
  throw new Error(`${what} is malformed`);
}

/** @internal `x` as an array (of at most `length` items, or exactly, when `exact`), or throws. */
export function savedList(x: unknown, what: string, length?: number, exact = false): readonly unknown[] {
  if (!Array.isArray(x) || (length !== undefined && (exact ? x.length !== length : x.length > length))) malformed(what);
  return x as readonly unknown[];
}

/** @internal `x` as a count (a safe whole number ≥ 0), or throws. */
export function savedCount(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) malformed(what);
  return x;
}

/** @internal `x` as counts (safe whole numbers ≥ 0), or throws. */
export function savedCounts(x: unknown, what: string, length?: number, exact = false): readonly number[] {
  const list = savedList(x, what, length, exact);
  for (const v of list) savedCount(v, what);
  return list as readonly number[];
}

/** @internal `x` as a double saved by `encodeNumber` (a number, or `'NaN'`, `'Infinity'`, `'-Infinity'`, `'-0'`), or throws. */
export function savedNumber(x: unknown, what: string): number {
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (x === 'NaN' || x === 'Infinity' || x === '-Infinity' || x === '-0') return Number(x);
  return malformed(what);
}

/** @internal `x` as a finite number, or throws. */
export function savedFinite(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) malformed(what);
  return x;
}

/** @internal `x` as a string, or throws. */
export function savedString(x: unknown, what: string): string {
  if (typeof x !== 'string') malformed(what);
  return x;
}

/** @internal `x` as a boolean, or throws. */
export function savedBoolean(x: unknown, what: string): boolean {
  if (typeof x !== 'boolean') malformed(what);
  return x;
}

/** @internal `x` as the decimal text of a whole number (an exact sum), or throws. */
export function savedWhole(x: unknown, what: string): string {
  if (typeof x !== 'string' || !/^-?\d{1,400}$/.test(x)) malformed(what);
  return x;
}

/** @internal `x` as the text of a decimal number ≥ 0 (an exact weight sum), or throws. */
export function savedDecimal(x: unknown, what: string): string {
  if (typeof x !== 'string' || !/^\d{1,400}(\.\d{1,400})?(e[+-]?\d{1,6})?$/.test(x)) malformed(what);
  return x;
}

/** @internal `x` as a plain object (not an array), or throws. */
export function savedObject(x: unknown, what: string): Readonly<Record<string, unknown>> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) malformed(what);
  return x as Readonly<Record<string, unknown>>;
}

/** @internal Saved durations (of `DurationCollector.save`): finite values ≥ 0 and a whole-number total, or throws. */
export function savedDurations(x: unknown, what: string): { readonly values: readonly number[]; readonly sum: string } {
  const o = savedObject(x, what);
  const values = savedList(o.values, what);
  for (const v of values) if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) malformed(what);
  return { values: values as readonly number[], sum: savedWhole(o.sum, what) };
}
