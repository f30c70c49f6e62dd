/**
 * Input types: the plain objects a user hands to the metric functions.
 *
 * @module
 */

/**
 * An instant. One of:
 * - epoch milliseconds (an integer),
 * - a `Date`,
 * - an ISO-8601 string **with** an offset or `Z` (`'2026-03-01T09:00:00Z'`, `'2026-03-01T10:00+01:00'`).
 *   A string without an offset is an error unless the function takes a `timeZone` option, in which case it is
 *   read as local time in that zone.
 *
 * Years outside 1970–2200 are rejected as implausible.
 *
 * @category Model
 */
export type Timestamp = Date | number | string;

/**
 * The canonical ticket statuses (Zendesk's status categories). Custom statuses map onto these through the
 * `statusMap` option of the metric functions.
 *
 * @category Model
 */
export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';

/**
 * Who wrote a message.
 * - `customer`: the requester or any end user;
 * - `agent`: a human agent (public replies count as responses, internal notes do not);
 * - `bot`: an automated or AI responder (never a response by default);
 * - `system`: triggers, automations, notifications (never a response).
 *
 * @category Model
 */
export type MessageAuthor = 'customer' | 'agent' | 'bot' | 'system';

/**
 * A message (comment) on a ticket.
 *
 * @category Model
 */
export interface MessageEvent {
  readonly type: 'message';
  /** When the message was sent. */
  readonly at: Timestamp;
  /** Who wrote it. */
  readonly author: MessageAuthor;
  /** Visible to the customer. Internal notes are `public: false`. @defaultValue `true` */
  readonly public?: boolean;
  /** The author's id, for per-agent breakdowns. */
  readonly authorId?: string;
}

/**
 * A status change on a ticket. `status` is one of {@link TicketStatus}, or a custom status that the
 * function's `statusMap` option maps to one.
 *
 * @category Model
 */
export interface StatusEvent {
  readonly type: 'status';
  /** When the status was set. */
  readonly at: Timestamp;
  /** The new status. */
  readonly status: TicketStatus | (string & {});
}

/**
 * A change of the ticket's assignee and/or group (Zendesk audit `Change` events on `assignee_id` /
 * `group_id`, Freshdesk activities, Intercom assignment parts). A field that is absent did not change; `null`
 * means "unassigned" from then on.
 *
 * @category Model
 */
export interface AssignmentEvent {
  readonly type: 'assignment';
  /** When the assignment changed. */
  readonly at: Timestamp;
  /** The agent assigned from then on; `null`: no agent. */
  readonly assigneeId?: string | null;
  /** The group (team, inbox) assigned from then on; `null`: no group. */
  readonly groupId?: string | null;
  /** Who made the change, when known (`'system'` for triggers and routing rules). */
  readonly author?: MessageAuthor;
}

/**
 * One entry of a ticket's history, in any order.
 *
 * @category Model
 */
export type TicketEvent = MessageEvent | StatusEvent | AssignmentEvent;

/**
 * Fields shared by both ticket forms.
 *
 * @category Model
 */
