/**
 * A ticket being assembled from a vendor's records: its base fields, its events (times in epoch ms) or its
 * summary fields; the reopen inference; the channel vocabulary every importer shares; and the final
 * {@link Ticket}.
 *
 * @internal
 * @module
 */
import type { MessageAuthor, SurveyResponse, Ticket, TicketStatus } from '../../model/index.js';
import type { ImportLog, ImportRecordRef } from './result.js';
import { Vocabulary } from './vocab.js';

/** @internal An event with its time already in epoch ms. */
export type DraftEvent =
  | { readonly type: 'message'; readonly at: number; readonly author: MessageAuthor; readonly public?: boolean; readonly authorId?: string }
  | { readonly type: 'status'; readonly at: number; readonly status: TicketStatus }
  | {
      readonly type: 'assignment';
      readonly at: number;
      readonly assigneeId?: string | null;
      readonly groupId?: string | null;
      readonly author?: MessageAuthor;
    };

/** @internal The fields of a ticket besides its history. */
export interface DraftBase {
  channel?: string;
  priority?: string;
  assigneeId?: string;
  groupId?: string;
  requesterId?: string;
  tags?: string[];
  createdBy?: 'customer' | 'agent' | 'system';
  spam?: boolean;
  deleted?: boolean;
  mergedInto?: string | number;
  fields?: Record<string, string | number | boolean | null>;
}

/** @internal A ticket being assembled. */
export class TicketDraft {
  readonly base: DraftBase = {};
  readonly events: DraftEvent[] = [];
  /** Set for the summary form (the events are then unused). */
  summary: Record<string, unknown> | undefined;

  constructor(
    readonly id: string | number,
    readonly createdMs: number,
    /** The record the ticket came from, for warnings. */
    readonly ref: ImportRecordRef,
  ) {}

  get key(): string {
    return String(this.id);
  }

  /**
   * Adds the events of one input record: all of them, or none when one precedes the ticket's creation (the
   * record is then excluded as `before_creation`). Counts the record as imported otherwise.
   */
  emit(log: ImportLog, record: ImportRecordRef, events: readonly DraftEvent[]): boolean {
    for (const e of events) {
      if (e.at < this.createdMs) {
        log.exclude('before_creation', record, `at ${new Date(e.at).toISOString()}, before the ticket's creation ${new Date(this.createdMs).toISOString()}`);
        return false;
      }
    }
    for (const e of events) this.events.push(e);
    log.imported(record.collection);
    return true;
  }

  /** The model ticket: the events form (sorted by time, then kind) unless `summary` was set. */
  build(): Ticket {
    const t: Record<string, unknown> = { id: this.id, createdAt: this.createdMs };
    const b = this.base;
    for (const k of ['channel', 'priority', 'assigneeId', 'groupId', 'requesterId', 'tags', 'createdBy', 'spam', 'deleted', 'mergedInto', 'fields'] as const) {
      if (b[k] !== undefined) t[k] = b[k];
    }
    if (this.summary !== undefined) {
      for (const [k, v] of Object.entries(this.summary)) if (v !== undefined) t[k] = v;
    } else {
      t.events = sortEvents(this.events);
    }
    return t as unknown as Ticket;
  }
}

const STATUS_RANK: Readonly<Record<TicketStatus, number>> = { new: 10, open: 11, pending: 12, on_hold: 13, solved: 14, closed: 15 };
const AUTHOR_RANK: Readonly<Record<MessageAuthor, number>> = { customer: 0, agent: 1, bot: 2, system: 3 };

/** @internal The reader's order at one instant: customer, agent, bot, system, assignment, statuses in lifecycle order. */
export function eventRank(e: DraftEvent): number {
  if (e.type === 'message') return AUTHOR_RANK[e.author];
  if (e.type === 'status') return STATUS_RANK[e.status];
  return 5;
}

/** @internal A sorted copy: by time, then by the reader's order; stable. */
export function sortEvents(events: readonly DraftEvent[]): DraftEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at - y.e.at || eventRank(x.e) - eventRank(y.e) || x.i - y.i)
    .map((x) => x.e);
}

/**
 * @internal Where the vendor reopens a resolved conversation when the customer writes (Intercom, Chatwoot)
 * and records no status change: a public customer message while the ticket is solved or closed becomes a
 * reopen (`open`) at that instant, unless a status change is recorded at that very instant. Each inferred
 * reopen is a `reopen_inferred` warning. With `resumeOnHold` (Intercom: a reply ends a snooze) a customer
 * message while on hold sets the ticket open too (`status_inferred`). Returns the number of reopens inferred.
 */
