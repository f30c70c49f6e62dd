/**
 * The per-day timeline behind a business duration, for users who must justify a number.
 *
 * Cost: O(days spanned) (unlike businessDuration, which skips whole weeks).
 *
 * @module
 */
import { explainTimestamp, toEpochMs } from '../_lib/timestamp.js';
import type { Timestamp } from '../model/index.js';
import { MetricsError } from '../results/errors.js';
import { dateOfDay, requireSchedule, weekdayOfDay, WEEKDAYS, type Schedule, type ScheduleHoliday, type Weekday } from './schedule.js';
import { offsetText } from './timeZone.js';

const DAY_MS = 86_400_000;
const NAME = 'explainBusinessDuration';

/**
 * One stretch of open time counted in a business duration.
 *
 * @category Business time
 */
export interface BusinessInterval {
  /** Start instant, ISO UTC. */
  readonly from: string;
  /** End instant (exclusive), ISO UTC. */
  readonly to: string;
  /** Start in the schedule's local time, ISO with its UTC offset. */
  readonly localFrom: string;
  /** End in the schedule's local time, ISO with its UTC offset. */
  readonly localTo: string;
  readonly ms: number;
}

/**
 * One local date of the timeline: the open time counted, the holiday that closed it (if any) and DST notes.
 *
 * @category Business time
 */
export interface BusinessDay {
  /** Local date `'YYYY-MM-DD'` in the schedule's zone. */
  readonly date: string;
  readonly weekday: Weekday;
  /** Business ms counted on this date. */
  readonly ms: number;
  readonly intervals: readonly BusinessInterval[];
  /** The holiday of this date (whole or partial closure). */
  readonly holiday?: ScheduleHoliday;
  /** Offset changes within the span on this date, in words. */
  readonly notes: readonly string[];
}

/**
 * The result of {@link explainBusinessDuration}. `totalMs` equals `businessDuration(start, end, schedule)`
 * and the sum of the days' `ms`.
 *
 * @category Business time
 */
export interface BusinessDurationExplanation {
  readonly totalMs: number;
  readonly timeZone: string;
  readonly scheduleName: string | undefined;
  readonly start: string;
  readonly end: string;
  /** Dates with counted open time, a holiday or a DST change, in order; plain closed days are left out. */
  readonly days: readonly BusinessDay[];
}

function instant(value: unknown, field: string): number {
  const t = toEpochMs(value);
  if (t !== t) {
    const why = explainTimestamp(value);
    throw new MetricsError({ code: why.code, functionName: NAME, field, rule: why.rule });
  }
  return t;
}

/** Local time of `t` at offset `o`, with its milliseconds when there are any, and the offset. */
function localIso(t: number, o: number): string {
  const iso = new Date(t + o).toISOString();
  return (t % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23)) + offsetText(o);
}

/**
 * Explains a business duration day by day: which open windows were counted (as instants and as local
 * times), which holidays closed what, and where the UTC offset changed.
 *
 * @category Business time
 * @param start - the start instant (inclusive)
 * @param end - the end instant (exclusive), not before `start`
 * @param schedule - a schedule from {@link createSchedule}
 * @returns the timeline; `totalMs` equals {@link businessDuration}
 * @example
 * ```ts
 * import { createSchedule, explainBusinessDuration } from 'helpdesk-metrics';
 * const office = createSchedule({ timeZone: 'UTC', weekly: { fri: [['09:00', '17:00']], mon: [['09:00', '17:00']] } });
 * const x = explainBusinessDuration('2026-03-06T16:00:00Z', '2026-03-09T12:00:00Z', office);
 * x.totalMs;                          //=> 14400000 (4 h)
 * x.days.map((d) => [d.date, d.ms]);  //=> [['2026-03-06', 3600000], ['2026-03-09', 10800000]]
 * ```
 */
export function explainBusinessDuration(start: Timestamp, end: Timestamp, schedule: Schedule): BusinessDurationExplanation {
  const engine = requireSchedule(NAME, schedule);
  const s = instant(start, 'start');
  const e = instant(end, 'end');
  if (e < s) {
    throw new MetricsError({
      code: 'inconsistent',
      functionName: NAME,
      field: 'end',
      rule: `end ${new Date(e).toISOString()} precedes start ${new Date(s).toISOString()}`,
    });
  }
  const days = new Map<number, { intervals: BusinessInterval[]; ms: number; holiday: ScheduleHoliday | undefined; notes: string[] }>();
  const dayEntry = (day: number): { intervals: BusinessInterval[]; ms: number; holiday: ScheduleHoliday | undefined; notes: string[] } => {
    let d = days.get(day);
    if (d === undefined) {
      d = { intervals: [], ms: 0, holiday: undefined, notes: [] };
      days.set(day, d);
    }
    return d;
  };
  let total = 0;
  if (e > s) {
    const { starts, offsets } = engine.segments(s, e);
    for (let k = 0; k < starts.length; k++) {
      const u0 = starts[k] as number;
      const u1 = k + 1 < starts.length ? (starts[k + 1] as number) : e;
      const o = offsets[k] as number;
      if (k > 0) {
        const prev = offsets[k - 1] as number;
        const shift = Math.abs(o - prev) / 60_000;
        dayEntry(Math.floor((u0 + o) / DAY_MS)).notes.push(
          `UTC offset changes from ${offsetText(prev)} to ${offsetText(o)} at ${new Date(u0).toISOString()}: local clocks ${o > prev ? 'skip' : 'repeat'} ${shift} min`,
        );
      }
      const firstDay = Math.floor((u0 + o) / DAY_MS);
      const lastDay = Math.floor((u1 - 1 + o) / DAY_MS);
      for (let day = firstDay; day <= lastDay; day++) {
        const { windows, holiday } = engine.dayOpen(day);
        if (holiday !== undefined) dayEntry(day).holiday = holiday;
        for (const [a, b] of windows) {
          const from = Math.max(u0, day * DAY_MS + a - o);
          const to = Math.min(u1, day * DAY_MS + b - o);
          if (to <= from) continue;
          const entry = dayEntry(day);
          entry.intervals.push({
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
            localFrom: localIso(from, o),
            localTo: localIso(to, o),
            ms: to - from,
          });
          entry.ms += to - from;
          total += to - from;
        }
      }
    }
  }
  const out: BusinessDay[] = [...days.keys()]
    .sort((a, b) => a - b)
    .map((day) => {
      const d = days.get(day) as { intervals: BusinessInterval[]; ms: number; holiday: ScheduleHoliday | undefined; notes: string[] };
      return {
        date: dateOfDay(day),
        weekday: WEEKDAYS[weekdayOfDay(day)] as Weekday,
        ms: d.ms,
        intervals: d.intervals,
        ...(d.holiday === undefined ? {} : { holiday: d.holiday }),
        notes: d.notes,
      };
    });
  return {
    totalMs: total,
    timeZone: schedule.timeZone,
    scheduleName: schedule.name,
    start: new Date(s).toISOString(),
    end: new Date(e).toISOString(),
    days: out,
  };
}
