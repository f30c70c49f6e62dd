/** The worked example of docs/metrics.md ("The worked example"), as tickets. */
import type { Ticket } from '../../src/model/index.js';

export const at = (hhmm: string): string => `2026-03-02T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}Z`;
export const MIN = 60_000;
export const HOUR = 3_600_000;

export const workedExample: Ticket[] = [
  {
    id: 'T-1',
    channel: 'email',
    createdAt: at('09:00'),
    events: [
      { type: 'message', at: at('09:00'), author: 'customer' },
      { type: 'message', at: at('09:20'), author: 'agent', public: false },
      { type: 'message', at: at('09:45'), author: 'agent' },
      { type: 'message', at: at('10:00'), author: 'customer' },
      { type: 'message', at: at('10:05'), author: 'customer' },
      { type: 'message', at: at('10:35'), author: 'agent' },
      { type: 'status', at: at('11:00'), status: 'solved' },
    ],
  },
  {
    id: 'T-2',
    channel: 'chat',
    createdAt: at('09:30'),
    events: [
      { type: 'message', at: at('09:30'), author: 'customer' },
      { type: 'message', at: at('09:30:05'), author: 'bot' },
      { type: 'message', at: at('09:40'), author: 'agent' },
      { type: 'status', at: at('09:50'), status: 'solved' },
      { type: 'message', at: at('12:00'), author: 'customer' },
      { type: 'status', at: at('12:00'), status: 'open' },
      { type: 'message', at: at('12:20'), author: 'agent' },
      { type: 'status', at: at('12:30'), status: 'solved' },
    ],
  },
  {
    id: 'T-3',
    channel: 'email',
    createdBy: 'agent',
    createdAt: at('10:00'),
    events: [
      { type: 'message', at: at('10:00'), author: 'agent' },
      { type: 'message', at: at('11:00'), author: 'customer' },
      { type: 'message', at: at('11:30'), author: 'agent' },
      { type: 'status', at: at('12:00'), status: 'solved' },
    ],
  },
  {
    id: 'T-4',
    channel: 'email',
    createdAt: at('11:00'),
    events: [
      { type: 'message', at: at('11:00'), author: 'customer' },
      { type: 'message', at: at('11:00:01'), author: 'system', public: false },
    ],
  },
  {
    id: 'T-5',
    channel: 'phone',
    createdAt: at('08:00'),
    firstRespondedAt: at('09:00'),
    firstResolvedAt: at('10:00'),
    resolvedAt: at('10:00'),
    status: 'closed',
  },
];

/** Deep-freezes a value so that any mutation by the library throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