export function inferReopens(draft: TicketDraft, log: ImportLog, resumeOnHold = false): number {
  const sorted = sortEvents(draft.events);
  const statusAt = new Set<number>();
  for (const e of sorted) if (e.type === 'status') statusAt.add(e.at);
  let state: TicketStatus | undefined;
  let inferred = 0;
  for (const e of sorted) {
    if (e.type === 'status') state = e.status;
    else if (e.type === 'message' && e.author === 'customer' && e.public !== false && state !== undefined && !statusAt.has(e.at)) {
      const resolved = state === 'solved' || state === 'closed';
      if (!resolved && !(resumeOnHold && state === 'on_hold')) continue;
      draft.events.push({ type: 'status', at: e.at, status: 'open' });
      statusAt.add(e.at);
      state = 'open';
      const when = new Date(e.at).toISOString();
      if (resolved) {
        inferred++;
        log.warn('reopen_inferred', `a customer message at ${when} after the resolution is taken as a reopen`, draft.ref);
      } else {
        log.warn('status_inferred', `a customer message at ${when} ends the snooze (open)`, draft.ref);
      }
    }
  }
  return inferred;
}

/** @internal The channel names every importer maps onto (documented in docs/import.md). */
export const CHANNELS = /* @__PURE__ */ new Vocabulary<string>([
  ['email', 'email'], ['mail', 'email'], ['e_mail', 'email'], ['outbound_email', 'email'],
  ['web', 'web'], ['web_form', 'web'], ['portal', 'web'], ['help_center', 'web'], ['feedback_widget', 'web'], ['web_widget', 'web'],
  ['api', 'api'], ['web_service', 'api'],
  ['chat', 'chat'], ['live_chat', 'chat'], ['conversation', 'chat'], ['beacon', 'chat'],
  ['messaging', 'messaging'], ['native_messaging', 'messaging'], ['mobile_sdk', 'messaging'], ['mobile', 'mobile'], ['push', 'messaging'],
  ['phone', 'phone'], ['voice', 'phone'], ['voicemail', 'phone'], ['phone_call', 'phone'], ['phone_switch', 'phone'],
  ['phone_call_(incoming)', 'phone'], ['phone_call_(outbound)', 'phone'],
  ['sms', 'sms'], ['text', 'sms'],
  ['whatsapp', 'whatsapp'], ['facebook', 'facebook'], ['facebook_post', 'facebook'], ['facebook_message', 'facebook'],
  ['instagram', 'instagram'], ['instagram_dm', 'instagram'], ['twitter', 'twitter'], ['twitter_dm', 'twitter'], ['x', 'twitter'],
  ['telegram', 'telegram'], ['line', 'line'], ['wechat', 'wechat'],
  ['closed_ticket', 'follow_up'], ['rule', 'system'], ['system', 'system'], ['sample_ticket', 'system'],
]);

/**
 * @internal The channel for a vendor's value: mapped through `extra` (vendor-specific labels) then
 * {@link CHANNELS}; an unknown value is kept as given with a `channel_unmapped` warning.
 */
export function channelOf(value: unknown, log: ImportLog, record: ImportRecordRef, extra?: Vocabulary<string>): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const mapped = extra?.get(value) ?? CHANNELS.get(value);
  if (mapped !== undefined) return mapped;
  const kept = String(value);
  log.warn('channel_unmapped', `channel ${JSON.stringify(kept)} has no mapping; kept as given`, record);
  return kept;
}

/** @internal A message event; `public` is written only when false, `authorId` only when known. */
export function messageEvent(at: number, author: MessageAuthor, pub = true, authorId?: string): DraftEvent {
  const m: { type: 'message'; at: number; author: MessageAuthor; public?: boolean; authorId?: string } = { type: 'message', at, author };
  if (!pub) m.public = false;
  if (authorId !== undefined) m.authorId = authorId;
  return m;
}

/**
 * @internal A survey response: `ticketId` the ticket's id as imported when the ticket is known (else as the
 * rating gives it), and the ticket's channel.
 */
export function surveyResponse(
  id: string | number,
  score: number | null,
  ticketId: string | number | undefined,
  ticket: TicketDraft | undefined,
  at: number | undefined,
  agentId: string | undefined,
): SurveyResponse {
  const r: { id: string | number; score: number | null; ticketId?: string | number; at?: number; agentId?: string; channel?: string } = { id, score };
  if (ticketId !== undefined) r.ticketId = ticket?.id ?? ticketId;
  if (at !== undefined) r.at = at;
  if (agentId !== undefined) r.agentId = agentId;
  if (ticket?.base.channel !== undefined) r.channel = ticket.base.channel;
  return r;
}