export interface TicketBase {
  /** Unique within one call. */
  readonly id: string | number;
  /** When the ticket was created. */
  readonly createdAt: Timestamp;
  readonly channel?: string;
  /** A label; a number (Freshdesk's 1–4) is read as its decimal string. */
  readonly priority?: string | number;
  readonly assigneeId?: string | number;
  readonly groupId?: string | number;
  /** Who asked; a number (a Zendesk user id) is read as its decimal string. */
  readonly requesterId?: string | number;
  readonly tags?: readonly string[];
  /**
   * Who opened the ticket. When absent, a ticket whose earliest message is a public agent message is treated
   * as agent-created (outbound).
   */
  readonly createdBy?: 'customer' | 'agent' | 'system';
  /**
   * Marked as spam in the helpdesk. Every ticket metric leaves spam out (reason `'spam'`) unless its
   * `exclude` option says otherwise.
   */
  readonly spam?: boolean;
  /** Deleted in the helpdesk but still in the data. Left out by every ticket metric (reason `'deleted'`) by default. */
  readonly deleted?: boolean;
  /**
   * This ticket was merged into the ticket with this id (it is the one that was closed by the merge). Left out
   * by every ticket metric (reason `'merged'`) by default; the surviving ticket is counted.
   */
  readonly mergedInto?: string | number;
  /**
   * Custom fields as the helpdesk gave them (Zendesk `custom_fields`, Freshdesk `custom_fields`), for
   * breakdowns (`by: 'fields.plan'`) and queue rules.
   */
  readonly fields?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * A ticket with its full history of messages and status changes.
 *
 * @category Model
 */
export interface TicketWithEvents extends TicketBase {
  readonly events: readonly TicketEvent[];
}

/**
 * A ticket described by the summary columns a helpdesk export offers, for users without the event history.
 *
 * @category Model
 */
export interface TicketWithSummary extends TicketBase {
  readonly events?: undefined;
  /** The first qualifying agent reply, as the helpdesk computed it. */
  readonly firstRespondedAt?: Timestamp | null;
  /** The first time the ticket was solved (or closed without a solve). */
  readonly firstResolvedAt?: Timestamp | null;
  /** The most recent time the ticket was solved (or closed without a solve). */
  readonly resolvedAt?: Timestamp | null;
  /** The current status. */
  readonly status?: TicketStatus | (string & {});
  /** Number of public agent replies. */
  readonly agentReplies?: number;
  /** Number of customer messages. */
  readonly customerReplies?: number;
  /** Number of times the ticket was reopened after a solve. */
  readonly reopens?: number;
  // Vendor-computed durations, counts and instants (Zendesk `ticket_metrics` and exports, Freshdesk `stats`),
  // for the time-in-status, assignment and agent metrics. Durations are whole milliseconds. Zendesk gives them
  // in whole minutes (its rounding rule is not documented): such a value is a multiple of 60,000 within a
  // minute of the true duration, so a sum over n tickets is within n minutes of the true sum. `…BusinessMs`:
  // measured by the helpdesk on its own business-hours schedule, not on a `Schedule` of this library. These are
  // read on the summary form only; next to `events` they are ignored.
  /** Time the requester waited: in new and open (and, after a reopen, solved) until the last solve (Zendesk "requester wait time"). */
  readonly requesterWaitMs?: number;
  /** `requesterWaitMs` within the helpdesk's business hours. */
  readonly requesterWaitBusinessMs?: number;
  /** Time in pending: waiting on the requester (Zendesk "agent wait time"). */
  readonly agentWaitMs?: number;
  /** `agentWaitMs` within the helpdesk's business hours. */
  readonly agentWaitBusinessMs?: number;
  /** Time in on-hold: waiting on a third party (Zendesk "on-hold time"). */
  readonly onHoldMs?: number;
  /** `onHoldMs` within the helpdesk's business hours. */
  readonly onHoldBusinessMs?: number;
  /** Creation to the first reply, within the helpdesk's business hours (Zendesk `reply_time_in_minutes.business`). */
  readonly firstResponseBusinessMs?: number;
  /** Creation to the first resolution, within the helpdesk's business hours. */
  readonly firstResolutionBusinessMs?: number;
  /** Creation to the last resolution, within the helpdesk's business hours. */
  readonly fullResolutionBusinessMs?: number;
  /** Number of agents the ticket was assigned to, the first assignment included (Zendesk "assignee stations"). */
  readonly assigneeStations?: number;
  /** Number of groups the ticket passed through, the first included (Zendesk "group stations"). */
  readonly groupStations?: number;
  /** The first assignment to an agent (Zendesk `initially_assigned_at`). */
  readonly firstAssignedAt?: Timestamp | null;
  /** The latest assignment, to the current assignee (Zendesk `assigned_at`). */
  readonly assignedAt?: Timestamp | null;
}

/**
 * A support ticket: **either** `events` **or** the summary fields, never both.
 *
 * @category Model
 */
export type Ticket = TicketWithEvents | TicketWithSummary;

/**
 * A contact-centre call (or chat) offered to a queue. Exactly one of `answeredAt` / `abandonedAt`, or
 * neither for a call still waiting.
 *
 * @category Model
 */
export interface Call {
  readonly id: string | number;
  /** When the call entered the queue. */
  readonly queuedAt: Timestamp;
  /** When the call entered the system (IVR), if earlier than the queue. */
  readonly enteredAt?: Timestamp;
  readonly answeredAt?: Timestamp | null;
  readonly abandonedAt?: Timestamp | null;
  readonly endedAt?: Timestamp | null;
  readonly holdMs?: number;
  readonly wrapUpMs?: number;
  readonly channel?: string;
  readonly agentId?: string;
}

/**
 * A survey answer. A bare number is accepted wherever responses are.
 *
 * @category Model
 */
export interface SurveyResponse {
  readonly id?: string | number;
  /** The ticket or conversation the survey was about. */
  readonly ticketId?: string | number;
  /** The score; `null`, `undefined` or `NaN` means "no answer". */
  readonly score: number | null | undefined;
  readonly at?: Timestamp;
  readonly channel?: string;
  readonly agentId?: string;
  /** Survey weight (for weighted NPS). @defaultValue 1 */
  readonly weight?: number;
}

/**
 * One line of support cost.
 *
 * @category Model
 */
export interface CostEntry {
  readonly id?: string | number;
  /** The amount, as a decimal string (preferred) or a number. */
  readonly amount: string | number;
  /** ISO 4217 code such as `'EUR'`. */
  readonly currency: string;
  readonly channel?: string;
  /** Such as `'salaries'`, `'tooling'`, `'training'`, `'overhead'`, or `'credit'` (the only negative one). */
  readonly category?: string;
}
