/**
 * First contact resolution (FCR).
 *
 * Formula: FCR % = FCR tickets / FCR-eligible tickets × 100.
 * Default definition: Zendesk "% One-touch tickets" — resolved (solved or closed now) with at most one public
 * agent reply and never reopened; silent solves (no reply) are not a success unless `countSilentSolves`.
 * Other definitions: `'no-customer-follow-up'` (Freshworks: no customer message after the first) and
 * `'no-repeat-contact'` (contact-centre practice: the requester opened no other ticket within a window).
 * Eligibility: unresolved, spam, merged, agent-created and no-customer-message tickets are left out by default,
 * each with its own reason and switch, plus a user predicate `eligible`.
 * Options: definition, maxAgentReplies, countSilentSolves, repeatContactWindowMs, asOf, excludeUnresolved,
 * spamTags, mergedTags, excludeAgentCreated, excludeNoCustomerMessage, eligible, period, attributeTo,
 * confidence, invalid, statusMap, timeZone.
 *
 * @module
 */
import { readPeriod, type PeriodOptions } from '../../_lib/period.js';
import { countReopens, resolvedOnceAndStill, summaryReopened } from '../../_lib/statusHistory.js';
import { createTicketReader, isCurrentlyResolved, optionError, type TicketInputOptions } from '../../_lib/tickets.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import { exclude, finishLedger, type InvalidReason } from '../../results/excluded.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * The three FCR definitions:
 * - `'one-touch'`: resolved with at most `maxAgentReplies` qualifying agent replies and never reopened
 *   (Zendesk "One-touch tickets");
 * - `'no-customer-follow-up'`: resolved with no customer message after the first one (Freshworks);
 * - `'no-repeat-contact'`: resolved, and the same `requesterId` opened no other ticket within
 *   `repeatContactWindowMs` of this one's creation (contact-centre practice).
 *
 * @category Ticket outcomes
 */
export type FirstContactResolutionDefinition = 'one-touch' | 'no-customer-follow-up' | 'no-repeat-contact';

/**
 * Why a ticket is outside the FCR denominator, in the order the checks run:
 * - `out_of_period`: its `attributeTo` instant is outside `period`;
 * - `unresolved`: not solved or closed now (switch: `excludeUnresolved`);
 * - `ineligible:spam`, `ineligible:merged`: carries one of `spamTags` / `mergedTags`;
 * - `ineligible:agent_created`: opened by an agent (outbound, proactive; switch: `excludeAgentCreated`);
 * - `ineligible:no_customer_message`: the customer never wrote (switch: `excludeNoCustomerMessage`);
 * - `ineligible:<reason>`: the `eligible` predicate returned `<reason>` (`ineligible:custom` for `false`);
 * - `no_requester`: `'no-repeat-contact'` and the ticket has no `requesterId`;
 * - `window_open`: `'no-repeat-contact'` and the repeat window has not ended by `asOf`;
 * - `summary_only`: the summary fields do not decide the definition (no reply or message count, or reopens
 *   unknown);
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type FirstContactResolutionExclusion =
  | 'out_of_period'
  | 'unresolved'
  | 'ineligible:spam'
  | 'ineligible:merged'
  | 'ineligible:agent_created'
  | 'ineligible:no_customer_message'
  | `ineligible:${string}`
  | 'no_requester'
  | 'window_open'
  | 'summary_only'
  | InvalidReason;

/**
 * A user eligibility rule: `true` keeps the ticket; a string (or `false`) leaves it out with the reason
 * `ineligible:<string>` (`ineligible:custom` for `false`).
 *
 * @category Ticket outcomes
 */
export type EligibilityPredicate = (ticket: Ticket) => true | false | string;

/**
 * Options of {@link firstContactResolution}.
 *
 * @category Ticket outcomes
 */
