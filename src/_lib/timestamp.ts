/**
 * Timestamp parsing: epoch ms, `Date`, or ISO-8601 with an offset. Hot-path functions return `NaN` for a bad
 * value (no exceptions, no allocation); {@link explainTimestamp} says why, on the error path only.
 *
 * @internal
 * @module
 */
import type { ZoneInfo } from '../calendar/timeZone.js';
import type { MetricsErrorCode } from '../results/errors.js';
import { describe } from '../results/describe.js';

/** @internal 1970-01-01T00:00:00Z: the earliest instant accepted at all. */
export const MIN_EPOCH_MS = 0;
/**
 * @internal 1975-01-01T00:00:00Z: epoch numbers and `Date`s before it are rejected as probably Unix seconds
 * read as milliseconds (every instant of 1970–2200 in seconds is below 7.3e9, i.e. before March 1970 as ms),
 * unless the caller declares such early data (`allowEarlyTimestamps`). ISO strings carry their year and are
 * accepted from 1970.
 */
export const PLAUSIBLE_EPOCH_MS = 157_766_400_000;
/** @internal 2201-01-01T00:00:00Z (exclusive). */
export const MAX_EPOCH_MS = 7_289_654_400_000;

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:(Z|z)|([+-])(\d{2})(?::?(\d{2})(?::(\d{2}))?)?)?$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * @internal The readers' fast path: `value` is already whole epoch ms from 1975 (or from `minMs`) to 2200.
 */
export function isEpochMs(value: unknown, minMs = PLAUSIBLE_EPOCH_MS): value is number {
  return typeof value === 'number' && value >= minMs && value < MAX_EPOCH_MS && Math.floor(value) === value;
}

/**
 * @internal Epoch ms of `value`, or NaN when it is not a valid timestamp. An offset-less string needs `zone`.
 * Numbers and `Date`s must be at or after `minMs` (1975 by default: earlier ones are probably seconds).
 */
export function toEpochMs(value: unknown, zone?: ZoneInfo, minMs = PLAUSIBLE_EPOCH_MS): number {
  if (typeof value === 'number') {
    return value >= minMs && value < MAX_EPOCH_MS && Number.isInteger(value) ? value : NaN;
  }
  if (typeof value === 'string') return parseIso(value, zone);
  if (value instanceof Date) {
    const t = value.getTime();
    return t >= minMs && t < MAX_EPOCH_MS ? t : NaN;
  }
  return NaN;
}

/** @internal The earliest epoch number a reader accepts: 1970 when early data is declared, else 1975. */
export function earliestEpochMs(allowEarlyTimestamps: boolean | undefined): number {
  return allowEarlyTimestamps === true ? MIN_EPOCH_MS : PLAUSIBLE_EPOCH_MS;
}

function parseIso(s: string, zone: ZoneInfo | undefined): number {
  const m = ISO_RE.exec(s);
  if (m === null) return NaN;
  const y = Number(m[1]);
  if (y < 1970 || y > 2200) return NaN; // also keeps Date.UTC's 0–99 → 1900s rule away
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return NaN;
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  let t: number;
  if (m[8] !== undefined) {
    t = wall;
  } else if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    const os = m[12] === undefined ? 0 : Number(m[12]); // an offset with seconds (Monrovia until 1972: −00:44:30)
    if (oh > 23 || om > 59 || os > 59) return NaN;
    const off = (oh * 3600 + om * 60 + os) * 1000;
    t = m[9] === '+' ? wall - off : wall + off;
  } else {
    if (zone === undefined) return NaN;
    t = zone.localToUtc(wall);
  }
  return t >= MIN_EPOCH_MS && t < MAX_EPOCH_MS ? t : NaN;
}

const EARLY_HINT = 'if these are Unix seconds, multiply by 1000; for data really this old, pass allowEarlyTimestamps: true';

/** @internal Why `value` is not a timestamp (call only after {@link toEpochMs} returned NaN). */
export function explainTimestamp(value: unknown, zone?: ZoneInfo, minMs = PLAUSIBLE_EPOCH_MS): { code: MetricsErrorCode; rule: string } {
  if (value === undefined || value === null) {
    return { code: 'missing_field', rule: 'a timestamp is required' };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { code: 'invalid_timestamp', rule: `${String(value)} is not a finite number` };
    if (!Number.isInteger(value)) return { code: 'invalid_timestamp', rule: `${String(value)} is not whole epoch milliseconds` };
    if (value >= MIN_EPOCH_MS && value < minMs) {
      return {
        code: 'epoch_seconds',
        rule: `${String(value)} as epoch milliseconds is ${isoOf(value)}, before 1975${value * 1000 >= minMs && value * 1000 < MAX_EPOCH_MS ? `: it looks like Unix seconds (${isoOf(value * 1000)} as seconds)` : ''}; ${EARLY_HINT}`,
      };
    }
    return { code: 'invalid_timestamp', rule: `${String(value)} lies outside the years 1970–2200` };
  }
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) return { code: 'invalid_timestamp', rule: 'Invalid Date' };
    if (t >= MIN_EPOCH_MS && t < minMs) {
      return { code: 'epoch_seconds', rule: `the Date ${value.toISOString()} is before 1975: it looks like one built from Unix seconds; ${EARLY_HINT}` };
    }
    return { code: 'invalid_timestamp', rule: `${value.toISOString()} lies outside the years 1970–2200` };
  }
  if (typeof value === 'string') {
    const m = ISO_RE.exec(value);
    if (m === null) {
      return { code: 'invalid_timestamp', rule: `${describe(value)} is not an ISO-8601 date-time` };
    }
    if (m[8] === undefined && m[9] === undefined && zone === undefined) {
      return {
        code: 'missing_offset',
        rule: `${describe(value)} has no UTC offset; add 'Z' or an offset, or pass the timeZone option`,
      };
    }
    return { code: 'invalid_timestamp', rule: `${describe(value)} is not a valid date-time in 1970–2200` };
  }
  return { code: 'invalid_timestamp', rule: `${describe(value)} is not a timestamp` };
}

/** @internal ISO form of an epoch ms, for messages. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
