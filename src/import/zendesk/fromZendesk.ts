/**
 * Zendesk Support API objects to the model.
 *
 * Mapping: tickets (`status` with `hold` → `on_hold`, `via.channel` → `channel`, `submitter_id` ≠
 * `requester_id` → agent-created, `deleted` status → `deleted: true`, `closed_by_merge` → `mergedInto`); ticket
 * audits (Create/Change of `status`, `assignee_id`, `group_id`; Comment and VoiceComment events, `public: false`
 * notes, comments via a rule as `system`); ticket comments when there are no audits; users for roles;
 * `ticket_metrics` for the summary form; satisfaction ratings (good 2 / bad 1 on a 1–2 scale, with the agent).
 * Options: invalid, statusMap, channelMap, spamTags.
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
  guard,
  collections,
  optArray,
  optBool,
  optCount,
  optIdString,
  optObject,
  optString,
  optTags,
  readCommonOptions,
  ref,
  type Raw,
  type TopRecord,
} from '../_lib/read.js';
import { ImportLog, type ImportOptions, type ImportRecordRef, type ImportResult } from '../_lib/result.js';
import { isoTime, optIsoTime, updatedMs } from '../_lib/time.js';
import { channelMapOption, statusMapOption, stringListOption, type Vocabulary } from '../_lib/vocab.js';
import { customFields, mergeLinks, minutePair, ratingScore, summaryFromMinutes, ZENDESK_CHANNELS, ZENDESK_STATUSES } from './shared.js';

/**
 * The collections {@link fromZendesk} takes: the objects of the Zendesk Support API as fetched (each
 * collection the concatenated pages of its list endpoint; duplicates across pages are fine).
 *
 * @category Import
 */
export interface FromZendeskInput {
  /** `GET /api/v2/tickets` (or the incremental export; `{ ticket: {…} }` wrappers and `metric_set` are read). */
  readonly tickets: readonly unknown[];
  /** `GET /api/v2/tickets/{id}/audits` or `/api/v2/ticket_audits`: the status history and the comments. */
  readonly audits?: readonly unknown[];
  /** `GET /api/v2/tickets/{id}/comments`, each comment given its `ticket_id`; used for tickets without audits. */
  readonly comments?: readonly unknown[];
  /** `GET /api/v2/users`: roles (`end-user` → customer, `agent` / `admin` → agent). */
  readonly users?: readonly unknown[];
  /** `GET /api/v2/ticket_metrics`: the summary form, for tickets without audits. */
  readonly ticketMetrics?: readonly unknown[];
  /** `GET /api/v2/satisfaction_ratings`. */
  readonly satisfactionRatings?: readonly unknown[];
}

/**
 * Options of {@link fromZendesk}.
 *
 * @category Import
 */
export interface FromZendeskOptions extends ImportOptions {
  /** Tags that mark spam (Zendesk deletes tickets marked as spam; some accounts tag them). @defaultValue `['spam']` */
  readonly spamTags?: readonly string[];
}

const NAME = 'fromZendesk';
const OPTION_KEYS = ['invalid', 'statusMap', 'channelMap', 'spamTags'] as const;
const ROLES: Readonly<Record<string, MessageAuthor>> = { 'end-user': 'customer', end_user: 'customer', agent: 'agent', admin: 'agent' };
/** Audit event types known to carry nothing the model holds. */
const NOT_MODELLED = /* @__PURE__ */ new Set([
  'Notification', 'NotificationWithCcs', 'SmsNotification', 'Cc', 'FollowerNotification', 'FollowerChange',
  'EmailCcChange', 'MacroReference', 'AgentMacroReference', 'SatisfactionRating', 'TicketSharingEvent',
  'OrganizationActivity', 'OrganizationSubscriptionNotification', 'SLATargetChange', 'GroupSLATargetChange', 'Error',
  'Tweet', 'FacebookEvent', 'FacebookComment', 'External', 'LogMeInTranscript', 'Push', 'ChatStartedEvent',
  'ChatEndedEvent', 'CommentRedactionEvent', 'AttachmentRedactionEvent', 'SuspendedTicketRecovery',
  'AssociateAttValsEvent', 'TicketUnshared', 'ScheduleAssignment', 'AgentWorkspaceEvent', 'Translation',
]);

