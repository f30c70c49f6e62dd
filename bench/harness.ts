/**
 * Shared benchmark harness: times a metric and a plain hand-written loop over the same data in the same run,
 * and records the extra heap each one needs.
 *
 * Extra heap = (heapUsed + arrayBuffers) sampled right after the call, minus the same sampled after a full GC
 * just before it. GC may run during a long call, so this is a lower bound of the true peak; the figure is
 * what the call allocated and still held when it returned (its working set plus its garbage not yet collected).
 */

export interface BenchRow {
  readonly name: string;
  /** Items processed (tickets, calls, scores). */
  readonly items: number;
  /** Best-of-runs wall time of the library function, ms. */
  readonly ms: number;
  /** Best-of-runs wall time of the hand-written loop, ms (undefined when there is none). */
  readonly baselineMs?: number | undefined;
  /** ms / baselineMs. */
  readonly ratio?: number | undefined;
  /** Extra heap of the library call, MB. */
  readonly heapMB: number;
  /** The target in words, such as 'ratio ≤ 2.0, heap ≤ 64 MB'. */
  readonly target: string;
  /** Whether the target was met. */
  readonly ok: boolean;
}

declare const gc: (() => void) | undefined;

function collect(): void {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Times `fn` (best of `runs`) and samples the extra heap of its first run. */
export function measure<T>(fn: () => T, runs = 3): { ms: number; heapMB: number; result: T } {
  collect();
  const before = used();
  let t0 = performance.now();
  let result = fn();
  let best = performance.now() - t0;
  const heapMB = Math.max(0, used() - before) / 1048576;
  for (let r = 1; r < runs; r++) {
    collect();
    t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, heapMB, result };
}

export interface CompareOptions {
  /** Maximum ms / baselineMs. @defaultValue 2 */
  readonly maxRatio?: number;
  /** Maximum extra heap, MB. @defaultValue 64 */
  readonly maxHeapMB?: number;
  /** Runs per side, interleaved (best is kept). @defaultValue 5 */
  readonly runs?: number;
  /** A row for information: no target, never fails the run. */
  readonly informational?: boolean;
  /** Throws when the two sides disagree (they must compute the same numbers). */
  readonly check?: (metricResult: unknown, baselineResult: unknown) => void;
}

/** Runs a metric and its hand-written baseline on the same data. */
export function compare(
  name: string,
  items: number,
  metric: () => unknown,
  baseline: () => unknown,
  options: CompareOptions = {},
): BenchRow {
  const maxRatio = options.maxRatio ?? 2;
  const maxHeapMB = options.maxHeapMB ?? 64;
  const runs = options.runs ?? 5;
  // Interleave the runs (baseline, metric, baseline, metric, ...) so that both sides see the same machine
  // state: on a shared virtual machine the speed drifts between seconds. Best of each side is kept.
  let b = measure(baseline, 1);
  let m = measure(metric, 1);
  for (let r = 1; r < runs; r++) {
    const b2 = measure(baseline, 1);
    const m2 = measure(metric, 1);
    if (b2.ms < b.ms) b = { ...b2, heapMB: b.heapMB };
    if (m2.ms < m.ms) m = { ...m2, heapMB: m.heapMB };
  }
  options.check?.(m.result, b.result);
  const ratio = m.ms / b.ms;
  return {
    name,
    items,
    ms: m.ms,
    baselineMs: b.ms,
    ratio,
    heapMB: m.heapMB,
    target: options.informational === true ? 'no target (information)' : `ratio ≤ ${maxRatio.toFixed(1)}, heap ≤ ${maxHeapMB} MB`,
    ok: options.informational === true || (ratio <= maxRatio && m.heapMB <= maxHeapMB),
  };
}

/** A row measured for information only: no issue sets a target for it. */
export function info(name: string, items: number, fn: () => unknown, runs = 3): BenchRow {
  const m = measure(fn, runs);
  return { name, items, ms: m.ms, heapMB: m.heapMB, target: 'no target (information)', ok: true };
}

/** A row with an absolute time target and no baseline. */
export function timed(name: string, items: number, fn: () => unknown, maxMs: number, runs = 3): BenchRow {
  const m = measure(fn, runs);
  return { name, items, ms: m.ms, heapMB: m.heapMB, target: `≤ ${maxMs} ms`, ok: m.ms <= maxMs };
}

/** Prints rows as a table. */
export function printBench(rows: readonly BenchRow[]): void {
  const head = ['metric', 'items', 'ms', 'items/s', 'loop ms', 'ratio', 'extra heap MB', 'target', 'ok'];
  const body = rows.map((r) => [
    r.name,
    r.items.toLocaleString('en-US'),
    r.ms.toFixed(1),
    Math.round((r.items / r.ms) * 1000).toLocaleString('en-US'),
    r.baselineMs === undefined ? '—' : r.baselineMs.toFixed(1),
    r.ratio === undefined ? '—' : r.ratio.toFixed(2),
    r.heapMB.toFixed(1),
    r.target,
    r.ok ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

/**
 * The eligibility every ticket metric applies first (spam, deleted, merged: flags or the default tags): the
 * hand-written loops skip the same tickets.
 */
export function ineligible(t: { readonly tags?: readonly string[]; readonly spam?: boolean; readonly deleted?: boolean; readonly mergedInto?: unknown }): boolean {
  if (t.spam === true || t.deleted === true || (t.mergedInto !== undefined && t.mergedInto !== null)) return true;
  const tags = t.tags;
  if (tags === undefined) return false;
  for (let i = 0; i < tags.length; i++) if (tags[i] === 'spam' || tags[i] === 'closed_by_merge') return true;
  return false;
}
