import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBuckets, type BucketInterval, type WeekStartDay } from '../../src/_lib/buckets.js';
import { createZoneInfo } from '../../src/calendar/timeZone.js';
import { fcParams } from '../support/fc.js';
import { DAY, HOUR, oracleHourBoundaries, oracleLocalToUtc, oracleOffset } from '../support/business.js';

const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];

describe('bucket properties', () => {
  it('weeks start on weekStartsOn at local midnight; months on the 1st; strictly increasing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.constantFrom('week', 'month') as fc.Arbitrary<'week' | 'month'>, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3000 }), (name, interval, ws, d) => {
        const z = createZoneInfo(name)!;
        const from = Date.UTC(2024, 0, 1) + d * 86_400_000;
        const b = makeBuckets('t', z, interval, ws as 0, from, from + 400 * 86_400_000);
        const fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, weekday: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
        expect(b.bounds[0]!).toBeLessThanOrEqual(from);
        for (let i = 0; i < b.count; i++) {
          expect(b.bounds[i + 1]!).toBeGreaterThan(b.bounds[i]!);
          const parts = Object.fromEntries(fmt.formatToParts(b.bounds[i]!).map((p) => [p.type, p.value]));
          expect(`${parts.hour}:${parts.minute}`).toBe('00:00');
          if (interval === 'week') expect(parts.weekday).toBe(days[ws]);
          else expect(parts.day).toBe('1');
        }
      }),
      fcParams(40),
    );
  }, 30_000);
});

// ---- against a brute-force oracle (minute walks with Intl's longOffset names) ----

/** Instants near offset changes that are unusual: 30- and 15-minute shifts, changes at or across midnight, a skipped date. */
const HARD = [
  ['Europe/Paris', '2026-03-29T01:00:00Z'],
  ['Europe/Paris', '2026-10-25T01:00:00Z'],
  ['America/New_York', '2026-11-01T06:00:00Z'],
  ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
  ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
  ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
  ['Asia/Kathmandu', '1985-12-31T18:30:00Z'],
  ['America/Caracas', '2007-12-09T07:00:00Z'],
  ['America/Caracas', '2016-05-01T06:30:00Z'],
  ['America/St_Johns', '2009-11-01T02:31:00Z'],
  ['America/Goose_Bay', '1987-10-25T03:01:00Z'],
  ['America/Sao_Paulo', '2018-11-04T03:00:00Z'],
  ['America/Sao_Paulo', '2019-02-17T02:00:00Z'],
  ['America/Santiago', '2026-09-06T04:00:00Z'],
  ['Pacific/Apia', '2011-12-30T10:00:00Z'],
  ['UTC', '2026-03-01T00:00:00Z'],
] as const;

/** Local midnight of the period of local date `day` (days since 1970). */
function periodStart(interval: 'day' | 'week' | 'month', ws: number, day: number): number {
  const d = new Date(day * DAY);
  if (interval === 'day') return day * DAY;
  if (interval === 'week') return (day - ((d.getUTCDay() - ws + 7) % 7)) * DAY;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function periodPlus(interval: 'day' | 'week' | 'month', midnight: number, k: number): number {
  if (interval === 'day') return midnight + k * DAY;
  if (interval === 'week') return midnight + 7 * k * DAY;
  const d = new Date(midnight);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1);
}

/** The bucket bounds of [from, to) from candidate starts (increasing; ties dropped): the one holding `from` to the one holding `to − 1`. */
function cut(starts: number[], from: number, to: number): number[] {
  let i = 0;
  while (i + 1 < starts.length && (starts[i + 1] as number) <= from) i++;
  let j = i;
  while ((starts[j] as number) <= to - 1) j++;
  return starts.slice(i, j + 1);
}

function oracleBounds(zone: string, interval: BucketInterval, ws: number, from: number, to: number): number[] {
  if (interval === 'hour') return cut(oracleHourBoundaries(zone, from - 2 * HOUR, to + 2 * HOUR), from, to);
  const dayOf = (t: number): number => Math.floor((t + oracleOffset(zone, t)) / DAY);
  const first = periodPlus(interval, periodStart(interval, ws, dayOf(from)), -2);
  const last = periodPlus(interval, periodStart(interval, ws, dayOf(to - 1)), 2);
  const starts: number[] = [];
  for (let p = first; p <= last; p = periodPlus(interval, p, 1)) {
    const t = oracleLocalToUtc(zone, p);
    if (starts.length === 0 || t > (starts[starts.length - 1] as number)) starts.push(t); // a skipped date has no bucket
  }
  return cut(starts, from, to);
}

const LENGTH: Record<BucketInterval, number> = { hour: 3 * DAY, day: 10 * DAY, week: 30 * DAY, month: 70 * DAY };

describe('buckets against the brute-force oracle', () => {
  it('bounds and count equal the oracle near hard offset changes, in every interval', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HARD),
        fc.constantFrom('hour', 'day', 'week', 'month') as fc.Arbitrary<BucketInterval>,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: -4 * DAY, max: 2 * DAY }),
        fc.integer({ min: 0, max: 1000 }),
        ([zone, at], interval, ws, shift, permille) => {
          const from = Date.parse(at) + shift;
          const to = from + 1 + Math.floor((permille / 1000) * LENGTH[interval]);
          const b = makeBuckets('t', createZoneInfo(zone)!, interval, ws as WeekStartDay, from, to);
          expect(b.bounds.length).toBe(b.count + 1);
          expect(Array.from(b.bounds)).toEqual(oracleBounds(zone, interval, ws, from, to));
        },
      ),
      fcParams(400),
    );
  }, 60_000);
});
