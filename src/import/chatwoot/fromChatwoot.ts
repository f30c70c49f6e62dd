/**
 * Chatwoot conversations and messages (Application API) to the model. Every Chatwoot time is Unix **seconds**
 * (and 0 stands for "never").
 *
 * Mapping: conversation `status` (open, resolved → solved, pending → new: waiting for a human while a bot
 * handles it, snoozed → on_hold), `meta.channel` → channel, `meta.assignee` / `meta.team`, `labels` → tags;
 * messages: `message_type` 0 incoming → customer, 1 outgoing → agent (`private` → internal note; bots as bot;
 * no sender → system), 2 activity → status changes read from their text (Chatwoot's English templates; other
 * languages through `activityStatus`), 3 template → system; deleted messages excluded; a customer message on a
 * resolved conversation reopens it (`reopen_inferred`), on a snoozed one opens it; CSAT survey responses
 * (1–5, with the assigned agent).
 * Options: invalid, statusMap, channelMap, activityStatus.
 *
 * @module
 */
import { callbackError, describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import { MetricsError } from '../../results/errors.js';
import type { MessageAuthor, SurveyResponse, Ticket, TicketStatus } from '../../model/index.js';
import { channelOf, inferReopens, messageEvent, surveyResponse, TicketDraft, type DraftEvent } from '../_lib/draft.js';
import {
  asId,
  eachRecord,
  objectFields,
  collections,
  optBool,
  optCount,
  optIdString,
  optObject,
  optString,
  optTags,
  readCommonOptions,
  type Raw,
} from '../_lib/read.js';
import { ImportLog, type ImportOptions, type ImportResult } from '../_lib/result.js';
import { optUnixSeconds, unixSeconds } from '../_lib/time.js';
import { channelMapOption, statusMapOption, type Vocabulary } from '../_lib/vocab.js';

/**
 * The collections {@link fromChatwoot} takes.
 *
 * @category Import
 */
export interface FromChatwootInput {
  /** `GET /api/v1/accounts/{account_id}/conversations` (their `id` is the display id that messages use). */
  readonly conversations: readonly unknown[];
  /** `GET …/conversations/{id}/messages`, concatenated (each carries `conversation_id`). */
  readonly messages?: readonly unknown[];
  /** `GET /api/v1/accounts/{account_id}/csat_survey_responses`. */
  readonly csatSurveyResponses?: readonly unknown[];
}

/**
 * Reads a Chatwoot activity message's text: the status it records, or `undefined` when it records none.
 *
 * @category Import
 */
export type ChatwootActivityReader = (content: string) => TicketStatus | undefined;

/**
 * Options of {@link fromChatwoot}.
 *
 * @category Import
 */
export interface FromChatwootOptions extends ImportOptions {
  /**
   * Reads the status out of an activity message (`message_type` 2). The default knows Chatwoot's English
   * templates ("Conversation was marked resolved by …", "… reopened …", "… marked as pending …", "… snoozed
   * …"); accounts in another language pass their own.
   */
  readonly activityStatus?: ChatwootActivityReader;
}

const NAME = 'fromChatwoot';
const OPTION_KEYS = ['invalid', 'statusMap', 'channelMap', 'activityStatus'] as const;
const STATUSES: readonly (readonly [string, TicketStatus])[] = [['open', 'open'], ['resolved', 'solved'], ['pending', 'new'], ['snoozed', 'on_hold']];
const CHANNELS: readonly (readonly [string, string])[] = [
  ['channel::webwidget', 'chat'], ['channel::email', 'email'], ['channel::api', 'api'], ['channel::facebookpage', 'facebook'],
  ['channel::instagram', 'instagram'], ['channel::twitterprofile', 'twitter'], ['channel::twiliosms', 'sms'], ['channel::sms', 'sms'],
  ['channel::whatsapp', 'whatsapp'], ['channel::telegram', 'telegram'], ['channel::line', 'line'], ['channel::voice', 'phone'],
  ['channel::tiktok', 'tiktok'],
];
const CANONICAL: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const TYPES: Readonly<Record<string, number>> = { incoming: 0, outgoing: 1, activity: 2, template: 3 };

/** Chatwoot's English activity templates (config/locales/en.yml, `conversations.activity`). */
function englishActivityStatus(content: string): TicketStatus | undefined {
  const c = content.trim();
  if (/^Conversation was (?:marked resolved|resolved) by\b/i.test(c)) return 'solved';
  if (/^Conversation was reopened by\b/i.test(c) || /^Conversation was marked open\b/i.test(c) || /^System reopened the conversation\b/i.test(c)) return 'open';
  if (/^Conversation was marked as pending by\b/i.test(c)) return 'new';
  if (/^Conversation was snoozed\b/i.test(c)) return 'on_hold';
  return undefined;
}

function senderRole(m: Raw): 'contact' | 'user' | 'bot' | undefined {
  const t = typeof m.sender_type === 'string' ? m.sender_type : optObject(m.sender, 'sender')?.type;
  if (typeof t !== 'string') return undefined;
  const k = t.toLowerCase();
  if (k === 'contact') return 'contact';
  if (k === 'user') return 'user';
  if (k === 'agentbot' || k === 'agent_bot' || k.startsWith('captain')) return 'bot';
  return undefined;
}

/**
 * Reads Chatwoot conversations, their messages and CSAT responses into tickets and survey responses.
 *
 * @category Import
 * @param input - `{ conversations, messages?, csatSurveyResponses? }` as the API returns them
 * @param options - `invalid`, `statusMap`, `channelMap`, `activityStatus`
 * @returns the model (`tickets`, `surveys`), `excluded`, `warnings`, `counts`
 * @example
 * ```ts
 * import { fromChatwoot, firstResponseTime } from 'helpdesk-metrics';
 * const { tickets } = fromChatwoot({
 *   conversations: [{ id: 3, created_at: 1772442000, status: 'resolved', meta: { channel: 'Channel::WebWidget' } }],
 *   messages: [
 *     { id: 30, conversation_id: 3, message_type: 0, created_at: 1772442000, sender_type: 'Contact', sender_id: 8 },
 *     { id: 31, conversation_id: 3, message_type: 1, created_at: 1772444400, private: false, sender_type: 'User', sender_id: 2 },
 *     { id: 32, conversation_id: 3, message_type: 2, created_at: 1772445600, content: 'Conversation was marked resolved by Ana' },
 *   ],
 * });
 * firstResponseTime(tickets).meanMs; //=> 2400000 (40 min: times are seconds)
 * ```
 */
export function fromChatwoot(input: FromChatwootInput, options?: FromChatwootOptions): ImportResult {
  const { invalid } = readCommonOptions(NAME, options, OPTION_KEYS);
  const statuses = statusMapOption(NAME, options?.statusMap, STATUSES);
  const channels = channelMapOption(NAME, options?.channelMap, CHANNELS);
  const reader = options?.activityStatus ?? englishActivityStatus;
  if (typeof reader !== 'function') {
    throw new MetricsError({ code: 'invalid_option', functionName: NAME, field: 'activityStatus', rule: `must be a function, got ${describe(reader)}` });
  }
  const log = new ImportLog(NAME);
  const { lists, given } = collections(NAME, log, input, { conversations: 'required', messages: 'optional', csatSurveyResponses: 'optional' });

  interface State {
    readonly draft: TicketDraft;
    readonly status: TicketStatus | undefined;
    readonly firstReplyMs: number | undefined;
    readonly lastActivityMs: number | undefined;
    messages: number;
    firstMessage: { at: number; author: MessageAuthor } | undefined;
  }
  const states = new Map<string, State>();
  eachRecord(log, invalid, lists.conversations, 'conversations', () => NaN, (c, r, top) => {
    const id = asId(c.id, 'id');
    const createdMs = unixSeconds(c.created_at, 'created_at');
    const d = new TicketDraft(id, createdMs, r);
    const b = d.base;
    const statusLabel = optString(c.status, 'status');
    const status = statusLabel === undefined ? undefined : statusOf(statusLabel, 'status', statuses);
    const meta = optObject(c.meta, 'meta');
    const channel = channelOf(meta?.channel ?? optObject(c.inbox, 'inbox')?.channel_type, log, r, channels);
    if (channel !== undefined) b.channel = channel;
    const assignee = optIdString(optObject(meta?.assignee, 'meta.assignee')?.id ?? c.assignee_id, 'meta.assignee.id');
    if (assignee !== undefined) b.assigneeId = assignee;
    const team = optIdString(optObject(meta?.team, 'meta.team')?.id ?? c.team_id, 'meta.team.id');
    if (team !== undefined) b.groupId = team;
    const contact = optIdString(optObject(meta?.sender, 'meta.sender')?.id ?? optObject(c.contact, 'contact')?.id, 'meta.sender.id');
    if (contact !== undefined) b.requesterId = contact;
    const priority = optString(c.priority, 'priority');
    if (priority !== undefined) b.priority = priority;
    const labels = optTags(c.labels, 'labels');
    if (labels !== undefined) b.tags = labels;
    const fields = objectFields(c.custom_attributes, 'custom_attributes');
    if (fields !== undefined) b.fields = fields;
    states.set(d.key, {
      draft: d,
      status,
      firstReplyMs: optUnixSeconds(c.first_reply_created_at, 'first_reply_created_at', true),
      lastActivityMs: optUnixSeconds(c.last_activity_at ?? c.timestamp, 'last_activity_at', true),
      messages: 0,
      firstMessage: undefined,
    });
    log.imported('conversations');
  });

  eachRecord(log, invalid, lists.messages, 'messages', () => NaN, (m, r, top) => {
    const cid = String(asId(m.conversation_id, 'conversation_id'));
    const at = unixSeconds(m.created_at, 'created_at');
    const type = typeof m.message_type === 'number' ? m.message_type : typeof m.message_type === 'string' && Object.prototype.hasOwnProperty.call(TYPES, m.message_type) ? TYPES[m.message_type] : undefined;
    const priv = optBool(m.private, 'private') ?? false;
    const attrs = optObject(m.content_attributes, 'content_attributes');
    const s = states.get(cid);
    const withTicket = { ...r, ticketId: cid };
    if (s === undefined) {
      log.exclude('unknown_ticket', withTicket, 'no conversation with this id in conversations');
      return;
    }
    if (attrs?.deleted === true) {
      log.exclude('deleted', withTicket, 'a deleted message');
      return;
    }
    const sender = senderRole(m);
    const senderId = optIdString(m.sender_id ?? optObject(m.sender, 'sender')?.id, 'sender_id');
    let event: DraftEvent;
    switch (type) {
      case 0:
        event = messageEvent(at, 'customer', true, senderId);
        break;
      case 1:
        event = messageEvent(at, sender === 'bot' ? 'bot' : sender === undefined ? 'system' : sender === 'contact' ? 'customer' : 'agent', !priv, senderId);
        break;
      case 2: {
        const content = optString(m.content, 'content') ?? '';
        let st: unknown;
        try {
          st = reader(content);
        } catch (e) {
          throw callbackError({ functionName: NAME, option: 'activityStatus', collection: 'messages', recordIndex: top.index, recordId: top.id }, e);
        }
        if (st === undefined) {
          log.exclude('not_modelled', withTicket, 'an activity message with no status change');
          return;
        }
        const canonical = CANONICAL.includes(st as TicketStatus) ? (st as TicketStatus) : statuses.get(st);
        if (canonical === undefined) throw new Invalid('invalid_value', 'content', `activityStatus returned ${describe(st)}, not a status`);
        event = { type: 'status', at, status: canonical };
        break;
      }
      case 3:
        event = messageEvent(at, 'system');
        break;
      default:
        log.exclude('unknown_kind', withTicket, `message_type ${describe(m.message_type)}`);
        return;
    }
    if (s.draft.emit(log, withTicket, [event]) && event.type === 'message' && event.author !== 'system') {
      s.messages++;
      if (s.firstMessage === undefined || at < s.firstMessage.at) s.firstMessage = { at, author: event.author };
    }
  }, 'message_type');

  const surveys: SurveyResponse[] = [];
  eachRecord(log, invalid, lists.csatSurveyResponses, 'csatSurveyResponses', () => NaN, (c, r, top) => {
    const id = asId(c.id, 'id');
    const rating = optCount(c.rating, 'rating');
    const conv = c.conversation_id === undefined || c.conversation_id === null ? undefined : asId(c.conversation_id, 'conversation_id');
    const at = optUnixSeconds(c.created_at, 'created_at', true);
    const agent = optIdString(optObject(c.assigned_agent, 'assigned_agent')?.id ?? c.assigned_agent_id, 'assigned_agent.id');
    surveys.push(surveyResponse(id, rating ?? null, conv, conv === undefined ? undefined : states.get(String(conv))?.draft, at, agent));
    log.imported('csatSurveyResponses');
  });

  const tickets: Ticket[] = [];
  for (const s of states.values()) {
    const d = s.draft;
    if (s.messages > 0) {
      d.base.createdBy = s.firstMessage?.author === 'agent' ? 'agent' : 'customer';
      inferReopens(d, log, true);
    } else if (!d.events.some((e) => e.type === 'status')) {
      const summary: Record<string, unknown> = { status: s.status, firstRespondedAt: s.firstReplyMs };
      if (s.status === 'solved' || s.status === 'closed') summary.resolvedAt = Math.max(s.lastActivityMs ?? d.createdMs, d.createdMs);
      d.summary = summary;
      log.warn('status_inferred', 'no messages: the status is the current one, a resolution taken at the last activity', d.ref);
    }
    tickets.push(d.build());
  }
  return log.finish(tickets, given('csatSurveyResponses') ? surveys : undefined);
}

function statusOf(v: unknown, field: string, statuses: Vocabulary<TicketStatus>): TicketStatus {
  const s = statuses.get(v);
  if (s === undefined) throw new Invalid('unknown_status', field, `${describe(v)} is not a Chatwoot status; map it with the statusMap option`);
  return s;
}
