/**
 * The incremental API: every metric over records computed over chunks. Start a run, add chunks of records,
 * merge runs or their saved states (plain data: JSON and structured clone), finish: the result is the one the
 * metric gives for all the records at once, exactly (counts, exact totals, every duration for the quantiles,
 * `groups`, and the excluded ids in input order).
 *
 * How: each chunk is read and stepped by the metric's own code (its public function is given a
 * {@link Capture} in place of its records, and the driver leaves the chunk's accumulators there instead of
 * finishing them); the run merges them into its own, group by group by key, and keeps the chunk's ledger of
 * exclusions as a segment at the chunk's position, so that the ids of excluded records come out in input
 * order whatever the order of adds and merges. Ids are checked across chunks with a set of their labels
 * unless the caller says the input is partitioned by id (`trustIds`).
 *
 * Browser-safe: no Node built-ins (the Node streaming entry, src/node/, builds on this).
 *
 * @module
 */
import { checkOptionKeys, describe, nearestName } from '../_lib/options.js';
import { MetricsError } from '../results/errors.js';
import { createLedger, type ExclusionLedger } from '../results/excluded.js';
import type { Group } from '../results/groups.js';
import type { Accumulator } from './collect.js';
import type { GroupTable, GroupValue } from './breakdown.js';
import { Capture, type CaptureOut } from './driver.js';
import type { PriorIds } from '../_lib/ids.js';
import { firstResponseTime } from '../metrics/firstResponseTime/firstResponseTime.js';
import { averageResponseTime } from '../metrics/averageResponseTime/averageResponseTime.js';
import { resolutionTime } from '../metrics/resolutionTime/resolutionTime.js';
import { averageResolutionTime } from '../metrics/averageResolutionTime/averageResolutionTime.js';
import { firstContactResolution } from '../metrics/firstContactResolution/firstContactResolution.js';
import { resolutionRate } from '../metrics/resolutionRate/resolutionRate.js';
import { reopenRate } from '../metrics/reopenRate/reopenRate.js';
import { backlog } from '../metrics/backlog/backlog.js';
import { backlogSeries } from '../metrics/backlogSeries/backlogSeries.js';
import { interactionsPerTicket } from '../metrics/interactionsPerTicket/interactionsPerTicket.js';
import { ticketVolume } from '../metrics/ticketVolume/ticketVolume.js';
import { slaCompliance } from '../metrics/slaCompliance/slaCompliance.js';
import { timeInStatus } from '../metrics/timeInStatus/timeInStatus.js';
import { assignmentTime } from '../metrics/assignmentTime/assignmentTime.js';
import { assignmentStations } from '../metrics/assignmentStations/assignmentStations.js';
import { reassignmentRate } from '../metrics/reassignmentRate/reassignmentRate.js';
import { agentActivity } from '../metrics/agentActivity/agentActivity.js';
import { botResolutionRate } from '../metrics/botResolutionRate/botResolutionRate.js';
import { prioritizeQueue } from '../metrics/prioritizeQueue/prioritizeQueue.js';
import { queueSnapshot } from '../metrics/queueSnapshot/queueSnapshot.js';
import { abandonmentRate } from '../metrics/abandonmentRate/abandonmentRate.js';
import { serviceLevel } from '../metrics/serviceLevel/serviceLevel.js';
import { averageSpeedOfAnswer } from '../metrics/averageSpeedOfAnswer/averageSpeedOfAnswer.js';
import { averageHandleTime } from '../metrics/averageHandleTime/averageHandleTime.js';
import { averageAbandonTime } from '../metrics/averageAbandonTime/averageAbandonTime.js';
import { netPromoterScore } from '../metrics/netPromoterScore/netPromoterScore.js';
import { customerSatisfactionScore } from '../metrics/customerSatisfactionScore/customerSatisfactionScore.js';
import { customerEffortScore } from '../metrics/customerEffortScore/customerEffortScore.js';

/** The metrics the incremental API runs, by export name. */
const METRICS = {
  firstResponseTime,
  averageResponseTime,
  resolutionTime,
  averageResolutionTime,
  firstContactResolution,
  resolutionRate,
  reopenRate,
  backlog,
  backlogSeries,
  interactionsPerTicket,
  ticketVolume,
  slaCompliance,
  timeInStatus,
  assignmentTime,
  assignmentStations,
  reassignmentRate,
  agentActivity,
  botResolutionRate,
  prioritizeQueue,
  queueSnapshot,
  abandonmentRate,
  serviceLevel,
  averageSpeedOfAnswer,
  averageHandleTime,
  averageAbandonTime,
  netPromoterScore,
  customerSatisfactionScore,
  customerEffortScore,
} as const;

/** Metrics of the library that are not over records one by one, and why. */
const NOT_INCREMENTAL: Readonly<Record<string, string>> = {
  erlangC: 'it computes from traffic figures, not from records',
  requiredAgents: 'it computes from traffic figures, not from records',
  compareNetPromoterScores: 'it compares two finished samples; run netPromoterScore incrementally on each',
  churnRate: 'it reads customer records for a period as a whole',
  customerRetentionRate: 'it reads customer records for a period as a whole',
  costPerContact: 'it divides cost lines by contact counts as a whole',
};

/**
 * The export name of a metric the incremental API runs (every metric over tickets, calls or survey responses).
 *
 * @category Incremental
 */
export type IncrementalMetricName =
  | 'firstResponseTime'
  | 'averageResponseTime'
  | 'resolutionTime'
  | 'averageResolutionTime'
  | 'firstContactResolution'
  | 'resolutionRate'
  | 'reopenRate'
  | 'backlog'
  | 'backlogSeries'
  | 'interactionsPerTicket'
  | 'ticketVolume'
  | 'slaCompliance'
  | 'timeInStatus'
  | 'assignmentTime'
  | 'assignmentStations'
  | 'reassignmentRate'
  | 'agentActivity'
  | 'botResolutionRate'
  | 'prioritizeQueue'
  | 'queueSnapshot'
  | 'abandonmentRate'
  | 'serviceLevel'
  | 'averageSpeedOfAnswer'
  | 'averageHandleTime'
  | 'averageAbandonTime'
  | 'netPromoterScore'
  | 'customerSatisfactionScore'
  | 'customerEffortScore';

