/**
 * The ticket part of the driver (src/pipeline/driver.ts): how ticket metrics read their options and input, and
 * what is particular to tickets in the driver's order of checks: the flags (deleted, spam, merged, each
 * switchable: `ineligible:deleted`, `ineligible:spam`, `ineligible:merged`), the read levels (identity, facts,
 * events: a ticket's history is invalid for the metrics that read it, decision 10), the ticket fields, instants
 * and attributions of `by`.
 *
 * @internal
 * @module
 */
import type { Ticket } from '../model/index.js';
import { checkOptionKeys } from '../_lib/options.js';
import { readBoolean, requireArray, type InstantContext } from '../options/shared.js';
import {
  F_DELETED,
  F_MERGED,
  F_SPAM,
  LEVEL_EVENTS,
  LEVEL_FACTS,
  LEVEL_IDENTITY,
  S_BAD_HISTORY,
  TicketColumns,
} from '../read/ticketColumns.js';
import { TicketReader } from '../read/ticketReader.js';
import type { Accumulator } from './collect.js';
import { readBy, type BreakdownSpec, type GroupValue, type RecordSchema } from './breakdown.js';
import { ColumnKeys, drive, touchCapture, type RecordKind, type RecordMetric, type WithGroups } from './driver.js';
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
export interface TicketMetric<P, A extends Accumulator, Res> extends RecordMetric<TicketColumns, P, A, Res> {
  /** The metric's own option keys (the shared read, eligibility and `by` keys are added here). */
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
}

export type { WithGroups };

/** @internal The schema of tickets for breakdowns. */
export const TICKET_SCHEMA: RecordSchema = {
  collection: 'tickets',
  fields: ['channel', 'priority', 'assigneeId', 'groupId', 'requesterId', 'tags', 'createdBy'],
  multiFields: ['tags'],
  customFields: true,
  derived: ['firstResponder', 'assignee'],
  instants: ['created', 'firstReply', 'resolved'],
};

/** A group key source over a ticket batch: its instants and attributions. */
class TicketKeys extends ColumnKeys<TicketColumns> {
  override instant(name: string): ArrayLike<number> {
    return ticketInstant(this.c, name);
  }
  override derived(name: string, j: number): GroupValue | undefined {
    return ticketAttribution(this.c, j, name);
  }
}

/** The read level a breakdown needs. */
function levelForBy(spec: BreakdownSpec | undefined): number {
  if (spec === undefined) return LEVEL_IDENTITY;
  if (spec.derived.length > 0) return LEVEL_EVENTS;
  if (spec.instants.some((i) => i !== 'created')) return LEVEL_FACTS;
  return LEVEL_IDENTITY;
}

/** Tickets as the driver sees them. */
const TICKETS: RecordKind<TicketColumns> = {
  collection: 'tickets',
  batch: 32_768,
  keys: () => new TicketKeys(),
  flagReason: (flags, mask) => ineligibleReason(flags, mask) as string,
  idle() {
    const cols = new TicketColumns();
    const reader = new TicketReader('anchor', [], { invalid: 'throw', zone: undefined, statusMap: undefined, isQualifyingReply: undefined, minMs: 0, spamTags: [], mergedTags: [] }, true);
    reader.read(cols, 0, 0, LEVEL_EVENTS);
    return [cols, reader];
  },
};

/** A reader over a raw array that skips the histories of tickets created after `historyUntil`. */
function readerFor(name: string, records: readonly unknown[], config: ReadConfig, historyUntil: number): TicketReader {
  const reader = new TicketReader(name, records, config, true);
  reader.historyUntil = historyUntil;
  return reader;
}

/**
 * @internal Runs `def` on `input` (an array of tickets or a prepared set) with `options`.
 */
export function runTicketMetric<P, A extends Accumulator, Res extends object>(
  def: TicketMetric<P, A, Res>,
  input: readonly Ticket[] | PreparedTickets,
  options: object | undefined,
): WithGroups<Res> {
  const name = def.name;
  // First, before any option is read: the incremental API tells a metric over records by it.
  const capture = touchCapture(input) ? input : undefined;
  const opts = (options ?? {}) as Record<string, unknown>;
  checkOptionKeys(name, options, [...def.optionKeys, ...TICKET_READ_KEYS, ...(def.qualifying === true ? QUALIFYING_KEYS : []), ...ELIGIBILITY_KEYS, 'by']);
  let config: ReadConfig;
  let prepared: PreparedTicketSet | undefined;
  let records: readonly unknown[];
  if (capture !== undefined) {
    config = readConfig(name, opts as never);
    records = capture.records;
  } else if (input instanceof PreparedTicketSet) {
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
  // A breakdown may read any ticket's facts (a bucket of its first reply): then every history is read.
  const historyUntil = def.historyUntil === undefined || levelForBy(spec) > LEVEL_IDENTITY ? Infinity : def.historyUntil(params);
  const rules = { invalid: config.invalid, need: level >= LEVEL_FACTS ? S_BAD_HISTORY : 0, mask };
  const reader = prepared === undefined ? readerFor(name, records, config, historyUntil) : undefined;
  if (reader !== undefined && capture !== undefined) {
    reader.offset = capture.offset;
    if (capture.duplicates !== undefined) reader.forceDuplicates(capture.duplicates);
    if (capture.prior !== undefined) reader.usePrior(capture.prior);
  }
  return drive(
    TICKETS,
    def,
    params,
    spec,
    rules,
    reader === undefined ? { prepared: (prepared as PreparedTicketSet).columns } : { reader, columns: new TicketColumns(), length: records.length, level },
    capture,
  );
}
