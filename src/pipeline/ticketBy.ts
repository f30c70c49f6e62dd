/**
 * The `by` option of the ticket metrics.
 *
 * @module
 */
import type { Ticket } from '../model/index.js';
import type { By } from './breakdown.js';

/**
 * A ticket field or built-in attribution to break a ticket metric down by:
 * - the ticket's own fields: `'channel'`, `'priority'`, `'assigneeId'`, `'groupId'`, `'requesterId'`,
 *   `'createdBy'`, `'tags'` (multi-valued: a ticket counts once in each of its tags), `'fields.<name>'` (a custom
 *   field);
 * - `'firstResponder'`: the `authorId` of the reply first response time measures;
 * - `'assignee'`: `assigneeId`, else the assignee after the ticket's last assignment event.
 *
 * @category Breakdowns
 */
export type TicketField =
  | 'channel'
  | 'priority'
  | 'assigneeId'
  | 'groupId'
  | 'requesterId'
  | 'tags'
  | 'createdBy'
  | 'firstResponder'
  | 'assignee'
  | `fields.${string}`;

/**
 * The instants of a ticket a time bucket can be taken of: creation (the default), the first qualifying reply,
 * the (last) resolution.
 *
 * @category Breakdowns
 */
export type TicketInstant = 'created' | 'firstReply' | 'resolved';

/**
 * The `by` option of every ticket metric: a {@link TicketField}, a key function of the ticket, a time bucket of
 * a {@link TicketInstant}, or an array of these (a cross-tabulation).
 *
 * @category Breakdowns
 */
export type TicketBy = By<Ticket, TicketField, TicketInstant>;
