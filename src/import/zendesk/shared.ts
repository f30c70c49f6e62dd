/**
 * What the Zendesk importers share: the status and channel vocabularies, custom fields, the summary form built
 * from `ticket_metrics` (or the export's metric columns), and the merge-note parsing.
 *
 * @internal
 * @module
 */
import { Invalid } from '../../_lib/records.js';
import type { TicketStatus } from '../../model/index.js';
import { describe } from '../../_lib/options.js';
import { asObject, fieldValue, optCount, optObject, type Raw } from '../_lib/read.js';

/** @internal Zendesk's statuses (API values and the export's capitalised labels), onto the canonical ones. */
export const ZENDESK_STATUSES: readonly (readonly [string, TicketStatus])[] = [
  ['new', 'new'],
  ['open', 'open'],
  ['pending', 'pending'],
  ['hold', 'on_hold'],
  ['on_hold', 'on_hold'],
  ['solved', 'solved'],
  ['closed', 'closed'],
];

/**
 * @internal Zendesk's via channels (API types, numeric via ids, the export's labels) onto the shared channel
 * names; anything else goes through the shared table.
 */
export const ZENDESK_CHANNELS: readonly (readonly [string, string])[] = [
  ['0', 'web'], ['4', 'email'], ['5', 'api'], ['8', 'system'], ['17', 'web'], ['19', 'system'], ['29', 'chat'],
  ['30', 'twitter'], ['34', 'phone'], ['35', 'phone'], ['44', 'phone'], ['45', 'phone'], ['46', 'phone'],
  ['web_service', 'api'], ['dropbox', 'web'], ['feedback_tab', 'web'], ['zendesk_widget', 'web'],
  ['merge', 'system'], ['batch', 'system'], ['linked_problem', 'system'], ['side_conversation', 'system'],
  ['voice', 'phone'], ['phone_call_inbound', 'phone'], ['phone_call_outbound', 'phone'], ['voicemail', 'phone'],
  ['any_channel', 'api'], ['mobile_sdk', 'messaging'], ['sunshine_conversations_api', 'messaging'],
];

/** @internal The score of a Zendesk rating on the 1–2 scale: good 2, bad 1; offered: no answer; unoffered: not sent. */
export function ratingScore(score: unknown, field: string): 2 | 1 | null | 'not_sent' {
  if (typeof score === 'string') {
    switch (score.trim().toLowerCase()) {
      case 'good':
        return 2;
      case 'bad':
        return 1;
      case 'offered':
        return null;
      case 'unoffered':
      case 'not offered':
      case 'not_offered':
        return 'not_sent';
      default:
        break;
    }
  }
  throw new Invalid('invalid_value', field, `must be 'good', 'bad', 'offered' or 'unoffered', got ${describe(score)}`);
}

