/**
 * The incremental API as the contract of issue 14 states it (/work/wt/contract.md), typed here from the contract
 * and not from the implementation, and a random "schedule" that runs records through it: cut points, leaf runs
 * (each adds its chunks, with or without `position`), a random binary merge tree merged in a random order and
 * direction, some merges through `state()` → JSON → `resumeMetric`, some through `structuredClone`, some by
 * `merge(state)`.
 */
import fc from 'fast-check';
import * as lib from '../../src/index.js';

/** A partial state: plain data (the contract keeps it opaque). */
export type MetricState = unknown;
export interface StartOptions {
  readonly trustIds?: boolean;
}
export interface AddOptions {
  readonly position?: number;
  readonly duplicates?: ArrayLike<number>;
}
/** `MetricRun` and `MetricSetRun` share this shape (the set's `finish` gives a record of results). */
export interface Run {
  readonly count: number;
  add(records: readonly unknown[], options?: AddOptions): Run;
  merge(other: Run | MetricState): Run;
  state(): MetricState;
  finish(): unknown;
}
export interface MetricRun extends Run {
  readonly metric: string;
}
export type MetricPlan = Readonly<Record<string, { readonly metric: unknown; readonly options?: object }>>;
export interface IncrementalApi {
  startMetric(metric: unknown, options?: object, start?: StartOptions): MetricRun;
  resumeMetric(metric: unknown, options: object | undefined, state: MetricState, start?: StartOptions): MetricRun;
  startMetrics(plan: MetricPlan, start?: StartOptions): Run;
  resumeMetrics(plan: MetricPlan, state: MetricState, start?: StartOptions): Run;
  runMetrics(plan: MetricPlan, records: Iterable<unknown> | AsyncIterable<unknown>, options?: StartOptions & { chunkSize?: number }): Promise<Record<string, unknown>>;
}
const root = lib as unknown as IncrementalApi & Record<string, unknown>;
/**
 * A metric given by its export name, as its function: the contract let startMetric and resumeMetric take either;
 * since main 768283e they take the function only (names are for plans, so that one metric tree-shakes). Plans
 * still get what the test gives. Anything else goes through unchanged.
 */
function byFunction(metric: unknown): unknown {
  return typeof metric === 'string' && Object.prototype.hasOwnProperty.call(lib, metric) && typeof root[metric] === 'function' ? root[metric] : metric;
}
/** The package root seen through the contract (a missing export is a TypeError at the call: the test fails). */
export const api: IncrementalApi = {
  startMetric: (metric, options, start) => root.startMetric(byFunction(metric), options, start),
  resumeMetric: (metric, options, state, start) => root.resumeMetric(byFunction(metric), options, state, start),
  startMetrics: (plan, start) => root.startMetrics(plan, start),
  resumeMetrics: (plan, state, start) => root.resumeMetrics(plan, state, start),
  runMetrics: (plan, records, options) => root.runMetrics(plan, records, options),
};

/** How a state travels from one run to another. */
export type Via = 'run' | 'state' | 'json' | 'clone' | 'resume-json' | 'resume-clone';
const VIAS: readonly Via[] = ['run', 'state', 'json', 'clone', 'resume-json', 'resume-clone'];

export interface Schedule {
  /** Cut points as thousandths of the input (repeats give empty chunks). */
  readonly cuts: readonly number[];
  /** Number of leaf runs. */
  readonly leaves: number;
  /** The leaf of each chunk (mod `leaves`). */
  readonly assign: readonly number[];
  /** Omit `position` on this chunk's add where the contract's default gives the same position. */
  readonly omit: readonly boolean[];
  /** Adds in position order (else in the order of `shuffle`). */
  readonly ordered: boolean;
  readonly shuffle: readonly number[];
  /** The merges: two of the remaining nodes (indices mod the count), which absorbs which, and how. */
  readonly merges: readonly { readonly i: number; readonly j: number; readonly flip: boolean; readonly via: Via }[];
  /** The root's state goes through this before finish (none: the root itself). */
  readonly final: 'none' | 'json' | 'clone';
}

export const viaArb: fc.Arbitrary<Via> = fc.constantFrom(...VIAS);

export const scheduleArb: fc.Arbitrary<Schedule> = fc.record({
  cuts: fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 7 }),
  leaves: fc.integer({ min: 1, max: 4 }),
  assign: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  omit: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  ordered: fc.boolean(),
  shuffle: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  merges: fc.array(fc.record({ i: fc.nat(), j: fc.nat(), flip: fc.boolean(), via: viaArb }), { minLength: 3, maxLength: 3 }),
  final: fc.constantFrom('none', 'json', 'clone'),
});