/**
 * A metric the incremental API runs: one of the library's metric functions over records.
 *
 * @category Incremental
 */
export type IncrementalMetric =
  | typeof firstResponseTime
  | typeof averageResponseTime
  | typeof resolutionTime
  | typeof averageResolutionTime
  | typeof firstContactResolution
  | typeof resolutionRate
  | typeof reopenRate
  | typeof backlog
  | typeof backlogSeries
  | typeof interactionsPerTicket
  | typeof ticketVolume
  | typeof slaCompliance
  | typeof timeInStatus
  | typeof assignmentTime
  | typeof assignmentStations
  | typeof reassignmentRate
  | typeof agentActivity
  | typeof botResolutionRate
  | typeof prioritizeQueue
  | typeof queueSnapshot
  | typeof abandonmentRate
  | typeof serviceLevel
  | typeof averageSpeedOfAnswer
  | typeof averageHandleTime
  | typeof averageAbandonTime
  | typeof netPromoterScore
  | typeof customerSatisfactionScore
  | typeof customerEffortScore;

/**
 * How a run treats ids across chunks.
 *
 * @category Incremental
 */
export interface StartOptions {
  /**
   * The caller partitioned the input by id (no id is in two chunks, or two runs): no set of ids is kept across
   * chunks. Without it a run keeps the label of every id it reads (about 60–90 bytes per id: 60–90 MB per
   * million), so that a duplicate across chunks is found as the one-shot call finds it.
   * @defaultValue `false`
   */
  readonly trustIds?: boolean;
}

/**
 * Where a chunk is in the whole input.
 *
 * @category Incremental
 */
export interface AddOptions {
  /**
   * The position of `records[0]` in the whole input: it orders the excluded ids, labels records without an id
   * (`#N`) and is `recordIndex` in errors. @defaultValue the end of what the run was given so far
   */
  readonly position?: number;
  /**
   * Indices in `records` whose ids the caller found earlier in the input (a duplicate check done outside the
   * run, as the Node entry does across worker threads): those records are `invalid:duplicate_id` (or throw
   * under `invalid: 'throw'`), as the one-shot call treats the later of two records with one id.
   */
  readonly duplicates?: ArrayLike<number>;
}

/**
 * A run's partial state: plain data that survives `JSON.stringify` / `JSON.parse` and `structuredClone`, to
 * send to another thread or process, or to store. Its fields other than `version` and `metric` are not a
 * public format: give it back to {@link resumeMetric} or {@link MetricRun.merge}.
 *
 * @category Incremental
 */
export interface MetricState {
  readonly version: 1;
  readonly metric: string;
  readonly [field: string]: unknown;
}

/**
 * One metric computed over chunks. `finish()` of any tree of merged runs over disjoint parts of an input is the
 * metric's result for the whole input.
 *
 * @category Incremental
 */
export interface MetricRun<R> {
  /** The metric's export name. */
  readonly metric: string;
  /** Records added so far (valid or not), merged runs included. */
  readonly count: number;
  /** Adds a chunk of records. */
  add(records: readonly unknown[], options?: AddOptions): this;
  /** Adds another run of the same metric and options, or its state. Throws `duplicate_id` when they share an id. */
  merge(other: MetricRun<R> | MetricState): this;
  /** The partial state: plain data. */
  state(): MetricState;
  /** The result for everything added and merged (the run can go on after it). */
  finish(): R;
}

type AnyMetric = (input: unknown, options?: unknown) => unknown;
/**
 * The result of a metric function `F` (what {@link MetricRun.finish} gives).
 *
 * @category Incremental
 */
export type MetricResult<F> = F extends (...args: never[]) => infer R ? R : never;
/**
 * The options of a metric function `F`.
 *
 * @category Incremental
 */
export type MetricOptions<F> = F extends (input: never, options: infer O) => unknown ? Exclude<O, undefined> : never;

const FORMAT = 'helpdesk-metrics/state';

function argumentError(functionName: string, field: string, rule: string): never {
  throw new MetricsError({ code: 'invalid_argument', functionName, field, rule });
}

function stateError(functionName: string, rule: string): never {
  throw new MetricsError({ code: 'invalid_argument', functionName, field: 'state', rule: `not a partial state of this metric: ${rule}` });
}

/**
 * The metric function of a plan entry: a function as it is (the run checks it is a metric over records), or
 * the function of an export name.
 */