interface TicketState {
  readonly draft: TicketDraft;
  readonly raw: Raw;
  readonly top: TopRecord;
  readonly requester: string | undefined;
  readonly submitter: string | undefined;
  readonly status: TicketStatus | undefined;
  readonly updatedMs: number | undefined;
  hasAudits: boolean;
  hasComments: boolean;
  customerComments: number;
  /** The summary from `ticket_metrics` (`ref` undefined: the embedded `metric_set`). */
  metrics: { summary: Record<string, unknown>; reopens: number | undefined; ref: ImportRecordRef | undefined } | undefined;
  /** Comment bodies, for the merge notes. */
  readonly bodies: string[];
  /** Message events by comment id (for CommentPrivacyChange). */
  readonly byComment: Map<string, { public?: boolean }>;
}

/** The ticket object of a list item, unwrapping the JSON export's `{ ticket: {…} }`. */
function unwrap(raw: unknown): unknown {
  if (raw !== null && typeof raw === 'object' && !('id' in raw) && 'ticket' in raw) return (raw as Raw).ticket;
  return raw;
}

function updatedOf(raw: unknown): number {
  const u = (unwrap(raw) as Raw | null)?.updated_at;
  const t = updatedMs(u);
  return t;
}

/**
 * Reads what the Zendesk Support API returns into tickets and survey responses.
 *
 * Every record given is accounted for: a ticket, an event of one, a survey response, applied to a ticket
 * (a user's role, a metrics record), or excluded with a reason (`result.excluded`); `result.counts` adds it up
 * per collection. Inferences are `result.warnings`. Per ticket, the history comes from its audits; without
 * audits, from its `ticket_metrics` (summary form, with the customer message count from its comments when
 * given); without either, from its comments (with the status inferred from the ticket).
 *
 * Pure: no network; pass the objects already fetched.
 *
 * @category Import
 * @param input - the collections, as the API returns them
 * @param options - `invalid`, `statusMap`, `channelMap`, `spamTags`
 * @returns the model (`tickets`, `surveys`), `excluded`, `warnings`, `counts`
 * @example
 * ```ts
 * import { fromZendesk, firstResponseTime } from 'helpdesk-metrics';
 * const { tickets, excluded } = fromZendesk({
 *   tickets: [{ id: 1, created_at: '2026-03-02T09:00:00Z', status: 'hold', requester_id: 7, submitter_id: 7,
 *     via: { channel: 'email' }, tags: [] }],
 *   users: [{ id: 7, role: 'end-user' }, { id: 9, role: 'agent' }],
 *   audits: [{ id: 100, ticket_id: 1, created_at: '2026-03-02T09:00:00Z', author_id: 7, events: [
 *       { id: 1, type: 'Comment', public: true, body: 'Help', author_id: 7 },
 *       { id: 2, type: 'Create', field_name: 'status', value: 'new' }] },
 *     { id: 101, ticket_id: 1, created_at: '2026-03-02T09:40:00Z', author_id: 9, events: [
 *       { id: 3, type: 'Comment', public: true, body: 'On it', author_id: 9 },
 *       { id: 4, type: 'Change', field_name: 'status', value: 'hold', previous_value: 'new' }] }],
 * });
 * firstResponseTime(tickets).meanMs; //=> 2400000
 * tickets[0].events?.at(-1);         //=> { type: 'status', at: 1772444400000, status: 'on_hold' }
 * excluded.total;                    //=> 0
 * ```
 */
