/**
 * Freshdesk API v2 objects to the model.
 *
 * Mapping: tickets (integer `status` 2 Open, 3 Pending, 4 Resolved → solved, 5 Closed, custom codes through
 * `statusMap`; `priority` 1–4; `source` → channel; `spam`, `deleted`; the description as the first customer
 * message, or the agent's for Outbound Email (source 10), which is agent-created); conversations (`incoming` →
 * customer, `private` → internal note, other agent replies and public notes → replies, as Freshdesk counts
 * them); activities (status changes and assignments); `stats` when there are no activities; satisfaction
 * ratings (103 … −103 on a 1–7 scale, with the agent).
 * Options: invalid, statusMap, channelMap.
 *
 * @module
 */
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import type { InvalidMode } from '../../_lib/tickets.js';
import type { MessageAuthor, SurveyResponse, Ticket, TicketStatus } from '../../model/index.js';
import { channelOf, TicketDraft, type DraftEvent } from '../_lib/draft.js';
import {
  asId,
  asObject,
  collection,
  dedupe,
  fieldValue,
  guard,
  idLabel,
  inputObject,
  optBool,
  optIdString,
  optObject,
  optString,
  optTags,
  readCommonOptions,
  ref,
  type Raw,
} from '../_lib/read.js';
import { ImportLog, type ImportResult } from '../_lib/result.js';
import { compileFormat, formattedTime, isoTime, optIsoTime, type DateFormat } from '../_lib/time.js';
import { channelMapOption, statusMapOption, type Vocabulary } from '../_lib/vocab.js';
import { FRESHDESK_SOURCES, FRESHDESK_STATUSES, OUTBOUND_EMAIL, priorityOf, ratingOnSeven } from './shared.js';

/**
 * The collections {@link fromFreshdesk} takes, as the Freshdesk API v2 returns them.
 *
 * @category Import
 */
export interface FromFreshdeskInput {
  /** `GET /api/v2/tickets?include=stats` (the `stats` give the resolution instants without activities). */
  readonly tickets: readonly unknown[];
  /** `GET /api/v2/tickets/{id}/conversations`: replies and notes (each carries `ticket_id`). */
  readonly conversations?: readonly unknown[];
  /** `GET /api/v2/surveys/satisfaction_ratings`. */
  readonly satisfactionRatings?: readonly unknown[];
  /**
   * The ticket activities export (`GET /api/v2/export/ticket_activities`, the `activities_data` list): each
   * `{ ticket_id, performed_at, performer_type, activity: { status?, agent_id?, group_id?, … } }`; the status
   * history, so the first resolution and every reopen are known.
   */
  readonly activities?: readonly unknown[];
}

/**
 * Options of {@link fromFreshdesk}.
 *
 * @category Import
 */
export interface FromFreshdeskOptions {
  /** @defaultValue `'throw'` */
  readonly invalid?: InvalidMode;
  /**
   * The account's custom statuses (codes 6 and up, or their labels) onto the canonical statuses, over the
   * built-in 2–5: `{ '6': 'pending', 'Waiting on Customer': 'pending' }`.
   */
  readonly statusMap?: Readonly<Record<string, TicketStatus>>;
  /** Extra source codes or labels onto channel names. */
  readonly channelMap?: Readonly<Record<string, string>>;
}

const NAME = 'fromFreshdesk';
const OPTION_KEYS = ['invalid', 'statusMap', 'channelMap'] as const;
/** The activities export writes `21-03-2026 09:00:00 +0000`. */
const ACTIVITY_TIME: DateFormat = /* @__PURE__ */ compileFormat('DD-MM-YYYY HH:mm:ss Z') as DateFormat;
const MERGED_INTO = /merged into (?:ticket\s*)?#?(\d+)/i;

interface Stats {
  readonly firstRespondedMs: number | undefined;
  readonly resolvedMs: number | undefined;
  readonly closedMs: number | undefined;
  readonly reopenedMs: number | undefined;
  readonly pendingSinceMs: number | undefined;
  readonly statusUpdatedMs: number | undefined;
}

interface TicketState {
  readonly draft: TicketDraft;
  readonly status: TicketStatus | undefined;
  readonly stats: Stats | undefined;
  readonly updatedMs: number | undefined;
  hasConversations: boolean;
  hasActivities: boolean;
  agentReplies: number;
  customerMessages: number;
  readonly notes: string[];
}

function updatedOf(raw: unknown): number {
  const u = (raw as Raw | null)?.updated_at;
  return typeof u === 'string' ? Date.parse(u) : NaN;
}

function statusOf(v: unknown, field: string, statuses: Vocabulary<TicketStatus>): TicketStatus {
  const s = statuses.get(v);
  if (s === undefined) {
    throw new Invalid('unknown_status', field, `${describe(v)} is not a built-in Freshdesk status (2 Open, 3 Pending, 4 Resolved, 5 Closed); map the account's custom statuses with the statusMap option`);
  }
  return s;
}

