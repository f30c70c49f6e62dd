/**
 * The facts of a batch of tickets, one typed-array column per fact (record `j` of the batch is input index
 * `base + j`), and the ticket's events sorted by (time, kind) in compressed-row form. Written by the ticket
 * reader, read by every ticket metric's step. A prepared set is one batch holding every ticket; a metric given
 * a raw array reads it in batches into one reused {@link TicketColumns}.
 *
 * @internal
 * @module
 */
import type { TicketStatus } from '../model/index.js';
import type { Invalid } from '../_lib/records.js';
import type { RecordBatch } from './recordBatch.js';

// Event kinds (`evKind >> 2`). At one instant events are ordered by the kind byte: customer messages, agent
// messages, bot, system, assignments, then statuses in lifecycle order (decision 6); then by the two flag bits.
/** @internal */ export const K_CUSTOMER = 0;
/** @internal */ export const K_AGENT = 1;
/** @internal */ export const K_BOT = 2;
/** @internal */ export const K_SYSTEM = 3;
/** @internal An assignment change: neither a message nor a status. */
export const K_ASSIGN = 5;
/** @internal Status kinds are K_STATUS + index in {@link STATUSES}. */
export const K_STATUS = 10;
/** @internal */ export const K_SOLVED = K_STATUS + 4;
/** @internal */ export const K_CLOSED = K_STATUS + 5;
/** @internal `evKind >> KIND_SHIFT` is the kind. */
export const KIND_SHIFT = 2;
/** @internal `evKind` bit: the message is a qualifying reply. */
export const Q_REPLY = 1;
/** @internal `evKind` bit: visible to the customer. */
export const Q_PUBLIC = 2;
/** @internal The kind byte of the first status kind: `evKind >= KB_STATUS` means a status change. */
export const KB_STATUS = 10 << 2;
/** @internal `evKind >= KB_SOLVED` means solved or closed. */
export const KB_SOLVED = 14 << 2;

/** @internal The canonical statuses, in lifecycle order. */
export const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
/** @internal Status index of `solved`; `closed` is 5. */
export const ST_SOLVED = 4;

// Ticket flags.
/** @internal The events form (else the summary form). */
export const F_EVENTS = 1;
/** @internal Agent-created (outbound). */
export const F_AGENT_CREATED = 2;
/** @internal The earliest message is a qualifying reply. */
export const F_FIRST_QUALIFIES = 4;
/** @internal `spam: true`, or a spam tag. */
export const F_SPAM = 8;
/** @internal `deleted: true`. */
export const F_DELETED = 16;
/** @internal `mergedInto` set, or a merged tag. */
export const F_MERGED = 32;
/** @internal Summary form: the first resolution is not known (only `resolvedAt`, and `reopens > 0`). */
export const F_FIRST_RES_UNKNOWN = 64;
/** @internal `createdBy: 'customer'`: the requester wrote the opening message. */
export const F_CUSTOMER_CREATED = 128;

// Record states.
/** @internal Read and valid at the level read. */
export const S_OK = 0;
/** @internal The identity is invalid: excluded (or thrown) by every metric. */
export { S_BAD } from './recordBatch.js';
/** @internal The history is invalid: excluded (or thrown) by the metrics that read it. */
export const S_BAD_HISTORY = 2;

/** @internal How much of each ticket a batch holds. */
export const LEVEL_IDENTITY = 0;
/** @internal Identity, flags and the facts derived from the history (validated whole), no events. */
export const LEVEL_FACTS = 1;
/** @internal Facts and the status changes, sorted and collapsed (what the status replays read). */
export const LEVEL_STATUSES = 2;
/** @internal Facts and every event, sorted (statuses collapsed). */
export const LEVEL_EVENTS = 3;

const EMPTY: readonly unknown[] = [];

