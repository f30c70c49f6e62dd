/**
 * The shared ticket reader. One pass per ticket validates the record (id, createdAt, events or summary
 * fields, statuses, authors), parses every timestamp once into reusable scratch arrays, and derives the facts
 * most metrics need. Nothing is allocated per ticket in the common case, and inputs are never mutated.
 *
 * @internal
 * @module
 */
import { createZoneInfo, type ZoneInfo } from '../calendar/timeZone.js';
import type { Ticket, TicketStatus, Timestamp } from '../model/index.js';
import { MetricsError, type MetricsErrorCode } from '../results/errors.js';
import { createLedger, type ExclusionLedger, type InvalidReason } from '../results/excluded.js';
import { checkRecordId, IdSet } from './ids.js';
import { Invalid, RecordFacts, recordTime, rejectRecord } from './records.js';
import { explainTimestamp, isEpochMs, isoOf, toEpochMs } from './timestamp.js';

/**
 * What to do with a record that breaks a rule: `'throw'` a {@link MetricsError}, or `'exclude'` it with
 * the reason `'invalid:<code>'`.
 *
 * @category Options
 */
export type InvalidMode = 'throw' | 'exclude';

/**
 * A half-open reporting window `[from, to)`.
 *
 * @category Options
 */
export interface Period {
  readonly from: Timestamp;
  readonly to: Timestamp;
}

/**
 * Options every ticket metric takes for reading its input.
 *
 * @category Options
 */
export interface TicketInputOptions {
  /** @defaultValue `'throw'` */
  readonly invalid?: InvalidMode;
  /** Maps custom statuses (`'resolved'`, `'waiting_on_customer'`) onto the canonical ones. */
  readonly statusMap?: Readonly<Record<string, TicketStatus>>;
  /** IANA zone in which to read ISO strings that carry no offset. Without it such strings are errors. */
  readonly timeZone?: string;
}

// Event kinds in the scratch arrays. At one instant events are ordered by kind: customer messages, agent
// messages, bot, system, then statuses in lifecycle order. That makes every result independent of input order.
/** @internal */ export const K_CUSTOMER = 0;
/** @internal */ export const K_AGENT = 1;
/** @internal */ export const K_BOT = 2;
/** @internal */ export const K_SYSTEM = 3;
/** @internal An assignment change: neither a message nor a status (no metric loop over those sees it). */
export const K_ASSIGN = 5;
/** @internal */ export const K_STATUS = 10;
/** @internal Status kinds are K_STATUS + index in this list. */
export const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
/** @internal Flag bits of the `qual` scratch array. */
export const Q_REPLY = 1;
/** @internal */ export const Q_PUBLIC = 2;
/** @internal */ export const K_SOLVED = K_STATUS + 4;
/** @internal */ export const K_CLOSED = K_STATUS + 5;

function authorKind(author: unknown): number {
  switch (author) {
    case 'customer': return K_CUSTOMER;
    case 'agent': return K_AGENT;
    case 'bot': return K_BOT;
    case 'system': return K_SYSTEM;
    default: return -1;
  }
}

function canonicalStatusKind(s: unknown): number {
  switch (s) {
    case 'new': return K_STATUS;
    case 'open': return K_STATUS + 1;
    case 'pending': return K_STATUS + 2;
    case 'on_hold': return K_STATUS + 3;
    case 'solved': return K_SOLVED;
    case 'closed': return K_CLOSED;
    default: return -1;
  }
}
interface TicketWithSummaryFields {
  readonly firstRespondedAt?: unknown;
  readonly firstResolvedAt?: unknown;
  readonly resolvedAt?: unknown;
  readonly status?: unknown;
  readonly agentReplies?: unknown;
  readonly customerReplies?: unknown;
  readonly reopens?: unknown;
}
const SUMMARY_FIELDS = [
  'firstRespondedAt',
  'firstResolvedAt',
  'resolvedAt',
  'status',
  'agentReplies',
  'customerReplies',
  'reopens',
] as const;

