/**
 * The call part of the driver (src/pipeline/driver.ts): how call metrics read their options and input, and what
 * is particular to calls in the driver's order of checks: the read levels (the core always; the system entry
 * with `clockStartsAt: 'system'`, the handling fields for handle time and a time bucket of `'ended'`: an
 * invalid part is invalid only for the metrics that read it), and the call fields and instants of `by`. Calls
 * have no flags. Interval rows, the other input of the call-rate metrics, are summed in rowTally.ts.
 *
 * @internal
 * @module
 */
import type { Call } from '../model/index.js';
import { checkOptionKeys } from '../_lib/options.js';
import { optionError, requireArray, type InstantContext, type ParsedRange } from '../options/shared.js';
import { ANSWERED, CallColumns, READ_ALL, READ_ENTRY, READ_HANDLING, S_BAD_ENTRY, S_BAD_HANDLING } from '../read/callColumns.js';
import { CallReader } from '../read/callReader.js';
import { detectForm } from '../read/intervalRows.js';
import type { Accumulator } from './collect.js';
import { readBy, type BreakdownSpec, type RecordSchema } from './breakdown.js';
import { type Capture, ColumnKeys, drive, touchCapture, type RecordKind, type RecordMetric, type WithGroups } from './driver.js';
import { CALL_READ_KEYS, callInstants, checkPreparedCallConflicts, PreparedCallSet, readCallConfig, type CallConfig, type PreparedCalls } from './callSource.js';
import { ROW_SCHEMA, runRowMetric, type RowMetric } from './rowTally.js';

/** @internal How a call metric reads instants in its options, and which form its input has. */
export interface CallContext extends InstantContext {
  /** The input is interval rows (options that only calls need are not required). */
  readonly rows: boolean;
}

/** @internal A call metric as the driver runs it. */
export interface CallMetric<P, A extends Accumulator, Res> extends RecordMetric<CallColumns, P, A, Res> {
  /** The metric's own option keys (the read keys and `by` are added here). */
  readonly optionKeys: readonly string[];
  /** Validates the metric's own options. */
  params(options: Record<string, unknown>, ctx: CallContext): P;
  /** The parts the step reads: bits of READ_ENTRY and READ_HANDLING. */
  level(p: P): number;
}

/** @internal The schema of calls for breakdowns. */
export const CALL_SCHEMA: RecordSchema = {
  collection: 'calls',
  fields: ['channel', 'agentId'],
  aliases: new Map([['agent', 'agentId']]),
  multiFields: [],
  customFields: false,
  derived: [],
  instants: ['queued', 'answered', 'ended'],
};

/** A group key source over a call batch: its instants. */
class CallKeys extends ColumnKeys<CallColumns> {
  private answered = new Float64Array(0);
  override instant(name: string): ArrayLike<number> {
    const c = this.c;
    if (name === 'ended') return c.ended;
    if (name === 'queued') return c.queued;
    if (this.answered.length < c.n) this.answered = new Float64Array(c.n);
    const a = this.answered;
    for (let j = 0; j < c.n; j++) a[j] = c.outcome[j] === ANSWERED ? (c.dequeued[j] as number) : NaN;
    return a;
  }
}

/** The parts a breakdown reads. */
function levelForBy(spec: BreakdownSpec | undefined): number {
  return spec !== undefined && spec.instants.includes('ended') ? READ_HANDLING : 0;
}

/** Whether `by` reads interval rows only (a time bucket of `'interval'`): an input without records is then rows. */
function rowsOnly(name: string, by: unknown): boolean {
  try {
    readBy(name, by, CALL_SCHEMA);
    return false;
  } catch (e) {
    try {
      readBy(name, by, ROW_SCHEMA);
    } catch {
      throw e;
    }
    return true;
  }
}

/** Calls as the driver sees them. */
const CALLS: RecordKind<CallColumns> = {
  collection: 'calls',
  // 4,096 calls' columns (about 120 kB) stay in the CPU's cache from the reader's pass to the steps' pass.
  batch: 4_096,
  keys: () => new CallKeys(),
  flagReason: () => 'ineligible',
  idle() {
    const cols = new CallColumns();
    const reader = new CallReader('anchor', [], { invalid: 'throw', zone: undefined, minMs: 0 });
    reader.read(cols, 0, 0, READ_ALL);
    return [cols, reader];
  },
};

/** A reader over raw calls, placed at a chunk's position in the incremental API. */
function callReader(name: string, records: readonly unknown[], config: CallConfig, capture: Capture | undefined): CallReader {
  const reader = new CallReader(name, records as readonly Call[], config);
  if (capture !== undefined) {
    reader.offset = capture.offset;
    if (capture.duplicates !== undefined) reader.forceDuplicates(capture.duplicates);
    if (capture.prior !== undefined) reader.usePrior(capture.prior);
  }
  return reader;
}

/**
 * @internal Runs `def` on `input` (calls, a prepared set, or, when `rows` is given, interval rows) with
 * `options`.
 */
export function runCallMetric<P extends { readonly period: ParsedRange | undefined }, A extends Accumulator, Res extends object>(
  def: CallMetric<P, A, Res>,
  input: readonly unknown[] | PreparedCalls,
  options: object | undefined,
  rows?: RowMetric<P, Res>,
): WithGroups<Res> {
  const name = def.name;
  // First, before any option is read: the incremental API tells a metric over records by it.
  const capture = touchCapture(input) ? input : undefined;
  const opts = (options ?? {}) as Record<string, unknown>;
  checkOptionKeys(name, options, [...def.optionKeys, ...CALL_READ_KEYS, 'by']);
  let config: CallConfig;
  let prepared: PreparedCallSet | undefined;
  let records: readonly unknown[];
  if (capture !== undefined) {
    records = capture.records;
    config = readCallConfig(name, opts);
    if (detectForm(records) === 'rows') optionError(name, 'calls', 'interval rows are not incremental: give calls', 'invalid_argument');
  } else if (input instanceof PreparedCallSet) {
    prepared = input;
    checkPreparedCallConflicts(name, input, opts);
    config = input.config;
    records = input.records;
  } else {
    requireArray(name, input, 'calls');
    records = input;
    config = readCallConfig(name, opts);
    const form = detectForm(records);
    if (form === 'rows' || (form === 'empty' && rows !== undefined && rowsOnly(name, opts.by))) {
      if (rows === undefined) optionError(name, 'calls', 'takes calls, not interval rows', 'invalid_argument');
      const params = def.params(opts, { ...callInstants(config), rows: true });
      return runRowMetric(name, rows, params, records, config, opts);
    }
  }
  const params = def.params(opts, { ...callInstants(config), rows: false });
  const spec = readBy(name, opts.by, CALL_SCHEMA);
  const level = def.level(params) | levelForBy(spec);
  const rules = {
    invalid: config.invalid,
    need: ((level & READ_ENTRY) !== 0 ? S_BAD_ENTRY : 0) | ((level & READ_HANDLING) !== 0 ? S_BAD_HANDLING : 0),
    mask: 0,
  };
  return drive(
    CALLS,
    def,
    params,
    spec,
    rules,
    prepared !== undefined
      ? { prepared: prepared.columns }
      : { reader: callReader(name, records, config, capture), columns: new CallColumns(), length: records.length, level },
    capture,
  );
}
