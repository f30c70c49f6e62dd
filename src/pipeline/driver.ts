/**
 * The driver every metric over records runs on (tickets, calls, survey responses): records → facts (a reader,
 * batch by batch, or a prepared set) → the metric's step for each record → accumulators (overall and one per
 * group) → the metric's finish, with `groups` when there is a breakdown. What is particular to a record type
 * (its reader and columns, its flags and eligibility, its read levels, its fields for `by`) is in that type's
 * part (ticketDriver.ts, callDriver.ts, surveyDriver.ts), which hands the driver a {@link RecordKind}.
 *
 * Per record, in this order (the same for every metric of every record type, so exclusions mean the same
 * everywhere):
 * 1. an invalid identity (`state & S_BAD`) → `invalid:<code>` (thrown while reading under `invalid: 'throw'`);
 * 2. a `by` key that could not be computed → `invalid:callback_failed` / `invalid:invalid_value` (or thrown);
 * 3. flags the call leaves out (`flags & mask`: deleted, spam, merged tickets) → the record type's reason;
 * 4. the metric's identity-level screen, if it has one (`created_after` in backlog, …);
 * 5. an invalid part of the record that this metric reads (`state & need`: a ticket's history, a call's
 *    handling fields or system entry) → `invalid:<code>` (or thrown);
 * 6. the step: a value for the accumulator, or the metric's own reason.
 * Each record's outcome goes to the overall accumulator and to the accumulator of each of its groups.
 *
 * V8 (decision 14). The optimised code of the loops below and of the steps they call is built on the hidden
 * classes of the objects they touch (the columns, the readers, the accumulators) and V8 holds those classes
 * weakly: once no object of a class survives a call, a garbage collection drops the class and with it the
 * optimised code, and every call after a collection starts unoptimised again (30–40 % of a call metric's time,
 * measured 2026-11-22). So an idle object of each such class is kept for the life of this module, holding no
 * caller data (`KEPT`): each record type's idle reader and columns ({@link RecordKind.idle}) and an idle `Run`
 * (`anchor`), the accumulator of the last call, emptied (`retire`), and the params of each metric's last call
 * with their references dropped (`retireParams`). test/pipeline/v8.test.ts counts the deoptimisations after
 * collections and fails when this stops working. This is the only place in the library with code written for
 * V8's sake.
 *
 * @internal
 * @module
 */
import type { PriorIds } from '../_lib/ids.js';
import { type Invalid, recordError, recordLabel } from '../_lib/records.js';
import { exclude } from '../results/excluded.js';
import type { Group } from '../results/groups.js';
import { Accumulator } from './collect.js';
import { S_BAD, type RecordBatch } from '../read/recordBatch.js';
import { GroupTable, type BreakdownSpec, type GroupValue, type KeySource } from './breakdown.js';

/**
 * @internal A metric as the driver runs it, over batches of type `C`. Each record type's part extends it with
 * what it reads of options (its option keys, `params`, the read level).
 */
export interface RecordMetric<C extends RecordBatch, P, A extends Accumulator, Res> {
  readonly name: string;
  /** Identity-level reasons, checked before the validity of the parts the metric reads (decision 10). */
  screen?(c: C, j: number, p: P): string | undefined;
  /** The definition: a value for the accumulator, or the reason the record is left out. */
  step(c: C, j: number, p: P): number | string;
  /** A new accumulator. */
  start(p: P): A;
  /** The result of an accumulator; `overall` is the accumulator of every record (for cross-record rules). */
  finish(acc: A, p: P, overall: A): Res;
  /** Called once per batch before its steps (metrics that gather per-batch data). */
  batch?(c: C, p: P, overall: A): void;
  /**
   * What `batch` gathered into `p` across records (FCR's requesters), as plain data for a partial state (the
   * same rules as {@link Accumulator.save}); metrics whose `batch` keeps nothing in `p` leave it out.
   */
  saveShared?(p: P): unknown;
  /** Adds saved shared data into `p` (exact, in any order, as {@link Accumulator.load}). */
  loadShared?(p: P, saved: unknown): void;
}

/** @internal A group key source that follows the batches of one metric call. */
export interface BatchKeys<C extends RecordBatch> extends KeySource {
  set(c: C): void;
}

/**
 * @internal The key source of a record type with no instants or attributions of its own: the batch's records,
 * readable unless their identity is invalid. Record types with instants or attributions extend it.
 */