/**
 * Reads what the Freshdesk API v2 returns into tickets and survey responses.
 *
 * Per ticket, the status history comes from its activities; without them, from `stats` (exact resolution and
 * close instants) when the ticket was never reopened; a reopened ticket without activities takes the summary
 * form with a `first_resolution_unknown` warning (the API gives only the latest resolution). The messages
 * come from the description and the conversations.
 *
 * @category Import
 * @param input - the collections, as the API returns them
 * @param options - `invalid`, `statusMap` (custom statuses), `channelMap`
 * @returns the model (`tickets`, `surveys`), `excluded`, `warnings`, `counts`
 * @example
 * ```ts
 * import { fromFreshdesk, reopenRate, resolutionTime } from 'helpdesk-metrics';
 * const { tickets } = fromFreshdesk({
 *   tickets: [{ id: 7, created_at: '2026-03-02T09:00:00Z', status: 4, priority: 2, source: 1, requester_id: 1 }],
 *   conversations: [{ id: 70, ticket_id: 7, created_at: '2026-03-02T09:30:00Z', incoming: false, private: false, user_id: 2 }],
 *   activities: [
 *     { ticket_id: 7, performed_at: '2026-03-02T09:00:00Z', activity: { new_ticket: true, status: 'Open' } },
 *     { ticket_id: 7, performed_at: '2026-03-03T08:00:00Z', activity: { status: 'Resolved' } },
 *     { ticket_id: 7, performed_at: '2026-03-04T10:00:00Z', activity: { status: 'Open' } },
 *     { ticket_id: 7, performed_at: '2026-03-05T12:00:00Z', activity: { status: 'Resolved' } },
 *   ],
 * });
 * reopenRate(tickets).percent;                                   //=> 100
 * resolutionTime(tickets, { resolution: 'first' }).meanMs / 60000; //=> 1380
 * ```
 */