export interface FirstContactResolutionOptions extends TicketInputOptions, PeriodOptions {
  /** @defaultValue `'one-touch'` */
  readonly definition?: FirstContactResolutionDefinition;
  /**
   * `'one-touch'`: the most qualifying agent replies a success may have. On an agent-created ticket the agent's
   * opening message is not counted (Zendesk). A whole number ≥ 0.
   * @defaultValue `1`
   */
  readonly maxAgentReplies?: number;
  /**
   * `'one-touch'`: whether a ticket solved with zero agent replies is a success (Zendesk Explore counts them;
   * most FCR programmes do not).
   * @defaultValue `false`
   */
  readonly countSilentSolves?: boolean;
  /**
   * `'no-repeat-contact'`: a repeat is another ticket of the same requester created in
   * `[createdAt, createdAt + repeatContactWindowMs)`. A whole number of ms > 0.
   * @defaultValue `604800000` (7 days)
   */
  readonly repeatContactWindowMs?: number;
  /**
   * `'no-repeat-contact'`: the instant up to which contacts are known. Tickets whose window ends after it are
   * left out as `window_open` (their verdict is pending).
   * @defaultValue the latest `createdAt` in the input
   */
  readonly asOf?: Timestamp;
  /** Leave out tickets not resolved now; `false` counts them as failures. @defaultValue `true` */
  readonly excludeUnresolved?: boolean;
  /** Tags marking spam; `[]` switches the check off. @defaultValue `['spam']` */
  readonly spamTags?: readonly string[];
  /** Tags marking merged tickets; `[]` switches the check off. @defaultValue `['closed_by_merge']` */
  readonly mergedTags?: readonly string[];
  /** Leave out agent-created (outbound, proactive) tickets. @defaultValue `true` */
  readonly excludeAgentCreated?: boolean;
  /** Leave out tickets without any customer message. @defaultValue `true` */
  readonly excludeNoCustomerMessage?: boolean;
  /** A further eligibility rule, applied after the built-in ones. */
  readonly eligible?: EligibilityPredicate;
  /** Confidence level of the Wilson interval, in (0, 1). @defaultValue `0.95` */
  readonly confidence?: number;
}

const NAME = 'firstContactResolution';
const DAY_MS = 86_400_000;

function tagSet(value: unknown, field: string): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) optionError(NAME, field, 'must be an array of strings');
  return value.length === 0 ? undefined : new Set(value as string[]);
}

function hasTag(ticket: Ticket, tags: ReadonlySet<string>): boolean {
  const list = ticket.tags;
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) if (tags.has(list[i] as string)) return true;
  return false;
}

function boolOption(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') optionError(NAME, field, 'must be a boolean');
  return value;
}

function confidenceOption(functionName: string, value: unknown): number {
  if (value === undefined) return 0.95;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) optionError(functionName, 'confidence', 'must be a number in (0, 1)');
  return value;
}

/**
 * First contact resolution (FCR): the share of eligible tickets resolved on first contact.
 *
 * The denominator is explained by `excluded.byReason`: every ticket given is either in the denominator or
 * listed there with the rule that left it out.
 *
 * Cost: one pass, O(events); `'no-repeat-contact'` adds a sort of the creation times per requester,
 * O(n log n).
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events`, or with the summary fields (`status`, `agentReplies`,
 *   `customerReplies`, `reopens`)
 * @param options - the definition and the eligibility rules; defaults follow Zendesk's one-touch tickets
 * @returns a {@link RateResult}: `numerator` FCR tickets, `denominator` eligible tickets
 * @example
 * ```ts
 * import { firstContactResolution } from 'helpdesk-metrics';
 * const fcr = firstContactResolution([
 *   { id: 1, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T10:00:00Z',
 *     agentReplies: 1, customerReplies: 1, reopens: 0 },
 *   { id: 2, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T12:00:00Z',
 *     agentReplies: 3, customerReplies: 2, reopens: 0 },
 *   { id: 3, createdAt: '2026-03-02T09:00:00Z', status: 'solved', resolvedAt: '2026-03-02T09:01:00Z',
 *     agentReplies: 0, customerReplies: 1, reopens: 0, tags: ['spam'] },
 *   { id: 4, createdAt: '2026-03-02T09:00:00Z', status: 'open', agentReplies: 1, customerReplies: 1 },
 * ]);
 * fcr.numerator;          //=> 1
 * fcr.denominator;        //=> 2
 * fcr.percent;            //=> 50
 * fcr.excluded.byReason;  //=> { 'ineligible:spam': 1, unresolved: 1 }
 * ```
 */
