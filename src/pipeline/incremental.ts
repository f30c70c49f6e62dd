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
import { describe, nearestName } from '../_lib/options.js';
import { MetricsError } from '../results/errors.js';
import { createLedger, type ExclusionLedger } from '../results/excluded.js';
import type { Group } from '../results/groups.js';
import type { Accumulator } from './collect.js';
import type { GroupTable, GroupValue } from './breakdown.js';
import { Capture, type CaptureOut } from './driver.js';
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
export type MetricOptions<F> = F extends (input: never, options?: infer O) => unknown ? O : never;

const FORMAT = 'helpdesk-metrics/state';

function argumentError(functionName: string, field: string, rule: string): never {
  throw new MetricsError({ code: 'invalid_argument', functionName, field, rule });
}

function stateError(functionName: string, rule: string): never {
  throw new MetricsError({ code: 'invalid_argument', functionName, field: 'state', rule: `not a partial state of this metric: ${rule}` });
}

/** The metric function and its name, or a MetricsError naming what was given. */
function resolveMetric(functionName: string, metric: unknown): { name: IncrementalMetricName; fn: AnyMetric } {
  if (typeof metric === 'string') {
    if (Object.prototype.hasOwnProperty.call(METRICS, metric)) return { name: metric as IncrementalMetricName, fn: METRICS[metric as IncrementalMetricName] as AnyMetric };
    if (Object.prototype.hasOwnProperty.call(NOT_INCREMENTAL, metric)) argumentError(functionName, 'metric', `${metric} is not incremental: ${NOT_INCREMENTAL[metric]}`);
    const near = nearestName(metric, Object.keys(METRICS));
    return argumentError(functionName, 'metric', `${describe(metric)} is not a metric${near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`}`);
  }
  if (typeof metric === 'function') {
    for (const name of Object.keys(METRICS) as IncrementalMetricName[]) if (METRICS[name] === metric) return { name, fn: metric as AnyMetric };
    const fname = (metric as { name?: unknown }).name;
    if (typeof fname === 'string' && Object.prototype.hasOwnProperty.call(NOT_INCREMENTAL, fname)) argumentError(functionName, 'metric', `${fname} is not incremental: ${NOT_INCREMENTAL[fname]}`);
    return argumentError(functionName, 'metric', `${describe(metric)} is not one of the library's metrics over records`);
  }
  return argumentError(functionName, 'metric', `must be a metric function or its name, got ${describe(metric)}`);
}

/**
 * The ids a run has read, to find a duplicate across chunks as the one-shot call finds it (the later record is
 * the duplicate). While every id is greater than the ones before (all strings, or all numbers: exports sorted
 * by id) no id can repeat and the labels are only kept, in arrays; at the first id out of order they go into
 * a `Set` and every later id is looked up there (V8 seeds its string hashes per process, so no list of ids
 * chosen in advance makes the set degrade).
 */
class SeenIds {
  /** 0: no id yet; 1: strings increasing; 2: numbers increasing; 3: hashed. */
  private mode = 0;
  private last: string | number = '';
  private kept: string[][] = [];
  private set: Set<string> | undefined = undefined;

  /** Chunk indices whose ids were read in earlier chunks (with those the caller gave); then keeps the chunk's. */
  check(records: readonly unknown[], given: ArrayLike<number> | undefined): ArrayLike<number> | undefined {
    const n = records.length;
    const labels: string[] = [];
    const at: number[] = [];
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
      at.push(i);
    }
    if (increasing) {
      this.mode = mode;
      this.last = last;
      if (labels.length > 0) this.kept.push(labels);
      return given;
    }
    const set = this.hashed();
    const found: number[] = given === undefined ? [] : Array.from(given);
    for (let k = 0; k < labels.length; k++) if (set.has(labels[k] as string)) found.push(at[k] as number);
    for (let k = 0; k < labels.length; k++) set.add(labels[k] as string);
    return found.length === 0 ? undefined : found;
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

  /** Adds the labels of another run; one this run has is a duplicate across runs (a MetricsError). */
  merge(functionName: string, saved: readonly unknown[]): void {
    const set = this.hashed();
    for (const label of saved) {
      if (typeof label !== 'string') stateError(functionName, 'an id is not a string');
      if (set.has(label)) {
        throw new MetricsError({
          code: 'duplicate_id',
          functionName,
          field: 'id',
          recordId: label,
          rule: `id ${JSON.stringify(label)} is in both runs being merged; a merged count cannot be taken back (add the chunks to one run in order, or partition the input by id and use trustIds)`,
        });
      }
      set.add(label);
    }
  }
}