// Vendor summary extras (requester/agent wait, on-hold, business-hours durations, stations, assignment instants):
// validated on the summary form only (next to `events` they are not looked at: checking 13 more absent fields
// on every events-form ticket cost ~75% of firstResponseTime's time on a million tickets); no metric reads them
// yet. Kept apart from SUMMARY_FIELDS so that the change stays separable: durations and counts are whole
// numbers ≥ 0, instants not before createdAt.
const SUMMARY_EXTRA_COUNTS = [
  'requesterWaitMs',
  'requesterWaitBusinessMs',
  'agentWaitMs',
  'agentWaitBusinessMs',
  'onHoldMs',
  'onHoldBusinessMs',
  'firstResponseBusinessMs',
  'firstResolutionBusinessMs',
  'fullResolutionBusinessMs',
  'assigneeStations',
  'groupStations',
] as const;
const SUMMARY_EXTRA_TIMES = ['firstAssignedAt', 'assignedAt'] as const;

/** Validates the summary extras of a summary-form ticket. */
function checkSummaryExtras(t: Record<string, unknown>, createdMs: number, zone: ZoneInfo | undefined): void {
  for (const f of SUMMARY_EXTRA_COUNTS) {
    const v = t[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new Invalid('invalid_value', f, `must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
    }
  }
  for (const f of SUMMARY_EXTRA_TIMES) {
    const v = t[f];
    if (v === undefined || v === null) continue;
    const ms = recordTime(v, f, zone);
    if (ms < createdMs) throw new Invalid('event_before_creation', f, `assignment at ${isoOf(ms)} precedes createdAt ${isoOf(createdMs)}`);
  }
}

/**
 * The facts read from one ticket. Times are epoch ms, `NaN` when the event never happened.
 * @internal
 */
export interface TicketFacts {
  index: number;
  /** The id as a label (numbers as their decimal string), built when read: exclusions and errors only. */
  readonly id: string;
  /** The id as given. */
  rawId: string | number;
  ticket: Ticket;
  createdMs: number;
  /** True for the events form. */
  hasEvents: boolean;
  /** Number of events parsed into the scratch arrays. */
  eventCount: number;
  /**
   * Number of entries `sortEvents()` put in `order`: every event, or only the status changes for a reader
   * created with `statusesOnly`.
   */
  sortedCount: number;
  /** Agent-created (outbound): `createdBy: 'agent'`, or, without `createdBy`, an agent message first. */
  agentCreated: boolean;
  /** The earliest message is a qualifying reply (only meaningful with events). */
  firstMessageQualifies: boolean;
  firstCustomerMs: number;
  firstReplyMs: number;
  secondReplyMs: number;
  /** Qualifying replies (events) or `agentReplies` (summary). */
  replyCount: number;
  /** Customer messages (events) or `customerReplies` (summary). */
  customerCount: number;
  firstResolvedMs: number;
  lastResolvedMs: number;
  /** Latest status (canonical index into STATUSES), -1 when unknown. */
  currentStatus: number;
  /** Events form: number of solved or closed status changes (0 for the summary form). */
  resolvedChanges: number;
  /** Summary form: `reopens`; events form: -1 (computed by the metrics that need it). */
  reopens: number;
}

/** A user predicate deciding what counts as a reply. */
export type QualifyingReplyPredicate = (event: import('../model/index.js').MessageEvent, ticket: Ticket) => boolean;

/** @internal The per-call reading context. */
export interface TicketReader<R extends string> {
  readonly functionName: string;
  readonly invalid: InvalidMode;
  readonly zone: ZoneInfo | undefined;
  readonly ledger: ExclusionLedger<R | InvalidReason>;
  /** Scratch: event times, kinds, qualifying flags, indices (valid for the current ticket only). */
  at: Float64Array;
  kind: Uint8Array;
  qual: Uint8Array;
  order: Int32Array;
  readonly facts: TicketFacts;
  /** Reads ticket `index` whole; returns false when it was invalid and excluded. */
  read(tickets: readonly Ticket[], index: number): boolean;
  /**
   * Reads only the identity of ticket `index` (object, id and its uniqueness, `createdAt`) into `facts.index`,
   * `rawId`, `ticket` and `createdMs`; returns false when it was invalid and excluded. For metrics that need
   * nothing else of some tickets (decision 10): call {@link readRest} before using any other fact.
   */
  readIdentity(tickets: readonly Ticket[], index: number): boolean;
  /** Reads the rest of the ticket last given to {@link readIdentity}; returns false when invalid and excluded. */
  readRest(): boolean;
  /**
   * Sorts the current ticket's event indices by (time, kind) into `order[0..facts.sortedCount)`: all events,
   * or only the status changes when `onlyStatuses` (the default for a reader created with `statusesOnly`).
   */
  sortEvents(onlyStatuses?: boolean): void;
  /** Parses an option timestamp or throws `invalid_option`. */
  parseOption(value: unknown, field: string): number;
}

/** @internal Throws for a bad option. */
export function optionError(functionName: string, field: string, rule: string, code: MetricsErrorCode = 'invalid_option'): never {
  throw new MetricsError({ code, functionName, field, rule });
}

/** @internal Validates that `tickets` is an array. */
export function requireArray(functionName: string, value: unknown, collection: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new MetricsError({
      code: 'invalid_argument',
      functionName,
      field: collection,
      rule: `${collection} must be an array, got ${value === null ? 'null' : typeof value}`,
    });
  }
}

/** @internal Validates the zone option. */
export function zoneOption(functionName: string, timeZone: unknown, field = 'timeZone'): ZoneInfo | undefined {
  if (timeZone === undefined) return undefined;
  const z = typeof timeZone === 'string' ? createZoneInfo(timeZone) : undefined;
  if (z === undefined) {
    throw new MetricsError({
      code: 'unknown_time_zone',
      functionName,
      field,
      rule: `${JSON.stringify(timeZone)} is not an IANA time zone known to this runtime`,
    });
  }
  return z;
}

/** The per-ticket facts. */
class TicketFactsRecord extends RecordFacts implements TicketFacts {
  ticket = undefined as unknown as Ticket;
  createdMs = NaN;
  hasEvents = false;
  eventCount = 0;
  sortedCount = 0;
  agentCreated = false;
  firstMessageQualifies = false;
  firstCustomerMs = NaN;
  firstReplyMs = NaN;
  secondReplyMs = NaN;
  replyCount = 0;
  customerCount = 0;
  firstResolvedMs = NaN;
  lastResolvedMs = NaN;
  currentStatus = -1;
  resolvedChanges = 0;
  reopens = -1;
}

/**
 * @internal Creates the reader for one call of a ticket metric. With `statusesOnly` the message facts
 * (`firstReplyMs`, `secondReplyMs`, `replyCount`, `customerCount`, `firstCustomerMs`, `firstMessageQualifies`,
 * and `agentCreated` beyond `createdBy`) are not derived: for metrics that read only the status history. Every
 * event is still validated.
 *
 * The reader is a class instance, not an object of closures, and one idle instance lives as long as the module:
 * V8 builds the optimised code of a metric's loop (which inlines the reader's methods) on the hidden classes of
 * the reader, its facts and its id set, and throws that code away once any of them is garbage collected ("weak
 * objects"). With closures made afresh per call, and no object of these classes surviving the call, each call
 * after a garbage collection began unoptimised.
 *
 * `fastPath: false` reads every identity through the complete checks only: the tests compare both ways.
 */
export function createTicketReader<R extends string>(
  functionName: string,
  tickets: unknown,
  options: TicketInputOptions | undefined,
  isQualifyingReply?: QualifyingReplyPredicate,
  statusesOnly = false,
  fastPath = true,
): TicketReader<R> {
  requireArray(functionName, tickets, 'tickets');
  const invalid = options?.invalid ?? 'throw';
  if (invalid !== 'throw' && invalid !== 'exclude') {
    optionError(functionName, 'invalid', `must be 'throw' or 'exclude', got ${JSON.stringify(invalid)}`);
  }
  const statusMap = options?.statusMap;
  if (statusMap !== undefined) {
    if (statusMap === null || typeof statusMap !== 'object') optionError(functionName, 'statusMap', 'must be an object');
    for (const [k, v] of Object.entries(statusMap)) {
      if (canonicalStatusKind(v) < 0) {
        optionError(functionName, `statusMap.${k}`, `maps to ${JSON.stringify(v)}, which is not a canonical status`);
      }
    }
  }
  if (isQualifyingReply !== undefined && typeof isQualifyingReply !== 'function') {
    optionError(functionName, 'isQualifyingReply', 'must be a function');
  }
  const zone = zoneOption(functionName, options?.timeZone);
  const reader = new TicketReaderImpl<R>(functionName, tickets, invalid, zone, statusMap, isQualifyingReply, statusesOnly, fastPath);
  // One idle reader, kept for the life of the module, keeps the hidden classes of the reader and its parts
  // alive between calls (see above). It holds no input.
  anchor ??= new TicketReaderImpl<string>(functionName, [], invalid, zone, statusMap, isQualifyingReply, statusesOnly, fastPath);
  return reader;
}

let anchor: TicketReaderImpl<string> | undefined;

class TicketReaderImpl<R extends string> implements TicketReader<R> {
  readonly ledger = createLedger<R | InvalidReason>();
  readonly facts: TicketFacts = new TicketFactsRecord();
  at = new Float64Array(64);
  kind = new Uint8Array(64);
  qual = new Uint8Array(64);
  order = new Int32Array(64);
  /** Indices of the current ticket's messages and status changes in the scratch arrays. */
  private mIdx = new Int32Array(64);
  private sIdx = new Int32Array(64);
  private lastStatusCount = 0;
  private readonly seen: IdSet;

  constructor(
    readonly functionName: string,
    tickets: readonly unknown[],
    readonly invalid: InvalidMode,
    readonly zone: ZoneInfo | undefined,
    private readonly statusMap: Readonly<Record<string, TicketStatus>> | undefined,
    private readonly isQualifyingReply: QualifyingReplyPredicate | undefined,
    private readonly statusesOnly: boolean,
    private readonly fastPath: boolean,
  ) {
    this.seen = new IdSet(tickets);
  }

  read(list: readonly Ticket[], index: number): boolean {
    const raw: unknown = list[index];
    // No label is built on the happy path: a '#index' or String(id) per ticket would cost an allocation.
    try {
      this.readHead(raw, index);
      this.readBody(raw as Ticket);
      return true;
    } catch (e) {
      return rejectRecord(e, this.invalid, this.functionName, 'tickets', index, raw, this.ledger);
    }
  }

  readIdentity(list: readonly Ticket[], index: number): boolean {
    const raw: unknown = list[index];
    try {
      this.readHead(raw, index);
      return true;
    } catch (e) {
      return rejectRecord(e, this.invalid, this.functionName, 'tickets', index, raw, this.ledger);
    }
  }

  readRest(): boolean {
    const raw = this.facts.ticket;
    try {
      this.readBody(raw);
      return true;
    } catch (e) {
      return rejectRecord(e, this.invalid, this.functionName, 'tickets', this.facts.index, raw, this.ledger);
    }
  }

  sortEvents(onlyStatuses = this.statusesOnly): void {
    const { at, kind, order, facts } = this;
    let n: number;
    if (onlyStatuses) {
      n = this.lastStatusCount;
      const sIdx = this.sIdx;
      for (let i = 0; i < n; i++) order[i] = sIdx[i] as number;
    } else {
      n = facts.eventCount;
      for (let i = 0; i < n; i++) order[i] = i;
    }
    facts.sortedCount = n;
    // Insertion sort: histories are short and usually already in order (then this is one pass).
    for (let i = 1; i < n; i++) {
      const x = order[i] as number;
      const ax = at[x] as number;
      const kx = kind[x] as number;
      let j = i - 1;
      while (j >= 0) {
        const y = order[j] as number;
        const ay = at[y] as number;
        if (ay < ax || (ay === ax && (kind[y] as number) <= kx)) break;
        order[j + 1] = y;
        j--;
      }
      order[j + 1] = x;
    }
  }

  parseOption(value: unknown, field: string): number {
    const t = toEpochMs(value, this.zone);
    if (t !== t) {
      const why = explainTimestamp(value, this.zone);
      optionError(this.functionName, field, why.rule);
    }
    return t;
  }

  private statusKind(s: unknown): number {
    const statusMap = this.statusMap;
    if (statusMap !== undefined && typeof s === 'string' && Object.prototype.hasOwnProperty.call(statusMap, s)) {
      return canonicalStatusKind(statusMap[s]);
    }
    return canonicalStatusKind(s);
  }

  private ensureCapacity(n: number): void {
    if (this.at.length >= n) return;
    let size = this.at.length;
    while (size < n) size *= 2;
    this.at = new Float64Array(size);
    this.kind = new Uint8Array(size);
    this.qual = new Uint8Array(size);
    this.order = new Int32Array(size);
    this.mIdx = new Int32Array(size);
    this.sIdx = new Int32Array(size);
  }

  /**
   * The identity of a record: an object with a valid, unique id and a valid `createdAt`.
   *
   * The usual ticket (a string id greater than the one before, `createdAt` in epoch ms) is accepted by checks
   * written inline; any other goes through {@link readHeadFully}, which accepts or rejects it. The inline checks
   * never accept a ticket that readHeadFully would reject.
   */
  private readHead(raw: unknown, index: number): void {
    if (this.fastPath && raw !== null && typeof raw === 'object') {
      const t = raw as Ticket;
      const id = t.id;
      const seen = this.seen;
      const last = seen.last;
      const created = t.createdAt;
      if (typeof id === 'string' && typeof last === 'string' && id > last && isEpochMs(created)) {
        seen.last = id;
        const facts = this.facts;
        facts.createdMs = created;
        facts.index = index;
        facts.rawId = id;
        facts.ticket = t;
        return;
      }
    }
    this.readHeadFully(raw, index);
  }

  private readHeadFully(raw: unknown, index: number): void {
    const id = checkRecordId(raw, index, 'tickets', 'a ticket', this.seen);
    const t = raw as Ticket;
    const facts = this.facts;
    facts.createdMs = recordTime(t.createdAt, 'createdAt', this.zone);
    facts.index = index;
    facts.rawId = id;
    facts.ticket = t;
  }

  /** The rest of the record read by {@link readHead}: `createdBy`, then events or summary fields. */
  private readBody(t: Ticket): void {
    const facts = this.facts;
    const createdMs = facts.createdMs;
    facts.firstCustomerMs = NaN;
    facts.firstReplyMs = NaN;
    facts.secondReplyMs = NaN;
    facts.replyCount = 0;
    facts.customerCount = 0;
    facts.firstResolvedMs = NaN;
    facts.lastResolvedMs = NaN;
    facts.currentStatus = -1;
    facts.resolvedChanges = 0;
    facts.reopens = -1;
    facts.firstMessageQualifies = false;
    const createdBy = t.createdBy;
    if (createdBy !== undefined && createdBy !== 'customer' && createdBy !== 'agent' && createdBy !== 'system') {
      throw new Invalid('invalid_value', 'createdBy', `must be 'customer', 'agent' or 'system', got ${JSON.stringify(createdBy)}`);
    }
    const events = t.events;
    if (events !== undefined && events !== null) {
      const st = t as unknown as TicketWithSummaryFields;
      if (
        st.firstRespondedAt != null ||
        st.firstResolvedAt != null ||
        st.resolvedAt != null ||
        st.status != null ||
        st.agentReplies != null ||
        st.customerReplies != null ||
        st.reopens != null
      ) {
        for (const f of SUMMARY_FIELDS) {
          if (st[f] != null) {
            throw new Invalid('conflicting_fields', f, `the ticket has both events and the summary field ${f}; give one form`);
          }
        }
      }
      if (!Array.isArray(events)) throw new Invalid('invalid_value', 'events', 'events must be an array');
      facts.hasEvents = true;
      this.readEvents(events as readonly unknown[], createdMs, createdBy, t);
    } else {
      facts.hasEvents = false;
      facts.eventCount = 0;
      this.lastStatusCount = 0;
      this.readSummary(t as Ticket & Record<string, unknown>, createdMs, createdBy);
    }
  }

  private readEvents(events: readonly unknown[], createdMs: number, createdBy: Ticket['createdBy'], t: Ticket): void {
    const n = events.length;
    this.ensureCapacity(n);
    const { at, kind, qual, mIdx, sIdx, facts, zone, isQualifyingReply } = this;
    let nm = 0;
    let ns = 0;
    // Pass 1: validate and copy into the scratch arrays. Only a few values live across the property loads,
    // which (on varied event shapes) are calls into V8's property caches.
    for (let i = 0; i < n; i++) {
      const e = events[i] as Record<string, unknown> | null | undefined;
      if (e === null || typeof e !== 'object') throw new Invalid('invalid_record', `events[${i}]`, 'an event must be an object');
      const type = e.type;
      const raw = e.at;
      let ms: number;
      // Inline fast path for epoch-ms numbers (the common case); everything else goes through the parser.
      if (isEpochMs(raw)) ms = raw;
      else {
        ms = toEpochMs(raw, zone);
        if (ms !== ms) ms = recordTime(raw, `events[${i}].at`, zone);
      }
      if (ms < createdMs) {
        throw new Invalid('event_before_creation', `events[${i}].at`, `${type === 'message' ? (e.author === 'agent' ? 'reply' : 'message') : 'status change'} at ${isoOf(ms)} precedes createdAt ${isoOf(createdMs)}`);
      }
      at[i] = ms;
      if (type === 'message') {
        const k = authorKind(e.author);
        if (k < 0) {
          throw new Invalid('invalid_value', `events[${i}].author`, `must be 'customer', 'agent', 'bot' or 'system', got ${JSON.stringify(e.author)}`);
        }
        const pub = e.public;
        if (pub !== undefined && typeof pub !== 'boolean') {
          throw new Invalid('invalid_value', `events[${i}].public`, 'must be a boolean');
        }
        let q: number;
        if (isQualifyingReply !== undefined) {
          q = isQualifyingReply(e as unknown as import('../model/index.js').MessageEvent, t) ? Q_REPLY : 0;
        } else {
          q = k === K_AGENT && pub !== false ? Q_REPLY : 0;
        }
        kind[i] = k;
        qual[i] = q | (pub === false ? 0 : Q_PUBLIC);
        mIdx[nm++] = i;
      } else if (type === 'status') {
        const k = this.statusKind(e.status);
        if (k < 0) {
          throw new Invalid('unknown_status', `events[${i}].status`, `${JSON.stringify(e.status)} is not a known status; map it with the statusMap option`);
        }
        kind[i] = k;
        qual[i] = Q_PUBLIC;
        sIdx[ns++] = i;
      } else if (type === 'assignment') {
        const a = e.assigneeId;
        const g = e.groupId;
        if (a !== undefined && a !== null && (typeof a !== 'string' || a.length === 0)) {
          throw new Invalid('invalid_value', `events[${i}].assigneeId`, 'must be a non-empty string or null');
        }
        if (g !== undefined && g !== null && (typeof g !== 'string' || g.length === 0)) {
          throw new Invalid('invalid_value', `events[${i}].groupId`, 'must be a non-empty string or null');
        }
        if (e.author !== undefined && authorKind(e.author) < 0) {
          throw new Invalid('invalid_value', `events[${i}].author`, `must be 'customer', 'agent', 'bot' or 'system', got ${JSON.stringify(e.author)}`);
        }
        kind[i] = K_ASSIGN;
        qual[i] = 0;
      } else {
        throw new Invalid('invalid_value', `events[${i}].type`, `must be 'message', 'status' or 'assignment', got ${JSON.stringify(type)}`);
      }
    }
    this.lastStatusCount = ns;
    // Pass 2: the derived facts, from the scratch arrays only (no property loads, no calls); statuses and
    // messages each through their own index list, so the loops do not branch on the kind of every event.
    let firstSolved = NaN;
    let lastSolved = NaN;
    let firstClosed = NaN;
    let lastClosed = NaN;
    let curAt = -Infinity;
    let curKind = -1;
    let resolvedChanges = 0;
    for (let j = 0; j < ns; j++) {
      const i = sIdx[j] as number;
      const ms = at[i] as number;
      const k = kind[i] as number;
      if (k === K_SOLVED) {
        resolvedChanges++;
        if (!(ms >= firstSolved)) firstSolved = ms;
        if (!(ms <= lastSolved)) lastSolved = ms;
      } else if (k === K_CLOSED) {
        resolvedChanges++;
        if (!(ms >= firstClosed)) firstClosed = ms;
        if (!(ms <= lastClosed)) lastClosed = ms;
      }
      if (ms > curAt || (ms === curAt && k > curKind)) {
        curAt = ms;
        curKind = k;
      }
    }
    let firstCustomer = NaN;
    let r1 = NaN;
    let r2 = NaN;
    let replies = 0;
    let customers = 0;
    let firstMsgKind = 255;
    let firstMsgQual = 0;
    if (!this.statusesOnly) {
      let firstMsgAt = Infinity;
      for (let j = 0; j < nm; j++) {
        const i = mIdx[j] as number;
        const ms = at[i] as number;
        const k = kind[i] as number;
        const q = (qual[i] as number) & Q_REPLY;
        if (q !== 0) {
          replies++;
          if (!(ms >= r1)) {
            r2 = r1;
            r1 = ms;
          } else if (!(ms >= r2)) {
            r2 = ms;
          }
        }
        if (k === K_CUSTOMER) {
          customers++;
          if (!(ms >= firstCustomer)) firstCustomer = ms;
        }
        if (ms < firstMsgAt || (ms === firstMsgAt && k < firstMsgKind)) {
          firstMsgAt = ms;
          firstMsgKind = k;
          firstMsgQual = q;
        } else if (ms === firstMsgAt && k === firstMsgKind && q > firstMsgQual) {
          firstMsgQual = q;
        }
      }
    }
    facts.eventCount = n;
    facts.firstCustomerMs = firstCustomer;
    facts.firstReplyMs = r1;
    facts.secondReplyMs = r2;
    facts.replyCount = replies;
    facts.customerCount = customers;
    facts.firstMessageQualifies = firstMsgQual !== 0;
    facts.agentCreated = createdBy === 'agent' || (createdBy === undefined && firstMsgKind === K_AGENT);
    if (firstSolved === firstSolved) {
      facts.firstResolvedMs = firstSolved;
      facts.lastResolvedMs = lastSolved;
    } else if (firstClosed === firstClosed) {
      facts.firstResolvedMs = firstClosed;
      facts.lastResolvedMs = lastClosed;
    }
    facts.currentStatus = curKind < 0 ? -1 : curKind - K_STATUS;
    facts.resolvedChanges = resolvedChanges;
  }

  private readSummary(t: Ticket & Record<string, unknown>, createdMs: number, createdBy: Ticket['createdBy']): void {
    const facts = this.facts;
    const zone = this.zone;
    const optionalTime = (value: unknown, field: string): number =>
      value === undefined || value === null ? NaN : recordTime(value, field, zone);
    const reply = optionalTime(t.firstRespondedAt, 'firstRespondedAt');
    let first = optionalTime(t.firstResolvedAt, 'firstResolvedAt');
    let last = optionalTime(t.resolvedAt, 'resolvedAt');
    if (reply < createdMs) throw new Invalid('event_before_creation', 'firstRespondedAt', `reply at ${isoOf(reply)} precedes createdAt ${isoOf(createdMs)}`);
    if (first < createdMs) throw new Invalid('event_before_creation', 'firstResolvedAt', `resolution at ${isoOf(first)} precedes createdAt ${isoOf(createdMs)}`);
    if (last < createdMs) throw new Invalid('event_before_creation', 'resolvedAt', `resolution at ${isoOf(last)} precedes createdAt ${isoOf(createdMs)}`);
    if (first !== first) first = last;
    if (last !== last) last = first;
    if (last < first) throw new Invalid('inconsistent', 'resolvedAt', `the last resolution ${isoOf(last)} precedes the first ${isoOf(first)}`);
    let status = -1;
    if (t.status !== undefined && t.status !== null) {
      const k = this.statusKind(t.status);
      if (k < 0) throw new Invalid('unknown_status', 'status', `${JSON.stringify(t.status)} is not a known status; map it with the statusMap option`);
      status = k - K_STATUS;
    }
    const count = (field: 'agentReplies' | 'customerReplies' | 'reopens'): number => {
      const v = t[field];
      if (v === undefined || v === null) return -1;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new Invalid('invalid_value', field, `must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
      }
      return v;
    };
    facts.replyCount = count('agentReplies');
    facts.customerCount = count('customerReplies');
    facts.reopens = count('reopens');
    facts.firstReplyMs = reply;
    facts.firstResolvedMs = first;
    facts.lastResolvedMs = last;
    if (last !== last && (status === 4 || status === 5)) {
      throw new Invalid('missing_field', 'resolvedAt', `status ${JSON.stringify(t.status)} needs resolvedAt (or firstResolvedAt)`);
    }
    facts.currentStatus = status;
    facts.agentCreated = createdBy === 'agent';
    checkSummaryExtras(t, createdMs, zone);
  }
}

