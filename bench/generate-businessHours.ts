/**
 * Seeded data for the business-hours benchmark: (start, end) epoch-ms pairs shaped like ticket creation →
 * first reply (creations weighted to working hours, waits mostly minutes to hours, a tail of days).
 */
import { mulberry32 } from './generate.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** `count` pairs over `days` days from 2026-01-05 (a Monday); the same seed gives the same pairs. */
export function generateSpans(count: number, seed: number, days = 365): { start: Float64Array; end: Float64Array } {
  const rnd = mulberry32(seed);
  const start = new Float64Array(count);
  const end = new Float64Array(count);
  const t0 = Date.UTC(2026, 0, 5);
  for (let i = 0; i < count; i++) {
    const day = Math.floor(rnd() * days);
    const hour = rnd() < 0.8 ? 6 + rnd() * 12 : rnd() * 24;
    const s = t0 + day * DAY + Math.floor(hour * HOUR / 1000) * 1000;
    const u = rnd();
    const wait = u < 0.6 ? rnd() * 2 * HOUR : u < 0.95 ? rnd() * 24 * HOUR : rnd() * 3 * DAY;
    start[i] = s;
    end[i] = s + Math.floor(wait / MIN) * MIN + Math.floor(rnd() * 60) * 1000;
  }
  return { start, end };
}