export class ColumnKeys<C extends RecordBatch> implements BatchKeys<C> {
  records: ArrayLike<unknown> = [];
  base = 0;
  n = 0;
  c: C = undefined as unknown as C;
  set(c: C): void {
    this.c = c;
    this.records = c.records;
    this.base = c.base;
    this.n = c.n;
  }
  instant(_name: string): ArrayLike<number> {
    return [];
  }
  derived(_name: string, _j: number): GroupValue | undefined {
    return undefined;
  }
  readable(j: number): boolean {
    return ((this.c.state[j] as number) & S_BAD) === 0;
  }
}

/** @internal What a record type gives the driver. One constant object per record type. */
export interface RecordKind<C extends RecordBatch> {
  /** The collection's name in messages: `'tickets'`, `'calls'`, `'responses'`. */
  readonly collection: string;
  /**
   * Records in a batch read from a raw array: memory stays bounded, and a batch's columns stay in the CPU's
   * cache between the reader's pass and the steps' pass.
   */
  readonly batch: number;
  /** A new key source over batches of this type (for breakdowns). */
  keys(): BatchKeys<C>;
  /** The reason for a record whose `flags & mask` is not 0. */
  flagReason(flags: number, mask: number): string;
  /** Idle objects of the classes this type's loops touch, holding no caller data (kept: see the module comment). */
  idle(): readonly unknown[];
}

/** @internal How one metric call runs: the parts of a record it needs valid, and the flags it leaves out. */
export interface RunRules {
  readonly invalid: 'throw' | 'exclude';
  /** State bits (other than S_BAD) that make a record invalid for this metric. */
  readonly need: number;
  /** Flags that leave a record out ({@link RecordKind.flagReason}). */
  readonly mask: number;
}

/** @internal Reads records `[from, to)` of its input into `c` at `level`. */
export interface BatchReader<C extends RecordBatch> {
  read(c: C, from: number, to: number, level: number): void;
}

/** @internal A metric's input: the columns of a prepared set, or a reader over a raw array. */
export type DriverInput<C extends RecordBatch> =
  | { readonly prepared: C }
  | { readonly reader: BatchReader<C>; readonly columns: C; readonly length: number; readonly level: number };

// ---- V8: kept objects (see the module comment) --------------------------------------------------------
/**
 * One idle object per class the loops touch, by what it stands for (an accumulator class, a metric's params, a
 * record type, the Run). Each is replaced by a newer one after every call, so that what is kept always has
 * the class (hidden class) that objects made now get: a field that came to hold a double or a different kind
 * of array moves later objects to a new class, which the first object kept would not keep alive.
 */
const KEPT = new Map<unknown, unknown>();
/** Keeps an emptied accumulator of each class (after its result is built: it then holds no caller data). */
function retire(acc: Accumulator): void {
  acc.release();
  KEPT.set(acc.constructor, acc);
}
/**
 * Keeps a params object of each metric (the steps read it, so its class matters as the accumulators' does),
 * with every property that refers to an object or a function set to `undefined` first: it then holds only the
 * numbers, booleans and strings of the options, none of the caller's data. (Only the top-level params object,
 * which the metric built for this call, is changed: nothing it refers to.)
 */
function retireParams(def: object, params: unknown): void {
  if (params === null || typeof params !== 'object') return;
  const p = params as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    const v = p[key];
    if (v !== null && (typeof v === 'object' || typeof v === 'function')) p[key] = undefined;
  }
  KEPT.set(def, p);
}
/**
 * Keeps a record type's idle reader and columns, and an idle `Run` (the loop's own object: without one,
 * every collection dropped its class and deoptimised the loop and the steps inlined into it). Made anew
 * after each call: they hold no caller data, and cost a few small allocations.
 */
function anchor(kind: RecordKind<RecordBatch>): void {
  KEPT.set(kind, kind.idle());
  KEPT.set(Run, new Run<RecordBatch, undefined, Accumulator>('anchor', kind, IDLE_METRIC, undefined, IDLE_METRIC.start(undefined), undefined, undefined, IDLE_RULES));
}
// ---------------------------------------------------------------------------------------------------------

/**
 * One metric call's loop over batches. A class with the loop as a method, not a closure made per call: V8 keeps
 * the optimised code of a method with the class and shares it between calls, where a fresh closure's loop
 * would be optimised again (on-stack replacement) in every call.
 */
