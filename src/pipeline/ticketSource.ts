/**
 * Where a ticket metric's facts come from: a prepared set (read once by {@link prepareTickets}), or a raw
 * array read in batches by the metric itself. The read options and their one validation live here.
 *
 * @internal
 * @module
 */
import type { ZoneInfo } from '../calendar/timeZone.js';
import type { MessageEvent, Ticket, TicketStatus } from '../model/index.js';
import { checkOptionKeys, describe } from '../_lib/options.js';
import { earliestEpochMs } from '../_lib/timestamp.js';
import { optionError, readInvalid, readZone, requireArray, type InstantContext, type InvalidOptions } from '../options/shared.js';
import { canonicalStatus, TicketReader, type QualifyingReplyPredicate, type TicketReadConfig } from '../read/ticketReader.js';
import { LEVEL_EVENTS, TicketColumns } from '../read/ticketColumns.js';
import { PreparedSet, preparedConflict } from './prepared.js';

export type { QualifyingReplyPredicate };

/**
 * Options every ticket metric takes for reading its input. With a {@link PreparedTickets} set they are fixed
 * at preparation: give them to {@link prepareTickets}, not to the metric.
 *
 * @category Options
 */
export interface TicketInputOptions extends InvalidOptions {
  /** Maps custom statuses (`'resolved'`, `'waiting_on_customer'`) onto the canonical ones. */
  readonly statusMap?: Readonly<Record<string, TicketStatus>>;
  /** IANA zone in which to read ISO strings that carry no offset. Without it such strings are errors. */
  readonly timeZone?: string;
  /**
   * Accept epoch numbers and `Date`s before 1975. Without it they are rejected (`epoch_seconds`) as probably
   * Unix seconds read as milliseconds (Intercom, Chatwoot and Help Scout export seconds).
   * @defaultValue `false`
   */
  readonly allowEarlyTimestamps?: boolean;
  /** Tags that mark a ticket as spam (as `spam: true` does); `[]` for none. @defaultValue `['spam']` */
  readonly spamTags?: readonly string[];
  /** Tags that mark a ticket as merged away (as `mergedInto` does); `[]` for none. @defaultValue `['closed_by_merge']` */
  readonly mergedTags?: readonly string[];
}

/**
 * The read option of the metrics that look at replies.
 *
 * @category Options
 */
export interface QualifyingReplyOptions {
  /**
   * Redefines a reply. Called for every message event; default: `author === 'agent' && public !== false`.
   * A callback that throws is a `MetricsError` (`callback_failed`) naming the ticket, with the error as `cause`.
   */
  readonly isQualifyingReply?: QualifyingReplyPredicate;
}

/**
 * Options of {@link prepareTickets}: every read option, fixed for every metric run on the set.
 *
 * @category Prepared input
 */
export interface PrepareTicketsOptions extends TicketInputOptions, QualifyingReplyOptions {}

/** @internal The read option keys (for the unknown-option check and the conflict check). */
export const TICKET_READ_KEYS = ['invalid', 'statusMap', 'timeZone', 'allowEarlyTimestamps', 'spamTags', 'mergedTags'] as const;
/** @internal */
export const QUALIFYING_KEYS = ['isQualifyingReply'] as const;

const DEFAULT_SPAM: readonly string[] = ['spam'];
const DEFAULT_MERGED: readonly string[] = ['closed_by_merge'];

/** @internal The read options, validated. */
export interface ReadConfig extends TicketReadConfig {
  readonly timeZoneName: string | undefined;
  readonly allowEarly: boolean;
}

function tagList(functionName: string, field: string, value: unknown, fallback: readonly string[]): readonly string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) optionError(functionName, field, `must be an array of strings, got ${describe(value)}`);
  value.forEach((v: unknown, i: number) => {
    if (typeof v !== 'string') optionError(functionName, `${field}[${i}]`, `must be a string, got ${describe(v)}`);
  });
  return value.slice() as string[];
}

