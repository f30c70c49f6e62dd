/** The worked example of docs/queue.md: a small queue on Monday 2026-03-02, looked at at 12:00 UTC. */
import type { Ticket } from '../../src/model/index.js';
import type { PrioritizeQueueOptions } from '../../src/metrics/prioritizeQueue/index.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
/** 2026-03-02 (a Monday) at hh:mm UTC. */
export const mon = (hhmm: string): string => `2026-03-02T${hhmm}:00Z`;
const customer = (hhmm: string) => ({ type: 'message' as const, at: mon(hhmm), author: 'customer' as const });
const agent = (hhmm: string) => ({ type: 'message' as const, at: mon(hhmm), author: 'agent' as const });
const status = (hhmm: string, s: string) => ({ type: 'status' as const, at: mon(hhmm), status: s });

export const AT = mon('12:00');

export const queueExample: Ticket[] = [
  // u1's earlier ticket, solved last Friday: Q1 and Q4 are not u1's first.
  { id: 'Q0', requesterId: 'u1', priority: 'normal', createdAt: '2026-02-27T09:00:00Z', events: [
    { type: 'message', at: '2026-02-27T09:00:00Z', author: 'customer' },
    { type: 'message', at: '2026-02-27T10:00:00Z', author: 'agent' },
    { type: 'status', at: '2026-02-27T11:00:00Z', status: 'solved' },
  ] },
  // Breached: high priority, no reply; first reply was due 11:00.
  { id: 'Q1', requesterId: 'u1', priority: 'high', createdAt: mon('10:00'), events: [customer('10:00')] },
  // VIP: plan vip, waiting one hour.
  { id: 'Q2', requesterId: 'u2', priority: 'normal', fields: { plan: 'vip' }, createdAt: mon('11:00'), events: [customer('11:00')] },
  // First-time requester, waiting 1 h 30.
  { id: 'Q3', requesterId: 'u3', priority: 'normal', createdAt: mon('10:30'), events: [customer('10:30')] },
  // Answered at 08:20, the customer wrote again at 09:30 (low priority: no next-reply target).
  { id: 'Q4', requesterId: 'u1', priority: 'low', createdAt: mon('08:00'), events: [customer('08:00'), agent('08:20'), customer('09:30')] },
  // Near breach: first reply due 12:30.
  { id: 'Q5', requesterId: 'u5', priority: 'normal', createdAt: mon('08:30'), events: [customer('08:30')] },
  // Waiting on the customer: answered and set pending at 09:20.
  { id: 'Q6', requesterId: 'u6', priority: 'normal', createdAt: mon('09:00'), events: [customer('09:00'), agent('09:20'), status('09:20', 'pending')] },
  // On hold at 09:10, but the customer wrote at 11:30: back on an agent.
  { id: 'Q7', requesterId: 'u7', priority: 'normal', createdAt: mon('09:00'), events: [customer('09:00'), agent('09:10'), status('09:10', 'on_hold'), customer('11:30')] },
  // u2's earlier ticket, closed.
  { id: 'Q8', requesterId: 'u2', priority: 'normal', createdAt: '2026-02-20T09:00:00Z', events: [
    { type: 'message', at: '2026-02-20T09:00:00Z', author: 'customer' },
    { type: 'message', at: '2026-02-20T09:30:00Z', author: 'agent' },
    { type: 'status', at: '2026-02-20T10:00:00Z', status: 'closed' },
  ] },
  // Spam.
  { id: 'Q9', requesterId: 'u9', priority: 'high', spam: true, createdAt: mon('11:50'), events: [customer('11:50')] },
];

export const queueOptions: PrioritizeQueueOptions = {
  at: AT,
  policy: {
    targets: {
      high: { firstReply: HOUR, nextReply: HOUR },
      normal: { firstReply: 4 * HOUR, nextReply: 2 * HOUR },
      low: { firstReply: 8 * HOUR },
    },
  },
  rules: { segment: 'fields.plan', segmentWeights: { vip: 3 }, firstRequestBoost: 2 },
};
