/**
 * The one ticket reader. It validates tickets and writes their facts into {@link TicketColumns}, at the level
 * a metric needs (decision 10: identity always, history when read):
 * - identity: an object, a unique id, `createdAt`, the flags (`spam`, `deleted`, `mergedInto`, spam and
 *   merged tags) and `tags`;
 * - facts: the whole history validated (`createdBy`, every event or every summary field) and the facts
 *   derived from it (first and second reply, counts, first and last resolution, reopens, current status);
 * - events: the facts and the events themselves, sorted by (time, kind), same-instant status changes
 *   collapsed into the last one.
 *
 * Every timestamp is parsed once into reusable typed-array scratch space; nothing is allocated per ticket on
 * the happy path and inputs are never mutated.
 *
 * @internal
 * @module
 */
import type { ZoneInfo } from '../calendar/timeZone.js';
import type { MessageEvent, Ticket, TicketStatus } from '../model/index.js';
import { MetricsError } from '../results/errors.js';
import { checkRecordId, IdSet, type PriorIds } from '../_lib/ids.js';
import { describe } from '../_lib/options.js';
import { Invalid, recordError, recordLabel, recordTime } from '../_lib/records.js';
import { isoOf, MAX_EPOCH_MS, toEpochMs } from '../_lib/timestamp.js';
import {
  F_AGENT_CREATED,
  F_CUSTOMER_CREATED,
  F_DELETED,
  F_EVENTS,
  F_FIRST_QUALIFIES,
  F_FIRST_RES_UNKNOWN,
  F_MERGED,
  F_SPAM,
  K_AGENT,
  K_ASSIGN,
  K_BOT,
  K_CLOSED,
  K_CUSTOMER,
  K_SOLVED,
  K_STATUS,
  K_SYSTEM,
  KIND_SHIFT,
  LEVEL_EVENTS,
  LEVEL_STATUSES,
  LEVEL_FACTS,
  Q_PUBLIC,
  Q_REPLY,
  S_BAD,
  S_BAD_HISTORY,
  S_OK,
  type TicketColumns,
} from './ticketColumns.js';

/** A user predicate deciding what counts as a reply. */
export type QualifyingReplyPredicate = (event: MessageEvent, ticket: Ticket) => boolean;

/** @internal The validated read options. */
export interface TicketReadConfig {
  readonly invalid: 'throw' | 'exclude';
  readonly zone: ZoneInfo | undefined;
  readonly statusMap: Readonly<Record<string, TicketStatus>> | undefined;
  readonly isQualifyingReply: QualifyingReplyPredicate | undefined;
  /** Epoch numbers before this are rejected as probably seconds. */
  readonly minMs: number;
  /** Tags marking spam and merged tickets (the defaults unless a metric overrides them). */
  readonly spamTags: readonly string[];
  readonly mergedTags: readonly string[];
}

function authorKind(author: unknown): number {
  switch (author) {
    case 'customer': return K_CUSTOMER;
    case 'agent': return K_AGENT;
    case 'bot': return K_BOT;
    case 'system': return K_SYSTEM;
    default: return -1;
  }
}

/** @internal The status index (0..5) of a canonical status, −1 otherwise. */
export function canonicalStatus(s: unknown): number {
  switch (s) {
    case 'new': return 0;
    case 'open': return 1;
    case 'pending': return 2;
    case 'on_hold': return 3;
    case 'solved': return 4;
    case 'closed': return 5;
    default: return -1;
  }
}

interface SummaryFields {
  readonly firstRespondedAt?: unknown;
  readonly firstResolvedAt?: unknown;
  readonly resolvedAt?: unknown;
  readonly status?: unknown;
  readonly agentReplies?: unknown;
  readonly customerReplies?: unknown;
  readonly reopens?: unknown;
}
const SUMMARY_FIELDS = ['firstRespondedAt', 'firstResolvedAt', 'resolvedAt', 'status', 'agentReplies', 'customerReplies', 'reopens'] as const;

