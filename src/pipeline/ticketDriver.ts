/**
 * The driver every ticket metric runs on: records → facts (the reader, or a prepared set) → the metric's step
 * for each ticket → accumulators (overall and one per group) → the metric's finish.
 *
 * Per ticket, in this order (the same for every metric, so exclusions mean the same everywhere):
 * 1. an invalid identity → `invalid:<code>` (thrown while reading under `invalid: 'throw'`);
 * 2. a `by` key that could not be computed → `invalid:callback_failed` / `invalid:invalid_value` (or thrown);
 * 3. deleted, spam, merged → `ineligible:deleted`, `ineligible:spam`, `ineligible:merged` (each switchable);
 * 4. the metric's identity-level screen (`created_after` in backlog, `out_of_period` in ticketVolume, …);
 * 5. an invalid history, for metrics that read histories → `invalid:<code>` (or thrown);
 * 6. the step: a value for the accumulator, or the metric's own reason.
 * Each ticket's outcome goes to the overall accumulator and to the accumulator of each of its groups.
 *
 * V8 (decision 14). The optimised code of the loop below and of the steps it calls is built on the hidden
 * classes of the objects they touch (the columns, the reader, the accumulators) and V8 holds those classes
 * weakly: once no object of a class survives a call, a garbage collection drops the class and with it the
 * optimised code, and every call after a collection starts unoptimised again (30–40 % of a call metric's time,
 * measured 2026-11-22). So one idle object of each such class is kept for the life of this module, made with
 * no caller data and never given any (see `keep`): `ANCHORS` below, and `retire` for the accumulators (the
 * first of each class, emptied after its result is built). test/pipeline/v8.test.ts fails when this stops
 * working. This is the only place in the library with code written for V8's sake.
 *
 * @internal
 * @module
 */
import type { Ticket } from '../model/index.js';
import { checkOptionKeys } from '../_lib/options.js';
import { Invalid, recordLabel } from '../_lib/records.js';
import { readBoolean, requireArray, type InstantContext } from '../options/shared.js';
import { exclude } from '../results/excluded.js';
import {
  F_DELETED,
  F_MERGED,
  F_SPAM,
  LEVEL_EVENTS,
  LEVEL_FACTS,
  LEVEL_IDENTITY,
  S_BAD,
  S_BAD_HISTORY,
  TicketColumns,
} from '../read/ticketColumns.js';
import { invalidError, TicketReader } from '../read/ticketReader.js';
import type { Accumulator } from './collect.js';
import { GroupTable, readBy, type BreakdownSpec, type Group, type GroupValue, type KeySource, type RecordSchema } from './breakdown.js';
import { checkPreparedConflicts, instantsOf, PreparedTicketSet, QUALIFYING_KEYS, readConfig, TICKET_READ_KEYS, type PreparedTickets, type ReadConfig } from './ticketSource.js';
import { ticketAttribution, ticketInstant } from './ticketKeys.js';

/**
 * Which tickets every ticket metric leaves out before its own definition applies, each with its own reason.
 *
 * @category Options
 */
export interface EligibilityOptions {
  /** Leave out tickets marked spam (`spam: true` or a `spamTags` tag): `ineligible:spam`. @defaultValue `true` */
  readonly excludeSpam?: boolean;
  /** Leave out deleted tickets (`deleted: true`): `ineligible:deleted`. @defaultValue `true` */
  readonly excludeDeleted?: boolean;
  /** Leave out tickets merged into another (`mergedInto`, or a `mergedTags` tag): `ineligible:merged`. @defaultValue `true` */
  readonly excludeMerged?: boolean;
}

/** @internal */
export const ELIGIBILITY_KEYS = ['excludeSpam', 'excludeDeleted', 'excludeMerged'] as const;

/**
 * The reasons of {@link EligibilityOptions}, shared by every ticket metric.
 *
 * @category Options
 */
export type IneligibleReason = 'ineligible:spam' | 'ineligible:deleted' | 'ineligible:merged';

