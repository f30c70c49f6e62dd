/**
 * Reopen rate.
 *
 * Formula: reopen rate = tickets reopened at least once / tickets resolved at least once.
 * Default definition: Zendesk "Reopened tickets" (`Reopens > 0`) over solved tickets; a reopen is a change
 * from solved/closed back to an open status, and a solve and a reopen in the same instant (one update) does not
 * count. Tickets, not reopen events, are counted (Kaizo's reopen rate).
 * Options: period, attributeTo ('resolved' = first resolution, default; or 'created'), asOf, confidence,
 * invalid, statusMap, timeZone.
 *
 * @module
 */
import { readPeriodBounds } from '../../_lib/period.js';
import { countReopens, firstResolution, resolvedOnceAndStill, summaryReopened } from '../../_lib/statusHistory.js';
import { createTicketReader, optionError, type Period, type TicketInputOptions } from '../../_lib/tickets.js';
import type { Ticket, Timestamp } from '../../model/index.js';
import { exclude, finishLedger, type InvalidReason } from '../../results/excluded.js';
import { buildRate, type RateResult } from '../../results/rate.js';

/**
 * Why a ticket is outside the reopen-rate denominator:
 * - `never_resolved`: not solved or closed at any time (up to `asOf`);
 * - `out_of_period`: its `attributeTo` instant is outside `period`;
 * - `summary_only`: summary fields that cannot say whether it was reopened by `asOf`;
 * - `invalid:<code>`: a bad record under `invalid: 'exclude'`.
 *
 * @category Ticket outcomes
 */
export type ReopenRateExclusion = 'never_resolved' | 'out_of_period' | 'summary_only' | InvalidReason;

/**
 * Options of {@link reopenRate}.
 *
 * @category Ticket outcomes
 */
export interface ReopenRateOptions extends TicketInputOptions {
  /** Only tickets whose `attributeTo` instant lies in `[from, to)`. Without it, every ticket. */
  readonly period?: Period;
  /** `'resolved'`: the first resolution places a ticket in `period`; `'created'`: its creation. @defaultValue `'resolved'` */
  readonly attributeTo?: 'resolved' | 'created';
  /** Only history up to this instant (changes at it included). @defaultValue the whole history */
  readonly asOf?: Timestamp;
  /** Confidence level of the Wilson interval, in (0, 1). @defaultValue `0.95` */
  readonly confidence?: number;
}

const NAME = 'reopenRate';

/**
 * Reopen rate: the share of resolved tickets that were reopened at least once.
 *
 * Cost: one pass, O(events log events) per ticket (events are ordered to collapse same-instant updates).
 *
 * @category Ticket outcomes
 * @param tickets - tickets with `events`, or with the summary fields (`reopens`, `firstResolvedAt`,
 *   `resolvedAt`, `status`)
 * @param options - the period and its anchor
 * @returns a {@link RateResult}: `numerator` reopened tickets, `denominator` tickets resolved at least once
 * @example
 * ```ts
 * import { reopenRate } from 'helpdesk-metrics';
 * const r = reopenRate([
 *   { id: 'A', createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'status', at: '2026-03-02T10:00:00Z', status: 'solved' },
 *     { type: 'status', at: '2026-03-03T08:00:00Z', status: 'open' },
 *   ] },
 *   { id: 'B', createdAt: '2026-03-02T09:00:00Z', events: [
 *     { type: 'status', at: '2026-03-02T11:00:00Z', status: 'solved' },
 *     { type: 'status', at: '2026-03-02T11:00:00Z', status: 'open' }, // same update: no reopen
 *   ] },
 *   { id: 'C', createdAt: '2026-03-02T09:00:00Z', events: [] },
 * ]);
 * r.numerator;          //=> 1
 * r.denominator;        //=> 2
 * r.excluded.byReason;  //=> { never_resolved: 1 }
 * ```
 */
export function reopenRate(tickets: readonly Ticket[], options?: ReopenRateOptions): RateResult<ReopenRateExclusion> {
  const reader = createTicketReader<ReopenRateExclusion>(NAME, tickets, options, undefined, true);
  const c = options?.confidence;
  if (c !== undefined && (typeof c !== 'number' || !(c > 0 && c < 1))) optionError(NAME, 'confidence', 'must be a number in (0, 1)');
  const attributeTo = options?.attributeTo ?? 'resolved';
  if (attributeTo !== 'resolved' && attributeTo !== 'created') {
    optionError(NAME, 'attributeTo', `must be 'resolved' or 'created', got ${JSON.stringify(attributeTo)}`);
  }
  const asOf = options?.asOf === undefined ? Infinity : reader.parseOption(options.asOf, 'asOf');
  const { from, to } = readPeriodBounds(reader, options?.period);
  const ledger = reader.ledger;
  const f = reader.facts;
  const n = tickets.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    if (!reader.read(tickets, i)) continue;
    let first = f.firstResolvedMs;
    const once = resolvedOnceAndStill(f);
    if (f.hasEvents && first === first && !once) {
      reader.sortEvents();
      first = firstResolution(reader);
    }
    if (!(first <= asOf)) {
      exclude(ledger, 'never_resolved', f.id);
      continue;
    }
    const anchor = attributeTo === 'resolved' ? first : f.createdMs;
    if (!(anchor >= from && anchor < to)) {
      exclude(ledger, 'out_of_period', f.id);
      continue;
    }
    let reopened: number;
    if (f.hasEvents) {
      reopened = once ? 0 : countReopens(reader, asOf) > 0 ? 1 : 0;
    } else {
      reopened = summaryReopened(f, asOf);
      if (reopened < 0) {
        exclude(ledger, 'summary_only', f.id);
        continue;
      }
    }
    denominator++;
    if (reopened === 1) numerator++;
  }
  return buildRate(numerator, denominator, finishLedger(ledger), c ?? 0.95);
}