/** @internal Validates the read options. */
export function readConfig(functionName: string, options: (TicketInputOptions & QualifyingReplyOptions) | undefined, zoneOverride?: ZoneInfo): ReadConfig {
  const invalid = readInvalid(functionName, options?.invalid);
  const statusMap = options?.statusMap;
  if (statusMap !== undefined) {
    if (statusMap === null || typeof statusMap !== 'object' || Array.isArray(statusMap)) optionError(functionName, 'statusMap', `must be an object, got ${describe(statusMap)}`);
    for (const [k, v] of Object.entries(statusMap)) {
      if (canonicalStatus(v) < 0) optionError(functionName, `statusMap.${k}`, `maps to ${describe(v)}, which is not a canonical status`);
    }
  }
  const isQualifyingReply = options?.isQualifyingReply;
  if (isQualifyingReply !== undefined && typeof isQualifyingReply !== 'function') {
    optionError(functionName, 'isQualifyingReply', `must be a function, got ${describe(isQualifyingReply)}`);
  }
  const early = options?.allowEarlyTimestamps;
  if (early !== undefined && typeof early !== 'boolean') optionError(functionName, 'allowEarlyTimestamps', `must be true or false, got ${describe(early)}`);
  const zone = zoneOverride ?? readZone(functionName, options?.timeZone);
  return {
    invalid,
    zone,
    timeZoneName: zone?.name,
    statusMap,
    isQualifyingReply: isQualifyingReply as ((e: MessageEvent, t: Ticket) => boolean) | undefined,
    minMs: earliestEpochMs(early),
    allowEarly: early === true,
    spamTags: tagList(functionName, 'spamTags', options?.spamTags, DEFAULT_SPAM),
    mergedTags: tagList(functionName, 'mergedTags', options?.mergedTags, DEFAULT_MERGED),
  };
}

/**
 * A set of tickets validated once and read into columns of facts, ready for any number of ticket metrics
 * (each accepts it wherever it accepts the array, with the same result). Made by {@link prepareTickets}.
 * It refers to the tickets it was made from: do not change them afterwards.
 *
 * @category Prepared input
 */
export interface PreparedTickets {
  /** Always `'tickets'`. */
  readonly kind: 'tickets';
  /** How many tickets were given (valid or not). */
  readonly count: number;
  /** How many have an invalid identity (listed as `invalid:<code>` by every metric; only under `invalid: 'exclude'`). */
  readonly invalid: number;
  /** Bytes held by the columns of facts (the tickets themselves not counted). */
  readonly bytes: number;
}

/** @internal The implementation of {@link PreparedTickets}. */
export class PreparedTicketSet extends PreparedSet<TicketColumns, ReadConfig> implements PreparedTickets {
  readonly kind = 'tickets' as const;
}

/**
 * Validates tickets once and derives their facts once, into typed-array columns: every ticket metric then
 * accepts the result in place of the array, with identical results, and pays no validation again. Read options
 * (`invalid`, `statusMap`, `timeZone`, `isQualifyingReply`, `allowEarlyTimestamps`, `spamTags`,
 * `mergedTags`) are fixed here; a metric given a different one together with the set throws.
 *
 * Bad tickets: an invalid identity (not an object, a missing or duplicate id, a bad `createdAt`, bad flags or
 * tags) throws here under `invalid: 'throw'`; a bad history (an event or a summary field) is kept with the
 * ticket and thrown (or, under `'exclude'`, listed) by the metrics that read histories only, as when they are
 * given the array (`ticketVolume` does not read histories).
 *
 * Cost: one pass over the tickets and their events; about 80 bytes per ticket and 13 per event.
 *
 * @category Prepared input
 * @param tickets - tickets in either form
 * @param options - the read options
 * @returns the prepared set
 * @example
 * ```ts
 * import { prepareTickets, firstResponseTime, firstContactResolution } from 'helpdesk-metrics';
 * const prepared = prepareTickets([
 *   { id: 'T-1', createdAt: '2026-03-02T09:00:00Z', channel: 'email', events: [
 *     { type: 'message', at: '2026-03-02T09:00:00Z', author: 'customer' },
 *     { type: 'message', at: '2026-03-02T09:30:00Z', author: 'agent' },
 *     { type: 'status', at: '2026-03-02T10:00:00Z', status: 'solved' },
 *   ] },
 * ]);
 * firstResponseTime(prepared, { by: 'channel' }).groups?.[0]?.meanMs; //=> 1800000
 * firstContactResolution(prepared).percent;                            //=> 100
 * ```
 */