/** @internal The reason for a ticket whose flags include one of `mask` (deleted, then spam, then merged). */
export function ineligibleReason(flags: number, mask: number): IneligibleReason | undefined {
  const f = flags & mask;
  if (f === 0) return undefined;
  return (f & F_DELETED) !== 0 ? 'ineligible:deleted' : (f & F_SPAM) !== 0 ? 'ineligible:spam' : 'ineligible:merged';
}

/** @internal A ticket metric as the driver runs it. */
export interface TicketMetric<P, A extends Accumulator, Res> {
  readonly name: string;
  /** The metric's own option keys (the shared read, eligibility and `by` keys are added by the driver). */
  readonly optionKeys: readonly string[];
  /** Whether the metric takes `isQualifyingReply`. */
  readonly qualifying?: boolean;
  /**
   * The step checks the ticket flags itself, where its definition puts them (FCR: after its period and
   * unresolved checks, as it always has), with {@link ineligibleReason} and `ctx.ineligible`.
   */
  readonly ownEligibility?: boolean;
  /** Whether `timeZone` is also the metric's bucket zone (ticketVolume, backlogSeries). */
  readonly timeZoneIsDefinition?: boolean;
  /** Validates the metric's own options (instants are read with `ctx`). */
  params(options: Record<string, unknown>, ctx: InstantContext): P;
  /** What the step reads: LEVEL_IDENTITY, LEVEL_FACTS or LEVEL_EVENTS. */
  level(p: P): number;
  /**
   * The latest creation whose history the metric can need (the ones after it are screened out on their
   * identity): their histories are not read at all when the metric is given an array (decision 10).
   */
  historyUntil?(p: P): number;
  /** Identity-level reasons, checked before the history's validity (decision 10). */
  screen?(c: TicketColumns, j: number, p: P): string | undefined;
  /** The definition: a value for the accumulator, or the reason the ticket is left out. */
  step(c: TicketColumns, j: number, p: P): number | string;
  /** A new accumulator. */
  start(p: P): A;
  /** The result of an accumulator; `overall` is the accumulator of every ticket (for cross-ticket rules). */
  finish(acc: A, p: P, overall: A): Res;
  /** Called once per batch before its steps (metrics that gather per-batch data). */
  batch?(c: TicketColumns, p: P, overall: A): void;
}

/** @internal The schema of tickets for breakdowns. */
export const TICKET_SCHEMA: RecordSchema = {
  collection: 'tickets',
  fields: ['channel', 'priority', 'assigneeId', 'groupId', 'requesterId', 'tags', 'createdBy'],
  multiFields: ['tags'],
  customFields: true,
  derived: ['firstResponder', 'assignee'],
  instants: ['created', 'firstReply', 'resolved'],
};

/** Tickets in a raw batch (bounded memory for a metric given an array). */
const BATCH = 32_768;

// ---- V8: kept objects (see the module comment) --------------------------------------------------------
const ANCHORS: unknown[] = [];
const RETIRED = new Set<Function>();
function keep(x: unknown): void {
  ANCHORS.push(x);
}
/** Keeps the first accumulator of each class, emptied (it then holds no caller data). */
function retire(acc: Accumulator): void {
  const ctor = acc.constructor;
  if (RETIRED.has(ctor)) return;
  RETIRED.add(ctor);
  acc.release();
  keep(acc);
}
let anchored = false;
function anchor(): void {
  if (anchored) return;
  anchored = true;
  const cols = new TicketColumns();
  const reader = new TicketReader('anchor', [], { invalid: 'throw', zone: undefined, statusMap: undefined, isQualifyingReply: undefined, minMs: 0, spamTags: [], mergedTags: [] }, true);
  reader.read(cols, 0, 0, LEVEL_EVENTS);
  keep(cols);
  keep(reader);
}
// ---------------------------------------------------------------------------------------------------------

