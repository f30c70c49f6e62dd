/**
 * Intercom conversations (REST API, `GET /conversations/{id}` with its `conversation_parts`) to the model.
 * Every Intercom time is Unix **seconds**.
 *
 * Mapping: `source` is the first message (`delivered_as` customer_initiated → customer, admin_initiated →
 * the teammate's outbound message, automated / operator_initiated → bot, system-created); parts: comment →
 * message (contacts → customer, admins → agent, bots and Fin → bot), note → internal note, assignment parts →
 * assignment events, close → solved, open / unsnoozed → open, snoozed → on_hold; a customer reply after a
 * close is a reopen (`reopen_inferred`); `conversation_rating` → a survey response (1–5) with its teammate.
 * Without parts, `statistics` give the summary form.
 * Options: invalid, statusMap, channelMap.
 *
 * @module
 */
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import type { MessageAuthor, SurveyResponse, Ticket, TicketStatus } from '../../model/index.js';
import { channelOf, inferReopens, messageEvent, surveyResponse, TicketDraft, type DraftEvent } from '../_lib/draft.js';
import {
  asId,
  asObject,
  eachRecord,
  guard,
  objectFields,
  collections,
  optArray,
  optCount,
  optIdString,
  optObject,
  optString,
  readCommonOptions,
  ref,
  type Raw,
} from '../_lib/read.js';
import { ImportLog, type ImportOptions, type ImportRecordRef, type ImportResult } from '../_lib/result.js';
import { optUnixSeconds, unixSeconds } from '../_lib/time.js';
import { channelMapOption, statusMapOption, type Vocabulary } from '../_lib/vocab.js';

/**
 * The collections {@link fromIntercom} takes.
 *
 * @category Import
 */
export interface FromIntercomInput {
  /**
   * Conversations as `GET /conversations/{id}` returns them (with `conversation_parts`); conversations from
   * the list or search endpoints (no parts) take the summary form from their `statistics`.
   */
  readonly conversations: readonly unknown[];
}

/**
 * Options of {@link fromIntercom}.
 *
 * @category Import
 */
export interface FromIntercomOptions extends ImportOptions {
  /** Extra `source.type` values onto channel names. */
  readonly channelMap?: Readonly<Record<string, string>>;
}

const NAME = 'fromIntercom';
const OPTION_KEYS = ['invalid', 'statusMap', 'channelMap'] as const;
const STATES: readonly (readonly [string, TicketStatus])[] = [['open', 'open'], ['closed', 'solved'], ['snoozed', 'on_hold']];
const CHANNELS: readonly (readonly [string, string])[] = [['conversation', 'chat'], ['push', 'messaging'], ['phone_call', 'phone'], ['phone_switch', 'phone']];
const ASSIGNMENTS = /* @__PURE__ */ new Set(['assignment', 'default_assignment', 'away_mode_assignment', 'assign_and_unsnooze', 'assign_and_reopen', 'round_robin_assignment', 'workflow_assignment']);
const NOT_MODELLED = /* @__PURE__ */ new Set([
  'participant_added', 'participant_removed', 'conversation_attribute_updated_by_admin', 'conversation_attribute_updated_by_workflow',
  'conversation_attribute_updated_by_user', 'ticket_attribute_updated_by_admin', 'ticket_state_updated_by_admin', 'ticket_state_updated',
  'language_detection_details', 'conversation_rating_changed', 'conversation_rating_remark_added', 'custom_action_started',
  'custom_action_finished', 'operator_workflow_event', 'sla_applied', 'conversation_sentiment_updated', 'title_changed',
  'priority_changed', 'channel_and_reply_time_expectation', 'fin_guidance_applied', 'tag_added', 'tag_removed',
]);

/** The role of an Intercom author object. */
function roleOf(author: Raw | undefined): MessageAuthor | undefined {
  if (author === undefined) return undefined;
  if (author.from_ai_agent === true || author.is_ai_answer === true) return 'bot';
  switch (author.type) {
    case 'user':
    case 'lead':
    case 'contact':
      return 'customer';
    case 'admin':
    case 'team':
      return 'agent';
    case 'bot':
      return 'bot';
    default:
      return undefined;
  }
}

function updatedOf(raw: unknown): number {
  const u = (raw as Raw | null)?.updated_at;
  return typeof u === 'number' ? u : NaN;
}

function hasBody(p: Raw): boolean {
  return typeof p.body === 'string' && p.body.trim().length > 0;
}

