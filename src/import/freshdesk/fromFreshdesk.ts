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
import type { MessageAuthor, SurveyResponse, Ticket, TicketStatus } from '../../model/index.js';
import { channelOf, messageEvent, surveyResponse, TicketDraft, type DraftEvent } from '../_lib/draft.js';
import {
  asId,
  asObject,
  eachRecord,
  objectFields,
  collections,
  optBool,
  optIdString,
  optObject,
  optString,
  optTags,
  readCommonOptions,
  type Raw,
} from '../_lib/read.js';
import { ImportLog, type ImportOptions, type ImportResult } from '../_lib/result.js';
import { compileFormat, formattedTime, isoTime, optIsoTime, type DateFormat, updatedMs } from '../_lib/time.js';
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
export interface FromFreshdeskOptions extends ImportOptions {
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
  return updatedMs(u);
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
  const log = new ImportLog(NAME);
  const { lists, given } = collections(NAME, log, input, { tickets: 'required', conversations: 'optional', activities: 'optional', satisfactionRatings: 'optional' });

  const states = new Map<string, TicketState>();
  eachRecord(log, invalid, lists.tickets, 'tickets', updatedOf, (t, r, top) => {
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
    const fields = objectFields(t.custom_fields, 'custom_fields');
    if (fields !== undefined) b.fields = fields;
    const outbound = source === OUTBOUND_EMAIL || source === String(OUTBOUND_EMAIL);
    b.createdBy = outbound ? 'agent' : 'customer';
    draft.events.push(messageEvent(createdMs, outbound ? 'agent' : 'customer', true, outbound ? undefined : requester));
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

  eachRecord(log, invalid, lists.conversations, 'conversations', updatedOf, (c, r, top) => {
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
    const pub = !priv && !(forward && !incoming);
    if (s.draft.emit(log, withTicket, [messageEvent(at, incoming ? 'customer' : 'agent', pub, user)])) {
      if (incoming) s.customerMessages++;
      else if (pub) s.agentReplies++;
    }
    if (priv) {
      const body = optString(c.body_text, 'body_text') ?? optString(c.body, 'body');
      if (body !== undefined) s.notes.push(body);
    }
  });

  eachRecord(log, invalid, lists.activities, 'activities', () => NaN, (a, r, top) => {
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
  }, 'performer_type');

  const surveys: SurveyResponse[] = [];
  eachRecord(log, invalid, lists.satisfactionRatings, 'satisfactionRatings', updatedOf, (sr, r, top) => {
    const id = asId(sr.id, 'id');
    const ratings = asObject(sr.ratings, 'ratings');
    const score = ratingOnSeven(ratings.default_question, 'ratings.default_question');
    const ticket = sr.ticket_id === undefined || sr.ticket_id === null ? undefined : asId(sr.ticket_id, 'ticket_id');
    const at = optIsoTime(sr.created_at, 'created_at', undefined);
    const agent = optIdString(sr.agent_id, 'agent_id');
    surveys.push(surveyResponse(id, score, ticket, ticket === undefined ? undefined : states.get(String(ticket))?.draft, at, agent));
    log.imported('satisfactionRatings');
  });

  const tickets: Ticket[] = [];
  for (const s of states.values()) {
    finish(s);
    tickets.push(s.draft.build());
  }
  return log.finish(tickets, given('satisfactionRatings') ? surveys : undefined);

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
