/**
 * Option types shared by the ticket timing metrics.
 *
 * @module
 */
import type { TicketStatus } from '../model/index.js';
import { describe } from '../_lib/options.js';
import { optionError } from './shared.js';

/**
 * How a metric treats agent-created (outbound) tickets: measured to the agent's second public message
 * (Zendesk), left out, or measured from the first customer message.
 *
 * @category Options
 */
export type AgentCreatedMode = 'exclude' | 'skipFirstAgentMessage' | 'startAtFirstCustomerMessage';


/** @internal The canonical statuses in lifecycle order (their index is the status index everywhere). */
export const CANONICAL_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

/** @internal A list of canonical statuses as a mask indexed by status index (`fallback` when absent). */
export function readStatusMask(functionName: string, field: string, value: unknown, fallback: readonly TicketStatus[]): Uint8Array {
  const list = value ?? fallback;
  if (!Array.isArray(list)) optionError(functionName, field, `must be an array of statuses, got ${describe(list)}`);
  const mask = new Uint8Array(CANONICAL_STATUSES.length);
  list.forEach((s: unknown, i: number) => {
    const k = CANONICAL_STATUSES.indexOf(s as TicketStatus);
    if (k < 0) optionError(functionName, field, `${field}[${i}]: ${describe(s)} is not a canonical status (${CANONICAL_STATUSES.join(', ')})`);
    mask[k] = 1;
  });
  return mask;
}