/**
 * Reads Intercom conversations into tickets and survey responses (ratings).
 *
 * @category Import
 * @param input - `{ conversations }` as the REST API returns them
 * @param options - `invalid`, `statusMap`, `channelMap`
 * @returns the model (`tickets`, `surveys`), `excluded`, `warnings`, `counts`
 * @example
 * ```ts
 * import { fromIntercom, firstResponseTime } from 'helpdesk-metrics';
 * const { tickets } = fromIntercom({ conversations: [{
 *   id: '1', created_at: 1772442000, state: 'closed',
 *   source: { type: 'conversation', delivered_as: 'customer_initiated', author: { type: 'user', id: 'u1' } },
 *   conversation_parts: { conversation_parts: [
 *     { id: 'p1', part_type: 'comment', created_at: 1772444400, author: { type: 'admin', id: 'a1' }, body: '<p>Hi</p>' },
 *     { id: 'p2', part_type: 'close', created_at: 1772445600, author: { type: 'admin', id: 'a1' }, body: null },
 *   ] },
 * }] });
 * firstResponseTime(tickets).meanMs; //=> 2400000 (40 min: times are seconds)
 * ```
 */
export function fromIntercom(input: FromIntercomInput, options?: FromIntercomOptions): ImportResult {
  const { invalid } = readCommonOptions(NAME, options, OPTION_KEYS);
  const states = statusMapOption(NAME, options?.statusMap, STATES);
  const channels = channelMapOption(NAME, options?.channelMap, CHANNELS);
  const log = new ImportLog(NAME);
  const list = collections(NAME, log, input, { conversations: 'required' }).lists.conversations;
  const tickets: Ticket[] = [];
  const surveys: SurveyResponse[] = [];
  let anyRating = false;
  eachRecord(log, invalid, list, 'conversations', updatedOf, (conv, r, top) => {
    const d = readConversation(conv, r, channels, log);
    const cp = conv.conversation_parts;
    const parts = Array.isArray(cp) ? cp : optArray(optObject(cp, 'conversation_parts')?.conversation_parts, 'conversation_parts.conversation_parts');
    if (parts === undefined) d.summary = statisticsSummary(conv, d, states, log);
    const rating = optObject(conv.conversation_rating, 'conversation_rating');
    if (rating !== undefined) {
      anyRating = true;
      const score = optCount(rating.rating, 'conversation_rating.rating') ?? null;
      const at = optUnixSeconds(rating.created_at, 'conversation_rating.created_at');
      const mate = optIdString(optObject(rating.teammate, 'conversation_rating.teammate')?.id, 'conversation_rating.teammate.id');
      surveys.push(surveyResponse(d.id, score, d.id, d, at, mate));
    }
    if (parts !== undefined) {
      log.input('conversation_parts', parts.length);
      parts.forEach((rawPart, j) => {
        const kind = typeof (rawPart as Raw | null)?.part_type === 'string' ? ((rawPart as Raw).part_type as string) : undefined;
        const pr = ref('conversation_parts', j, rawPart, kind, d.key);
        guard(log, invalid, top, pr, `conversation_parts.conversation_parts[${j}].`, () => readPart(asObject(rawPart, undefined), kind, d, pr, states, log));
      });
      inferReopens(d, log, true);
    }
    tickets.push(d.build());
    log.imported('conversations');
  });
  return log.finish(tickets, anyRating ? surveys : undefined);
}

/** The conversation's base fields and its first message (the source). */
function readConversation(c: Raw, r: ImportRecordRef, channels: Vocabulary<string>, log: ImportLog): TicketDraft {
  const id = asId(c.id, 'id');
  const createdMs = unixSeconds(c.created_at, 'created_at');
  const d = new TicketDraft(id, createdMs, r);
  const b = d.base;
  const source = optObject(c.source, 'source');
  const channel = channelOf(source?.type, log, r, channels);
  if (channel !== undefined) b.channel = channel;
  const priority = optString(c.priority, 'priority');
  if (priority !== undefined) b.priority = priority;
  const admin = optIdString(c.admin_assignee_id, 'admin_assignee_id');
  if (admin !== undefined) b.assigneeId = admin;
  const team = optIdString(c.team_assignee_id, 'team_assignee_id');
  if (team !== undefined) b.groupId = team;
  const contacts = optArray(optObject(c.contacts, 'contacts')?.contacts, 'contacts.contacts');
  const requester = contacts !== undefined && contacts.length > 0 ? optIdString(asObject(contacts[0], 'contacts.contacts[0]').id, 'contacts.contacts[0].id') : optIdString(optObject(c.user, 'user')?.id, 'user.id');
  if (requester !== undefined) b.requesterId = requester;
  const tagList = optArray(optObject(c.tags, 'tags')?.tags, 'tags.tags');
  if (tagList !== undefined) {
    b.tags = tagList.map((t, k) => {
      const name = asObject(t, `tags.tags[${k}]`).name;
      if (typeof name !== 'string') throw new Invalid('invalid_value', `tags.tags[${k}].name`, `must be a string, got ${describe(name)}`);
      return name;
    });
  }
  const fields = objectFields(c.custom_attributes, 'custom_attributes');
  if (fields !== undefined) b.fields = fields;
  if (source !== undefined) {
    const delivered = optString(source.delivered_as, 'source.delivered_as');
    const author = optObject(source.author, 'source.author');
    let role = roleOf(author);
    if (delivered === 'customer_initiated') {
      role ??= 'customer';
      b.createdBy = 'customer';
    } else if (delivered === 'admin_initiated') {
      role ??= 'agent';
      b.createdBy = 'agent';
    } else if (delivered !== undefined) {
      role = role === 'customer' ? role : 'bot';
      b.createdBy = role === 'customer' ? 'customer' : 'system';
    }
    if (role !== undefined) d.events.push(messageEvent(createdMs, role, true, optIdString(author?.id, 'source.author.id')));
  }
  return d;
}

