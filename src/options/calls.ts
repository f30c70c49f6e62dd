/**
 * Options shared by the call metrics: where a call's clock starts, and the reporting period (calls are placed
 * in it by their queue entry).
 *
 * @module
 */
import { readChoice, readPeriodRange, type InstantContext, type ParsedRange, type Period } from './shared.js';

/**
 * Where a call's clock starts: when it entered the queue (`queuedAt`), or when it entered the system
 * (`enteredAt`, the IVR; calls without `enteredAt` fall back to `queuedAt`).
 *
 * @category Contact centre
 */
export type ClockStart = 'queue' | 'system';

/**
 * The option of the call metrics that measure a wait.
 *
 * @category Contact centre
 */
export interface ClockOptions {
  /** Where the wait starts: queue entry, or system (IVR) entry. @defaultValue `'queue'` */
  readonly clockStartsAt?: ClockStart;
}

/**
 * The reporting period of the call metrics.
 *
 * @category Contact centre
 */
export interface CallPeriodOptions {
  /**
   * Only calls queued in `[from, to)` (the interval in which a call was offered, as ACD interval reports
   * count it). With interval rows, only rows whose `intervalStart` lies in it. Without it, everything. Not a
   * read option: give it to the metric, with a prepared set too.
   */
  readonly period?: Period;
}

/** @internal `clockStartsAt`: true when the clock starts at system entry. */
export function readClockStart(functionName: string, value: unknown): boolean {
  return readChoice<ClockStart>(functionName, 'clockStartsAt', value, ['queue', 'system'], 'queue') === 'system';
}

/** @internal `period`, read with the calls' zone and earliest epoch; `undefined` when absent. */
export function readCallPeriod(functionName: string, options: CallPeriodOptions, ctx: InstantContext): ParsedRange | undefined {
  const range = readPeriodRange(functionName, options, ctx);
  return range === undefined ? undefined : { from: range.from as number, to: range.to as number };
}

/** @internal Whether `ms[j]` lies outside `period` (never, without a period: then `ms` is not read). */
export function outsidePeriod(period: ParsedRange | undefined, ms: ArrayLike<number>, j: number): boolean {
  if (period === undefined) return false;
  const t = ms[j] as number;
  return !(t >= period.from && t < period.to);
}
