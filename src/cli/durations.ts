/**
 * Durations as people write them in a config file: `'30m'`, `'4h'`, `'1h30m'`, `'2d'`, `'90s'`, `'1500ms'`, or
 * a whole number of milliseconds. Days are 24 hours (business time is the schedule's business, not this).
 *
 * @internal
 * @module
 */
import { describe } from '../results/describe.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;

/**
 * Milliseconds of `value` (a duration string or a whole number of ms), or a rule saying why not.
 * The total must be a whole number of milliseconds.
 */
export function parseDuration(value: unknown): number | { rule: string } {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? value : { rule: `must be a whole number of milliseconds ≥ 0 or a duration such as '4h', got ${describe(value)}` };
  }
  if (typeof value !== 'string') return { rule: `must be a duration such as '30m', '4h', '1h30m', '2d' or a number of milliseconds, got ${describe(value)}` };
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  PART.lastIndex = 0;
  let total = 0;
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = PART.exec(text)) !== null) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    at = PART.lastIndex;
  }
  if (at === 0 || at !== text.length) return { rule: `must be a duration such as '30m', '4h', '1h30m', '2d' or a number of milliseconds, got ${describe(value)}` };
  const ms = Math.round(total);
  if (Math.abs(ms - total) > 1e-6 || !Number.isSafeInteger(ms)) return { rule: `${describe(value)} is not a whole number of milliseconds` };
  return ms;
}

/** A duration for people: `'1 h 30 min'`, `'2 d 4 h'`, `'45 s'`, `'850 ms'`. */
export function formatDuration(ms: number | undefined | null): string {
  if (ms === undefined || ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const restMin = minutes % 60;
  if (hours < 48) return restMin === 0 ? `${hours} h` : `${hours} h ${restMin} min`;
  const days = Math.floor(hours / 24);
  const restH = hours % 24;
  return restH === 0 ? `${days} d` : `${days} d ${restH} h`;
}