export function fromZendesk(input: FromZendeskInput, options?: FromZendeskOptions): ImportResult {
  const { invalid } = readCommonOptions(NAME, options, OPTION_KEYS);
  const statuses = statusMapOption(NAME, options?.statusMap, ZENDESK_STATUSES);
  const channels = channelMapOption(NAME, options?.channelMap, ZENDESK_CHANNELS);
  const spamTags = stringListOption(NAME, 'spamTags', options?.spamTags, ['spam']);
  const log = new ImportLog(NAME);
  const { lists, given } = collections(NAME, log, input, { tickets: 'required', audits: 'optional', comments: 'optional', users: 'optional', ticketMetrics: 'optional', satisfactionRatings: 'optional' });
  const haveUsers = given('users');

  // Users: roles by id.
  const roles = new Map<string, MessageAuthor>();
  eachRecord(log, invalid, lists.users, 'users', updatedOf, (u, r, top) => {
    const id = String(asId(u.id, 'id'));
    const role = optString(u.role, 'role');
    const author = role === undefined ? undefined : Object.prototype.hasOwnProperty.call(ROLES, role) ? ROLES[role] : undefined;
    if (author === undefined) throw new Invalid('invalid_value', 'role', `must be 'end-user', 'agent' or 'admin', got ${describe(u.role)}`);
    roles.set(id, author);
    log.imported('users');
  });

  // Tickets.
  const states = new Map<string, TicketState>();
  eachRecord(log, invalid, lists.tickets.map(unwrap), 'tickets', updatedOf, (t, r, top) => {
    const id = asId(t.id, 'id');
    const createdMs = isoTime(t.created_at, 'created_at', undefined);
    const draft = new TicketDraft(id, createdMs, r);
    const statusRaw = optString(t.status, 'status');
    let status: TicketStatus | undefined;
    if (statusRaw !== undefined) {
      if (statusRaw.toLowerCase() === 'deleted') draft.base.deleted = true;
      else {
        status = statuses.get(statusRaw);
        if (status === undefined) throw new Invalid('unknown_status', 'status', `${describe(statusRaw)} is not a Zendesk status; map it with the statusMap option`);
      }
    }
    const b = draft.base;
    const via = optObject(t.via, 'via');
    const channel = channelOf(via?.channel, log, r, channels);
    if (channel !== undefined) b.channel = channel;
    const priority = optString(t.priority, 'priority');
    if (priority !== undefined) b.priority = priority.toLowerCase();
    const assignee = optIdString(t.assignee_id, 'assignee_id');
    if (assignee !== undefined) b.assigneeId = assignee;
    const group = optIdString(t.group_id, 'group_id');
    if (group !== undefined) b.groupId = group;
    const requester = optIdString(t.requester_id, 'requester_id');
    if (requester !== undefined) b.requesterId = requester;
    const tags = optTags(t.tags, 'tags');
    if (tags !== undefined) b.tags = tags;
    if (tags !== undefined && spamTags.some((s) => tags.includes(s))) b.spam = true;
    const fields = customFields(t.custom_fields, 'custom_fields');
    if (fields !== undefined) b.fields = fields;
    const state: TicketState = {
      draft,
      raw: t,
      top,
      requester,
      submitter: optIdString(t.submitter_id, 'submitter_id'),
      status,
      updatedMs: optIsoTime(t.updated_at, 'updated_at', undefined),
      hasAudits: false,
      hasComments: false,
      customerComments: 0,
      metrics: undefined,
      bodies: [],
      byComment: new Map(),
    };
    const embedded = optObject(t.metric_set, 'metric_set');
    if (embedded !== undefined) state.metrics = { summary: metricsSummary(embedded, createdMs, status, 'metric_set.'), reopens: optCount(embedded.reopens, 'metric_set.reopens'), ref: undefined };
    states.set(draft.key, state);
    log.imported('tickets');
  });

  const authorOf = (state: TicketState, authorId: string | undefined, via: Raw | undefined): MessageAuthor => {
    if (via?.channel === 'rule' || via?.channel === 8 || authorId === '-1') return 'system';
    if (authorId !== undefined) {
      const role = roles.get(authorId);
      if (role !== undefined) return role;
      if (authorId === state.requester) return 'customer';
    }
    if (!haveUsers) {
      log.warnOnce('role_inferred', 'no users given: comment authors other than the requester are taken as agents');
      return 'agent';
    }
    return 'agent';
  };

  // Audits: the history.
  eachRecord(log, invalid, lists.audits, 'audits', () => NaN, (a, r, top) => {
    const tid = String(asId(a.ticket_id, 'ticket_id'));
    const at = isoTime(a.created_at, 'created_at', undefined);
    const events = optArray(a.events, 'events') ?? [];
    const auditVia = optObject(a.via, 'via');
    const auditAuthor = optIdString(a.author_id, 'author_id');
    const s = states.get(tid);
    if (s === undefined) {
      log.exclude('unknown_ticket', { ...r, ticketId: tid }, 'no ticket with this id in tickets');
      return;
    }
    s.hasAudits = true;
    log.imported('audits');
    log.input('audit_events', events.length);
    events.forEach((rawEvent, j) => {
      const type = typeof (rawEvent as Raw | null)?.type === 'string' ? ((rawEvent as Raw).type as string) : undefined;
      const er = ref('audit_events', j, rawEvent, type, s.draft.key);
      guard(log, invalid, top, er, `events[${j}].`, () => {
        const e = asObject(rawEvent, undefined);
        const via = optObject(e.via, 'via') ?? auditVia;
        switch (type) {
          case 'Comment':
          case 'VoiceComment': {
            const authorId = optIdString(e.author_id, 'author_id') ?? auditAuthor;
            const pub = optBool(e.public, 'public') ?? true;
            const author = authorOf(s, authorId, via);
            const msg = messageEvent(at, author, pub, authorId);
            if (s.draft.emit(log, er, [msg])) {
              const cid = optIdString(e.id, 'id');
              if (cid !== undefined) s.byComment.set(cid, msg as { public?: boolean });
              if (author === 'customer') s.customerComments++;
            }
            const body = optString(e.body, 'body') ?? optString(e.plain_body, 'plain_body');
            if (body !== undefined) s.bodies.push(body);
            return;
          }
          case 'Create':
          case 'Change': {
            const fieldName = optString(e.field_name, 'field_name');
            const changed = changeEvent(fieldName, e.value, at, statuses, authorOf(s, auditAuthor, via));
            if (changed === undefined) log.exclude('not_modelled', er, `a change of ${fieldName ?? 'an unnamed field'}`);
            else if (changed !== 'skip') s.draft.emit(log, er, [changed]);
            else log.imported('audit_events');
            return;
          }
          case 'CommentPrivacyChange': {
            const cid = optIdString(e.comment_id, 'comment_id');
            const pub = optBool(e.public, 'public');
            const msg = cid === undefined ? undefined : s.byComment.get(cid);
            if (msg === undefined || pub === undefined) {
              log.exclude('not_modelled', er, 'a privacy change of a comment not in these audits');
              return;
            }
            if (pub) delete msg.public;
            else msg.public = false;
            log.imported('audit_events');
            return;
          }
          default:
            if (type !== undefined && NOT_MODELLED.has(type)) log.exclude('not_modelled', er);
            else log.exclude('unknown_kind', er, `audit event type ${describe(e.type)}`);
        }
      });
    });
  });

  // Comments: the messages of tickets without audits.
  eachRecord(log, invalid, lists.comments, 'comments', () => NaN, (c, r, top) => {
    const tid = String(asId(c.ticket_id, 'ticket_id'));
    const at = isoTime(c.created_at, 'created_at', undefined);
    const pub = optBool(c.public, 'public') ?? true;
    const authorId = optIdString(c.author_id, 'author_id');
    const s = states.get(tid);
    const withTicket = { ...r, ticketId: tid };
    if (s === undefined) {
      log.exclude('unknown_ticket', withTicket, 'no ticket with this id in tickets');
      return;
    }
    if (s.hasAudits) {
      log.exclude('superseded', withTicket, 'the ticket has audits, which carry its comments');
      return;
    }
    s.hasComments = true;
    const author = authorOf(s, authorId, optObject(c.via, 'via'));
    if (s.draft.emit(log, withTicket, [messageEvent(at, author, pub, authorId)]) && author === 'customer') s.customerComments++;
    const body = optString(c.body, 'body') ?? optString(c.plain_body, 'plain_body');
    if (body !== undefined) s.bodies.push(body);
  }, 'type');

  // Ticket metrics: the summary of tickets without audits.
  eachRecord(log, invalid, lists.ticketMetrics, 'ticketMetrics', updatedOf, (m, r, top) => {
    const tid = String(asId(m.ticket_id, 'ticket_id'));
    const s = states.get(tid);
    const withTicket = { ...r, ticketId: tid };
    if (s === undefined) {
      log.exclude('unknown_ticket', withTicket, 'no ticket with this id in tickets');
      return;
    }
    const summary = metricsSummary(m, s.draft.createdMs, s.status, '');
    if (s.metrics?.ref !== undefined) log.exclude('duplicate', s.metrics.ref, 'another ticket_metrics record of the same ticket');
    s.metrics = { summary, reopens: optCount(m.reopens, 'reopens'), ref: withTicket };
  });

  // Satisfaction ratings.
  const surveys: SurveyResponse[] = [];
  eachRecord(log, invalid, lists.satisfactionRatings, 'satisfactionRatings', updatedOf, (sr, r, top) => {
    const id = asId(sr.id, 'id');
    const score = ratingScore(sr.score, 'score');
    const ticketRaw = sr.ticket_id === undefined || sr.ticket_id === null ? undefined : asId(sr.ticket_id, 'ticket_id');
    const at = optIsoTime(sr.updated_at, 'updated_at', undefined) ?? optIsoTime(sr.created_at, 'created_at', undefined);
    const agent = optIdString(sr.assignee_id, 'assignee_id');
    if (score === 'not_sent') {
      log.exclude('not_sent', r, 'the survey was not offered');
      return;
    }
    surveys.push(surveyResponse(id, score, ticketRaw, ticketRaw === undefined ? undefined : states.get(String(ticketRaw))?.draft, at, agent));
    log.imported('satisfactionRatings');
  });

  // Merges: "merged into this request" notes on the surviving tickets name their sources.
  const mergedInto = new Map<string, string>();
  for (const s of states.values()) {
    for (const body of s.bodies) {
      const links = mergeLinks(body);
      for (const from of links.from ?? []) if (from !== s.draft.key) mergedInto.set(from, s.draft.key);
    }
  }

  // Finish each ticket.
  const tickets: Ticket[] = [];
  for (const s of states.values()) {
    finishTicket(s);
    tickets.push(s.draft.build());
  }
  return log.finish(tickets, given('satisfactionRatings') ? surveys : undefined);

  function finishTicket(s: TicketState): void {
    const d = s.draft;
    const b = d.base;
    // Who opened it.
    if (s.submitter !== undefined && s.requester !== undefined) {
      if (s.submitter === s.requester) b.createdBy = 'customer';
      else {
        const role = roles.get(s.submitter);
        if (role === 'agent') b.createdBy = 'agent';
        else if (role === 'customer') b.createdBy = 'customer';
        else {
          b.createdBy = 'agent';
          log.warn('created_by_inferred', `submitter ${s.submitter} is not the requester ${s.requester}: taken as agent-created`, d.ref);
        }
      }
    }
    // Merged away.
    if (b.tags?.includes('closed_by_merge') === true) {
      let target = mergedInto.get(d.key);
      for (const body of s.bodies) target ??= mergeLinks(body).into;
      if (target !== undefined && target !== d.key) b.mergedInto = typeof d.id === 'number' && /^\d+$/.test(target) ? Number(target) : target;
      else log.warn('merge_target_unknown', 'tagged closed_by_merge, but no merge note names the surviving ticket', d.ref);
    }
    const m = s.metrics;
    if (s.hasAudits) {
      if (m !== undefined) {
        // The audits carry the history; the helpdesk's summary is only a cross-check.
        if (m.ref !== undefined) log.exclude('superseded', m.ref, 'the ticket has audits');
        const seen = countReopens(d.events);
        if (m.reopens !== undefined && m.reopens !== seen) {
          log.warn('metrics_disagree', `ticket_metrics reopens is ${m.reopens}, the audits show ${seen}`, d.ref);
        }
      }
      return;
    }
    if (m !== undefined) {
      if (m.ref !== undefined) log.imported('ticketMetrics');
      d.summary = { ...m.summary };
      if (s.hasComments) d.summary.customerReplies = s.customerComments;
      log.warnOnce('minute_precision', 'ticket_metrics durations are whole minutes: first reply and resolution instants are within a minute of the real ones');
      return;
    }
    if (s.hasComments) {
      if (s.status !== undefined && s.status !== 'new') {
        const at = Math.max(s.updatedMs ?? d.createdMs, d.createdMs);
        d.events.push({ type: 'status', at, status: s.status });
        log.warn('status_inferred', `no audits or metrics: status ${s.status} taken at updated_at`, d.ref);
      }
      return;
    }
    const summary: Record<string, unknown> = { status: s.status };
    if (s.status === 'solved' || s.status === 'closed') {
      summary.resolvedAt = Math.max(s.updatedMs ?? d.createdMs, d.createdMs);
      log.warn('status_inferred', `no audits, comments or metrics: resolution taken at updated_at`, d.ref);
    }
    d.summary = summary;
  }
}