// The vendor summary extras (waits, on-hold, business-hours durations, stations, assignment instants): validated
// on the summary form only; next to `events` they are not looked at (checking 13 more absent fields on every
// events-form ticket cost about 75 % of firstResponseTime's time on a million tickets). Durations and counts are
// whole numbers ≥ 0, instants not before createdAt.
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

/**
 * @internal Reads tickets into columns. One reader per metric call (or per prepared set): it holds the id set
 * of the whole input, so batches read one after another share one duplicate check.
 *
 * A class whose methods every call shares: see the driver (src/pipeline/driver.ts) for why that matters to V8.
 */
export class TicketReader {
  private readonly seen: IdSet;
  /** The position of `records[0]` in the whole input (a chunk of the incremental API): added to positions in errors. */
  offset = 0;
  /** The default `historyUntil` of {@link TicketReader.read}. */
  historyUntil = Infinity;
  private at = new Float64Array(64);
  private kq = new Uint8Array(64);
  private order = new Int32Array(64);
  private mIdx = new Int32Array(64);
  private sIdx = new Int32Array(64);

  /**
   * @param functionName - the public function, for messages
   * @param records - the whole input (ids are checked across all of it)
   * @param deferHistory - keep history errors on the record (a prepared set: only the metrics that read the
   *   history throw them) instead of throwing them while reading
   */
  constructor(
    readonly functionName: string,
    readonly records: readonly unknown[],
    readonly config: TicketReadConfig,
    private readonly deferHistory: boolean,
  ) {
    this.seen = new IdSet(records);
  }

  /** Marks records whose ids appeared in earlier chunks of the same input ({@link IdSet.forceDuplicates}). */
  forceDuplicates(indices: ArrayLike<number>): void {
    this.seen.forceDuplicates(indices);
  }

  /** Checks ids against those of earlier chunks of the same input too ({@link IdSet.usePrior}). */
  usePrior(prior: PriorIds): void {
    this.seen.usePrior(prior);
  }

  /**
   * Reads records `[from, to)` into `c` at `level`. Throws a MetricsError for a bad record in `'throw'` mode.
   * Histories of tickets created after `historyUntil` are not read (their metric excludes them on their
   * identity: backlog's `created_after`, decision 10): their facts are left unset.
   */
  read(c: TicketColumns, from: number, to: number, level: number, historyUntil = this.historyUntil): void {
    const records = this.records;
    c.reset(records, from, to - from, level);
    c.offset = this.offset;
    const { state, flags, created, ids } = c;
    const seen = this.seen;
    const minMs = this.config.minMs;
    for (let j = 0, i = from; i < to; i++, j++) {
      const raw: unknown = records[i];
      // Identity, the usual ticket first: a string id greater than the one before, createdAt in epoch ms,
      // no flags, no tags. Any other goes through identity(), which accepts or rejects it.
      let ok = false;
      if (raw !== null && typeof raw === 'object') {
        const t = raw as Ticket;
        const id = t.id;
        const last = seen.last;
        const ms = t.createdAt;
        if (typeof id === 'string' && typeof last === 'string' && id > last && typeof ms === 'number' && ms >= minMs && ms < MAX_EPOCH_MS && Math.floor(ms) === ms) {
          const tags = t.tags;
          if (t.spam === undefined && t.deleted === undefined && t.mergedInto === undefined && (tags === undefined || (Array.isArray(tags) && tags.length === 0))) {
            seen.last = id;
            created[j] = ms;
            flags[j] = 0;
            ids[j] = id;
            ok = true;
          }
        }
      }
      if (!ok) {
        try {
          this.identity(raw, i, c, j);
        } catch (e) {
          this.reject(e, c, j, i, raw, S_BAD);
          if (level >= LEVEL_STATUSES) c.evStart[j + 1] = c.evCount;
          continue;
        }
      }
      state[j] = S_OK;
      if (level < LEVEL_FACTS) continue;
      if ((created[j] as number) > historyUntil) {
        if (level >= LEVEL_STATUSES) c.evStart[j + 1] = c.evCount;
        continue;
      }
      // (The events level writes evStart[j + 1] in body(), or below when the history is bad.)
      try {
        this.body(raw as Ticket, c, j, level);
      } catch (e) {
        this.reject(e, c, j, i, raw, S_BAD_HISTORY);
        if (level >= LEVEL_STATUSES) c.evStart[j + 1] = c.evCount;
      }
    }
  }