/** @internal See the module comment. Times are epoch ms, NaN when the event never happened. */
export class TicketColumns implements RecordBatch {
  /** Records in the batch. */
  n = 0;
  /** Input index of record 0. */
  base = 0;
  offset = 0;
  /** The input the batch was read from (raw tickets, for key functions and ids). */
  records: readonly unknown[] = EMPTY;
  /** What each record holds: LEVEL_IDENTITY, LEVEL_FACTS, LEVEL_STATUSES or LEVEL_EVENTS. */
  level = LEVEL_IDENTITY;
  /** Why records are bad, by batch index (states S_BAD and S_BAD_HISTORY). */
  readonly errors = new Map<number, Invalid>();

  state = new Uint8Array(0);
  flags = new Uint8Array(0);
  /**
   * The id of each record as given (valid identities only): the labels of exclusions come from here, not from
   * the ticket objects, which a metric's step never has to touch again.
   */
  ids: Array<string | number> = [];
  /** Latest status (index into STATUSES), −1 when unknown. */
  status = new Int8Array(0);
  created = new Float64Array(0);
  firstCustomer = new Float64Array(0);
  firstReply = new Float64Array(0);
  secondReply = new Float64Array(0);
  /** First solve, else first close (the reader's rule for first resolution time). */
  firstResolved = new Float64Array(0);
  /** Last solve, else last close. */
  lastResolved = new Float64Array(0);
  /** The first instant the ticket is resolved (solved or closed, whichever first; same-instant updates collapsed). */
  firstResolution = new Float64Array(0);
  /** Qualifying replies (events) or `agentReplies` (summary; −1 when absent). Doubles: a summary count may exceed 2^31. */
  replies = new Float64Array(0);
  /** Customer messages (events) or `customerReplies` (summary; −1 when absent). */
  customers = new Float64Array(0);
  /** Reopens (events: counted by replay; summary: `reopens`, −1 when absent). */
  reopens = new Float64Array(0);
  /** Events form: public messages by customers, agents and bots (what interactionsPerTicket counts). */
  publicCustomer = new Uint32Array(0);
  publicAgent = new Uint32Array(0);
  publicBot = new Uint32Array(0);
  /** Events form: solved or closed status changes. */
  resolvedChanges = new Int32Array(0);
  /** Events of record j are evAt[evStart[j] .. evStart[j + 1]). */
  evStart = new Int32Array(1);
  evAt = new Float64Array(0);
  /** Kind (`>> KIND_SHIFT`) and the Q_REPLY / Q_PUBLIC bits. Same-instant status changes are collapsed to the last. */
  evKind = new Uint8Array(0);
  /** The event's index in the ticket's `events` array. */
  evSrc = new Int32Array(0);
  /** Events written so far. */
  evCount = 0;

  /** Makes room for `n` records (contents undefined until written) and clears the batch. */
  reset(records: readonly unknown[], base: number, n: number, level: number): void {
    this.records = records;
    this.base = base;
    this.n = n;
    this.level = level;
    this.errors.clear();
    this.evCount = 0;
    if (this.ids.length < n) this.ids = new Array<string | number>(n).fill('');
    if (this.state.length < n) {
      this.state = new Uint8Array(n);
      this.flags = new Uint8Array(n);
      this.created = new Float64Array(n);
      if (level >= LEVEL_FACTS) this.growFacts(n);
    } else if (level >= LEVEL_FACTS && this.firstReply.length < n) {
      this.growFacts(this.state.length);
    }
    if (this.evStart.length < n + 1) this.evStart = new Int32Array(n + 1);
    this.evStart[0] = 0;
  }

  private growFacts(n: number): void {
    this.status = new Int8Array(n);
    this.firstCustomer = new Float64Array(n);
    this.firstReply = new Float64Array(n);
    this.secondReply = new Float64Array(n);
    this.firstResolved = new Float64Array(n);
    this.lastResolved = new Float64Array(n);
    this.firstResolution = new Float64Array(n);
    this.replies = new Float64Array(n);
    this.customers = new Float64Array(n);
    this.reopens = new Float64Array(n);
    this.publicCustomer = new Uint32Array(n);
    this.publicAgent = new Uint32Array(n);
    this.publicBot = new Uint32Array(n);
    this.resolvedChanges = new Int32Array(n);
  }