/** The event a Create/Change of `field` makes: a status or an assignment, 'skip' (nothing changed), or undefined. */
function changeEvent(
  field: string | undefined,
  value: unknown,
  at: number,
  statuses: Vocabulary<TicketStatus>,
  author: MessageAuthor,
): DraftEvent | 'skip' | undefined {
  switch (field) {
    case 'status': {
      if (typeof value === 'string' && value.toLowerCase() === 'deleted') return 'skip';
      const status = statuses.get(value);
      if (status === undefined) throw new Invalid('unknown_status', 'value', `${describe(value)} is not a Zendesk status; map it with the statusMap option`);
      return { type: 'status', at, status };
    }
    case 'assignee_id':
      return { type: 'assignment', at, assigneeId: optIdString(value, 'value') ?? null, author };
    case 'group_id':
      return { type: 'assignment', at, groupId: optIdString(value, 'value') ?? null, author };
    default:
      return undefined;
  }
}

/** Resolved → unresolved transitions between instants (the library's reopen rule). */
function countReopens(events: readonly DraftEvent[]): number {
  const st = events.filter((e): e is Extract<DraftEvent, { type: 'status' }> => e.type === 'status');
  const rank = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
  st.sort((x, y) => x.at - y.at || rank.indexOf(x.status) - rank.indexOf(y.status));
  let resolved = false;
  let reopens = 0;
  for (let i = 0; i < st.length; i++) {
    const e = st[i] as Extract<DraftEvent, { type: 'status' }>;
    if (i + 1 < st.length && (st[i + 1] as DraftEvent).at === e.at) continue; // one instant, one update
    const r = e.status === 'solved' || e.status === 'closed';
    if (resolved && !r) reopens++;
    resolved = r;
  }
  return reopens;
}

