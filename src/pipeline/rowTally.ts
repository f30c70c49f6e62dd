/**
 * Interval rows through the call-rate metrics: every row validated once (src/read/intervalRows.ts), then summed
 * exactly, overall and per group, before one division. A row is not a call: its counts split between the
 * numerator, the denominator and several exclusion reasons at once, so rows are summed here rather than stepped
 * one outcome per record by the driver; the breakdown (`by`) is the driver's (readBy, GroupTable, `groups` in
 * the documented order). For rows, `excluded.byReason` counts calls and `excluded.ids` lists the rows.
 *
 * @internal
 * @module
 */
import { Invalid, recordError } from '../_lib/records.js';
import { outsidePeriod } from '../options/calls.js';
import type { ParsedRange } from '../options/shared.js';
import { S_BAD } from '../read/recordBatch.js';
import { NEED_INTERVAL, READ_INTERVAL, readIntervalRows, type RowColumns } from '../read/intervalRows.js';
import { createLedger, exclude, excludeMany, type ExclusionLedger } from '../results/excluded.js';
import type { Group } from '../results/groups.js';
import { GroupTable, readBy, type RecordSchema } from './breakdown.js';
import type { CallConfig } from './callSource.js';
import { ColumnKeys, type WithGroups } from './driver.js';

/** @internal Exact sums of interval rows (each a safe integer), and the ledger of what they left out. */
export class RowTally {
  offered = 0;
  answered = 0;
  abandoned = 0;
  answeredWithin = 0;
  abandonedWithin = 0;
  shortAbandons = 0;
  readonly ledger: ExclusionLedger<string> = createLedger<string>();
}

/** @internal The counts of each in-period row a metric leaves out, and the reason they are listed under. */
export interface RowExclusions {
  readonly abandoned?: string;
  readonly abandonedWithin?: string;
  readonly shortAbandons?: string;
}

/** @internal What a call-rate metric makes of interval rows. Its params carry the parsed `period`. */
export interface RowMetric<P, Res> {
  /** The optional counts every row must carry (NEED_* bits of src/read/intervalRows.ts). */
  needs(p: P): number;
  /** The row counts the metric lists as excluded. */
  excluded(p: P): RowExclusions;
  /** The result of a tally. */
  finish(t: RowTally, p: P): Res;
}

/** @internal The schema of interval rows for breakdowns. */
export const ROW_SCHEMA: RecordSchema = {
  collection: 'interval rows',
  fields: ['channel'],
  multiFields: [],
  customFields: false,
  derived: [],
  instants: ['interval'],
};

/** A group key source over the rows: their `intervalStart`. */
class RowKeys extends ColumnKeys<RowColumns> {
  override instant(): ArrayLike<number> {
    return this.c.intervalStart;
  }
}

/** Adds row j to `t`, with the exclusions the metric lists. */
function addRow(t: RowTally, c: RowColumns, j: number, label: string, ex: RowExclusions): void {
  const offered = c.offered[j] as number;
  const answered = c.answered[j] as number;
  const abandoned = c.abandoned[j] as number;
  t.offered += offered;
  t.answered += answered;
  t.abandoned += abandoned;
  t.answeredWithin += c.answeredWithin[j] as number;
  t.abandonedWithin += c.abandonedWithin[j] as number;
  t.shortAbandons += c.shortAbandons[j] as number;
  excludeMany(t.ledger, 'in_queue', label, offered - answered - abandoned);
  if (ex.abandoned !== undefined) excludeMany(t.ledger, ex.abandoned, label, abandoned);
  if (ex.abandonedWithin !== undefined) excludeMany(t.ledger, ex.abandonedWithin, label, c.abandonedWithin[j] as number);
  if (ex.shortAbandons !== undefined) excludeMany(t.ledger, ex.shortAbandons, label, c.shortAbandons[j] as number);
}

/**
 * @internal Sums interval rows for `def` with `params` (options already validated): calls neither answered nor
 * abandoned go to the ledger as `in_queue`; rows outside the period as `out_of_period` (all their calls). A bad
 * row throws, or under `invalid: 'exclude'` is listed once as `invalid:<code>`.
 */
export function runRowMetric<P extends { readonly period: ParsedRange | undefined }, Res extends object>(
  name: string,
  def: RowMetric<P, Res>,
  params: P,
  rows: readonly unknown[],
  config: CallConfig,
  options: Record<string, unknown>,
): WithGroups<Res> {
  const spec = readBy(name, options.by, ROW_SCHEMA);
  const period = params.period;
  const level = def.needs(params) | (period !== undefined ? NEED_INTERVAL : 0) | (spec !== undefined && spec.instants.length > 0 ? READ_INTERVAL : 0);
  const c = readIntervalRows(name, rows, config, level);
  const ex = def.excluded(params);
  const overall = new RowTally();
  const table = spec === undefined ? undefined : new GroupTable(name, spec);
  const failures = new Map<number, Invalid>();
  const tallies: RowTally[] = [];
  if (table !== undefined) {
    const keys = new RowKeys();
    keys.set(c);
    table.assign(keys, failures);
    while (tallies.length < table.size) tallies.push(new RowTally());
  }
  const targets: RowTally[] = [];
  for (let j = 0; j < c.n; j++) {
    targets.length = 0;
    targets.push(overall);
    if (table !== undefined) {
      if (!table.multi) targets.push(tallies[table.first[j] as number] as RowTally);
      else for (let k = table.start[j] as number, e = table.start[j + 1] as number; k < e; k++) targets.push(tallies[table.list[k] as number] as RowTally);
    }
    const label = c.idOf(j);
    let rule: Invalid | undefined;
    if (c.state[j] === S_BAD) rule = c.errorOf(j);
    else if (failures.has(j)) rule = failures.get(j);
    else if (outsidePeriod(period, c.intervalStart, j)) {
      for (const t of targets) excludeMany(t.ledger, 'out_of_period', label, c.offered[j] as number);
      continue;
    } else if (overall.offered + (c.offered[j] as number) > Number.MAX_SAFE_INTEGER) {
      rule = new Invalid('out_of_range', 'offered', 'the total of offered calls exceeds 2^53 − 1');
    }
    if (rule !== undefined) {
      if (config.invalid === 'throw') throw recordError(name, 'rows', rule, j, rows[j]);
      for (const t of targets) exclude(t.ledger, `invalid:${rule.code}`, label);
      continue;
    }
    for (const t of targets) addRow(t, c, j, label, ex);
  }
  const result = def.finish(overall, params) as WithGroups<Res>;
  if (table === undefined) return result;
  const groups = table.order().map((g) => ({ key: table.key(g), ...def.finish(tallies[g] as RowTally, params) }) as Group<Res>);
  return { ...result, groups };
}