class Run<C extends RecordBatch, P, A extends Accumulator> {
  readonly accs: A[] = [];
  private readonly failures = new Map<number, Invalid>();
  private readonly invalid: 'throw' | 'exclude';
  private readonly need: number;
  private readonly mask: number;
  constructor(
    private readonly name: string,
    private readonly kind: RecordKind<C>,
    private readonly def: RecordMetric<C, P, A, unknown>,
    private readonly params: P,
    private readonly overall: A,
    private readonly table: GroupTable | undefined,
    private readonly keys: BatchKeys<C> | undefined,
    rules: RunRules,
  ) {
    this.invalid = rules.invalid;
    this.need = rules.need;
    this.mask = rules.mask;
  }

  batch(c: C): void {
    const { def, params, overall, table, failures, accs } = this;
    def.batch?.(c, params, overall);
    if (table !== undefined) {
      const keys = this.keys as BatchKeys<C>;
      failures.clear();
      keys.set(c);
      table.assign(keys, failures);
      while (accs.length < table.size) accs.push(def.start(params));
    }
    if (table === undefined && def.screen === undefined) this.plain(c);
    else this.full(c);
  }

  /** The usual case: no breakdown, no identity-level screen. */
  private plain(c: C): void {
    const { def, params, overall, mask, need } = this;
    const { state, flags, n } = c;
    const step = def.step;
    for (let j = 0; j < n; j++) {
      const st = state[j] as number;
      const f = mask === 0 ? 0 : (flags[j] as number);
      let reason: string;
      if ((st & S_BAD) !== 0) reason = this.invalidReason(c, j, S_BAD);
      else if ((f & mask) !== 0) reason = this.kind.flagReason(f, mask);
      else if ((st & need) !== 0) reason = this.invalidReason(c, j, st & need);
      else {
        const v = step(c, j, params);
        if (typeof v !== 'string') {
          overall.add(v);
          continue;
        }
        reason = v;
      }
      exclude(overall.ledger, reason, (st & S_BAD) !== 0 ? this.badLabel(c, j) : c.idOf(j));
    }
  }

  /** With a breakdown or a screen: the checks in the order of the module comment, outcomes to groups too. */
  private full(c: C): void {
    const { def, params, overall, table, failures, accs, mask, need } = this;
    const { state, flags, n } = c;
    const multi = table !== undefined && table.multi;
    for (let j = 0; j < n; j++) {
      let reason: string | undefined;
      let value = 0;
      const st = state[j] as number;
      if ((st & S_BAD) !== 0) {
        reason = this.invalidReason(c, j, S_BAD);
      } else if (table !== undefined && failures.size > 0 && failures.has(j)) {
        const rule = failures.get(j) as Invalid;
        if (this.invalid === 'throw') throw recordError(this.name, this.kind.collection, rule, c.offset + c.base + j, c.records[c.base + j]);
        reason = `invalid:${rule.code}`;
      } else if (((flags[j] as number) & mask) !== 0) {
        reason = this.kind.flagReason(flags[j] as number, mask);
      } else if (def.screen !== undefined && (reason = def.screen(c, j, params)) !== undefined) {
        // reason set by the screen
      } else if ((st & need) !== 0) {
        reason = this.invalidReason(c, j, st & need);
      } else {
        const v = def.step(c, j, params);
        if (typeof v === 'string') reason = v;
        else value = v;
      }
      if (reason === undefined) {
        overall.add(value);
        if (table !== undefined) {
          if (!multi) (accs[table.first[j] as number] as A).add(value);
          else for (let k = table.start[j] as number, e = table.start[j + 1] as number; k < e; k++) (accs[table.list[k] as number] as A).add(value);
        }
      } else {
        const label = (st & S_BAD) !== 0 ? this.badLabel(c, j) : c.idOf(j);
        exclude(overall.ledger, reason, label);
        if (table !== undefined) {
          if (!multi) exclude((accs[table.first[j] as number] as A).ledger, reason, label);
          else for (let k = table.start[j] as number, e = table.start[j + 1] as number; k < e; k++) exclude((accs[table.list[k] as number] as A).ledger, reason, label);
        }
      }
    }
  }

  /**
   * `invalid:<code>` for a bad record. In 'throw' mode an invalid identity was thrown while reading, so only the
   * deferred errors of the parts a metric reads get here then, and are thrown.
   */
  private invalidReason(c: C, j: number, bits: number): string {
    const rule = c.errorOf(j, bits);
    if (bits !== S_BAD && this.invalid === 'throw') throw recordError(this.name, this.kind.collection, rule, c.offset + c.base + j, c.records[c.base + j]);
    return `invalid:${rule.code}`;
  }