export function prepareTickets(tickets: readonly Ticket[], options?: PrepareTicketsOptions): PreparedTickets {
  const name = 'prepareTickets';
  requireArray(name, tickets, 'tickets');
  checkOptionKeys(name, options, [...TICKET_READ_KEYS, ...QUALIFYING_KEYS]);
  const config = readConfig(name, options);
  const columns = new TicketColumns();
  const reader = new TicketReader(name, tickets, config, true);
  // Room for every event at once (an upper bound: a count of the events arrays' lengths).
  let events = 0;
  for (let i = 0; i < tickets.length; i++) {
    const t = tickets[i] as { events?: unknown } | undefined;
    if (t !== null && typeof t === 'object' && Array.isArray(t.events)) events += t.events.length;
  }
  columns.reserveEvents(events);
  reader.read(columns, 0, tickets.length, LEVEL_EVENTS);
  columns.trim();
  return new PreparedTicketSet(columns, config, tickets);
}

/** @internal The instants context of a config (for option instants). */
export function instantsOf(config: ReadConfig): InstantContext {
  return { zone: config.zone, minMs: config.minMs, invalid: config.invalid };
}

function sameStatusMap(a: ReadConfig['statusMap'], b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === null || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => (b as Record<string, unknown>)[k] === a[k]);
}

function sameList(a: readonly string[], b: unknown): boolean {
  return Array.isArray(b) && b.length === a.length && b.every((x, i) => x === a[i]);
}

/**
 * @internal Throws when `options` gives a read option that differs from the one the set was prepared with.
 * `timeZoneIsDefinition`: the metric's `timeZone` is also its bucket zone (ticketVolume, backlogSeries), so a
 * different one is allowed there (it names the buckets; timestamps were read at preparation).
 */
export function checkPreparedConflicts(functionName: string, set: PreparedTicketSet, options: Record<string, unknown> | undefined, timeZoneIsDefinition = false): void {
  if (options === undefined) return;
  const c = set.config;
  const conflict = (field: string, given: unknown, fixed: string): never => preparedConflict(functionName, 'tickets', field, given, fixed);
  if (options.invalid !== undefined && options.invalid !== c.invalid) conflict('invalid', options.invalid, `'${c.invalid}'`);
  if (options.statusMap !== undefined && !sameStatusMap(c.statusMap, options.statusMap)) conflict('statusMap', options.statusMap, 'statusMap');
  if (!timeZoneIsDefinition && options.timeZone !== undefined && options.timeZone !== c.timeZoneName) conflict('timeZone', options.timeZone, c.timeZoneName === undefined ? 'no timeZone' : `timeZone ${JSON.stringify(c.timeZoneName)}`);
  if (options.isQualifyingReply !== undefined && options.isQualifyingReply !== c.isQualifyingReply) conflict('isQualifyingReply', options.isQualifyingReply, 'isQualifyingReply');
  if (options.allowEarlyTimestamps !== undefined && options.allowEarlyTimestamps !== c.allowEarly) conflict('allowEarlyTimestamps', options.allowEarlyTimestamps, `allowEarlyTimestamps ${String(c.allowEarly)}`);
  if (options.spamTags !== undefined && !sameList(c.spamTags, options.spamTags)) conflict('spamTags', options.spamTags, 'spamTags');
  if (options.mergedTags !== undefined && !sameList(c.mergedTags, options.mergedTags)) conflict('mergedTags', options.mergedTags, 'mergedTags');
}
