/**
 * Business durations and due instants on a {@link Schedule}.
 *
 * Formula: businessDuration(a, b) = |[a, b) ∩ open time| on real instants (see createSchedule for the
 * definition of open time). addBusinessTime(a, d) = the earliest instant t ≥ a with businessDuration(a, t) = d.
 * Cost: O(DST changes in the span + log holidays); spans of years cost the same as spans of minutes. A due
 * instant is found in closed form (never by stepping over closed time), so a target that must cross a long
 * closure costs the same as one that does not.
 *
 * @module
 */
import { describe } from '../_lib/options.js';
import { explainTimestamp, isoOf, MAX_EPOCH_MS, toEpochMs } from '../_lib/timestamp.js';
import type { Timestamp } from '../model/index.js';
import { MetricsError } from '../results/errors.js';
import { engineOf, requireSchedule, type Schedule } from './schedule.js';

function instant(functionName: string, value: unknown, field: string): number {
  const t = toEpochMs(value);
  if (t !== t) {
    const why = explainTimestamp(value);
    throw new MetricsError({ code: why.code, functionName, field, rule: why.rule });
  }
  return t;
}

/**
 * @internal The hot-loop fast path: business ms in `[startMs, endMs)` on `schedule`.
 *
 * Contract: `schedule` must come from {@link createSchedule} (not checked); `startMs`, `endMs` are integer
 * epoch ms; returns 0 when `endMs <= startMs`, else an integer in `[0, endMs − startMs]`. No validation, no
 * allocation except when the schedule's offset cache first reaches a new year.
 */
export function businessMs(schedule: Schedule, startMs: number, endMs: number): number {
  return (engineOf(schedule) as NonNullable<ReturnType<typeof engineOf>>).measure(startMs, endMs);
}

/**
 * @internal The inverse fast path: the earliest instant `t ≥ startMs` with `businessMs(schedule, startMs, t)
 * = ms` (`startMs` itself when `ms ≤ 0`); NaN when that instant is at or after 2201-01-01T00:00:00Z (the end of the
 * supported years), so a number returned is always a valid instant. O(DST changes up to it + log holidays).
 */
export function addBusinessMs(schedule: Schedule, startMs: number, ms: number): number {
  return (engineOf(schedule) as NonNullable<ReturnType<typeof engineOf>>).add(startMs, ms);
}

/**
 * Business time between two instants: the milliseconds of `[start, end)` that fall in the schedule's open
 * time, measured on real instants (a DST change inside a window counts the time that really passed).
 *
 * Throws a {@link MetricsError} for a bad timestamp, `end < start` (`inconsistent`), or a `schedule` not made
 * by {@link createSchedule}.
 *
 * @category Business time
 * @param start - the start instant (inclusive)
 * @param end - the end instant (exclusive), not before `start`
 * @param schedule - a schedule from {@link createSchedule}
 * @returns integer ms, 0 ≤ result ≤ end − start
 * @example
 * ```ts
 * import { createSchedule, businessDuration } from 'helpdesk-metrics';
 * const office = createSchedule({
 *   timeZone: 'America/New_York',
 *   weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']],
 *             thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
 * });
 * // Monday 08:30 → 09:15 local (EST, UTC−5): 15 business minutes.
 * businessDuration('2026-03-02T13:30:00Z', '2026-03-02T14:15:00Z', office); //=> 900000
 * ```
 */
export function businessDuration(start: Timestamp, end: Timestamp, schedule: Schedule): number {
  const name = 'businessDuration';
  const engine = requireSchedule(name, schedule);
  const s = instant(name, start, 'start');
  const e = instant(name, end, 'end');
  if (e < s) {
    throw new MetricsError({
      code: 'inconsistent',
      functionName: name,
      field: 'end',
      rule: `end ${new Date(e).toISOString()} precedes start ${new Date(s).toISOString()}`,
    });
  }
  return engine.measure(s, e);
}

/**
 * The instant at which `ms` of business time have passed since `start`: the earliest `t ≥ start` with
 * `businessDuration(start, t) = ms` — the due instant of an SLA target. `ms = 0` gives `start`. A target
 * that runs out exactly at closing time is due at closing time (not at the next opening).
 *
 * Throws a {@link MetricsError} for a bad timestamp, a negative, fractional or non-finite `ms`
 * (`out_of_range`), a due instant at or after 2201-01-01T00:00:00Z (`out_of_range`: the library's instants end
 * with the year 2200, so the result is always accepted by {@link businessDuration}), or a `schedule` not made
 * by {@link createSchedule}. Cost: O(DST changes up to the due instant + log holidays), whatever `ms`.
 *
 * @category Business time
 * @param start - the instant the clock starts
 * @param ms - business time to add, whole ms ≥ 0
 * @param schedule - a schedule from {@link createSchedule}
 * @returns the due instant
 * @example
 * ```ts
 * import { createSchedule, addBusinessTime } from 'helpdesk-metrics';
 * const weekdays = [['09:00', '17:00']] as const;
 * const office = createSchedule({
 *   timeZone: 'UTC',
 *   weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
 * });
 * // Friday 16:00 + 4 business hours → Monday 12:00.
 * addBusinessTime('2026-03-06T16:00:00Z', 4 * 3_600_000, office).toISOString();
 * //=> '2026-03-09T12:00:00.000Z'
 * ```
 */
export function addBusinessTime(start: Timestamp, ms: number, schedule: Schedule): Date {
  const name = 'addBusinessTime';
  const engine = requireSchedule(name, schedule);
  const s = instant(name, start, 'start');
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) {
    throw new MetricsError({
      code: 'out_of_range',
      functionName: name,
      field: 'ms',
      rule: `must be whole milliseconds ≥ 0 (a safe integer), got ${describe(ms)}`,
    });
  }
  const t = engine.add(s, ms);
  if (t !== t) {
    throw new MetricsError({
      code: 'out_of_range',
      functionName: name,
      field: 'ms',
      rule: `the due instant lies at or after ${isoOf(MAX_EPOCH_MS)} (timestamps end with the year 2200)`,
    });
  }
  return new Date(t);
}
