/**
 * What the Freshdesk importers share: the integer status, priority and source codes (and their labels, as the
 * CSV export writes them), and the satisfaction rating scale.
 *
 * @internal
 * @module
 */
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import type { TicketStatus } from '../../model/index.js';

/** @internal Freshdesk's built-in statuses: codes 2–5 and their labels. Custom statuses (6 and up) need the statusMap option. */
export const FRESHDESK_STATUSES: readonly (readonly [string, TicketStatus])[] = [
  ['2', 'open'], ['3', 'pending'], ['4', 'solved'], ['5', 'closed'],
  ['open', 'open'], ['pending', 'pending'], ['resolved', 'solved'], ['closed', 'closed'],
  ['waiting_on_customer', 'pending'], ['waiting_on_third_party', 'on_hold'],
];

/** @internal Priorities 1–4 and their labels. */
export const FRESHDESK_PRIORITIES = /* @__PURE__ */ new Map<string, string>([
  ['1', 'low'], ['2', 'medium'], ['3', 'high'], ['4', 'urgent'],
  ['low', 'low'], ['medium', 'medium'], ['high', 'high'], ['urgent', 'urgent'],
]);

/**
 * @internal Ticket sources. Documented in the v2 API: 1 Email, 2 Portal, 3 Phone, 7 Chat, 9 Feedback Widget,
 * 10 Outbound Email; older references add 4 Forum, 5 Twitter, 6 Facebook, 8 Mobihelp, 11 Ecommerce,
 * 12 Bot, 13 WhatsApp.
 */
export const FRESHDESK_SOURCES: readonly (readonly [string, string])[] = [
  ['1', 'email'], ['2', 'web'], ['3', 'phone'], ['4', 'web'], ['5', 'twitter'], ['6', 'facebook'], ['7', 'chat'],
  ['8', 'mobile'], ['9', 'web'], ['10', 'email'], ['11', 'web'], ['12', 'chat'], ['13', 'whatsapp'],
  ['forum', 'web'], ['mobihelp', 'mobile'], ['ecommerce', 'web'], ['bot', 'chat'],
];

/** @internal The outbound source: the description is the agent's message, and the ticket is agent-created. */
export const OUTBOUND_EMAIL = 10;

/** @internal A priority code or label as the model's priority (the label, lower-case). */
export function priorityOf(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const key = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  const p = key === undefined ? undefined : FRESHDESK_PRIORITIES.get(key);
  if (p === undefined) throw new Invalid('invalid_value', field, `must be a priority 1–4 (Low, Medium, High, Urgent), got ${describe(v)}`);
  return p;
}

/**
 * @internal A Freshdesk rating (103 Extremely happy … 100 Neutral … −103 Extremely unhappy) on a 1–7 scale:
 * −103 → 1, −102 → 2, −101 → 3, 100 → 4, 101 → 5, 102 → 6, 103 → 7.
 */
export function ratingOnSeven(v: unknown, field: string): number {
  const map: Readonly<Record<string, number>> = { '-103': 1, '-102': 2, '-101': 3, '100': 4, '101': 5, '102': 6, '103': 7 };
  const key = typeof v === 'number' || typeof v === 'string' ? String(v).trim() : '';
  if (Object.prototype.hasOwnProperty.call(map, key)) return map[key] as number;
  throw new Invalid('invalid_value', field, `must be a Freshdesk rating (−103, −102, −101, 100, 101, 102, 103), got ${describe(v)}`);
}
