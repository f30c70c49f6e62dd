/**
 * Reporting periods and the event a ticket is attributed to.
 *
 * @internal
 * @module
 */
import type { Period, TicketReader } from './tickets.js';
import { optionError } from './tickets.js';

/**
 * Which instant places a ticket in the `period`: its creation, its first qualifying reply, or its
 * resolution (the one the metric measures; the latest for the others).
 *
 * @category Options
 */
export type AttributeTo = 'created' | 'firstReply' | 'resolved';

/**
 * Options choosing which tickets a metric reports on.
 *
 * @category Options
 */
export interface PeriodOptions {
  /** Only tickets whose `attributeTo` instant lies in `[from, to)`. Without it, every ticket. */
  readonly period?: Period;
  /** The instant that places a ticket in the period. Each metric documents its default. */
  readonly attributeTo?: AttributeTo;
}

/** @internal A parsed period, or `undefined` for "all time". */
export interface ParsedPeriod {
  readonly from: number;
  readonly to: number;
  readonly attributeTo: AttributeTo;
}

/** @internal */
export function readPeriod(
  reader: TicketReader<string>,
  options: PeriodOptions | undefined,
  defaultAttributeTo: AttributeTo,
): ParsedPeriod | undefined {
  const attributeTo = options?.attributeTo ?? defaultAttributeTo;
  if (attributeTo !== 'created' && attributeTo !== 'firstReply' && attributeTo !== 'resolved') {
    optionError(reader.functionName, 'attributeTo', `must be 'created', 'firstReply' or 'resolved', got ${JSON.stringify(attributeTo)}`);
  }
  if (options?.period === undefined) return undefined;
  const { from, to } = readPeriodBounds(reader, options.period);
  return { from, to, attributeTo };
}

/** @internal The bounds of a `period` option; `[-Infinity, Infinity)` when there is none. */
export function readPeriodBounds(reader: TicketReader<string>, period: Period | undefined): { from: number; to: number } {
  if (period === undefined) return { from: -Infinity, to: Infinity };
  if (period === null || typeof period !== 'object') optionError(reader.functionName, 'period', 'must be { from, to }');
  const from = reader.parseOption(period.from, 'period.from');
  const to = reader.parseOption(period.to, 'period.to');
  if (from > to) optionError(reader.functionName, 'period', 'period.from is after period.to');
  return { from, to };
}

/**
 * @internal Where `ms` stands against the period: `'in'` (or no period), `'missing'` (the instant never happened:
 * NaN), `'out'`.
 */
export function placeInPeriod(period: ParsedPeriod | undefined, ms: number): 'in' | 'missing' | 'out' {
  if (period === undefined) return 'in';
  if (ms !== ms) return 'missing';
  return ms >= period.from && ms < period.to ? 'in' : 'out';
}

/** @internal True when the period is attributed to creation and `createdMs` lies outside it. */
export function createdOutside(period: ParsedPeriod | undefined, createdMs: number): boolean {
  return period !== undefined && period.attributeTo === 'created' && !(createdMs >= period.from && createdMs < period.to);
}