/** A group key source over a ticket batch. */
class TicketKeys implements KeySource {
  records: readonly unknown[] = [];
  base = 0;
  n = 0;
  c: TicketColumns = undefined as unknown as TicketColumns;
  set(c: TicketColumns): void {
    this.c = c;
    this.records = c.records;
    this.base = c.base;
    this.n = c.n;
  }
  instant(name: string): ArrayLike<number> {
    return ticketInstant(this.c, name);
  }
  derived(name: string, j: number): GroupValue | undefined {
    return ticketAttribution(this.c, j, name);
  }
  readable(j: number): boolean {
    return this.c.state[j] !== S_BAD;
  }
}

/** The read level a breakdown needs. */
function levelForBy(spec: BreakdownSpec | undefined): number {
  if (spec === undefined) return LEVEL_IDENTITY;
  if (spec.derived.length > 0) return LEVEL_EVENTS;
  if (spec.instants.some((i) => i !== 'created')) return LEVEL_FACTS;
  return LEVEL_IDENTITY;
}

/**
 * One metric call's loop over batches. A class with the loop as a method, not a closure made per call: V8 keeps
 * the optimised code of a method with the class and shares it between calls, where a fresh closure's loop
 * would be optimised again (on-stack replacement) in every call.
 */
class Run<P, A extends Accumulator> {
  readonly accs: A[] = [];
  private readonly keys = new TicketKeys();
  private readonly failures = new Map<number, Invalid>();
  constructor(
    private readonly name: string,
    private readonly def: TicketMetric<P, A, unknown>,
    private readonly params: P,
    private readonly overall: A,
    private readonly table: GroupTable | undefined,
    private readonly invalid: 'throw' | 'exclude',
    private readonly level: number,
    private readonly mask: number,
  ) {}

  batch(c: TicketColumns): void {
    const { def, params, overall, table, failures, accs } = this;
    def.batch?.(c, params, overall);
    if (table !== undefined) {
      failures.clear();
      this.keys.set(c);
      table.assign(this.keys, failures);
      while (accs.length < table.size) accs.push(def.start(params));
    }
    if (table === undefined && def.screen === undefined) this.plain(c);
    else this.full(c);
  }

  /** The usual case: no breakdown, no identity-level screen. */
  private plain(c: TicketColumns): void {
    const { def, params, overall, mask, level } = this;
    const { state, flags, n } = c;
    const step = def.step;
    const history = level >= LEVEL_FACTS;
    for (let j = 0; j < n; j++) {
      const st = state[j] as number;
      const f = flags[j] as number;
      let reason: string;
      if (st === S_BAD) reason = this.invalidReason(c, j, st);
      else if ((f & mask) !== 0) reason = ineligibleReason(f, mask) as string;
      else if (st === S_BAD_HISTORY && history) reason = this.invalidReason(c, j, st);
      else {
        const v = step(c, j, params);
        if (typeof v !== 'string') {
          overall.add(v);
          continue;
        }
        reason = v;
      }
      exclude(overall.ledger, reason, st === S_BAD ? this.badLabel(c, j) : c.idOf(j));
    }
  }

  /** With a breakdown or a screen: the checks in the order of the module comment, outcomes to groups too. */
  private full(c: TicketColumns): void {
    const { def, params, overall, table, failures, accs, mask, level } = this;
    const { state, flags, n } = c;
    const multi = table !== undefined && table.multi;
    for (let j = 0; j < n; j++) {
      let reason: string | undefined;
      let value = 0;
      const st = state[j] as number;
      if (st === S_BAD) {
        reason = this.invalidReason(c, j, st);
      } else if (table !== undefined && failures.size > 0 && failures.has(j)) {
        const rule = failures.get(j) as Invalid;
        if (this.invalid === 'throw') throw invalidError(this.name, rule, c.base + j, c.records[c.base + j]);
        reason = `invalid:${rule.code}`;
      } else if (((flags[j] as number) & mask) !== 0) {
        reason = ineligibleReason(flags[j] as number, mask);
      } else if (def.screen !== undefined && (reason = def.screen(c, j, params)) !== undefined) {
        // reason set by the screen
      } else if (st === S_BAD_HISTORY && level >= LEVEL_FACTS) {
        reason = this.invalidReason(c, j, st);
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
        const label = st === S_BAD ? this.badLabel(c, j) : c.idOf(j);
        exclude(overall.ledger, reason, label);
        if (table !== undefined) {
          if (!multi) exclude((accs[table.first[j] as number] as A).ledger, reason, label);
          else for (let k = table.start[j] as number, e = table.start[j + 1] as number; k < e; k++) exclude((accs[table.list[k] as number] as A).ledger, reason, label);
        }
      }
    }
  }

