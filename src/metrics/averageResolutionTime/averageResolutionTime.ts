/**
 * Average resolution time (ART).
 *
 * Formula: ART = Σ resolution times / number of resolved tickets, exact, divided once.
 * Default definition: the mean of {@link resolutionTime} with the same options (Zendesk "Full resolution
 * time", average).
 *
 * @module
 */
import { touchCapture } from '../../pipeline/driver.js';
import type { Ticket } from '../../model/index.js';
import type { PreparedTickets } from '../../pipeline/ticketSource.js';
import { MetricsError } from '../../results/errors.js';
import { runTicketMetric } from '../../pipeline/ticketDriver.js';
import { resolutionTimeMetric, type ResolutionTimeOptions } from '../resolutionTime/resolutionTime.js';

const NAME = 'averageResolutionTime';
const METRIC = /* @__PURE__ */ resolutionTimeMetric(NAME);

/**
 * Options of {@link averageResolutionTime}: those of {@link resolutionTime}.
 *
 * @category Ticket timing
 */
export type AverageResolutionTimeOptions = Omit<ResolutionTimeOptions, 'by'>;

/**
 * Average resolution time (ART) in ms: the mean of {@link resolutionTime}, or `undefined` when no ticket
 * was resolved. Use {@link resolutionTime} to see the count, the median and the exclusions, and for
 * breakdowns (`by`: each group's `meanMs` is its ART).
 *
 * @category Ticket timing
 * @example
 * ```ts
 * import { averageResolutionTime } from 'helpdesk-metrics';
 * averageResolutionTime([
 *   { id: 1, createdAt: '2026-03-02T09:00:00Z', resolvedAt: '2026-03-02T10:00:00Z', status: 'solved' },
 *   { id: 2, createdAt: '2026-03-02T09:00:00Z', resolvedAt: '2026-03-02T12:00:00Z', status: 'closed' },
 * ]);
 * //=> 7200000 (two hours)
 * averageResolutionTime([]); //=> undefined
 * ```
 */
export function averageResolutionTime(
  tickets: readonly Ticket[] | PreparedTickets,
  options?: AverageResolutionTimeOptions,
): number | undefined {
  // The incremental API (src/pipeline/driver.ts): options are read here first, and a run finishes with the mean.
  if (touchCapture(tickets)) tickets.post = meanOf;
  if (options !== undefined && options !== null && typeof options === 'object' && 'by' in options) {
    throw new MetricsError({ code: 'invalid_option', functionName: NAME, field: 'by', rule: 'averageResolutionTime returns one number; for a breakdown use resolutionTime(tickets, { by }), whose groups have meanMs' });
  }
  return runTicketMetric(METRIC, tickets, options).meanMs;
}

/** The number averageResolutionTime gives of resolutionTime's result. */
function meanOf(result: object): number | undefined {
  return (result as { meanMs?: number | undefined }).meanMs;
}