  /** Handles a bad record: throws in 'throw' mode (unless a history error is deferred), else marks it. */
  private reject(caught: unknown, c: TicketColumns, j: number, index: number, raw: unknown, state: number): void {
    if (!(caught instanceof Invalid)) {
      if (caught instanceof MetricsError) throw caught;
      throw new MetricsError({
        code: 'internal',
        functionName: this.functionName,
        collection: 'tickets',
        recordIndex: index + this.offset,
        recordId: recordLabel(raw),
        rule: `unexpected failure while reading the ticket (${describe(caught instanceof Error ? caught.message : caught)}); please report it`,
        cause: caught,
      });
    }
    c.state[j] = state;
    c.errors.set(j, caught);
    // Facts a breakdown may read of a bad record (its instants) are "none", not left over from another batch.
    if (state === S_BAD) c.created[j] = NaN;
    if (c.level >= LEVEL_FACTS) {
      c.firstReply[j] = NaN;
      c.lastResolved[j] = NaN;
      c.firstResolved[j] = NaN;
      c.firstResolution[j] = NaN;
    }
    if (this.config.invalid === 'throw' && !(state === S_BAD_HISTORY && this.deferHistory)) {
      throw invalidError(this.functionName, caught, index + this.offset, raw);
    }
  }

  /** The complete identity checks, with an {@link Invalid} for the first rule broken. */
  private identity(raw: unknown, index: number, c: TicketColumns, j: number): void {
    c.ids[j] = checkRecordId(raw, index, 'tickets', 'a ticket', this.seen);
    const t = raw as Ticket & { spam?: unknown; deleted?: unknown; mergedInto?: unknown; tags?: unknown };
    c.created[j] = recordTime(t.createdAt, 'createdAt', this.config.zone, this.config.minMs);
    let f = 0;
    const spam = t.spam;
    if (spam !== undefined && spam !== null) {
      if (typeof spam !== 'boolean') throw new Invalid('invalid_value', 'spam', `must be true or false, got ${describe(spam)}`);
      if (spam) f |= F_SPAM;
    }
    const deleted = t.deleted;
    if (deleted !== undefined && deleted !== null) {
      if (typeof deleted !== 'boolean') throw new Invalid('invalid_value', 'deleted', `must be true or false, got ${describe(deleted)}`);
      if (deleted) f |= F_DELETED;
    }
    const merged = t.mergedInto;
    if (merged !== undefined && merged !== null) {
      if (typeof merged === 'string' ? merged.length === 0 : typeof merged !== 'number' || !Number.isFinite(merged)) {
        throw new Invalid('invalid_value', 'mergedInto', `must be the id of the surviving ticket (a non-empty string or a finite number), got ${describe(merged)}`);
      }
      f |= F_MERGED;
    }
    const tags = t.tags;
    if (tags !== undefined && tags !== null) {
      if (!Array.isArray(tags)) throw new Invalid('invalid_value', 'tags', `must be an array of strings, got ${describe(tags)}`);
      const { spamTags, mergedTags } = this.config;
      for (let k = 0; k < tags.length; k++) {
        const tag: unknown = tags[k];
        if (typeof tag !== 'string') throw new Invalid('invalid_value', 'tags', `tags[${k}] must be a string, got ${describe(tag)}`);
        if (spamTags.includes(tag)) f |= F_SPAM;
        if (mergedTags.includes(tag)) f |= F_MERGED;
      }
    }
    c.flags[j] = f;
  }