function planMetric(functionName: string, field: string, metric: unknown): AnyMetric {
  if (typeof metric === 'function') return metric as AnyMetric;
  if (typeof metric === 'string') {
    if (Object.prototype.hasOwnProperty.call(METRICS, metric)) return METRICS[metric as IncrementalMetricName] as AnyMetric;
    if (Object.prototype.hasOwnProperty.call(NOT_INCREMENTAL, metric)) argumentError(functionName, field, `${metric} is not incremental: ${NOT_INCREMENTAL[metric]}`);
    const near = nearestName(metric, Object.keys(METRICS));
    return argumentError(functionName, field, `${describe(metric)} is not a metric${near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`}`);
  }
  return argumentError(functionName, field, `must be a metric function or its export name, got ${describe(metric)}`);
}

/** The function given to startMetric or resumeMetric (a function: names are for plans, which carry them all). */
function runMetric(functionName: string, metric: unknown): AnyMetric {
  if (typeof metric === 'function') return metric as AnyMetric;
  if (typeof metric === 'string') {
    argumentError(functionName, 'metric', `give the metric function itself (import it from 'helpdesk-metrics'), not its name; an export name is for plans (startMetrics, runMetrics), got ${describe(metric)}`);
  }
  return argumentError(functionName, 'metric', `must be a metric function, got ${describe(metric)}`);
}

/** The error for a function that is not one of the library's metrics over records. */
function notIncremental(functionName: string, fn: unknown): never {
  return argumentError(functionName, 'metric', `${describe(fn)} is not incremental: only the library's metrics over tickets, calls and survey responses are (docs/incremental.md)`);
}

/**
 * The ids a run has read, to find a duplicate across chunks as the one-shot call finds it (the later record is
 * the duplicate). While every id is greater than the ones before (all strings, or all numbers: exports sorted
 * by id) no id can repeat and the labels are only kept, in arrays; at the first id out of order they go into
 * a `Set` and every later id is looked up there (V8 seeds its string hashes per process, so no list of ids
 * chosen in advance makes the set degrade).
 */
class SeenIds implements PriorIds {
  /** 0: no id yet; 1: strings increasing; 2: numbers increasing; 3: hashed. */
  private mode = 0;
  private last: string | number = '';
  private kept: string[][] = [];
  private set: Set<string> | undefined = undefined;

  /** Look-ups that found an id (a duplicate of an earlier chunk): the run checks adds out of order with it. */
  hits = 0;

  /** Whether no id was read yet. */
  get empty(): boolean {
    return this.mode === 0;
  }

  /** The greatest id while they increase, else undefined ({@link PriorIds.floor}). */
  get floor(): string | number | undefined {
    return this.mode === 1 || this.mode === 2 ? this.last : undefined;
  }

  /** Whether an earlier chunk had this id ({@link PriorIds.has}). */
  has(id: string | number): boolean {
    const mode = this.mode;
    if (mode === 0) return false;
    if (mode === 1 && typeof id === 'string' && id > (this.last as string)) return false;
    if (mode === 2 && typeof id === 'number' && id > (this.last as number)) return false;
    const found = this.hashed().has(typeof id === 'string' ? id : String(id));
    if (found) this.hits++;
    return found;
  }

  /** Keeps the ids of a chunk the metrics have read (after them: a chunk that threw adds nothing). */
  addChunk(records: readonly unknown[]): void {
    const n = records.length;
    const labels: string[] = [];
    let increasing = this.mode !== 3;
    let mode = this.mode;
    let last = this.last;
    for (let i = 0; i < n; i++) {
      const raw = records[i];
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
      const id = (raw as { id?: unknown }).id;
      let label: string;
      if (typeof id === 'string') {
        if (id.length === 0) continue;
        label = id;
        if (increasing) {
          if (mode === 0 || (mode === 1 && id > (last as string))) {
            mode = 1;
            last = id;
          } else increasing = false;
        }
      } else if (typeof id === 'number' && Number.isFinite(id)) {
        label = String(id);
        if (increasing) {
          if (mode === 0 || (mode === 2 && id > (last as number))) {
            mode = 2;
            last = id;
          } else increasing = false;
        }
      } else continue;
      labels.push(label);
    }
    if (increasing) {
      this.mode = mode;
      this.last = last;
      if (labels.length > 0) this.kept.push(labels);
      return;
    }
    const set = this.hashed();
    for (let k = 0; k < labels.length; k++) set.add(labels[k] as string);
  }

  private hashed(): Set<string> {
    if (this.set === undefined) {
      const set = new Set<string>();
      for (const list of this.kept) for (let k = 0; k < list.length; k++) set.add(list[k] as string);
      this.set = set;
      this.kept = [];
      this.mode = 3;
    }
    return this.set;
  }

  /** Every label read so far. */
  list(): string[] {
    return this.set !== undefined ? [...this.set] : this.kept.flat();
  }

  /** Throws what {@link merge} would throw for `saved` (a label that is not a string, or one seen twice), adding nothing. */
  conflicts(functionName: string, saved: readonly unknown[]): void {
    const set = this.hashed();
    const mine = new Set<string>();
    for (const label of saved) {
      if (typeof label !== 'string') stateError(functionName, 'an id is not a string');
      if (set.has(label) || mine.has(label)) duplicateAcross(functionName, label);
      mine.add(label);
    }
  }

  /** Adds the labels of another run; one this run has is a duplicate across runs (a MetricsError). */
  merge(functionName: string, saved: readonly unknown[]): void {
    const set = this.hashed();
    for (const label of saved) {
      if (typeof label !== 'string') stateError(functionName, 'an id is not a string');
      if (set.has(label)) duplicateAcross(functionName, label);
      set.add(label);
    }
  }
}

function duplicateAcross(functionName: string, label: string): never {
  throw new MetricsError({
    code: 'duplicate_id',
    functionName,
    field: 'id',
    recordId: label,
    rule: `id ${JSON.stringify(label)} is in both runs being merged; a merged count cannot be taken back (add the chunks to one run in order, or partition the input by id and use trustIds)`,
  });
}

function checkAddOptions(functionName: string, options: unknown, next: number, size: number): { position: number; duplicates: ArrayLike<number> | undefined } {
  if (options === undefined) return { position: next, duplicates: undefined };
  checkOptionKeys(functionName, options, ['position', 'duplicates']);
  const o = options as Record<string, unknown>;
  let position = next;
  if (o.position !== undefined) {
    if (typeof o.position !== 'number' || !Number.isSafeInteger(o.position) || o.position < 0) {
      throw new MetricsError({ code: 'invalid_option', functionName, field: 'position', rule: `must be a whole number ≥ 0, got ${describe(o.position)}` });
    }
    position = o.position;
  }
  const d = o.duplicates;
  if (d !== undefined) {
    const n = d !== null && typeof d === 'object' ? (d as ArrayLike<unknown>).length : undefined;
    if (typeof n !== 'number') throw new MetricsError({ code: 'invalid_option', functionName, field: 'duplicates', rule: `must be an array of indices, got ${describe(d)}` });
    // No more indices than records (a huge length is not walked, nor allocated); each one a record of the chunk.
    if (!Number.isSafeInteger(n) || n < 0 || n > size) throw new MetricsError({ code: 'invalid_option', functionName, field: 'duplicates', rule: `must list at most the chunk's ${size} records, got a length of ${describe(n)}` });
    for (let k = 0; k < n; k++) {
      const i = (d as ArrayLike<unknown>)[k];
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= size) throw new MetricsError({ code: 'invalid_option', functionName, field: `duplicates[${k}]`, rule: `must be an index in the chunk (0 to ${size - 1}), got ${describe(i)}` });
    }
  }
  return { position, duplicates: d as ArrayLike<number> | undefined };
}

/** A chunk's exclusions (overall and per group of the run) at its place in the input. */
interface Segment {
  from: number;
  to: number;
  readonly overall: ExclusionLedger<string>;
  readonly groups: Map<number, ExclusionLedger<string>>;
}

