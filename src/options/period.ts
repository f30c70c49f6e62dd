/**
 * Reporting periods and the instant that places a record in one.
 *
 * @internal
 * @module
 */
import { describe } from '../_lib/options.js';
import { optionError, readPeriodRange, type InstantContext, type Period } from './shared.js';

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

const ALL: readonly AttributeTo[] = ['created', 'firstReply', 'resolved'];

/** @internal `period` and `attributeTo` (one of `allowed`, default `fallback`). */
export function readPeriod(
  functionName: string,
  options: PeriodOptions | undefined,
  ctx: InstantContext,
  fallback: AttributeTo,
  allowed: readonly AttributeTo[] = ALL,
): ParsedPeriod | undefined {
  const attributeTo = options?.attributeTo ?? fallback;
  if (!allowed.includes(attributeTo)) {
    optionError(functionName, 'attributeTo', `must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${describe(attributeTo)}`);
  }
  const range = readPeriodRange(functionName, options, ctx);
  if (range === undefined) return undefined;
  return { from: range.from as number, to: range.to as number, attributeTo };
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