/** One conversation part into events (or an exclusion). */
function readPart(p: Raw, kind: string | undefined, d: TicketDraft, pr: ImportRecordRef, states: Vocabulary<TicketStatus>, log: ImportLog): void {
  const at = unixSeconds(p.created_at, 'created_at');
  const author = optObject(p.author, 'author');
  const role = roleOf(author);
  const authorId = optIdString(author?.id, 'author.id');
  const message = (pub: boolean, as: MessageAuthor | undefined = role): DraftEvent | undefined =>
    as === undefined ? undefined : messageEvent(at, as, pub, authorId);
  const status = (label: string): DraftEvent => ({ type: 'status', at, status: states.get(label) ?? 'open' });
  const events: DraftEvent[] = [];
  if (kind === 'comment') {
    const m = message(true);
    if (m === undefined) throw new Invalid('invalid_value', 'author.type', `a comment needs an author of type user, lead, contact, admin, team or bot, got ${describe(author?.type)}`);
    events.push(m);
  } else if (kind === 'note' || kind === 'note_and_reopen') {
    const m = message(false, role === 'customer' ? 'agent' : role ?? 'agent');
    events.push(m as DraftEvent);
    if (kind === 'note_and_reopen') events.push(status('open'));
  } else if (kind !== undefined && ASSIGNMENTS.has(kind)) {
    const to = optObject(p.assigned_to, 'assigned_to');
    const e: { type: 'assignment'; at: number; assigneeId?: string | null; groupId?: string | null; author?: MessageAuthor } = { type: 'assignment', at };
    if (to !== undefined) {
      const toId = optIdString(to.id, 'assigned_to.id');
      if (to.type === 'team') e.groupId = toId ?? null;
      else e.assigneeId = to.type === 'nobody_admin' ? null : toId ?? null;
    }
    if (role !== undefined) e.author = role === 'customer' ? 'system' : role;
    if (hasBody(p)) events.push(message(true) as DraftEvent);
    events.push(e);
    if (kind === 'assign_and_reopen' || kind === 'assign_and_unsnooze') events.push(status('open'));
  } else if (kind === 'close' || kind === 'open' || kind === 'snoozed' || kind === 'unsnoozed' || kind === 'timer_unsnooze') {
    if (hasBody(p) && role !== undefined) events.push(message(true) as DraftEvent);
    events.push(status(kind === 'close' ? 'closed' : kind === 'snoozed' ? 'snoozed' : 'open'));
  } else if (kind === 'quick_reply' || kind === 'attribute_collected') {
    if (role !== 'customer') {
      log.exclude('not_modelled', pr, `a ${kind} part not from the customer`);
      return;
    }
    events.push(message(true) as DraftEvent);
  } else if (kind !== undefined && NOT_MODELLED.has(kind)) {
    log.exclude('not_modelled', pr);
    return;
  } else {
    log.exclude('unknown_kind', pr, `part_type ${describe(p.part_type)}`);
    return;
  }
  d.emit(log, pr, events);
}

/** The summary form from `statistics` (a conversation listed without its parts). */
function statisticsSummary(c: Raw, d: TicketDraft, states: Vocabulary<TicketStatus>, log: ImportLog): Record<string, unknown> {
  d.events.length = 0;
  const st = optObject(c.statistics, 'statistics');
  const state = optString(c.state, 'state');
  const status = state === undefined ? undefined : states.get(state);
  if (state !== undefined && status === undefined) throw new Invalid('unknown_status', 'state', `${describe(state)} is not an Intercom state; map it with the statusMap option`);
  if (st === undefined) {
    log.warn('status_inferred', 'no conversation parts or statistics: only the current state is known', d.ref);
    const out: Record<string, unknown> = { status };
    if (status === 'solved' || status === 'closed') out.resolvedAt = Math.max(optUnixSeconds(c.updated_at, 'updated_at') ?? d.createdMs, d.createdMs);
    return out;
  }
  const s = (f: string): number | undefined => optUnixSeconds(st[f], `statistics.${f}`);
  const toReply = optCount(st.time_to_admin_reply, 'statistics.time_to_admin_reply');
  return {
    status,
    firstRespondedAt: s('first_admin_reply_at'),
    firstResolvedAt: s('first_close_at'),
    resolvedAt: s('last_close_at'),
    reopens: optCount(st.count_reopens, 'statistics.count_reopens'),
    firstResponseBusinessMs: toReply === undefined ? undefined : toReply * 1000,
    firstAssignedAt: s('first_assignment_at'),
    assignedAt: s('last_assignment_at'),
  };
}
