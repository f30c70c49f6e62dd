/**
 * What breakdowns read of a ticket beyond its fields: its instants (created, first reply, resolved) and the
 * built-in attributions (first responder, assignee).
 *
 * @internal
 * @module
 */
import type { GroupValue } from './breakdown.js';
import { rawEvent } from '../read/assignmentHistory.js';
import { F_AGENT_CREATED, F_FIRST_QUALIFIES, K_ASSIGN, KIND_SHIFT, Q_REPLY, type TicketColumns } from '../read/ticketColumns.js';

/** @internal The instant `name` of every record of the batch (NaN: none). */
export function ticketInstant(c: TicketColumns, name: string): ArrayLike<number> {
  if (name === 'firstReply') return c.firstReply;
  if (name === 'resolved') return c.lastResolved;
  return c.created;
}


/**
 * @internal An attribution of record j (needs the events level):
 * - `firstResponder`: the `authorId` of the reply first response time measures (the first qualifying reply; on
 *   an agent-created ticket opened by that reply, the next one), null without one or without an author;
 * - `assignee`: the ticket's `assigneeId`, else the assignee after its last assignment event, null if none.
 */
export function ticketAttribution(c: TicketColumns, j: number, name: string): GroupValue | undefined {
  const start = c.evStart[j] as number;
  const end = c.evStart[j + 1] as number;
  if (name === 'assignee') {
    const t = c.records[c.base + j] as { assigneeId?: unknown };
    if (typeof t.assigneeId === 'string' && t.assigneeId.length > 0) return t.assigneeId;
    for (let e = end - 1; e >= start; e--) {
      if ((c.evKind[e] as number) >> KIND_SHIFT !== K_ASSIGN) continue;
      const a = rawEvent(c, j, e)?.assigneeId;
      if (a === undefined) continue; // this change did not touch the assignee
      return typeof a === 'string' && a.length > 0 ? a : null;
    }
    return null;
  }
  // firstResponder
  const f = c.flags[j] as number;
  let skip = (f & F_AGENT_CREATED) !== 0 && (f & F_FIRST_QUALIFIES) !== 0 ? 1 : 0;
  for (let e = start; e < end; e++) {
    if (((c.evKind[e] as number) & Q_REPLY) === 0) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    const a = rawEvent(c, j, e)?.authorId;
    if (typeof a === 'number' && Number.isFinite(a)) return String(a); // a numeric user id is an id
    return typeof a === 'string' && a.length > 0 ? a : null;
  }
  return null;
}