export function fromFreshdesk(input: FromFreshdeskInput, options?: FromFreshdeskOptions): ImportResult {
  const { invalid } = readCommonOptions(NAME, options, OPTION_KEYS);
  const statuses = statusMapOption(NAME, options?.statusMap, FRESHDESK_STATUSES);
  const channels = channelMapOption(NAME, options?.channelMap, FRESHDESK_SOURCES);
  const src = inputObject(NAME, input, 'input');
  const log = new ImportLog(NAME);
  const lists = {
    tickets: collection(NAME, src.tickets, 'tickets', false),
    conversations: collection(NAME, src.conversations, 'conversations', true),
    activities: collection(NAME, src.activities, 'activities', true),
    satisfactionRatings: collection(NAME, src.satisfactionRatings, 'satisfactionRatings', true),
  };
  for (const [name, list] of Object.entries(lists)) if (name === 'tickets' || src[name] !== undefined) log.input(name, list.length);

  const states = new Map<string, TicketState>();
  for (const i of dedupe(log, 'tickets', lists.tickets, updatedOf)) {
    const raw = lists.tickets[i];
    const r = ref('tickets', i, raw);
    guard(log, invalid, { collection: 'tickets', index: i, id: idLabel(raw) }, r, '', () => {
      const t = asObject(raw, undefined);
      const id = asId(t.id, 'id');
      const createdMs = isoTime(t.created_at, 'created_at', undefined);
      const draft = new TicketDraft(id, createdMs, r);
      const b = draft.base;
      const status = t.status === undefined || t.status === null ? undefined : statusOf(t.status, 'status', statuses);
      const source = t.source;
      const channel = channelOf(source, log, r, channels);
      if (channel !== undefined) b.channel = channel;
      const priority = priorityOf(t.priority, 'priority');
      if (priority !== undefined) b.priority = priority;
      const agent = optIdString(t.responder_id, 'responder_id');
      if (agent !== undefined) b.assigneeId = agent;
      const group = optIdString(t.group_id, 'group_id');
      if (group !== undefined) b.groupId = group;
      const requester = optIdString(t.requester_id, 'requester_id');
      if (requester !== undefined) b.requesterId = requester;
      const tags = optTags(t.tags, 'tags');
      if (tags !== undefined) b.tags = tags;
      if (optBool(t.spam, 'spam') === true) b.spam = true;
      if (optBool(t.deleted, 'deleted') === true) b.deleted = true;
      const cf = optObject(t.custom_fields, 'custom_fields');
      if (cf !== undefined) {
        const entries = Object.entries(cf).map(([k, v]) => [k, fieldValue(v, `custom_fields.${k}`)] as const);
        if (entries.length > 0) b.fields = Object.fromEntries(entries);
      }
      const outbound = source === OUTBOUND_EMAIL || source === String(OUTBOUND_EMAIL);
      b.createdBy = outbound ? 'agent' : 'customer';
      const opening: { type: 'message'; at: number; author: MessageAuthor; authorId?: string } = { type: 'message', at: createdMs, author: outbound ? 'agent' : 'customer' };
      if (!outbound && requester !== undefined) opening.authorId = requester;
      draft.events.push(opening);
      const st = optObject(t.stats, 'stats');
      const stats: Stats | undefined =
        st === undefined
          ? undefined
          : {
              firstRespondedMs: optIsoTime(st.first_responded_at, 'stats.first_responded_at', undefined),
              resolvedMs: optIsoTime(st.resolved_at, 'stats.resolved_at', undefined),
              closedMs: optIsoTime(st.closed_at, 'stats.closed_at', undefined),
              reopenedMs: optIsoTime(st.reopened_at, 'stats.reopened_at', undefined),
              pendingSinceMs: optIsoTime(st.pending_since, 'stats.pending_since', undefined),
              statusUpdatedMs: optIsoTime(st.status_updated_at, 'stats.status_updated_at', undefined),
            };
      states.set(draft.key, {
        draft,
        status,
        stats,
        updatedMs: optIsoTime(t.updated_at, 'updated_at', undefined),
        hasConversations: false,
        hasActivities: false,
        agentReplies: 0,
        customerMessages: outbound ? 0 : 1,
        notes: [],
      });
      log.imported('tickets');
    });
  }

  for (const i of dedupe(log, 'conversations', lists.conversations, updatedOf)) {
    const raw = lists.conversations[i];
    const top = { collection: 'conversations', index: i, id: idLabel(raw) };
    const r = ref('conversations', i, raw);
    guard(log, invalid, top, r, '', () => {
      const c = asObject(raw, undefined);
      const tid = String(asId(c.ticket_id, 'ticket_id'));
      const at = isoTime(c.created_at, 'created_at', undefined);
      const incoming = optBool(c.incoming, 'incoming') ?? false;
      const priv = optBool(c.private, 'private') ?? false;
      const user = optIdString(c.user_id, 'user_id');
      const forward = c.source === 8;
      const s = states.get(tid);
      const withTicket = { ...r, ticketId: tid };
      if (s === undefined) {
        log.exclude('unknown_ticket', withTicket, 'no ticket with this id in tickets');
        return;
      }
      s.hasConversations = true;
      const msg: { type: 'message'; at: number; author: MessageAuthor; public?: boolean; authorId?: string } = { type: 'message', at, author: incoming ? 'customer' : 'agent' };
      if (priv || (forward && !incoming)) msg.public = false;
      if (user !== undefined) msg.authorId = user;
      if (s.draft.emit(log, withTicket, [msg])) {
        if (incoming) s.customerMessages++;
        else if (msg.public !== false) s.agentReplies++;
      }
      if (priv) {
        const body = optString(c.body_text, 'body_text') ?? optString(c.body, 'body');
        if (body !== undefined) s.notes.push(body);
      }
    });
  }

  for (let i = 0; i < lists.activities.length; i++) {
    const raw = lists.activities[i];
    const top = { collection: 'activities', index: i, id: idLabel(raw, 'ticket_id') };
    const r = ref('activities', i, raw, 'activity');
    guard(log, invalid, top, r, '', () => {
      const a = asObject(raw, undefined);
      const tid = String(asId(a.ticket_id, 'ticket_id'));
      const at = activityTime(a.performed_at);
      const act = asObject(a.activity, 'activity');
      const performer = optString(a.performer_type, 'performer_type');
      const s = states.get(tid);
      const withTicket = { ...r, ticketId: tid };
      if (s === undefined) {
        log.exclude('unknown_ticket', withTicket, 'no ticket with this id in tickets');
        return;
      }
      const events: DraftEvent[] = [];
      if (act.status !== undefined && act.status !== null) events.push({ type: 'status', at, status: statusOf(act.status, 'activity.status', statuses) });
      const agent = act.agent_id !== undefined ? optIdString(act.agent_id, 'activity.agent_id') ?? null : undefined;
      const group = act.group_id !== undefined ? optIdString(act.group_id, 'activity.group_id') ?? null : undefined;
      if (agent !== undefined || group !== undefined) {
        const e: { type: 'assignment'; at: number; assigneeId?: string | null; groupId?: string | null; author?: MessageAuthor } = { type: 'assignment', at };
        if (agent !== undefined) e.assigneeId = agent;
        if (group !== undefined) e.groupId = group;
        if (performer !== undefined) e.author = performer === 'system' || performer === 'automation' ? 'system' : 'agent';
        events.push(e);
      }
      if (events.length === 0) {
        log.exclude('not_modelled', withTicket, 'an activity with no status or assignment change');
        return;
      }
      s.hasActivities = true;
      s.draft.emit(log, withTicket, events);
    });
  }

  const surveys: SurveyResponse[] = [];
  for (const i of dedupe(log, 'satisfactionRatings', lists.satisfactionRatings, updatedOf)) {
    const raw = lists.satisfactionRatings[i];
    const r = ref('satisfactionRatings', i, raw);
    guard(log, invalid, { collection: 'satisfactionRatings', index: i, id: idLabel(raw) }, r, '', () => {
      const sr = asObject(raw, undefined);
      const id = asId(sr.id, 'id');
      const ratings = asObject(sr.ratings, 'ratings');
      const score = ratingOnSeven(ratings.default_question, 'ratings.default_question');
      const ticket = sr.ticket_id === undefined || sr.ticket_id === null ? undefined : asId(sr.ticket_id, 'ticket_id');
      const at = optIsoTime(sr.created_at, 'created_at', undefined);
      const agent = optIdString(sr.agent_id, 'agent_id');
      const s = ticket === undefined ? undefined : states.get(String(ticket));
      const resp: { id: string | number; score: number; ticketId?: string | number; at?: number; agentId?: string; channel?: string } = { id, score };
      if (ticket !== undefined) resp.ticketId = s?.draft.id ?? ticket;
      if (at !== undefined) resp.at = at;
      if (agent !== undefined) resp.agentId = agent;
      if (s?.draft.base.channel !== undefined) resp.channel = s.draft.base.channel;
      surveys.push(resp);
      log.imported('satisfactionRatings');
    });
  }

  const tickets: Ticket[] = [];
  for (const s of states.values()) {
    finish(s);
    tickets.push(s.draft.build());
  }
  return log.finish(tickets, src.satisfactionRatings !== undefined ? surveys : undefined);

  function finish(s: TicketState): void {
    const d = s.draft;
    for (const note of s.notes) {
      const m = MERGED_INTO.exec(note);
      if (m !== null && m[1] !== d.key) {
        d.base.mergedInto = typeof d.id === 'number' ? Number(m[1]) : (m[1] as string);
        break;
      }
    }
    if (s.hasActivities) return;
    const st = s.stats;
    const reopened = st?.reopenedMs !== undefined;
    if (s.hasConversations && !reopened) {
      if (st !== undefined) {
        if (st.resolvedMs !== undefined) d.events.push({ type: 'status', at: st.resolvedMs, status: 'solved' });
        if (st.closedMs !== undefined) d.events.push({ type: 'status', at: st.closedMs, status: 'closed' });
        if (s.status !== undefined && s.status !== 'solved' && s.status !== 'closed') {
          const at = (s.status === 'pending' ? st.pendingSinceMs : undefined) ?? st.statusUpdatedMs;
          if (at !== undefined && at >= d.createdMs) d.events.push({ type: 'status', at, status: s.status });
        }
      } else if (s.status !== undefined) {
        d.events.push({ type: 'status', at: Math.max(s.updatedMs ?? d.createdMs, d.createdMs), status: s.status });
        log.warn('status_inferred', `no activities or stats: status ${s.status} taken at updated_at`, d.ref);
      }
      return;
    }
    const summary: Record<string, unknown> = { status: s.status };
    if (s.hasConversations) {
      summary.agentReplies = s.agentReplies;
      summary.customerReplies = s.customerMessages;
    }
    if (st !== undefined) {
      summary.firstRespondedAt = st.firstRespondedMs;
      summary.resolvedAt = st.resolvedMs ?? st.closedMs;
      if (reopened) {
        summary.reopens = 1;
        log.warn('reopens_lower_bound', 'stats.reopened_at says it was reopened; how often is not known without activities (reopens: 1)', d.ref);
        log.warn('first_resolution_unknown', 'reopened: stats give only the latest resolution; pass the activities for the first', d.ref);
      } else if (summary.resolvedAt !== undefined) summary.reopens = 0;
    } else if (s.status === 'solved' || s.status === 'closed') {
      summary.resolvedAt = Math.max(s.updatedMs ?? d.createdMs, d.createdMs);
      log.warn('status_inferred', 'no activities or stats: resolution taken at updated_at', d.ref);
    }
    d.summary = summary;
  }
}

/** The activities export's `performed_at`: ISO-8601, or `DD-MM-YYYY HH:mm:ss +ZZZZ`. */
function activityTime(v: unknown): number {
  if (typeof v === 'string' && /^\d{2}-\d{2}-\d{4} /.test(v.trim())) return formattedTime(v, 'performed_at', ACTIVITY_TIME, undefined);
  return isoTime(v, 'performed_at', undefined);
}