  /** The history: `createdBy`, then the events or the summary fields. */
  private body(t: Ticket, c: TicketColumns, j: number, level: number): void {
    const createdBy = t.createdBy;
    if (createdBy !== undefined && createdBy !== 'customer' && createdBy !== 'agent' && createdBy !== 'system') {
      throw new Invalid('invalid_value', 'createdBy', `must be 'customer', 'agent' or 'system', got ${describe(createdBy)}`);
    }
    const events = t.events;
    if (events !== undefined && events !== null) {
      const st = t as unknown as SummaryFields;
      if (st.firstRespondedAt != null || st.firstResolvedAt != null || st.resolvedAt != null || st.status != null || st.agentReplies != null || st.customerReplies != null || st.reopens != null) {
        for (const f of SUMMARY_FIELDS) {
          if (st[f] != null) throw new Invalid('conflicting_fields', f, `the ticket has both events and the summary field ${f}; give one form`);
        }
      }
      if (!Array.isArray(events)) throw new Invalid('invalid_value', 'events', `must be an array, got ${describe(events)}`);
      this.events(events as readonly unknown[], t, createdBy, c, j, level);
    } else {
      this.summary(t as Ticket & Record<string, unknown>, createdBy, c, j);
      if (level >= LEVEL_STATUSES) c.evStart[j + 1] = c.evCount;
    }
  }

  private ensureScratch(n: number): void {
    if (this.at.length >= n) return;
    let size = this.at.length;
    while (size < n) size *= 2;
    this.at = new Float64Array(size);
    this.kq = new Uint8Array(size);
    this.order = new Int32Array(size);
    this.mIdx = new Int32Array(size);
    this.sIdx = new Int32Array(size);
  }

