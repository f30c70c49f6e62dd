/**
 * Help Scout conversations (Mailbox API 2.0, `GET /v2/conversations?embed=threads`) to the model.
 *
 * Mapping: conversation `status` (active → open, pending, closed → solved, spam → `spam: true`), `state`
 * (deleted → `deleted: true`, draft → excluded), `createdBy.type` user → agent-created, `mailboxId` →
 * groupId; threads: customer → customer message, message → agent reply, note → internal note, chat and phone by
 * their author, forwards as internal; each thread's `status` is the status set at that thread; lineitems carry
 * status changes, and `merged` lineitems mark the merged conversation (`mergedInto`); drafts and threads under
 * review are excluded. Assignment changes come from the threads' `assignedTo`.
 * Options: invalid, statusMap, channelMap.
 *
 * @module
 */
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import type { MessageAuthor, Ticket, TicketStatus } from '../../model/index.js';
import { channelOf, messageEvent, TicketDraft, type DraftEvent } from '../_lib/draft.js';
import {
  asId,
  asObject,
  eachRecord,
  fieldValue,
  guard,
  collections,
  optArray,
  optIdString,
  optObject,
  optString,
  readCommonOptions,
  ref,
  type Raw,
} from '../_lib/read.js';
import { ImportLog, type ImportOptions, type ImportResult } from '../_lib/result.js';
import { isoTime, optIsoTime, updatedMs } from '../_lib/time.js';
import { channelMapOption, statusMapOption } from '../_lib/vocab.js';

/**
 * The collections {@link fromHelpScout} takes.
 *
 * @category Import
 */
export interface FromHelpScoutInput {
  /** Conversations with their threads embedded (`embed=threads`, in `_embedded.threads`); without threads, the summary form. */
  readonly conversations: readonly unknown[];
}

/**
 * Options of {@link fromHelpScout}.
 *
 * @category Import
 */
export interface FromHelpScoutOptions extends ImportOptions {
  /** Extra conversation types or source types onto channel names. */
  readonly channelMap?: Readonly<Record<string, string>>;
}

const NAME = 'fromHelpScout';
const OPTION_KEYS = ['invalid', 'statusMap', 'channelMap'] as const;
const STATUSES: readonly (readonly [string, TicketStatus])[] = [['active', 'open'], ['open', 'open'], ['pending', 'pending'], ['closed', 'solved']];
const CHANNELS: readonly (readonly [string, string])[] = [['beacon_v2', 'chat'], ['beaconchat', 'chat']];

function updatedOf(raw: unknown): number {
  const r = raw as Raw | null;
  const u = r?.userUpdatedAt ?? r?.updatedAt;
  return updatedMs(u);
}

function personRole(p: Raw | undefined): MessageAuthor | undefined {
  switch (p?.type) {
    case 'customer':
      return 'customer';
    case 'user':
    case 'team':
      return 'agent';
    case 'system_user':
      return 'bot';
    default:
      return undefined;
  }
}

/**
 * Reads Help Scout conversations with their threads into tickets.
 *
 * Ratings are not part of conversations (the Reports and Ratings endpoints hold them): none are returned.
 *
 * @category Import
 * @param input - `{ conversations }` with `_embedded.threads`
 * @param options - `invalid`, `statusMap`, `channelMap`
 * @returns the model (`tickets`), `excluded`, `warnings`, `counts`
 * @example
 * ```ts
 * import { fromHelpScout, resolutionTime } from 'helpdesk-metrics';
 * const { tickets } = fromHelpScout({ conversations: [{
 *   id: 1, type: 'email', status: 'closed', state: 'published', createdAt: '2026-03-02T09:00:00Z',
 *   createdBy: { id: 5, type: 'customer' },
 *   _embedded: { threads: [
 *     { id: 12, type: 'message', status: 'closed', state: 'published', createdAt: '2026-03-02T10:00:00Z', createdBy: { id: 2, type: 'user' } },
 *     { id: 11, type: 'customer', status: 'active', state: 'published', createdAt: '2026-03-02T09:00:00Z', createdBy: { id: 5, type: 'customer' } },
 *   ] },
 * }] });
 * resolutionTime(tickets).meanMs; //=> 3600000
 * ```
 */
