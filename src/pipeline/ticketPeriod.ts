/**
 * Where a ticket stands against a reporting period, by the instant the period is attributed to (created, first
 * reply, last resolution): the rule every ticket metric built on the driver shares.
 *
 * @internal
 * @module
 */
import type { ParsedPeriod } from '../options/period.js';
import type { TicketColumns } from '../read/ticketColumns.js';

/**
 * @internal Why record j is outside `period`: `out_of_period` (its instant lies outside), `unresolved` (placed
 * by resolution and never resolved), `no_reply` (placed by first reply and never answered); undefined when
 * it is in (or there is no period).
 */
export function outsidePeriod(period: ParsedPeriod | undefined, c: TicketColumns, j: number): 'out_of_period' | 'unresolved' | 'no_reply' | undefined {
  if (period === undefined) return undefined;
  const a = period.attributeTo;
  const t = a === 'created' ? (c.created[j] as number) : a === 'resolved' ? (c.lastResolved[j] as number) : (c.firstReply[j] as number);
  if (t !== t) return a === 'resolved' ? 'unresolved' : 'no_reply';
  return t >= period.from && t < period.to ? undefined : 'out_of_period';
}