  private events(events: readonly unknown[], t: Ticket, createdBy: Ticket['createdBy'], c: TicketColumns, j: number, level: number): void {
    const n = events.length;
    this.ensureScratch(n);
    const { at, kq, mIdx, sIdx } = this;
    const { zone, minMs, isQualifyingReply } = this.config;
    const createdMs = c.created[j] as number;
    let nm = 0;
    let ns = 0;
    // Pass 1: validate and copy into the scratch arrays. Only a few values live across the property loads,
    // which (on varied event shapes) are calls into V8's property caches.
    for (let i = 0; i < n; i++) {
      const e = events[i] as Record<string, unknown> | null | undefined;
      if (e === null || typeof e !== 'object' || Array.isArray(e)) throw new Invalid('invalid_record', `events[${i}]`, `an event must be an object, got ${describe(e)}`);
      const type = e.type;
      const raw = e.at;
      let ms: number;
      if (typeof raw === 'number' && raw >= minMs && raw < MAX_EPOCH_MS && Math.floor(raw) === raw) ms = raw;
      else {
        ms = toEpochMs(raw, zone, minMs);
        if (ms !== ms) ms = recordTime(raw, `events[${i}].at`, zone, minMs);
      }
      if (ms < createdMs) {
        throw new Invalid('event_before_creation', `events[${i}].at`, `${type === 'message' ? (e.author === 'agent' ? 'reply' : 'message') : type === 'status' ? 'status change' : 'assignment'} at ${isoOf(ms)} precedes createdAt ${isoOf(createdMs)}`);
      }
      at[i] = ms;
      if (type === 'message') {
        const k = authorKind(e.author);
        if (k < 0) throw new Invalid('invalid_value', `events[${i}].author`, `must be 'customer', 'agent', 'bot' or 'system', got ${describe(e.author)}`);
        const pub = e.public;
        if (pub !== undefined && typeof pub !== 'boolean') throw new Invalid('invalid_value', `events[${i}].public`, `must be true or false, got ${describe(pub)}`);
        // `authorId` is read only by attributions (by: 'firstResponder'), which take a string or a number as
        // the agent and anything else as no author: no check here, on every message of every metric.
        let q: number;
        if (isQualifyingReply !== undefined) {
          let verdict: unknown;
          try {
            verdict = isQualifyingReply(e as unknown as MessageEvent, t);
          } catch (err) {
            throw new Invalid('callback_failed', 'isQualifyingReply', `the isQualifyingReply callback threw ${err instanceof Error ? `${err.name}: ${err.message}` : describe(err)} on events[${i}]`, err);
          }
          q = verdict === true ? Q_REPLY : 0;
        } else {
          q = k === K_AGENT && pub !== false ? Q_REPLY : 0;
        }
        kq[i] = (k << KIND_SHIFT) | q | (pub === false ? 0 : Q_PUBLIC);
        mIdx[nm++] = i;
      } else if (type === 'status') {
        const k = this.statusKind(e.status);
        if (k < 0) throw new Invalid('unknown_status', `events[${i}].status`, `${describe(e.status)} is not a known status; map it with the statusMap option`);
        kq[i] = ((K_STATUS + k) << KIND_SHIFT) | Q_PUBLIC;
        sIdx[ns++] = i;
      } else if (type === 'assignment') {
        const a = e.assigneeId;
        const g = e.groupId;
        if (a !== undefined && a !== null && (typeof a !== 'string' || a.length === 0)) {
          throw new Invalid('invalid_value', `events[${i}].assigneeId`, `must be a non-empty string or null, got ${describe(a)}`);
        }
        if (g !== undefined && g !== null && (typeof g !== 'string' || g.length === 0)) {
          throw new Invalid('invalid_value', `events[${i}].groupId`, `must be a non-empty string or null, got ${describe(g)}`);
        }
        if (e.author !== undefined && authorKind(e.author) < 0) {
          throw new Invalid('invalid_value', `events[${i}].author`, `must be 'customer', 'agent', 'bot' or 'system', got ${describe(e.author)}`);
        }
        kq[i] = K_ASSIGN << KIND_SHIFT;
      } else {
        throw new Invalid('invalid_value', `events[${i}].type`, `must be 'message', 'status' or 'assignment', got ${describe(type)}`);
      }
    }
    // Pass 2: the facts, from the scratch arrays only (no property loads, no calls); statuses and messages
    // each through their own index list, so the loops do not branch on the kind of every event.
    let firstSolved = NaN;
    let lastSolved = NaN;
    let firstClosed = NaN;
    let lastClosed = NaN;
    let curAt = -Infinity;
    let curKind = -1;
    let resolvedChanges = 0;
    for (let s = 0; s < ns; s++) {
      const i = sIdx[s] as number;
      const ms = at[i] as number;
      const k = (kq[i] as number) >> KIND_SHIFT;
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
    let pubCustomer = 0;
    let pubAgent = 0;
    let pubBot = 0;
    let firstMsgAt = Infinity;
    let firstMsgKind = 255;
    let firstMsgQual = 0;
    for (let m = 0; m < nm; m++) {
      const i = mIdx[m] as number;
      const ms = at[i] as number;
      const b = kq[i] as number;
      const k = b >> KIND_SHIFT;
      const q = b & Q_REPLY;
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
      if ((b & Q_PUBLIC) !== 0) {
        if (k === K_CUSTOMER) pubCustomer++;
        else if (k === K_AGENT) pubAgent++;
        else if (k === K_BOT) pubBot++;
      }
      if (ms < firstMsgAt || (ms === firstMsgAt && k < firstMsgKind)) {
        firstMsgAt = ms;
        firstMsgKind = k;
        firstMsgQual = q;
      } else if (ms === firstMsgAt && k === firstMsgKind && q > firstMsgQual) {
        firstMsgQual = q;
      }
    }
    let f = (c.flags[j] as number) | F_EVENTS;
    if (createdBy === 'customer') f |= F_CUSTOMER_CREATED;
    if (firstMsgQual !== 0) f |= F_FIRST_QUALIFIES;
    if (createdBy === 'agent' || (createdBy === undefined && firstMsgKind === K_AGENT)) f |= F_AGENT_CREATED;
    c.flags[j] = f;
    c.firstCustomer[j] = firstCustomer;
    c.firstReply[j] = r1;
    c.secondReply[j] = r2;
    c.replies[j] = replies;
    c.customers[j] = customers;
    c.publicCustomer[j] = pubCustomer;
    c.publicAgent[j] = pubAgent;
    c.publicBot[j] = pubBot;
    if (firstSolved === firstSolved) {
      c.firstResolved[j] = firstSolved;
      c.lastResolved[j] = lastSolved;
    } else {
      c.firstResolved[j] = firstClosed;
      c.lastResolved[j] = lastClosed;
    }
    const status = curKind < 0 ? -1 : curKind - K_STATUS;
    c.status[j] = status;
    c.resolvedChanges[j] = resolvedChanges;
    // Reopens and the first resolution need the status changes in order, unless the ticket was resolved at
    // most once and still is (or never): then neither a reopen nor an earlier resolution can exist.
    const needSort = level >= LEVEL_STATUSES || !(resolvedChanges === 0 || (resolvedChanges === 1 && status >= 4));
    if (!needSort) {
      c.reopens[j] = 0;
      c.firstResolution[j] = resolvedChanges === 0 ? NaN : firstSolved === firstSolved ? firstSolved : firstClosed;
      return;
    }
    const order = this.order;
    let total: number;
    if (level >= LEVEL_EVENTS) {
      for (let i = 0; i < n; i++) order[i] = i;
      total = n;
    } else {
      for (let s = 0; s < ns; s++) order[s] = sIdx[s] as number;
      total = ns;
    }
    // Insertion sort by (time, kind byte): histories are short and usually in order (then this is one pass).
    // A long history out of order (150,000 events newest first) would make it quadratic: sort it in O(n log n).
    if (total > 64 && !this.inOrder(total)) this.sortLong(total);
    else for (let x = 1; x < total; x++) {
      const e = order[x] as number;
      const ae = at[e] as number;
      const ke = kq[e] as number;
      let y = x - 1;
      while (y >= 0) {
        const o = order[y] as number;
        const ao = at[o] as number;
        if (ao < ae || (ao === ae && (kq[o] as number) <= ke)) break;
        order[y + 1] = o;
        y--;
      }
      order[y + 1] = e;
    }
    // Replay: statuses at one instant are one update (the last, in lifecycle order, wins).
    let resolved = false;
    let reopens = 0;
    let firstResolution = NaN;
    let w = 0;
    if (level >= LEVEL_STATUSES) {
      c.reserveEvents(total);
      w = c.evCount;
    }
    const { evAt, evKind, evSrc } = c;
    for (let x = 0; x < total; x++) {
      const e = order[x] as number;
      const b = kq[e] as number;
      const k = b >> KIND_SHIFT;
      if (k >= K_STATUS) {
        const t2 = at[e] as number;
        // Statuses sort last within an instant: the rest of this instant is status changes; the last wins.
        let y = x + 1;
        while (y < total && at[order[y] as number] === t2) y++;
        const lastE = order[y - 1] as number;
        const last = (kq[lastE] as number) >> KIND_SHIFT;
        const r = last >= K_SOLVED;
        if (resolved && !r) reopens++;
        if (r && firstResolution !== firstResolution) firstResolution = t2;
        resolved = r;
        if (level >= LEVEL_STATUSES) {
          evAt[w] = t2;
          evKind[w] = kq[lastE] as number;
          evSrc[w] = lastE;
          w++;
        }
        x = y - 1;
      } else if (level >= LEVEL_STATUSES) {
        evAt[w] = at[e] as number;
        evKind[w] = b;
        evSrc[w] = e;
        w++;
      }
    }
    c.reopens[j] = reopens;
    c.firstResolution[j] = firstResolution;
    if (level >= LEVEL_STATUSES) {
      c.evCount = w;
      c.evStart[j + 1] = w;
    }
  }

  /** Whether `order[0..total)` is already sorted by (time, kind byte). */
  private inOrder(total: number): boolean {
    const { order, at, kq } = this;
    for (let x = 1; x < total; x++) {
      const a = order[x - 1] as number;
      const b = order[x] as number;
      if ((at[a] as number) > (at[b] as number) || (at[a] === at[b] && (kq[a] as number) > (kq[b] as number))) return false;
    }
    return true;
  }

  /** Sorts `order[0..total)` by (time, kind byte, index): O(n log n), for long histories out of order. */
  private sortLong(total: number): void {
    const { at, kq } = this;
    this.order.subarray(0, total).sort((a, b) => (at[a] as number) - (at[b] as number) || (kq[a] as number) - (kq[b] as number) || a - b);
  }

  private summary(t: Ticket & Record<string, unknown>, createdBy: Ticket['createdBy'], c: TicketColumns, j: number): void {
    const { zone, minMs } = this.config;
    const createdMs = c.created[j] as number;
    const optionalTime = (value: unknown, field: string): number => (value === undefined || value === null ? NaN : recordTime(value, field, zone, minMs));
    const reply = optionalTime(t.firstRespondedAt, 'firstRespondedAt');
    let first = optionalTime(t.firstResolvedAt, 'firstResolvedAt');
    let last = optionalTime(t.resolvedAt, 'resolvedAt');
    if (reply < createdMs) throw new Invalid('event_before_creation', 'firstRespondedAt', `reply at ${isoOf(reply)} precedes createdAt ${isoOf(createdMs)}`);
    if (first < createdMs) throw new Invalid('event_before_creation', 'firstResolvedAt', `resolution at ${isoOf(first)} precedes createdAt ${isoOf(createdMs)}`);
    if (last < createdMs) throw new Invalid('event_before_creation', 'resolvedAt', `resolution at ${isoOf(last)} precedes createdAt ${isoOf(createdMs)}`);
    const count = (field: 'agentReplies' | 'customerReplies' | 'reopens'): number => {
      const v = t[field];
      if (v === undefined || v === null) return -1;
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Invalid('invalid_value', field, `must be a whole number ≥ 0, got ${describe(v)}`);
      return v;
    };
    const reopens = count('reopens');
    let f = c.flags[j] as number;
    // One resolution time given: it is both the first and the last unless the ticket was reopened, when the
    // first is unknown (only resolvedAt) or the last is (only firstResolvedAt, and the ticket is open again).
    if (first !== first && last === last && reopens > 0) f |= F_FIRST_RES_UNKNOWN;
    if (first !== first) first = last;
    if (last !== last) last = first;
    if (last < first) throw new Invalid('inconsistent', 'resolvedAt', `the last resolution ${isoOf(last)} precedes the first ${isoOf(first)}`);
    let status = -1;
    if (t.status !== undefined && t.status !== null) {
      const k = this.statusKind(t.status);
      if (k < 0) throw new Invalid('unknown_status', 'status', `${describe(t.status)} is not a known status; map it with the statusMap option`);
      status = k;
    }
    if (last !== last && status >= 4) throw new Invalid('missing_field', 'resolvedAt', `status ${describe(t.status)} needs resolvedAt (or firstResolvedAt)`);
    c.replies[j] = count('agentReplies');
    c.customers[j] = count('customerReplies');
    c.reopens[j] = reopens;
    c.firstReply[j] = reply;
    c.secondReply[j] = NaN;
    c.firstCustomer[j] = NaN;
    c.firstResolved[j] = first;
    c.lastResolved[j] = last;
    c.firstResolution[j] = (f & F_FIRST_RES_UNKNOWN) !== 0 ? NaN : first;
    c.status[j] = status;
    c.resolvedChanges[j] = 0;
    if (createdBy === 'agent') f |= F_AGENT_CREATED;
    if (createdBy === 'customer') f |= F_CUSTOMER_CREATED;
    c.flags[j] = f & ~F_EVENTS;
    for (const field of SUMMARY_EXTRA_COUNTS) {
      const v = t[field];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Invalid('invalid_value', field, `must be a whole number ≥ 0, got ${describe(v)}`);
    }
    for (const field of SUMMARY_EXTRA_TIMES) {
      const v = t[field];
      if (v === undefined || v === null) continue;
      const ms = recordTime(v, field, zone, minMs);
      if (ms < createdMs) throw new Invalid('event_before_creation', field, `assignment at ${isoOf(ms)} precedes createdAt ${isoOf(createdMs)}`);
    }
  }

  private statusKind(s: unknown): number {
    const statusMap = this.config.statusMap;
    if (statusMap !== undefined && typeof s === 'string' && Object.prototype.hasOwnProperty.call(statusMap, s)) {
      return canonicalStatus(statusMap[s]);
    }
    return canonicalStatus(s);
  }
}

/** @internal The MetricsError for record `index` that broke `rule`. */
export function invalidError(functionName: string, rule: Invalid, index: number, raw: unknown): MetricsError {
  return recordError(functionName, 'tickets', rule, index, raw);
}