/** The summary form of a `ticket_metrics` record. */
function metricsSummary(m: Raw, createdMs: number, status: TicketStatus | undefined, prefix: string): Record<string, unknown> {
  const p = (f: string): string => `${prefix}${f}`;
  const secs = optObject(m.reply_time_in_seconds, p('reply_time_in_seconds'));
  const exact = optCount(secs?.calendar, p('reply_time_in_seconds.calendar'));
  return summaryFromMinutes({
    createdMs,
    reply: minutePair(m.reply_time_in_minutes, p('reply_time_in_minutes')),
    replyExactMs: exact === undefined ? undefined : exact * 1000,
    firstResolution: minutePair(m.first_resolution_time_in_minutes, p('first_resolution_time_in_minutes')),
    fullResolution: minutePair(m.full_resolution_time_in_minutes, p('full_resolution_time_in_minutes')),
    agentWait: minutePair(m.agent_wait_time_in_minutes, p('agent_wait_time_in_minutes')),
    requesterWait: minutePair(m.requester_wait_time_in_minutes, p('requester_wait_time_in_minutes')),
    onHold: minutePair(m.on_hold_time_in_minutes, p('on_hold_time_in_minutes')),
    solvedMs: optIsoTime(m.solved_at, p('solved_at'), undefined),
    reopens: optCount(m.reopens, p('reopens')),
    replies: optCount(m.replies, p('replies')),
    assigneeStations: optCount(m.assignee_stations, p('assignee_stations')),
    groupStations: optCount(m.group_stations, p('group_stations')),
    firstAssignedMs: optIsoTime(m.initially_assigned_at, p('initially_assigned_at'), undefined),
    assignedMs: optIsoTime(m.assigned_at, p('assigned_at'), undefined),
    status,
  });
}