/** Appends ledger `b` (later in the input) to `a`. */
function appendLedger(a: ExclusionLedger<string>, b: ExclusionLedger<string>): void {
  for (const [reason, ids] of b.lists) {
    const list = a.lists.get(reason);
    if (list === undefined) a.lists.set(reason, ids.slice());
    else for (let k = 0; k < ids.length; k++) list.push(ids[k] as string);
  }
  for (const [reason, extra] of b.extra) a.extra.set(reason, (a.extra.get(reason) ?? 0) + extra);
  a.total += b.total;
}

function saveLedger(l: ExclusionLedger<string>): unknown {
  return { total: l.total, lists: [...l.lists], extra: [...l.extra] };
}

function loadLedger(functionName: string, saved: unknown): ExclusionLedger<string> {
  const l = createLedger<string>();
  const o = saved as { total?: unknown; lists?: unknown; extra?: unknown } | null;
  if (o === null || typeof o !== 'object' || typeof o.total !== 'number' || !Number.isSafeInteger(o.total) || o.total < 0 || !Array.isArray(o.lists) || !Array.isArray(o.extra)) stateError(functionName, 'a ledger is malformed');
  let sum = 0;
  for (const entry of o.lists as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1]) || l.lists.has(entry[0]) || !(entry[1] as unknown[]).every((id) => typeof id === 'string')) stateError(functionName, 'a ledger list is malformed');
    l.lists.set(entry[0], (entry[1] as string[]).slice());
    sum += (entry[1] as unknown[]).length;
  }
  for (const entry of o.extra as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number' || !Number.isSafeInteger(entry[1]) || entry[1] < 0 || l.extra.has(entry[0])) stateError(functionName, 'a ledger count is malformed');
    l.extra.set(entry[0], entry[1]);
    sum += entry[1];
  }
  if (sum !== o.total) stateError(functionName, `a ledger's total ${o.total} is not the ${sum} records it lists`);
  l.total = o.total;
  return l;
}

/**
 * Text of options without their functions (a state remembers which plain options made it), the same for the
 * same options written in another key order.
 */
function fingerprint(options: unknown): string | null {
  try {
    const text = JSON.stringify(canonical(options ?? {}, 0));
    return text.length > 100_000 ? null : text;
  } catch {
    return null;
  }
}

/**
 * Options as plain data to compare: keys sorted; a Date as its instant (the metrics read it so); functions and
 * objects that are not plain (a schedule, with caches that fill as it is used) as a placeholder, so the text is
 * of what a user writes and stays the same while the run goes on.
 */
function canonical(v: unknown, depth: number): unknown {
  if (depth > 32) throw new Error('too deep');
  if (typeof v === 'function') return '[function]';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v.getTime();
  if (Array.isArray(v)) return v.map((x) => canonical(x, depth + 1));
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return '[object]';
  const keys = Object.keys(v).sort();
  return keys.map((k) => [k, canonical((v as Record<string, unknown>)[k], depth + 1)]);
}

/** The fields of a run's state and of a set's (a state with others, `__proto__` from JSON.parse among them, is not one). */
const RUN_KEYS = ['format', 'version', 'metric', 'options', 'count', 'next', 'ids', 'shared', 'overall', 'groups', 'segments'];
const SET_KEYS = ['format', 'version', 'count', 'next', 'ids', 'metrics'];

function checkStateKeys(functionName: string, s: object, keys: readonly string[]): void {
  for (const key of Object.keys(s)) if (!keys.includes(key)) stateError(functionName, `it has a field ${JSON.stringify(key)} no state has`);
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(s, key)) stateError(functionName, `its field ${JSON.stringify(key)} is missing`);
}

/** @internal The implementation of {@link MetricRun}. */
class Run<R> implements MetricRun<R> {
  count = 0;
  /** One past the last position added. */
  private next = 0;
  private readonly def: CaptureOut['def'];
  private readonly params: unknown;
  private readonly overall: Accumulator;
  private readonly table: GroupTable | undefined;
  private readonly accs: Accumulator[] = [];
  private readonly segments: Segment[] = [];
  private readonly ids: SeenIds | undefined;
  private readonly print: string | null;

  /** The metric's export name. */
  readonly metric: string;
  private readonly post: ((result: object) => unknown) | undefined;

  readonly trustIds: boolean;

  constructor(
    private readonly fn: AnyMetric,
    private readonly options: unknown,
    /** The start options as given (read after the metric: a bad metric is named first). */
    start: unknown,
    /** The function that made the run, for errors before the metric is known. */
    functionName: string,
    /** trustIds when the caller decided it (a set's runs, a resumed state's). */
    decided?: boolean,
  ) {
    // An empty chunk: tells whether `fn` is a metric over records, validates the options (a MetricsError now,
    // not at the first add) and gives the metric's params, its accumulator for the whole, and the run's table
    // of groups.
    const cap = new Capture([], 0, undefined, undefined);
    try {
      fn(cap, options);
    } catch (e) {
      // A metric over records marks the capture before it reads any option of its own: an error before that is
      // the error of a function that is not one (it took the capture for its input).
      if (cap.touched) throw e;
    }
    if (cap.out === undefined) notIncremental(functionName, fn);
    const out = cap.out;
    this.metric = out.def.name;
    this.post = cap.post;
    this.def = out.def;
    this.params = out.params;
    this.overall = out.overall;
    this.table = out.table;
    this.trustIds = decided ?? readStart(functionName, start);
    this.ids = this.trustIds ? undefined : new SeenIds();
    this.print = fingerprint(options);
  }

  /** Objects the metric keeps from chunk to chunk (its columns: {@link Capture.kept}). */
  private readonly kept = new Map<unknown, unknown>();

  private capture(records: readonly unknown[], offset: number, duplicates: ArrayLike<number> | undefined, prior: PriorIds | undefined): CaptureOut {
    const cap = new Capture(records, offset, duplicates, prior);
    cap.kept = this.kept;
    this.fn(cap, this.options);
    if (cap.out === undefined) throw new MetricsError({ code: 'internal', functionName: this.metric, rule: 'the metric did not run on the chunk; please report it' });
    return cap.out;
  }

  add(records: readonly unknown[], options?: AddOptions): this {
    if (!Array.isArray(records)) argumentError(this.metric, 'records', `must be an array of records, got ${describe(records)}`);
    const { position, duplicates } = checkAddOptions(this.metric, options, this.next, records.length);
    this.stage(records, position, duplicates, this.ids)();
    this.ids?.addChunk(records);
    return this;
  }