/** The chunks of a schedule over `n` records, as [from, to) in position order. */
export function chunksOf(n: number, s: Schedule): [number, number][] {
  const cuts = s.cuts.map((c) => Math.floor((c * n) / 1000)).sort((a, b) => a - b);
  const bounds = [0, ...cuts, n];
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < bounds.length; k++) out.push([bounds[k]!, bounds[k + 1]!]);
  return out;
}

/** The order in which a schedule adds its `count` chunks (chunk indices). */
export function addOrder(count: number, s: Schedule): number[] {
  const order = Array.from({ length: count }, (_, k) => k);
  if (!s.ordered) order.sort((a, b) => (s.shuffle[a % s.shuffle.length] ?? 0) - (s.shuffle[b % s.shuffle.length] ?? 0) || a - b);
  return order;
}

export const jsonTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** One step of a run, for the message of a failing property. */
export type Log = string[];

/**
 * Runs `records` through a schedule: returns the root run (not finished). `start` makes an empty run, `resume`
 * a run from a state; `log` receives the steps (to reproduce a failure by hand).
 */
export function execute(records: readonly unknown[], s: Schedule, start: () => Run, resume: (state: MetricState) => Run, log: Log = []): Run {
  const chunks = chunksOf(records.length, s);
  const leaves: Run[] = Array.from({ length: s.leaves }, () => start());
  // The end of the contiguous prefix [0, end) a leaf added, or -1 once it added anything else.
  const covered: number[] = leaves.map(() => 0);
  for (const k of addOrder(chunks.length, s)) {
    const [from, to] = chunks[k]!;
    const leaf = (s.assign[k % s.assign.length] ?? 0) % s.leaves;
    const chunk = records.slice(from, to);
    // Without `position` a chunk goes at "the end of what was added so far": used only where that end is
    // unambiguous (the leaf added exactly [0, from)).
    if ((s.omit[k % s.omit.length] ?? false) && covered[leaf] === from) {
      leaves[leaf]!.add(chunk);
      log.push(`leaf${leaf}.add(records[${from}..${to}))`);
    } else {
      leaves[leaf]!.add(chunk, { position: from });
      log.push(`leaf${leaf}.add(records[${from}..${to}), { position: ${from} })`);
    }
    covered[leaf] = covered[leaf] === from ? to : -1;
  }
  const nodes: { run: Run; name: string }[] = leaves.map((run, i) => ({ run, name: `leaf${i}` }));
  let m = 0;
  while (nodes.length > 1) {
    const op = s.merges[m++] ?? { i: 0, j: 1, flip: false, via: 'run' as const };
    const i = op.i % nodes.length;
    let j = op.j % (nodes.length - 1);
    if (j >= i) j++;
    let [a, b] = [nodes[i]!, nodes[j]!];
    if (op.flip) [a, b] = [b, a];
    let target = a.run;
    let step: string;
    switch (op.via) {
      case 'run':
        target.merge(b.run);
        step = `${a.name}.merge(${b.name})`;
        break;
      case 'state':
        target.merge(b.run.state());
        step = `${a.name}.merge(${b.name}.state())`;
        break;
      case 'json':
        target.merge(jsonTrip(b.run.state()));
        step = `${a.name}.merge(JSON(${b.name}.state()))`;
        break;
      case 'clone':
        target.merge(structuredClone(b.run.state()));
        step = `${a.name}.merge(structuredClone(${b.name}.state()))`;
        break;
      case 'resume-json':
        target = resume(jsonTrip(a.run.state())).merge(b.run);
        step = `resume(JSON(${a.name}.state())).merge(${b.name})`;
        break;
      case 'resume-clone':
        target = resume(structuredClone(a.run.state())).merge(structuredClone(b.run.state()));
        step = `resume(structuredClone(${a.name}.state())).merge(structuredClone(${b.name}.state()))`;
        break;
    }
    log.push(step);
    const name = `(${a.name}+${b.name})`;
    nodes.splice(Math.max(i, j), 1);
    nodes.splice(Math.min(i, j), 1);
    nodes.push({ run: target, name });
  }
  const root = nodes[0]!.run;
  if (s.final === 'json') {
    log.push('resume(JSON(root.state()))');
    return resume(jsonTrip(root.state()));
  }
  if (s.final === 'clone') {
    log.push('resume(structuredClone(root.state()))');
    return resume(structuredClone(root.state()));
  }
  return root;
}

/** What a call gave: its value, or what it threw. */
export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };
export function outcome(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}
export async function outcomeAsync(f: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await f() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A short description of an error for assertion messages. */
export function describeError(e: unknown): string {
  if (e instanceof lib.MetricsError) return `MetricsError ${e.code} recordIndex=${String(e.recordIndex)}: ${e.message.slice(0, 300)}`;
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.slice(0, 300)}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return String(e);
}

/** The key the contract compares ids by ("7 and '7' are one id"). */
export function idKey(id: unknown): string | undefined {
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? String(id) : undefined;
}
