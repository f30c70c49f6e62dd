/**
 * Business-hours benchmark: 1M business durations (the FRT hot path the timing metrics call), the public
 * businessDuration, addBusinessTime, and slaCompliance, each against a hand-written loop computing the same
 * numbers.
 */
import { businessMs, addBusinessMs } from '../src/calendar/businessTime.js';
import { businessDuration, createSchedule, type Schedule } from '../src/calendar/index.js';
import { createZoneInfo } from '../src/calendar/timeZone.js';
import { slaCompliance } from '../src/metrics/slaCompliance/index.js';
import { compare, info, type BenchRow } from './harness.js';
import { generateTickets } from './generate.js';
import { generateSpans } from './generate-businessHours.js';

const DAY = 86_400_000;
const MIN = 60_000;
const lunch = [['09:00', '12:00'], ['13:00', '17:00']] as const;
const HOLIDAYS = ['2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25'];

/** The benchmark schedule: Berlin, lunch break, dated and yearly holidays. */
export function benchSchedule(): Schedule {
  return createSchedule({
    timeZone: 'Europe/Berlin',
    weekly: { mon: lunch, tue: lunch, wed: lunch, thu: lunch, fri: lunch },
    holidays: [...HOLIDAYS, { month: 12, day: 25 }, { month: 12, day: 26 }, { month: 1, day: 1 }],
    name: 'bench',
  });
}

/** Hand-written day-by-day loop: local days, windows converted with localToUtc, holidays as a set. */
function naiveBusinessMs(starts: Float64Array, ends: Float64Array): number {
  const zone = createZoneInfo('Europe/Berlin')!;
  const holidays = new Set<number>(HOLIDAYS.map((d) => Date.parse(`${d}T00:00:00Z`) / DAY));
  for (let y = 2025; y <= 2028; y++) for (const [m, d] of [[12, 25], [12, 26], [1, 1]] as const) holidays.add(Date.UTC(y, m - 1, d) / DAY);
  const win = [[9 * 60, 12 * 60], [13 * 60, 17 * 60]];
  let total = 0;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i] as number;
    const e = ends[i] as number;
    const d0 = Math.floor((s + zone.offsetAt(s)) / DAY);
    const d1 = Math.floor((e + zone.offsetAt(e)) / DAY);
    for (let d = d0; d <= d1; d++) {
      const dow = (((d + 3) % 7) + 7) % 7;
      if (dow >= 5 || holidays.has(d)) continue;
      for (const [a, b] of win) {
        const A = zone.localToUtc(d * DAY + (a as number) * MIN);
        const B = zone.localToUtc(d * DAY + (b as number) * MIN);
        const lo = A > s ? A : s;
        const hi = B < e ? B : e;
        if (hi > lo) total += hi - lo;
      }
    }
  }
  return total;
}

const same = (a: unknown, b: unknown): void => {
  if (a !== b) throw new Error(`business-hours bench: results differ (${String(a)} vs ${String(b)})`);
};

/** Rows for bench/run.ts. */
export function businessHoursBench(): BenchRow[] {
  const schedule = benchSchedule();
  const N = 1_000_000;
  const { start, end } = generateSpans(N, 42);
  const rows: BenchRow[] = [];
  rows.push(
    compare(
      'businessMs (FRT hot path) vs day-by-day loop',
      N,
      () => {
        let t = 0;
        for (let i = 0; i < N; i++) t += businessMs(schedule, start[i] as number, end[i] as number);
        return t;
      },
      () => naiveBusinessMs(start, end),
      { maxRatio: 1, check: same },
    ),
  );
  rows.push(
    info('businessMs, 1M durations', N, () => {
      let t = 0;
      for (let i = 0; i < N; i++) t += businessMs(schedule, start[i] as number, end[i] as number);
      return t;
    }),
  );
  const M = 100_000;
  rows.push(
    info('businessDuration (public, validated), 100k', M, () => {
      let t = 0;
      for (let i = 0; i < M; i++) t += businessDuration(start[i] as number, end[i] as number, schedule);
      return t;
    }),
  );
  rows.push(
    info('addBusinessMs (due instants, 8 business hours), 1M', N, () => {
      let t = 0;
      for (let i = 0; i < N; i++) t += addBusinessMs(schedule, start[i] as number, 8 * 3_600_000) - (start[i] as number);
      return t;
    }),
  );
  const tickets = generateTickets(100_000, 7);
  const HOUR = 3_600_000;
  rows.push(
    info('slaCompliance, 100k tickets, business hours', tickets.length, () =>
      slaCompliance(tickets, {
        targets: {
          urgent: { firstReply: HOUR, nextReply: HOUR, resolution: 8 * HOUR },
          high: { firstReply: 4 * HOUR, nextReply: 4 * HOUR, resolution: 24 * HOUR },
          normal: { firstReply: 8 * HOUR, resolution: 40 * HOUR },
          low: { firstReply: 16 * HOUR, resolution: 80 * HOUR },
        },
        businessHours: schedule,
        at: Date.UTC(2026, 4, 1),
      }).count),
  );
  return rows;
}
