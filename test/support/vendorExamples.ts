/**
 * The worked examples of docs/metrics.md for the vendor metrics (timeInStatus, the assignment metrics,
 * agentActivity, botResolutionRate), as tickets: Monday 2026-03-02 and the days after, UTC.
 */
import { createSchedule } from '../../src/calendar/index.js';
import type { SurveyResponse, Ticket, TicketEvent } from '../../src/model/index.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;

/** `d` is the day of March 2026; `hm` is `hh:mm` or `hh:mm:ss`. */
export const at = (d: number, hm: string): string => `2026-03-${String(d).padStart(2, '0')}T${hm.length === 5 ? `${hm}:00` : hm}Z`;
const mon = (hm: string): string => at(2, hm);

export const status = (t: string, s: string): TicketEvent => ({ type: 'status', at: t, status: s });
export const customer = (t: string): TicketEvent => ({ type: 'message', at: t, author: 'customer' });
export const agent = (t: string, authorId?: string, isPublic = true): TicketEvent => ({
  type: 'message',
  at: t,
  author: 'agent',
  ...(authorId === undefined ? {} : { authorId }),
  ...(isPublic ? {} : { public: false }),
});
export const bot = (t: string): TicketEvent => ({ type: 'message', at: t, author: 'bot' });
export const assign = (t: string, change: { assigneeId?: string | null; groupId?: string | null }): TicketEvent => ({ type: 'assignment', at: t, ...change });

/** Office hours Mon–Fri 09:00–17:00 UTC. */
export const office = createSchedule({
  timeZone: 'UTC',
  weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
});

/** timeInStatus: Zendesk's lifecycle (Z-1), an export row (Z-2), an open ticket (Z-3). */
export const statusTickets: Ticket[] = [
  {
    id: 'Z-1',
    createdAt: at(2, '08:00'),
    events: [status(at(2, '09:30'), 'open'), status(at(2, '11:00'), 'pending'), status(at(2, '15:00'), 'on_hold'), status(at(2, '18:00'), 'solved'), status(at(3, '10:00'), 'open'), status(at(3, '12:00'), 'solved')],
  },
  {
    id: 'Z-2',
    createdAt: at(2, '09:00'),
    status: 'solved',
    resolvedAt: at(2, '11:00'),
    requesterWaitMs: 90 * MIN,
    requesterWaitBusinessMs: 60 * MIN,
    agentWaitMs: 30 * MIN,
    agentWaitBusinessMs: 30 * MIN,
    onHoldMs: 0,
    onHoldBusinessMs: 0,
  },
  { id: 'Z-3', createdAt: at(3, '09:00'), events: [status(at(3, '09:00'), 'open')] },
];

/** The assignment metrics. */
export const assignmentTickets: Ticket[] = [
  { id: 'A-1', createdAt: mon('09:00'), events: [assign(mon('09:00'), { groupId: 'G1' }), assign(mon('09:20'), { assigneeId: 'A1' }), assign(mon('10:00'), { assigneeId: 'A2', groupId: 'G2' }), status(mon('11:00'), 'solved')] },
  { id: 'A-2', createdAt: mon('09:00'), events: [assign(mon('09:30'), { assigneeId: 'A1', groupId: 'G1' }), assign(mon('10:00'), { assigneeId: null }), assign(mon('11:00'), { assigneeId: 'A1' }), status(mon('12:00'), 'solved')] },
  { id: 'A-3', createdAt: mon('09:00'), events: [customer(mon('09:00')), status(mon('09:00'), 'open')] },
  { id: 'A-4', createdAt: mon('09:00'), status: 'solved', resolvedAt: mon('10:45'), firstAssignedAt: mon('09:15'), assignedAt: mon('09:45'), assigneeStations: 2, groupStations: 1 },
  { id: 'A-5', createdAt: mon('09:00'), assigneeId: 'A3', events: [status(mon('10:00'), 'solved')] },
  { id: 'A-6', createdAt: mon('09:00'), events: [assign(mon('09:05'), { assigneeId: 'A1' }), status(mon('09:30'), 'solved')] },
];

