/**
 * The vendor summary extras of a summary-form ticket (`requesterWaitMs`, `assigneeStations`, `firstAssignedAt`,
 * …), read from the input ticket when a metric needs one. The reader validated them (decision 26); they are
 * not kept in columns, since only the metrics that answer from them read them, and only on summary tickets.
 *
 * @internal
 * @module
 */
import type { InstantContext } from '../options/shared.js';
import { toEpochMs } from '../_lib/timestamp.js';
import type { TicketColumns } from './ticketColumns.js';

/** @internal The duration and count extras. */
export type SummaryCountField =
  | 'requesterWaitMs'
  | 'requesterWaitBusinessMs'
  | 'agentWaitMs'
  | 'agentWaitBusinessMs'
  | 'onHoldMs'
  | 'onHoldBusinessMs'
  | 'firstResponseBusinessMs'
  | 'firstResolutionBusinessMs'
  | 'fullResolutionBusinessMs'
  | 'assigneeStations'
  | 'groupStations';

/** @internal The instant extras. */
export type SummaryInstantField = 'firstAssignedAt' | 'assignedAt';

/** @internal Summary form: extra `field` of record j, −1 when absent. */
export function summaryCount(c: TicketColumns, j: number, field: SummaryCountField): number {
  const v = (c.records[c.base + j] as Record<string, unknown>)[field];
  return typeof v === 'number' ? v : -1;
}

/**
 * @internal Summary form: instant `field` of record j in epoch ms: NaN when absent, −Infinity when given as
 * `null` (the helpdesk says it never happened: Zendesk's `initially_assigned_at: null`).
 */
export function summaryInstant(c: TicketColumns, j: number, field: SummaryInstantField, ctx: InstantContext): number {
  const v = (c.records[c.base + j] as Record<string, unknown>)[field];
  if (v === undefined) return NaN;
  if (v === null) return -Infinity;
  return toEpochMs(v, ctx.zone, ctx.minMs);
}