  /**
   * @internal Reads and steps a chunk without changing the run, and returns what adds it in. `seen` holds the
   * ids of the chunks before it (the run's own, or its set's); the caller keeps the chunk's ids once every
   * metric has read it.
   */
  stage(records: readonly unknown[], position: number, duplicates: ArrayLike<number> | undefined, seen: SeenIds | undefined): () => void {
    const to = position + records.length;
    this.checkFree(position, to);
    const outOfOrder = position < this.next;
    const hits = seen === undefined ? 0 : seen.hits;
    const out = this.capture(records, position, duplicates, seen === undefined || seen.empty ? undefined : seen);
    if (outOfOrder && seen !== undefined && seen.hits !== hits) {
      // The one-shot call counts the first of two records with one id. A chunk added before a chunk it
      // precedes found an id of that chunk: the record already counted is the later one, and cannot be taken back.
      throw new MetricsError({
        code: 'duplicate_id',
        functionName: this.metric,
        field: 'id',
        rule: `records ${position}–${to - 1} come before records already added and share an id with them; a count cannot be taken back (add chunks in position order, or partition the input by id and use trustIds)`,
      });
    }
    return () => {
      const def = this.def;
      if (def.saveShared !== undefined && def.loadShared !== undefined) def.loadShared(this.params, def.saveShared(out.params));
      this.overall.mergeFrom(out.overall);
      const groups = new Map<number, ExclusionLedger<string>>();
      if (out.table !== undefined && this.table !== undefined) {
        for (let g = 0; g < out.table.size; g++) {
          const row = out.table.row(g);
          const rg = this.group(row.values, row.starts);
          const acc = out.accs[g] as Accumulator;
          (this.accs[rg] as Accumulator).mergeFrom(acc);
          if (acc.ledger.total > 0) groups.set(rg, acc.ledger);
        }
      }
      this.insert({ from: position, to, overall: out.overall.ledger, groups });
      this.count += records.length;
      if (to > this.next) this.next = to;
    };
  }

  /** Throws when records `[from, to)` overlap records already added. */
  private checkFree(from: number, to: number): void {
    if (from === to) return;
    const list = this.segments;
    const k = this.after(from);
    const prev = list[k - 1];
    const after = list[k];
    if ((prev !== undefined && prev.to > from) || (after !== undefined && to > after.from)) {
      argumentError(this.metric, 'position', `records ${from}–${to - 1} overlap records already added (${prev !== undefined && prev.to > from ? `${prev.from}–${prev.to - 1}` : `${(after as Segment).from}–${(after as Segment).to - 1}`}); give each chunk its own positions`);
    }
  }