/** agentActivity: tickets and survey responses. */
export const activityTickets: Ticket[] = [
  { id: 'B-1', createdAt: mon('09:00'), events: [customer(mon('09:00')), assign(mon('09:05'), { assigneeId: 'A1' }), agent(mon('09:10'), 'A1'), status(mon('09:30'), 'solved')] },
  {
    id: 'B-2',
    createdAt: mon('09:00'),
    events: [customer(mon('09:00')), assign(mon('09:00'), { assigneeId: 'A1' }), agent(mon('09:20'), 'A1', false), agent(mon('09:40'), 'A1'), customer(mon('10:00')), assign(mon('10:10'), { assigneeId: 'A2' }), agent(mon('10:30'), 'A2'), status(mon('11:00'), 'solved')],
  },
  {
    id: 'B-3',
    createdAt: mon('09:00'),
    events: [customer(mon('09:00')), assign(mon('09:00'), { assigneeId: 'A2' }), agent(mon('09:15'), 'A2'), status(mon('09:30'), 'solved'), customer(mon('12:00')), status(mon('12:00'), 'open'), agent(mon('12:10'), 'A2'), status(mon('12:30'), 'solved')],
  },
  { id: 'B-4', createdAt: mon('09:00'), events: [customer(mon('09:00')), bot(mon('09:00:05')), agent(mon('09:30'), 'A1')] },
  { id: 'B-5', createdAt: mon('09:00'), tags: ['spam'], events: [customer(mon('09:00')), agent(mon('09:10'), 'A1'), status(mon('09:20'), 'solved')] },
  { id: 'B-6', createdAt: mon('09:00'), status: 'solved', resolvedAt: mon('10:00'), agentReplies: 1, assigneeId: 'A1' },
  { id: 'B-7', createdAt: mon('09:00'), events: [customer(mon('09:00')), agent(mon('09:10')), status(mon('09:20'), 'solved')] },
];

export const activitySurveys: SurveyResponse[] = [
  { id: 'S1', ticketId: 'B-1', agentId: 'A1', score: 5 },
  { id: 'S2', ticketId: 'B-2', agentId: 'A2', score: 4 },
  { id: 'S3', ticketId: 'B-3', agentId: 'A2', score: 2 },
  { id: 'S4', ticketId: 'B-4', agentId: 'A1', score: null },
  { id: 'S5', ticketId: 'B-5', agentId: 'A1', score: 5 },
  { id: 'S6', ticketId: 'B-1', score: 3 },
];

/** botResolutionRate (and firstContactResolution's botResolved). */
export const botTickets: Ticket[] = [
  { id: 'C-1', createdAt: mon('09:00'), events: [customer(mon('09:00')), bot(mon('09:00:10')), status(mon('09:05'), 'solved')] },
  { id: 'C-2', createdAt: mon('09:00'), events: [customer(mon('09:00')), bot(mon('09:00:10')), agent(mon('09:30')), status(mon('10:00'), 'solved')] },
  { id: 'C-3', createdAt: mon('09:00'), events: [customer(mon('09:00')), bot(mon('09:00:10')), status(mon('09:01'), 'open')] },
  { id: 'C-4', createdAt: mon('09:00'), events: [customer(mon('09:00')), agent(mon('09:30')), status(mon('10:00'), 'solved')] },
  {
    id: 'C-5',
    createdAt: mon('09:00'),
    events: [customer(mon('09:00')), bot(mon('09:00:10')), status(mon('09:05'), 'solved'), customer(mon('11:00')), status(mon('11:00'), 'open'), bot(mon('11:00:10')), status(mon('11:05'), 'solved')],
  },
  { id: 'C-6', createdAt: mon('09:00'), status: 'solved', resolvedAt: mon('10:00'), agentReplies: 0, customerReplies: 1, reopens: 0 },
];

/** Freezes a value deeply (the metrics never mutate their input). */
export function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}