function crossChunkDuplicates(records: readonly unknown[], seen: SeenIds | undefined, given: ArrayLike<number> | undefined): ArrayLike<number> | undefined {
  return seen === undefined ? given : seen.check(records, given);
}

function checkAddOptions(functionName: string, options: unknown, next: number): { position: number; duplicates: ArrayLike<number> | undefined } {
  if (options === undefined) return { position: next, duplicates: undefined };
  if (options === null || typeof options !== 'object') argumentError(functionName, 'options', `must be an object, got ${describe(options)}`);
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key !== 'position' && key !== 'duplicates') {
      const near = nearestName(key, ['position', 'duplicates']);
      throw new MetricsError({ code: 'invalid_option', functionName, field: key, rule: `unknown option${near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`}` });
    }
  }
  let position = next;
  if (o.position !== undefined) {
    if (typeof o.position !== 'number' || !Number.isSafeInteger(o.position) || o.position < 0) {
      throw new MetricsError({ code: 'invalid_option', functionName, field: 'position', rule: `must be a whole number ≥ 0, got ${describe(o.position)}` });
    }
    position = o.position;
  }
  const d = o.duplicates;
  if (d !== undefined) {
    const ok = d !== null && typeof d === 'object' && typeof (d as ArrayLike<unknown>).length === 'number';
    if (!ok) throw new MetricsError({ code: 'invalid_option', functionName, field: 'duplicates', rule: `must be an array of indices, got ${describe(d)}` });
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
  if (o === null || typeof o !== 'object' || typeof o.total !== 'number' || !Array.isArray(o.lists) || !Array.isArray(o.extra)) stateError(functionName, 'a ledger is malformed');
  for (const entry of o.lists as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) stateError(functionName, 'a ledger list is malformed');
    l.lists.set(entry[0], (entry[1] as unknown[]).map(String));
  }
  for (const entry of o.extra as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') stateError(functionName, 'a ledger count is malformed');
    l.extra.set(entry[0], entry[1]);
  }
  l.total = o.total;
  return l;
}

/** Text of options without their functions (a state remembers which plain options made it). */
function fingerprint(options: unknown): string | null {
  try {
    // Functions and objects that are not plain (a schedule, with caches that fill as it is used) stand as a
    // placeholder: the text is of what a user writes, and stays the same while the run goes on.
    const text = JSON.stringify(options ?? {}, (_k, v: unknown) => {
      if (typeof v === 'function') return '[function]';
      if (typeof v === 'bigint') return `${v}n`;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) return '[object]';
      }
      return v;
    });
    return text.length > 100_000 ? null : text;
  } catch {
    return null;
  }
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

  constructor(
    readonly metric: IncrementalMetricName,
    private readonly fn: AnyMetric,
    private readonly options: unknown,
    readonly trustIds: boolean,
  ) {
    // An empty chunk: validates the options (a MetricsError now, not at the first add) and gives the metric's
    // params, its accumulator for the whole, and the run's table of groups.
    const out = this.capture([], 0, undefined);
    this.def = out.def;
    this.params = out.params;
    this.overall = out.overall;
    this.table = out.table;
    this.ids = trustIds ? undefined : new SeenIds();
    this.print = fingerprint(options);
  }

  private capture(records: readonly unknown[], offset: number, duplicates: ArrayLike<number> | undefined): CaptureOut {
    const cap = new Capture(records, offset, duplicates);
    this.fn(cap, this.options);
    if (cap.out === undefined) throw new MetricsError({ code: 'internal', functionName: this.metric, rule: 'the metric did not run on the chunk; please report it' });
    return cap.out;
  }

  add(records: readonly unknown[], options?: AddOptions): this {
    if (!Array.isArray(records)) argumentError(this.metric, 'records', `must be an array of records, got ${describe(records)}`);
    const { position, duplicates } = checkAddOptions(this.metric, options, this.next);
    return this.addChunk(records, position, crossChunkDuplicates(records, this.ids, duplicates));
  }

  /** @internal Adds a chunk whose cross-chunk duplicates were found by the caller (a set of runs). */
  addChunk(records: readonly unknown[], position: number, duplicates: ArrayLike<number> | undefined): this {
    const out = this.capture(records, position, duplicates);
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
    this.insert({ from: position, to: position + records.length, overall: out.overall.ledger, groups });
    this.count += records.length;
    if (position + records.length > this.next) this.next = position + records.length;
    return this;
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
    let k = list.length;
    while (k > 0 && (list[k - 1] as Segment).from > seg.from) k--;
    const prev = list[k - 1];
    const after = list[k];
    if ((prev !== undefined && prev.to > seg.from) || (after !== undefined && seg.to > after.from)) {
      argumentError(this.metric, 'position', `records ${seg.from}–${seg.to - 1} overlap records already added (${prev !== undefined && prev.to > seg.from ? `${prev.from}–${prev.to - 1}` : `${(after as Segment).from}–${(after as Segment).to - 1}`}); give each chunk its own positions`);
    }
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
    const name = this.metric;
    if (state === null || typeof state !== 'object' || Array.isArray(state)) stateError(name, `got ${describe(state)}`);
    const s = state as Record<string, unknown>;
    if (s.format !== FORMAT || s.version !== 1) stateError(name, `format ${describe(s.format)} version ${describe(s.version)}; expected '${FORMAT}' version 1`);
    if (s.metric !== name) stateError(name, `it is a state of ${describe(s.metric)}`);
    if (s.options !== this.print && s.options !== null && this.print !== null) stateError(name, 'it was made with other options');
    if (typeof s.count !== 'number' || !Number.isSafeInteger(s.count) || s.count < 0) stateError(name, 'count is malformed');
    if (!Array.isArray(s.groups) || !Array.isArray(s.segments)) stateError(name, 'groups or segments are malformed');
    if (ids) this.loadIds(s.ids);
    const def = this.def;
    try {
      if (s.shared !== null && s.shared !== undefined && def.loadShared !== undefined) def.loadShared(this.params, s.shared);
      this.overall.load(s.overall);
      const map: number[] = [];
      for (const g of s.groups as unknown[]) {
        const row = g as { values?: unknown; starts?: unknown; acc?: unknown };
        if (row === null || typeof row !== 'object' || !Array.isArray(row.values) || !Array.isArray(row.starts) || this.table === undefined) stateError(name, 'a group is malformed');
        const starts = (row.starts as unknown[]).map((x) => (x === null ? NaN : (x as number)));
        const rg = this.group(row.values as GroupValue[], starts);
        (this.accs[rg] as Accumulator).load(row.acc);
        map.push(rg);
      }
      for (const raw of s.segments as unknown[]) {
        const seg = raw as { from?: unknown; to?: unknown; overall?: unknown; groups?: unknown };
        if (seg === null || typeof seg !== 'object' || typeof seg.from !== 'number' || typeof seg.to !== 'number' || !Array.isArray(seg.groups)) stateError(name, 'a segment is malformed');
        const groups = new Map<number, ExclusionLedger<string>>();
        for (const entry of seg.groups as unknown[]) {
          if (!Array.isArray(entry) || typeof entry[0] !== 'number' || map[entry[0]] === undefined) stateError(name, 'a segment group is malformed');
          groups.set(map[entry[0]] as number, loadLedger(name, entry[1]));
        }
        this.insert({ from: seg.from, to: seg.to, overall: loadLedger(name, seg.overall), groups });
      }
    } catch (e) {
      if (e instanceof MetricsError) throw e;
      stateError(name, `its data is malformed (${e instanceof Error ? e.message : String(e)})`);
    }
    this.count += s.count as number;
    if (typeof s.next === 'number' && s.next > this.next) this.next = s.next;
    return this;
  }

  /** @internal Adds saved id labels; throws duplicate_id for one this run has. */
  loadIds(saved: unknown): void {
    if ((saved === null || saved === undefined) !== (this.ids === undefined)) stateError(this.metric, 'one of the two runs trusts ids (trustIds) and the other does not');
    if (this.ids === undefined) return;
    if (!Array.isArray(saved)) stateError(this.metric, 'ids are malformed');
    this.ids.merge(this.metric, saved);
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
    // averageResolutionTime is resolutionTime's mean.
    if (this.metric === 'averageResolutionTime') out = (out as { meanMs: number | undefined }).meanMs;
    return out as R;
  }
}

function readStart(functionName: string, start: unknown): boolean {
  if (start === undefined) return false;
  if (start === null || typeof start !== 'object') throw new MetricsError({ code: 'invalid_option', functionName, field: 'start', rule: `must be an object, got ${describe(start)}` });
  for (const key of Object.keys(start)) {
    if (key !== 'trustIds') {
      const near = nearestName(key, ['trustIds']);
      throw new MetricsError({ code: 'invalid_option', functionName, field: key, rule: `unknown option${near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`}` });
    }
  }
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
export function startMetric(metric: IncrementalMetricName, options?: object, start?: StartOptions): MetricRun<unknown>;
export function startMetric(metric: IncrementalMetric | IncrementalMetricName, options?: unknown, start?: StartOptions): MetricRun<unknown> {
  const { name, fn } = resolveMetric('startMetric', metric);
  return new Run(name, fn, options, readStart('startMetric', start));
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
export function resumeMetric(metric: IncrementalMetricName, options: object | undefined, state: MetricState, start?: StartOptions): MetricRun<unknown>;
export function resumeMetric(metric: IncrementalMetric | IncrementalMetricName, options: unknown, state: MetricState, start?: StartOptions): MetricRun<unknown> {
  const { name, fn } = resolveMetric('resumeMetric', metric);
  const trust = start === undefined ? state !== null && typeof state === 'object' && (state as { ids?: unknown }).ids === null : readStart('resumeMetric', start);
  return new Run(name, fn, options, trust).load(state);
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

function readPlan(functionName: string, plan: unknown): [string, IncrementalMetricName, AnyMetric, unknown][] {
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) argumentError(functionName, 'plan', `must be an object of { metric, options? } by result name, got ${describe(plan)}`);
  const entries = Object.keys(plan);
  if (entries.length === 0) argumentError(functionName, 'plan', 'names no metric');
  return entries.map((key) => {
    const entry = (plan as Record<string, unknown>)[key];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) argumentError(functionName, `plan.${key}`, `must be { metric, options? }, got ${describe(entry)}`);
    for (const k of Object.keys(entry)) {
      if (k !== 'metric' && k !== 'options') {
        const near = nearestName(k, ['metric', 'options']);
        throw new MetricsError({ code: 'invalid_option', functionName, field: `plan.${key}.${k}`, rule: `unknown key${near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`}` });
      }
    }
    const { name, fn } = resolveMetric(functionName, (entry as { metric?: unknown }).metric);
    return [key, name, fn, (entry as { options?: unknown }).options];
  });
}

class SetRun implements MetricSetRun {
  count = 0;
  private next = 0;
  private readonly runs: [string, Run<unknown>][];
  private readonly ids: SeenIds | undefined;

  constructor(plan: [string, IncrementalMetricName, AnyMetric, unknown][], trustIds: boolean) {
    // Each run trusts ids: the set checks them once for all.
    this.runs = plan.map(([key, name, fn, options]) => [key, new Run<unknown>(name, fn, options, true)]);
    this.ids = trustIds ? undefined : new SeenIds();
  }

  add(records: readonly unknown[], options?: AddOptions): this {
    if (!Array.isArray(records)) argumentError('startMetrics', 'records', `must be an array of records, got ${describe(records)}`);
    const { position, duplicates } = checkAddOptions('startMetrics', options, this.next);
    const dups = crossChunkDuplicates(records, this.ids, duplicates);
    for (const [, run] of this.runs) run.addChunk(records, position, dups);
    this.count += records.length;
    if (position + records.length > this.next) this.next = position + records.length;
    return this;
  }

  merge(other: MetricSetRun | MetricSetState): this {
    const state = (other instanceof SetRun ? other.state() : other) as unknown;
    if (state === null || typeof state !== 'object' || Array.isArray(state)) stateError('startMetrics', `got ${describe(state)}`);
    const s = state as Record<string, unknown>;
    if (s.format !== SET_FORMAT || s.version !== 1) stateError('startMetrics', `format ${describe(s.format)} version ${describe(s.version)}; expected '${SET_FORMAT}' version 1`);
    if (!Array.isArray(s.metrics) || s.metrics.length !== this.runs.length) stateError('startMetrics', 'it is a state of another plan');
    if ((s.ids === null) !== (this.ids === undefined)) stateError('startMetrics', 'one of the two runs trusts ids (trustIds) and the other does not');
    if (this.ids !== undefined) {
      if (!Array.isArray(s.ids)) stateError('startMetrics', 'ids are malformed');
      this.ids.merge('startMetrics', s.ids);
    }
    (s.metrics as unknown[]).forEach((entry, k) => {
      const [key, run] = this.runs[k] as [string, Run<unknown>];
      if (!Array.isArray(entry) || entry[0] !== key) stateError('startMetrics', `it is a state of another plan (no ${JSON.stringify(key)} at place ${k})`);
      run.load(entry[1]);
    });
    if (typeof s.count === 'number') this.count += s.count;
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
  return new SetRun(readPlan('startMetrics', plan), readStart('startMetrics', start));
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
  return new SetRun(readPlan('resumeMetrics', plan), trust).merge(state);
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
    if (options === null || typeof options !== 'object') throw new MetricsError({ code: 'invalid_option', functionName: name, field: 'options', rule: `must be an object, got ${describe(options)}` });
    for (const key of Object.keys(options)) {
      if (key !== 'chunkSize' && key !== 'trustIds') {
        const near = nearestName(key, ['chunkSize', 'trustIds']);
        throw new MetricsError({ code: 'invalid_option', functionName: name, field: key, rule: `unknown option${near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`}` });
      }
    }
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
  const run = startMetrics(plan, trustIds === undefined ? undefined : { trustIds });
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