/** @internal Whether a canonical status index means resolved (solved or closed). */
export function isResolvedStatus(status: number): boolean {
  return status === 4 || status === 5;
}

/**
 * @internal True when the current ticket is resolved now: its latest status is solved/closed, or (summary form
 * without a status) it has a resolution time.
 */
export function isCurrentlyResolved(f: TicketFacts): boolean {
  if (f.currentStatus >= 0) return isResolvedStatus(f.currentStatus);
  return !f.hasEvents && f.lastResolvedMs === f.lastResolvedMs;
}

/**
 * How a metric treats agent-created (outbound) tickets: measured to the agent's second public message
 * (Zendesk), left out, or measured from the first customer message.
 *
 * @category Options
 */
export type AgentCreatedMode = 'exclude' | 'skipFirstAgentMessage' | 'startAtFirstCustomerMessage';

/** @internal Validates the `agentCreated` option. */
export function agentCreatedOption(functionName: string, value: unknown): AgentCreatedMode {
  if (value !== 'exclude' && value !== 'skipFirstAgentMessage' && value !== 'startAtFirstCustomerMessage') {
    optionError(functionName, 'agentCreated', `must be 'exclude', 'skipFirstAgentMessage' or 'startAtFirstCustomerMessage', got ${JSON.stringify(value)}`);
  }
  return value;
}