  private badLabel(c: C, j: number): string {
    return recordLabel(c.records[c.base + j]) ?? `#${c.offset + c.base + j}`;
  }
}

const IDLE_RULES: RunRules = { invalid: 'throw', need: 0, mask: 0 };

/** The metric of the idle Run (see `anchor`): never run. */
const IDLE_METRIC: RecordMetric<RecordBatch, undefined, Accumulator, object> = {
  name: 'anchor',
  step: () => 'anchor',
  start: () => new IdleAccumulator(),
  finish: () => ({}),
};

class IdleAccumulator extends Accumulator {
  add(): void {}
  mergeFrom(): void {}
}

/**
 * @internal A chunk of the incremental API (src/pipeline/incremental.ts), given to a metric's public function in
 * place of its records: the record type's part reads `records` with `offset` and `duplicates`, and
 * {@link drive} leaves the chunk's accumulators in `out` instead of finishing them.
 */
export class Capture {
  out: CaptureOut | undefined = undefined;
  /** Set by the record type's part when it sees the capture: the function is a metric over records. */
  touched = false;
  /** What the public function makes of the driver's result (averageResolutionTime: its mean), if anything. */
  post: ((result: object) => unknown) | undefined = undefined;
  constructor(
    readonly records: readonly unknown[],
    /** The position of `records[0]` in the whole input. */
    readonly offset: number,
    /** Indices in `records` whose ids appeared earlier in the input. */
    readonly duplicates: ArrayLike<number> | undefined,
    /** The ids of the chunks read before this one (undefined: none, or the caller trusts ids). */
    readonly prior: PriorIds | undefined,
  ) {}
}

/**
 * @internal Marks `input` as seen by an incremental metric, when it is a {@link Capture} (metrics whose public
 * function reads options before the record type's part does: a typo there is an option error, not "not
 * incremental"). Returns whether it is one.
 */
export function touchCapture(input: unknown): input is Capture {
  if (!(input instanceof Capture)) return false;
  input.touched = true;
  return true;
}

/** @internal What {@link drive} leaves in a {@link Capture}. */
export interface CaptureOut {
  readonly def: RecordMetric<RecordBatch, unknown, Accumulator, object>;
  readonly params: unknown;
  readonly overall: Accumulator;
  readonly table: GroupTable | undefined;
  readonly accs: readonly Accumulator[];
  readonly spec: BreakdownSpec | undefined;
}

/** @internal A result with its groups (present only with `by`). */
export type WithGroups<Res> = Res & { readonly groups?: readonly Group<Res>[] };

/**
 * @internal Runs `def` with `params` over `input` (validated options: the record type's part reads them), and
 * builds the result, with `groups` when `spec` is a breakdown.
 */
export function drive<C extends RecordBatch, P, A extends Accumulator, Res extends object>(
  kind: RecordKind<C>,
  def: RecordMetric<C, P, A, Res>,
  params: P,
  spec: BreakdownSpec | undefined,
  rules: RunRules,
  input: DriverInput<C>,
  capture?: Capture,
): WithGroups<Res> {
  const name = def.name;
  const overall = def.start(params);
  const table = spec === undefined ? undefined : new GroupTable(name, spec);
  const run = new Run<C, P, A>(name, kind, def, params, overall, table, table === undefined ? undefined : kind.keys(), rules);
  if ('prepared' in input) {
    run.batch(input.prepared);
  } else {
    const { reader, columns, length, level } = input;
    const size = kind.batch;
    for (let from = 0; from < length; from += size) {
      reader.read(columns, from, Math.min(length, from + size), level);
      run.batch(columns);
    }
    if (length === 0) reader.read(columns, 0, 0, level);
  }
  if (capture !== undefined) {
    // def.start's accumulators for groups of a breakdown: make sure one exists per group.
    while (table !== undefined && run.accs.length < table.size) run.accs.push(def.start(params));
    capture.out = { def: def as unknown as CaptureOut['def'], params, overall, table, accs: run.accs, spec };
    return capture as unknown as WithGroups<Res>;
  }

  const result = def.finish(overall, params, overall) as WithGroups<Res>;
  const groups = table === undefined ? undefined : table.order().map((g) => ({ key: table.key(g), ...def.finish(run.accs[g] as A, params, overall) }) as Group<Res>);
  retire(overall);
  retireParams(def, params);
  anchor(kind as unknown as RecordKind<RecordBatch>);
  return groups === undefined ? result : { ...result, groups };
}