export function fromHelpScout(input: FromHelpScoutInput, options?: FromHelpScoutOptions): ImportResult {
  const { invalid } = readCommonOptions(NAME, options, OPTION_KEYS);
  const statuses = statusMapOption(NAME, options?.statusMap, STATUSES);
  const channels = channelMapOption(NAME, options?.channelMap, CHANNELS);
  const log = new ImportLog(NAME);
  const list = collections(NAME, log, input, { conversations: 'required' }).lists.conversations;
  const drafts: TicketDraft[] = [];
  const byId = new Map<string, TicketDraft>();
  /** Merged-away conversation → the surviving one, from `merged` line items. */
  const merges = new Map<string, string | number>();
  const statusOf = (v: unknown, field: string): TicketStatus | 'spam' | undefined => {
    if (v === undefined || v === null || v === 'nochange') return undefined;
    if (v === 'spam') return 'spam';
    const s = statuses.get(v);
    if (s === undefined) throw new Invalid('unknown_status', field, `${describe(v)} is not a Help Scout status; map it with the statusMap option`);
    return s;
  };

  eachRecord(log, invalid, list, 'conversations', updatedOf, (c, r, top) => {
    const id = asId(c.id, 'id');
    const createdMs = isoTime(c.createdAt, 'createdAt', undefined);
    const state = optString(c.state, 'state');
    if (state === 'draft') {
      log.exclude('draft', r, 'a draft conversation, never sent');
      return;
    }
    const d = new TicketDraft(id, createdMs, r);
    const b = d.base;
    if (state === 'deleted') b.deleted = true;
    const status = statusOf(c.status, 'status');
    if (status === 'spam') b.spam = true;
    const channel = channelOf(c.type ?? optObject(c.source, 'source')?.type, log, r, channels);
    if (channel !== undefined) b.channel = channel;
    const assignee = optIdString(optObject(c.assignee, 'assignee')?.id, 'assignee.id');
    if (assignee !== undefined) b.assigneeId = assignee;
    const mailbox = optIdString(c.mailboxId, 'mailboxId');
    if (mailbox !== undefined) b.groupId = mailbox;
    const customer = optIdString(optObject(c.primaryCustomer, 'primaryCustomer')?.id, 'primaryCustomer.id');
    if (customer !== undefined) b.requesterId = customer;
    const creator = personRole(optObject(c.createdBy, 'createdBy')) ?? (optObject(c.source, 'source')?.via === 'user' ? 'agent' : undefined);
    if (creator !== undefined) b.createdBy = creator === 'customer' ? 'customer' : creator === 'agent' ? 'agent' : 'system';
    const tags = optArray(c.tags, 'tags');
    if (tags !== undefined) {
      b.tags = tags.map((t, k) => {
        const name = asObject(t, `tags[${k}]`).tag ?? asObject(t, `tags[${k}]`).name;
        if (typeof name !== 'string') throw new Invalid('invalid_value', `tags[${k}].tag`, `must be a string, got ${describe(name)}`);
        return name;
      });
    }
    const custom = optArray(c.customFields, 'customFields');
    if (custom !== undefined && custom.length > 0) {
      b.fields = Object.fromEntries(
        custom.map((f, k) => {
          const o = asObject(f, `customFields[${k}]`);
          const key = typeof o.name === 'string' ? o.name : String(asId(o.id, `customFields[${k}].id`));
          return [key, fieldValue(o.text ?? o.value, `customFields[${k}].value`)];
        }),
      );
    }
    const threads = optArray(optObject(c._embedded, '_embedded')?.threads, '_embedded.threads') ?? optArray(c.threads, 'threads');
    if (threads === undefined) {
      const closedMs = optIsoTime(c.closedAt, 'closedAt', undefined);
      const summaryStatus = status === 'spam' ? undefined : status;
      d.summary = { status: summaryStatus, resolvedAt: summaryStatus === 'solved' || summaryStatus === 'closed' ? closedMs ?? createdMs : undefined };
      log.warn('status_inferred', 'no threads embedded: only the current status and closedAt are known', r);
    }
    if (threads !== undefined) {
      const list2 = threads;
      log.input('threads', list2.length);
      const assignments: { at: number; id: string | null }[] = [];
      list2.forEach((rawThread, j) => {
        const kind = typeof (rawThread as Raw | null)?.type === 'string' ? ((rawThread as Raw).type as string) : undefined;
        const tr = ref('threads', j, rawThread, kind, d.key);
        guard(log, invalid, top, tr, `_embedded.threads[${j}].`, () => {
          const t = asObject(rawThread, undefined);
          const at = isoTime(t.createdAt, 'createdAt', undefined);
          const state = optString(t.state, 'state');
          if (state === 'draft' || state === 'underreview') {
            log.exclude('draft', tr, `a thread in state ${state}`);
            return;
          }
          if (state === 'hidden') {
            log.exclude('deleted', tr, 'a hidden thread');
            return;
          }
          const by = optObject(t.createdBy, 'createdBy');
          const role = personRole(by);
          const status = statusOf(t.status, 'status');
          const assigned = optObject(t.assignedTo, 'assignedTo');
          if (assigned !== undefined) assignments.push({ at, id: optIdString(assigned.id, 'assignedTo.id') ?? null });
          const events: DraftEvent[] = [];
          const message = (author: MessageAuthor | undefined, pub: boolean): void => {
            if (author === undefined) throw new Invalid('invalid_value', 'createdBy.type', `must be 'customer' or 'user', got ${describe(by?.type)}`);
            events.push(messageEvent(at, author, pub, optIdString(by?.id, 'createdBy.id')));
          };
          switch (kind) {
            case 'customer':
              message('customer', true);
              break;
            case 'message':
              message(role === 'customer' ? 'agent' : role ?? 'agent', true);
              break;
            case 'note':
              message(role === 'customer' ? 'agent' : role ?? 'agent', false);
              break;
            case 'chat':
            case 'beaconchat':
            case 'phone':
              message(role, true);
              break;
            case 'forwardparent':
            case 'forwardchild':
              message(role === 'customer' ? 'agent' : role ?? 'agent', false);
              break;
            case 'lineitem': {
              const action = optObject(t.action, 'action');
              const actionType = optString(action?.type, 'action.type') ?? optString(t.actionType, 'actionType');
              if (actionType === 'merged') {
                const entities = optObject(action?.associatedEntities, 'action.associatedEntities');
                const from = entities?.originalConversation ?? entities?.conversation ?? t.actionSourceId;
                const fromId = from === undefined || from === null ? undefined : String(asId(from, 'action.associatedEntities'));
                if (fromId !== undefined && fromId !== d.key) merges.set(fromId, d.id);
                else log.warn('merge_target_unknown', 'a merged line item without the merged conversation id', tr);
              }
              if (status === undefined && actionType !== 'merged' && assigned === undefined) {
                log.exclude('not_modelled', tr, `a line item (${actionType ?? 'no action'})`);
                return;
              }
              break;
            }
            default:
              log.exclude('unknown_kind', tr, `thread type ${describe(t.type)}`);
              return;
          }
          if (status === 'spam') d.base.spam = true;
          else if (status !== undefined) events.push({ type: 'status', at, status });
          if (events.length === 0) log.imported('threads');
          else d.emit(log, tr, events);
        });
      });
      assignments.sort((x, y) => x.at - y.at);
      let current: string | null | undefined;
      for (const a of assignments) {
        if (a.id !== current && a.at >= d.createdMs) d.events.push({ type: 'assignment', at: a.at, assigneeId: a.id });
        current = a.id;
      }
    }
    drafts.push(d);
    byId.set(d.key, d);
    log.imported('conversations');
  });
  for (const [from, into] of merges) {
    const d = byId.get(from);
    if (d !== undefined) d.base.mergedInto = into;
  }
  const tickets: Ticket[] = drafts.map((d) => d.build());
  return log.finish(tickets);
}