  /** The index of the first segment that starts after `from` (binary search: chunks added in reverse order must not scan the list each time). */
  private after(from: number): number {
    const list = this.segments;
    let lo = 0;
    let hi = list.length;
    if (hi === 0 || (list[hi - 1] as Segment).from <= from) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid] as Segment).from > from) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private group(values: readonly GroupValue[], starts: readonly number[]): number {
    const table = this.table as GroupTable;
    const g = table.intern(values, starts);
    while (this.accs.length <= g) this.accs.push(this.def.start(this.params));
    return g;
  }

  /** Places a segment in input order, appending it to the one it continues. */
  private insert(seg: Segment): void {
    const list = this.segments;
    if (seg.from === seg.to && seg.overall.total === 0) return;
    this.checkFree(seg.from, seg.to);
    const k = this.after(seg.from);
    const prev = list[k - 1];
    if (prev !== undefined && prev.to === seg.from) {
      appendLedger(prev.overall, seg.overall);
      for (const [g, l] of seg.groups) {
        const mine = prev.groups.get(g);
        if (mine === undefined) prev.groups.set(g, l);
        else appendLedger(mine, l);
      }
      prev.to = seg.to;
      return;
    }
    list.splice(k, 0, seg);
  }

  merge(other: MetricRun<R> | MetricState): this {
    const state = other instanceof Run ? other.state() : other;
    return this.load(state);
  }

  /** @internal Adds a saved state into this run. */
  load(state: unknown, ids = true): this {
    this.prepare(state, ids)();
    return this;
  }

  /**
   * @internal Reads a saved state without changing this run and returns what adds it in (a malformed or
   * foreign state, or one that overlaps this run, is a MetricsError here, and the run stays as it was).
   * With `ids`, the state's id labels are checked against this run's and added by the commit.
   */
  prepare(state: unknown, ids = true): () => void {
    const name = this.metric;
    if (state === null || typeof state !== 'object' || Array.isArray(state)) stateError(name, `got ${describe(state)}`);
    const s = state as Record<string, unknown>;
    if (s.format !== FORMAT || s.version !== 1) stateError(name, `format ${describe(s.format)} version ${describe(s.version)}; expected '${FORMAT}' version 1`);
    if (s.metric !== name) stateError(name, `it is a state of ${describe(s.metric)}`);
    if (s.options !== this.print && s.options !== null && this.print !== null) stateError(name, 'it was made with other options');
    checkStateKeys(name, s, RUN_KEYS);
    const count = s.count;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || !Number.isSafeInteger(this.count + count)) stateError(name, 'count is malformed');
    if (!Array.isArray(s.groups) || !Array.isArray(s.segments)) stateError(name, 'groups or segments are malformed');
    let labels: readonly string[] = [];
    if (ids) labels = this.checkIds(s.ids, count);
    const def = this.def;
    const table = this.table;
    const dims = table === undefined ? 0 : table.spec.dims.length;
    const rows: { values: GroupValue[]; starts: number[]; acc: Accumulator }[] = [];
    const segments: { from: number; to: number; overall: ExclusionLedger<string>; groups: [number, ExclusionLedger<string>][] }[] = [];
    let overall: Accumulator;
    try {
      overall = def.start(this.params);
      overall.load(s.overall);
      for (const g of s.groups as unknown[]) {
        const row = g as { values?: unknown; starts?: unknown; acc?: unknown };
        if (row === null || typeof row !== 'object' || !Array.isArray(row.values) || !Array.isArray(row.starts) || table === undefined || row.values.length !== dims || row.starts.length !== dims) stateError(name, 'a group is malformed');
        const values = row.values as unknown[];
        if (!values.every((v) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) stateError(name, 'a group key is malformed');
        const starts = (row.starts as unknown[]).map((x) => (x === null ? NaN : typeof x === 'number' && Number.isFinite(x) ? x : stateError(name, 'a group start is malformed')));
        const acc = def.start(this.params);
        acc.load(row.acc);
        // −0 is not a key of its own (JSON makes it 0; structuredClone keeps it).
        rows.push({ values: values.map((v) => (v === 0 ? 0 : v)) as GroupValue[], starts: starts.map((x) => (x === 0 ? 0 : x)), acc });
      }
      let covered = 0;
      let end = 0;
      for (const raw of s.segments as unknown[]) {
        const seg = raw as { from?: unknown; to?: unknown; overall?: unknown; groups?: unknown };
        if (seg === null || typeof seg !== 'object' || !Array.isArray(seg.groups)) stateError(name, 'a segment is malformed');
        const { from, to } = seg;
        if (typeof from !== 'number' || typeof to !== 'number' || !Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) stateError(name, `a segment's positions are malformed (${describe(from)} to ${describe(to)})`);
        covered += to - from;
        if (to > end) end = to;
        const groups: [number, ExclusionLedger<string>][] = [];
        for (const entry of seg.groups as unknown[]) {
          if (!Array.isArray(entry) || typeof entry[0] !== 'number' || !Number.isInteger(entry[0]) || entry[0] < 0 || entry[0] >= rows.length) stateError(name, 'a segment group is malformed');
          groups.push([entry[0] as number, loadLedger(name, entry[1])]);
        }
        segments.push({ from, to, overall: loadLedger(name, seg.overall), groups });
      }
      // A run's segments cover each record it was given once: the records they span are its count.
      if (covered !== count) stateError(name, `count ${count} is not the ${covered} records its segments span`);
      if (typeof s.next !== 'number' || !Number.isSafeInteger(s.next) || s.next < end) stateError(name, 'next is missing or malformed');
      // Overlaps (with each other, or with this run's records) are found before anything is added.
      const sorted = [...segments, ...this.segments].filter((x) => x.to > x.from).sort((a, b) => a.from - b.from);
      for (let k = 1; k < sorted.length; k++) {
        const a = sorted[k - 1] as { from: number; to: number };
        const b = sorted[k] as { from: number; to: number };
        if (a.to > b.from) argumentError(name, 'position', `records ${b.from}–${b.to - 1} overlap records ${a.from}–${a.to - 1} (of this run or of the state); give each chunk its own positions`);
      }
    } catch (e) {
      if (e instanceof MetricsError) throw e;
      stateError(name, `its data is malformed (${e instanceof Error ? e.message : String(e)})`);
    }
    const shared = s.shared;
    const next = typeof s.next === 'number' ? s.next : 0;
    return () => {
      // What a metric gathers across records (FCR's requesters) is checked as it loads: first, so that a bad one
      // leaves the rest of the run as it was.
      if (shared !== null && shared !== undefined && def.loadShared !== undefined) {
        try {
          def.loadShared(this.params, shared);
        } catch (e) {
          if (e instanceof MetricsError) throw e;
          stateError(name, `its data is malformed (${e instanceof Error ? e.message : String(e)})`);
        }
      }
      if (ids && this.ids !== undefined) this.ids.merge(name, labels);
      this.overall.mergeFrom(overall);
      const map = rows.map((row) => {
        const rg = this.group(row.values, row.starts);
        (this.accs[rg] as Accumulator).mergeFrom(row.acc);
        return rg;
      });
      for (const seg of segments) this.insert({ from: seg.from, to: seg.to, overall: seg.overall, groups: new Map(seg.groups.map(([g, l]) => [map[g] as number, l])) });
      this.count += count;
      if (next > this.next) this.next = next;
    };
  }

  /** @internal Checks saved id labels (strings, none twice, none this run has: duplicate_id) without adding them. */
  checkIds(saved: unknown, count: number): readonly string[] {
    if ((saved === null || saved === undefined) !== (this.ids === undefined)) stateError(this.metric, 'one of the two runs trusts ids (trustIds) and the other does not');
    if (this.ids === undefined) return [];
    if (!Array.isArray(saved) || saved.length > count) stateError(this.metric, 'ids are malformed');
    this.ids.conflicts(this.metric, saved);
    return saved as string[];
  }

  state(): MetricState {
    const def = this.def;
    const table = this.table;
    const groups = table === undefined ? [] : this.accs.map((acc, g) => {
      const row = table.row(g);
      return { values: row.values.slice(), starts: row.starts.map((x) => (x === x ? x : null)), acc: acc.save() };
    });
    return {
      format: FORMAT,
      version: 1,
      metric: this.metric,
      options: this.print,
      count: this.count,
      next: this.next,
      ids: this.ids === undefined ? null : this.ids.list(),
      shared: def.saveShared === undefined ? null : (def.saveShared(this.params) ?? null),
      overall: this.overall.save(),
      groups,
      segments: this.segments.map((seg) => ({ from: seg.from, to: seg.to, overall: saveLedger(seg.overall), groups: [...seg.groups].map(([g, l]) => [g, saveLedger(l)]) })),
    };
  }

  finish(): R {
    const def = this.def;
    const overall = this.overall;
    const table = this.table;
    // The ledgers, rebuilt from the segments in input order (each finish starts again from the segments).
    const ledgers: ExclusionLedger<string>[] = [overall.ledger, ...this.accs.map((a) => a.ledger)];
    for (const l of ledgers) {
      l.lists.clear();
      l.extra.clear();
      l.total = 0;
      l.lastReason = undefined;
      l.lastList = [];
    }
    for (const seg of this.segments) {
      appendLedger(overall.ledger, seg.overall);
      for (const [g, l] of seg.groups) appendLedger((this.accs[g] as Accumulator).ledger, l);
    }
    const result = def.finish(overall, this.params, overall) as Record<string, unknown>;
    let out: unknown = result;
    if (table !== undefined) {
      const groups = table.order().map((g) => ({ key: table.key(g), ...(def.finish(this.accs[g] as Accumulator, this.params, overall) as object) }) as Group<object>);
      out = { ...result, groups };
    }
    // What the public function makes of the result (averageResolutionTime: resolutionTime's mean).
    return (this.post === undefined ? out : this.post(out as object)) as R;
  }
}