  /** Makes room for `extra` more events, keeping those written. */
  reserveEvents(extra: number): void {
    const need = this.evCount + extra;
    if (this.evAt.length >= need) return;
    let size = Math.max(1024, this.evAt.length);
    while (size < need) size = Math.ceil(size * 1.5);
    const at = new Float64Array(size);
    const kind = new Uint8Array(size);
    const src = new Int32Array(size);
    at.set(this.evAt.subarray(0, this.evCount));
    kind.set(this.evKind.subarray(0, this.evCount));
    src.set(this.evSrc.subarray(0, this.evCount));
    this.evAt = at;
    this.evKind = kind;
    this.evSrc = src;
  }

  /** Drops the unused capacity (for a prepared set that lives on after reading). */
  trim(): void {
    const n = this.n;
    const cut = <T extends { length: number; slice(a: number, b: number): T }>(a: T, len: number): T => (a.length > len ? a.slice(0, len) : a);
    this.state = cut(this.state, n);
    if (this.ids.length > n) this.ids = this.ids.slice(0, n);
    this.flags = cut(this.flags, n);
    this.created = cut(this.created, n);
    if (this.level >= LEVEL_FACTS) {
      this.status = cut(this.status, n);
      this.firstCustomer = cut(this.firstCustomer, n);
      this.firstReply = cut(this.firstReply, n);
      this.secondReply = cut(this.secondReply, n);
      this.firstResolved = cut(this.firstResolved, n);
      this.lastResolved = cut(this.lastResolved, n);
      this.firstResolution = cut(this.firstResolution, n);
      this.replies = cut(this.replies, n);
      this.customers = cut(this.customers, n);
      this.reopens = cut(this.reopens, n);
      this.publicCustomer = cut(this.publicCustomer, n);
      this.publicAgent = cut(this.publicAgent, n);
      this.publicBot = cut(this.publicBot, n);
      this.resolvedChanges = cut(this.resolvedChanges, n);
    }
    this.evStart = cut(this.evStart, n + 1);
    this.evAt = cut(this.evAt, this.evCount);
    this.evKind = cut(this.evKind, this.evCount);
    this.evSrc = cut(this.evSrc, this.evCount);
  }

  /** The rule record j broke (a ticket has one: its identity's or its history's). */
  errorOf(j: number): Invalid {
    return this.errors.get(j) as Invalid;
  }

  /** The id label of record j (numbers as their decimal string); a record with a valid identity only. */
  idOf(j: number): string {
    const id = this.ids[j] as string | number;
    return typeof id === 'string' ? id : String(id);
  }

  /** Bytes held by the columns (for the memory figures). */
  byteSize(): number {
    let b = 0;
    for (const a of [this.state, this.flags, this.status, this.created, this.firstCustomer, this.firstReply, this.secondReply, this.firstResolved, this.lastResolved, this.firstResolution, this.replies, this.customers, this.reopens, this.publicCustomer, this.publicAgent, this.publicBot, this.resolvedChanges, this.evStart, this.evAt, this.evKind, this.evSrc]) b += a.byteLength;
    return b;
  }
}

/** @internal Whether status index `s` means resolved (solved or closed). */
export function isResolvedStatus(s: number): boolean {
  return s >= ST_SOLVED;
}

/**
 * @internal Whether record j is resolved now: its latest status is solved/closed, or (summary form without a
 * status) it has a resolution time.
 */
export function resolvedNow(c: TicketColumns, j: number): boolean {
  const s = c.status[j] as number;
  if (s >= 0) return s >= ST_SOLVED;
  return ((c.flags[j] as number) & F_EVENTS) === 0 && c.lastResolved[j] === c.lastResolved[j];
}