/** @internal Zendesk `custom_fields` (`[{ id, value }]`) as the model's `fields`, keyed by the field id. */
export function customFields(v: unknown, field: string): Record<string, string | number | boolean | null> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new Invalid('invalid_value', field, `must be an array of { id, value }, got ${describe(v)}`);
  const entries: [string, string | number | boolean | null][] = [];
  v.forEach((raw, i) => {
    const f = asObject(raw, `${field}[${i}]`);
    const id = f.id;
    if (typeof id !== 'string' && typeof id !== 'number') throw new Invalid('invalid_value', `${field}[${i}].id`, `must be an id, got ${describe(id)}`);
    entries.push([String(id), fieldValue(f.value, `${field}[${i}].value`)]);
  });
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** @internal Whole minutes (a `{ calendar, business }` object's part, or a plain number) as ms. */
function minutesMs(v: unknown, field: string): number | undefined {
  const n = optCount(v, field);
  return n === undefined ? undefined : n * 60_000;
}

/** @internal The calendar and business parts of a Zendesk `{ calendar, business }` minutes object. */
export function minutePair(v: unknown, field: string): { calendar: number | undefined; business: number | undefined } {
  const o = optObject(v, field);
  if (o === undefined) return { calendar: undefined, business: undefined };
  return { calendar: minutesMs(o.calendar, `${field}.calendar`), business: minutesMs(o.business, `${field}.business`) };
}

/** @internal The minute columns of a summary, whatever their source. */
export interface ZendeskMinutes {
  readonly createdMs: number;
  readonly reply: { calendar: number | undefined; business: number | undefined };
  /** Exact first-reply calendar ms (`reply_time_in_seconds.calendar`), when given. */
  readonly replyExactMs?: number | undefined;
  readonly firstResolution: { calendar: number | undefined; business: number | undefined };
  readonly fullResolution: { calendar: number | undefined; business: number | undefined };
  readonly agentWait: { calendar: number | undefined; business: number | undefined };
  readonly requesterWait: { calendar: number | undefined; business: number | undefined };
  readonly onHold: { calendar: number | undefined; business: number | undefined };
  /** The latest solve, to the second (`solved_at`, "Solved at"). */
  readonly solvedMs: number | undefined;
  readonly reopens: number | undefined;
  readonly replies: number | undefined;
  readonly assigneeStations: number | undefined;
  readonly groupStations: number | undefined;
  readonly firstAssignedMs: number | undefined;
  readonly assignedMs: number | undefined;
  readonly status: TicketStatus | undefined;
}

/**
 * @internal The summary fields from Zendesk's metric minutes. The first reply and the resolutions are
 * `createdAt + minutes` (minute precision: within a minute of the real instant) except where an exact instant
 * is known: `solved_at` is the last resolution, and also the first when the ticket was never reopened.
 */
export function summaryFromMinutes(m: ZendeskMinutes): Record<string, unknown> {
  const c = m.createdMs;
  const plus = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : c + ms);
  const resolved = m.status === undefined ? m.solvedMs !== undefined || m.fullResolution.calendar !== undefined : m.status === 'solved' || m.status === 'closed';
  const everResolved = resolved || m.solvedMs !== undefined || m.firstResolution.calendar !== undefined;
  let last = m.solvedMs ?? plus(m.fullResolution.calendar);
  let first = m.reopens === 0 && m.solvedMs !== undefined ? m.solvedMs : plus(m.firstResolution.calendar);
  if (first === undefined) first = last;
  if (last === undefined) last = first;
  if (first !== undefined && last !== undefined && first > last) first = last; // minute rounding past the exact solve
  const out: Record<string, unknown> = {
    status: m.status,
    firstRespondedAt: m.replyExactMs !== undefined ? c + m.replyExactMs : plus(m.reply.calendar),
    firstResolvedAt: everResolved ? first : undefined,
    resolvedAt: everResolved ? last : undefined,
    agentReplies: m.replies,
    reopens: m.reopens,
    requesterWaitMs: m.requesterWait.calendar,
    requesterWaitBusinessMs: m.requesterWait.business,
    agentWaitMs: m.agentWait.calendar,
    agentWaitBusinessMs: m.agentWait.business,
    onHoldMs: m.onHold.calendar,
    onHoldBusinessMs: m.onHold.business,
    firstResponseBusinessMs: m.reply.business,
    firstResolutionBusinessMs: m.firstResolution.business,
    fullResolutionBusinessMs: m.fullResolution.business,
    assigneeStations: m.assigneeStations,
    groupStations: m.groupStations,
    firstAssignedAt: m.firstAssignedMs,
    assignedAt: m.assignedMs,
  };
  return out;
}

const MERGED_INTO = /merged into (?:request|ticket) #(\d+)/i;
const MERGED_INTO_THIS = /closed and merged into this (?:request|ticket)/i;

/**
 * @internal Merge links in a comment body, from Zendesk's default (English) merge comments: on the closed
 * ticket "This request was closed and merged into request #123 …", on the surviving one "Request #45 … was
 * closed and merged into this request" (every `#<number>` before "was closed" is a source). Returns the
 * target, or the sources, or nothing.
 */
export function mergeLinks(body: string): { into?: string; from?: string[] } {
  const into = MERGED_INTO.exec(body);
  if (into !== null) return { into: into[1] as string };
  const here = MERGED_INTO_THIS.exec(body);
  if (here !== null) {
    const before = body.slice(0, here.index);
    const ids = [...before.matchAll(/#(\d+)/g)].map((m) => m[1] as string);
    if (ids.length > 0) return { from: ids };
  }
  return {};
}

/** @internal Reads a raw record's object field (used for `via`). */
export function viaChannel(via: Raw | undefined): unknown {
  return via?.channel;
}