function readStart(functionName: string, start: unknown): boolean {
  if (start === undefined) return false;
  if (start === null || typeof start !== 'object' || Array.isArray(start) || start instanceof Date) throw new MetricsError({ code: 'invalid_option', functionName, field: 'start', rule: `must be an object, got ${describe(start)}` });
  checkOptionKeys(functionName, start, ['trustIds']);
  const t = (start as { trustIds?: unknown }).trustIds;
  if (t !== undefined && typeof t !== 'boolean') throw new MetricsError({ code: 'invalid_option', functionName, field: 'trustIds', rule: `must be a boolean, got ${describe(t)}` });
  return t === true;
}

/**
 * Starts computing a metric over chunks of records.
 *
 * @example
 * ```ts
 * import { startMetric, firstResponseTime } from 'helpdesk-metrics';
 * const run = startMetric(firstResponseTime, { by: 'channel' });
 * run.add(firstHalf).add(secondHalf);
 * const frt = run.finish(); // the same as firstResponseTime([...firstHalf, ...secondHalf], { by: 'channel' })
 * ```
 * @category Incremental
 */
export function startMetric<F extends IncrementalMetric>(metric: F, options?: MetricOptions<F>, start?: StartOptions): MetricRun<MetricResult<F>>;
export function startMetric(metric: IncrementalMetric, options?: unknown, start?: StartOptions): MetricRun<unknown> {
  const fn = runMetric('startMetric', metric);
  return new Run(fn, options, start, 'startMetric');
}

/**
 * Continues a run from its saved state (of {@link MetricRun.state}), with the options it was started with.
 *
 * @example
 * ```ts
 * import { resumeMetric, startMetric, resolutionRate } from 'helpdesk-metrics';
 * const saved = JSON.stringify(startMetric(resolutionRate).add(dayOne).state());
 * const run = resumeMetric(resolutionRate, undefined, JSON.parse(saved)).add(dayTwo);
 * run.finish();
 * ```
 * @category Incremental
 */
export function resumeMetric<F extends IncrementalMetric>(metric: F, options: MetricOptions<F> | undefined, state: MetricState, start?: StartOptions): MetricRun<MetricResult<F>>;
export function resumeMetric(metric: IncrementalMetric, options: unknown, state: MetricState, start?: StartOptions): MetricRun<unknown> {
  const fn = runMetric('resumeMetric', metric);
  const trust = state !== null && typeof state === 'object' && (state as { ids?: unknown }).ids === null;
  return new Run(fn, options, start, 'resumeMetric', start === undefined ? trust : undefined).load(state);
}

// ---- sets of metrics ---------------------------------------------------------------------------------

/**
 * A set of metrics over the same records: result name → the metric (a function, or its name: a plan that
 * crosses threads uses names) and its options.
 *
 * @category Incremental
 */
export type MetricPlan = Readonly<Record<string, { readonly metric: IncrementalMetric | IncrementalMetricName; readonly options?: object }>>;

/**
 * The partial state of a {@link MetricSetRun}: plain data, as {@link MetricState}.
 *
 * @category Incremental
 */
export interface MetricSetState {
  readonly version: 1;
  readonly [field: string]: unknown;
}

/**
 * Several metrics computed over the same chunks: the ids are checked once for all of them.
 *
 * @category Incremental
 */
export interface MetricSetRun {
  /** Records added so far, merged runs included. */
  readonly count: number;
  /** Adds a chunk of records to every metric. */
  add(records: readonly unknown[], options?: AddOptions): this;
  /** Adds another set run of the same plan, or its state. */
  merge(other: MetricSetRun | MetricSetState): this;
  /** The partial state: plain data. */
  state(): MetricSetState;
  /** The results, by the plan's names. */
  finish(): Record<string, unknown>;
}

const SET_FORMAT = 'helpdesk-metrics/set-state';

function readPlan(functionName: string, plan: unknown): [string, AnyMetric, unknown][] {
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) argumentError(functionName, 'plan', `must be an object of { metric, options? } by result name, got ${describe(plan)}`);
  const entries = Object.keys(plan);
  if (entries.length === 0) argumentError(functionName, 'plan', 'names no metric');
  return entries.map((key) => {
    const entry = (plan as Record<string, unknown>)[key];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) argumentError(functionName, `plan.${key}`, `must be { metric, options? }, got ${describe(entry)}`);
    checkOptionKeys(functionName, entry, ['metric', 'options'], `plan.${key}`);
    const fn = planMetric(functionName, `plan.${key}.metric`, (entry as { metric?: unknown }).metric);
    return [key, fn, (entry as { options?: unknown }).options];
  });
}

class SetRun implements MetricSetRun {
  count = 0;
  private next = 0;
  private readonly runs: [string, Run<unknown>][];
  private readonly ids: SeenIds | undefined;

  constructor(
    plan: [string, AnyMetric, unknown][],
    trustIds: boolean,
    /** The function that made the run (startMetrics, resumeMetrics, runMetrics): it names the run's errors. */
    private readonly name: string,
  ) {
    // Each run trusts ids: the set checks them once for all.
    this.runs = plan.map(([key, fn, options]) => [key, new Run<unknown>(fn, options, undefined, name, true)]);
    this.ids = trustIds ? undefined : new SeenIds();
  }

  add(records: readonly unknown[], options?: AddOptions): this {
    if (!Array.isArray(records)) argumentError(this.name, 'records', `must be an array of records, got ${describe(records)}`);
    const { position, duplicates } = checkAddOptions(this.name, options, this.next, records.length);
    // Every metric reads the chunk before any of them adds it in: a chunk that throws changes nothing.
    const commits = this.runs.map(([, run]) => run.stage(records, position, duplicates, this.ids));
    for (const commit of commits) commit();
    this.ids?.addChunk(records);
    this.count += records.length;
    if (position + records.length > this.next) this.next = position + records.length;
    return this;
  }