  /** `invalid:<code>` for a bad record (throws it in 'throw' mode: only deferred history errors get here then). */
  private invalidReason(c: TicketColumns, j: number, st: number): string {
    const rule = c.errors.get(j) as Invalid;
    if (st === S_BAD_HISTORY && this.invalid === 'throw') throw invalidError(this.name, rule, c.base + j, c.records[c.base + j]);
    return `invalid:${rule.code}`;
  }

  private badLabel(c: TicketColumns, j: number): string {
    return recordLabel(c.records[c.base + j]) ?? `#${c.base + j}`;
  }
}

/** @internal A result with its groups (present only with `by`). */
export type WithGroups<Res> = Res & { readonly groups?: readonly Group<Res>[] };

/**
 * @internal Runs `def` on `input` (an array of tickets or a prepared set) with `options`.
 */
export function runTicketMetric<P, A extends Accumulator, Res extends object>(
  def: TicketMetric<P, A, Res>,
  input: readonly Ticket[] | PreparedTickets,
  options: object | undefined,
): WithGroups<Res> {
  anchor();
  const name = def.name;
  const opts = (options ?? {}) as Record<string, unknown>;
  checkOptionKeys(name, options, [...def.optionKeys, ...TICKET_READ_KEYS, ...(def.qualifying === true ? QUALIFYING_KEYS : []), ...ELIGIBILITY_KEYS, 'by']);
  let config: ReadConfig;
  let prepared: PreparedTicketSet | undefined;
  let records: readonly unknown[];
  if (input instanceof PreparedTicketSet) {
    prepared = input;
    checkPreparedConflicts(name, input, opts, def.timeZoneIsDefinition === true);
    config = input.config;
    records = input.records;
  } else {
    requireArray(name, input, 'tickets');
    config = readConfig(name, opts as never);
    records = input;
  }
  const ineligible =
    (readBoolean(name, 'excludeSpam', opts.excludeSpam, true) ? F_SPAM : 0) |
    (readBoolean(name, 'excludeDeleted', opts.excludeDeleted, true) ? F_DELETED : 0) |
    (readBoolean(name, 'excludeMerged', opts.excludeMerged, true) ? F_MERGED : 0);
  const mask = def.ownEligibility === true ? 0 : ineligible;
  const params = def.params(opts, { ...instantsOf(config), ineligible });
  const spec = readBy(name, opts.by, TICKET_SCHEMA);
  const level = Math.max(def.level(params), levelForBy(spec));
  const overall = def.start(params);
  const table = spec === undefined ? undefined : new GroupTable(name, spec);
  const run = new Run<P, A>(name, def, params, overall, table, config.invalid, level, mask);
  // A breakdown may read any ticket's facts (a bucket of its first reply): then every history is read.
  const historyUntil = def.historyUntil === undefined || levelForBy(spec) > LEVEL_IDENTITY ? Infinity : def.historyUntil(params);
  if (prepared !== undefined) {
    run.batch(prepared.columns);
  } else {
    const reader = new TicketReader(name, records, config, true);
    const cols = new TicketColumns();
    for (let from = 0; from < records.length; from += BATCH) {
      const to = Math.min(records.length, from + BATCH);
      reader.read(cols, from, to, level, historyUntil);
      run.batch(cols);
    }
    if (records.length === 0) {
      reader.read(cols, 0, 0, level);
    }
  }

  const result = def.finish(overall, params, overall) as WithGroups<Res>;
  if (table === undefined) {
    retire(overall);
    return result;
  }
  const groups = table.order().map((g) => ({ key: table.key(g), ...def.finish(run.accs[g] as A, params, overall) }) as Group<Res>);
  retire(overall);
  return { ...result, groups };
}