export function firstContactResolution(
  tickets: readonly Ticket[],
  options?: FirstContactResolutionOptions,
): RateResult<FirstContactResolutionExclusion> {
  const reader = createTicketReader<FirstContactResolutionExclusion>(NAME, tickets, options);
  const definition = options?.definition ?? 'one-touch';
  if (definition !== 'one-touch' && definition !== 'no-customer-follow-up' && definition !== 'no-repeat-contact') {
    optionError(NAME, 'definition', `must be 'one-touch', 'no-customer-follow-up' or 'no-repeat-contact', got ${JSON.stringify(definition)}`);
  }
  const maxReplies = options?.maxAgentReplies ?? 1;
  if (typeof maxReplies !== 'number' || !Number.isInteger(maxReplies) || maxReplies < 0) {
    optionError(NAME, 'maxAgentReplies', `must be a whole number ≥ 0, got ${JSON.stringify(maxReplies)}`);
  }
  const windowMs = options?.repeatContactWindowMs ?? 7 * DAY_MS;
  if (typeof windowMs !== 'number' || !Number.isInteger(windowMs) || windowMs <= 0) {
    optionError(NAME, 'repeatContactWindowMs', `must be a whole number of ms > 0, got ${JSON.stringify(windowMs)}`);
  }
  const silentOk = boolOption(options?.countSilentSolves, 'countSilentSolves', false);
  const dropUnresolved = boolOption(options?.excludeUnresolved, 'excludeUnresolved', true);
  const dropAgentCreated = boolOption(options?.excludeAgentCreated, 'excludeAgentCreated', true);
  const dropNoCustomer = boolOption(options?.excludeNoCustomerMessage, 'excludeNoCustomerMessage', true);
  const spam = tagSet(options?.spamTags ?? ['spam'], 'spamTags');
  const merged = tagSet(options?.mergedTags ?? ['closed_by_merge'], 'mergedTags');
  const eligible = options?.eligible;
  if (eligible !== undefined && typeof eligible !== 'function') optionError(NAME, 'eligible', 'must be a function');
  const level = confidenceOption(NAME, options?.confidence);
  const asOfOption = options?.asOf === undefined ? undefined : reader.parseOption(options.asOf, 'asOf');
  const period = readPeriod(reader, options, 'resolved');
  const repeat = definition === 'no-repeat-contact';

  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  let numerator = 0;
  let denominator = 0;
  // 'no-repeat-contact' only: per ticket, its requester (−1: none / invalid) and state
  // (0 out, 1 resolved candidate, 2 unresolved kept as a failure).
  const reqOf = repeat ? new Int32Array(n).fill(-1) : undefined;
  const createdOf = repeat ? new Float64Array(n) : undefined;
  const state = repeat ? new Uint8Array(n) : undefined;
  const requesters = repeat ? new Map<string, number>() : undefined;
  let latestCreated = -Infinity;

  for (let i = 0; i < n; i++) {
    if (!reader.read(tickets, i)) continue;
    const t = f.ticket;
    if (repeat) {
      const r = t.requesterId;
      if (typeof r === 'string' && r.length > 0) {
        let id = (requesters as Map<string, number>).get(r);
        if (id === undefined) {
          id = (requesters as Map<string, number>).size;
          (requesters as Map<string, number>).set(r, id);
        }
        (reqOf as Int32Array)[i] = id;
      }
      (createdOf as Float64Array)[i] = f.createdMs;
      if (f.createdMs > latestCreated) latestCreated = f.createdMs;
    }
    if (period !== undefined && period.attributeTo === 'created' && !(f.createdMs >= period.from && f.createdMs < period.to)) {
      exclude(ledger, 'out_of_period', f.id);
      continue;
    }
    const resolved = isCurrentlyResolved(f);
    if (!resolved && dropUnresolved) {
      exclude(ledger, 'unresolved', f.id);
      continue;
    }
    if (period !== undefined && period.attributeTo !== 'created') {
      // An unresolved ticket kept as a failure (excludeUnresolved off) has no resolution: place it by creation.
      const anchor = period.attributeTo === 'resolved' ? (resolved ? f.lastResolvedMs : f.createdMs) : f.firstReplyMs;
      if (!(anchor >= period.from && anchor < period.to)) {
        exclude(ledger, 'out_of_period', f.id);
        continue;
      }
    }
    if (spam !== undefined && hasTag(t, spam)) {
      exclude(ledger, 'ineligible:spam', f.id);
      continue;
    }
    if (merged !== undefined && hasTag(t, merged)) {
      exclude(ledger, 'ineligible:merged', f.id);
      continue;
    }
    if (dropAgentCreated && f.agentCreated) {
      exclude(ledger, 'ineligible:agent_created', f.id);
      continue;
    }
    if (dropNoCustomer && f.customerCount <= 0) {
      exclude(ledger, f.customerCount === 0 ? 'ineligible:no_customer_message' : 'summary_only', f.id);
      continue;
    }
    if (eligible !== undefined) {
      const verdict: unknown = eligible(t);
      if (verdict !== true) {
        const reason = typeof verdict === 'string' && verdict.length > 0 ? verdict : 'custom';
        exclude(ledger, `ineligible:${reason}`, f.id);
        continue;
      }
    }
    if (!resolved) {
      // excludeUnresolved: false: an unresolved ticket is a failure under every definition.
      if (repeat) {
        if ((reqOf as Int32Array)[i] === -1) {
          exclude(ledger, 'no_requester', f.id);
          continue;
        }
        (state as Uint8Array)[i] = 2;
        continue;
      }
      denominator++;
      continue;
    }
    if (definition === 'one-touch') {
      let replies = f.replyCount;
      let reopened: number;
      if (f.hasEvents) {
        if (f.agentCreated && f.firstMessageQualifies) replies--; // the agent's opening message is no touch
        if (resolvedOnceAndStill(f)) {
          reopened = 0;
        } else {
          reader.sortEvents(true);
          reopened = countReopens(reader) > 0 ? 1 : 0;
        }
      } else {
        reopened = summaryReopened(f);
      }
      if (replies < 0 || reopened < 0) {
        exclude(ledger, 'summary_only', f.id);
        continue;
      }
      denominator++;
      if (reopened === 0 && replies <= maxReplies && (replies > 0 || silentOk)) numerator++;
    } else if (definition === 'no-customer-follow-up') {
      if (f.customerCount < 0) {
        exclude(ledger, 'summary_only', f.id);
        continue;
      }
      denominator++;
      if (f.customerCount <= 1) numerator++;
    } else {
      if ((reqOf as Int32Array)[i] === -1) {
        exclude(ledger, 'no_requester', f.id);
        continue;
      }
      (state as Uint8Array)[i] = 1;
    }
  }

  if (repeat) {
    const asOf = asOfOption ?? latestCreated;
    const req = reqOf as Int32Array;
    const created = createdOf as Float64Array;
    const st = state as Uint8Array;
    // Group creation times by requester (counting sort), then sort each group: O(n log n).
    const groups = (requesters as Map<string, number>).size;
    const start = new Int32Array(groups + 1);
    for (let i = 0; i < n; i++) {
      const g = req[i] as number;
      if (g >= 0) start[g + 1] = (start[g + 1] as number) + 1;
    }
    for (let g = 1; g <= groups; g++) start[g] = (start[g] as number) + (start[g - 1] as number);
    const fill = start.slice(0, groups);
    const times = new Float64Array(start[groups] as number);
    for (let i = 0; i < n; i++) {
      const g = req[i] as number;
      if (g >= 0) times[(fill[g] as number)++] = created[i] as number;
    }
    for (let g = 0; g < groups; g++) {
      const a = start[g] as number;
      const b = start[g + 1] as number;
      if (b - a > 1) times.subarray(a, b).sort();
    }
    for (let i = 0; i < n; i++) {
      const s = st[i] as number;
      if (s === 0) continue;
      const c = created[i] as number;
      const id = idOf(tickets, i);
      if (c + windowMs > asOf) {
        exclude(ledger, 'window_open', id);
        continue;
      }
      denominator++;
      if (s === 2) continue;
      const g = req[i] as number;
      let lo = start[g] as number;
      let hi = start[g + 1] as number;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((times[mid] as number) < c) lo = mid + 1;
        else hi = mid;
      }
      // times[lo] === c (this ticket, or a twin created at the same instant); the next one decides.
      const next = lo + 1 < (start[g + 1] as number) ? (times[lo + 1] as number) : Infinity;
      if (!(next < c + windowMs)) numerator++;
    }
  }
  return buildRate(numerator, denominator, finishLedger(ledger), level);
}

/** The id label the reader used for a valid ticket. */
function idOf(tickets: readonly Ticket[], i: number): string {
  const id = (tickets[i] as Ticket).id;
  return typeof id === 'string' ? id : String(id);
}