  merge(other: MetricSetRun | MetricSetState): this {
    const state = (other instanceof SetRun ? other.state() : other) as unknown;
    const name = this.name;
    if (state === null || typeof state !== 'object' || Array.isArray(state)) stateError(name, `got ${describe(state)}`);
    const s = state as Record<string, unknown>;
    if (s.format !== SET_FORMAT || s.version !== 1) stateError(name, `format ${describe(s.format)} version ${describe(s.version)}; expected '${SET_FORMAT}' version 1`);
    if (!Array.isArray(s.metrics) || s.metrics.length !== this.runs.length) stateError(name, 'it is a state of another plan');
    if ((s.ids === null) !== (this.ids === undefined)) stateError(name, 'one of the two runs trusts ids (trustIds) and the other does not');
    if (typeof s.count !== 'number' || !Number.isSafeInteger(s.count) || s.count < 0 || !Number.isSafeInteger(this.count + s.count)) stateError(name, 'count is malformed');
    if (typeof s.next !== 'number' || !Number.isSafeInteger(s.next) || s.next < 0) stateError(name, 'next is missing or malformed');
    checkStateKeys(name, s, SET_KEYS);
    if (this.ids !== undefined) {
      if (!Array.isArray(s.ids) || s.ids.length > s.count) stateError(name, 'ids are malformed');
      this.ids.conflicts(name, s.ids);
    }
    // Every part is read before any is added: a bad one leaves the set run as it was.
    const commits: (() => void)[] = [];
    for (let k = 0; k < this.runs.length; k++) {
      const entry = (s.metrics as unknown[])[k];
      const [key, run] = this.runs[k] as [string, Run<unknown>];
      if (!Array.isArray(entry) || entry[0] !== key) stateError(name, `it is a state of another plan (no ${JSON.stringify(key)} at place ${k})`);
      const st = entry[1] as { count?: unknown } | null;
      if (st === null || typeof st !== 'object' || st.count !== s.count) stateError(name, `the count of ${JSON.stringify(key)} is not the set's`);
      commits.push(run.prepare(entry[1]));
    }
    if (this.ids !== undefined) this.ids.merge(name, s.ids as unknown[]);
    for (const commit of commits) commit();
    this.count += s.count;
    if (typeof s.next === 'number' && s.next > this.next) this.next = s.next;
    return this;
  }

  state(): MetricSetState {
    return {
      format: SET_FORMAT,
      version: 1,
      count: this.count,
      next: this.next,
      ids: this.ids === undefined ? null : this.ids.list(),
      metrics: this.runs.map(([key, run]) => [key, run.state()]),
    };
  }

  finish(): Record<string, unknown> {
    return Object.fromEntries(this.runs.map(([key, run]) => [key, run.finish()]));
  }
}

/**
 * Starts computing several metrics over the same chunks of records (the ids are checked once for all).
 *
 * @example
 * ```ts
 * import { startMetrics, firstResponseTime, resolutionRate } from 'helpdesk-metrics';
 * const run = startMetrics({
 *   frt: { metric: firstResponseTime, options: { by: 'channel' } },
 *   resolved: { metric: 'resolutionRate' },
 * });
 * for (const chunk of chunks) run.add(chunk);
 * const { frt, resolved } = run.finish();
 * ```
 * @category Incremental
 */
export function startMetrics(plan: MetricPlan, start?: StartOptions): MetricSetRun {
  return new SetRun(readPlan('startMetrics', plan), readStart('startMetrics', start), 'startMetrics');
}

/**
 * Continues a set run from its saved state, with the plan it was started with.
 *
 * @example
 * ```ts
 * import { resumeMetrics, startMetrics } from 'helpdesk-metrics';
 * const plan = { resolved: { metric: 'resolutionRate' } } as const;
 * const saved = structuredClone(startMetrics(plan).add(monday).state());
 * resumeMetrics(plan, saved).add(tuesday).finish();
 * ```
 * @category Incremental
 */
export function resumeMetrics(plan: MetricPlan, state: MetricSetState, start?: StartOptions): MetricSetRun {
  const trust = start === undefined ? state !== null && typeof state === 'object' && (state as { ids?: unknown }).ids === null : readStart('resumeMetrics', start);
  return new SetRun(readPlan('resumeMetrics', plan), trust, 'resumeMetrics').merge(state);
}

/**
 * Options of {@link runMetrics}.
 *
 * @category Incremental
 */
export interface RunMetricsOptions extends StartOptions {
  /** Records per chunk. @defaultValue `32768` */
  readonly chunkSize?: number;
}

/**
 * Runs a plan over any iterable or async iterable of records (a generator, the lines of a `fetch` body parsed
 * one by one), a chunk at a time: memory stays at one chunk plus what the metrics keep.
 *
 * @example
 * ```ts
 * import { runMetrics } from 'helpdesk-metrics';
 * async function* tickets() {
 *   for (const page of pages) yield* await loadPage(page);
 * }
 * const { frt } = await runMetrics({ frt: { metric: 'firstResponseTime' } }, tickets());
 * ```
 * @category Incremental
 */
export async function runMetrics(plan: MetricPlan, records: Iterable<unknown> | AsyncIterable<unknown>, options?: RunMetricsOptions): Promise<Record<string, unknown>> {
  const name = 'runMetrics';
  let chunkSize = 32_768;
  let trustIds: boolean | undefined;
  if (options !== undefined) {
    checkOptionKeys(name, options, ['chunkSize', 'trustIds']);
    const c = options.chunkSize;
    if (c !== undefined) {
      if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 1) throw new MetricsError({ code: 'invalid_option', functionName: name, field: 'chunkSize', rule: `must be a whole number ≥ 1, got ${describe(c)}` });
      chunkSize = c;
    }
    trustIds = options.trustIds;
  }
  const iterable = records as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown } | null;
  if (iterable === null || typeof iterable !== 'object' || (typeof iterable[Symbol.asyncIterator] !== 'function' && typeof iterable[Symbol.iterator] !== 'function')) {
    argumentError(name, 'records', `must be an iterable or an async iterable of records, got ${describe(records)}`);
  }
  const run = new SetRun(readPlan(name, plan), readStart(name, trustIds === undefined ? undefined : { trustIds }), name);
  let chunk: unknown[] = [];
  for await (const record of records as AsyncIterable<unknown>) {
    chunk.push(record);
    if (chunk.length === chunkSize) {
      run.add(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0 || run.count === 0) run.add(chunk);
  return run.finish();
}
