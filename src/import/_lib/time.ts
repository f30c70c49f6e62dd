/**
 * Vendor times to epoch milliseconds: ISO-8601 (with an offset, or local in a named zone), Unix seconds
 * (Intercom, Chatwoot), epoch milliseconds, and local date formats (`'DD/MM/YYYY HH:mm'`) read in a named zone.
 * A local time without a zone is an error: no zone is ever guessed.
 *
 * @internal
 * @module
 */
import { describe } from '../../_lib/options.js';
import { Invalid, recordTime } from '../../_lib/records.js';
import { MAX_EPOCH_MS, toEpochMs } from '../../_lib/timestamp.js';
import type { ZoneInfo } from '../../calendar/timeZone.js';

/** 1975-01-01T00:00:00Z: an epoch-ms number below it is almost surely Unix seconds. */
const MS_FLOOR = 157_766_400_000;
/** Unix seconds past this (year 5138) are almost surely milliseconds. */
const SECONDS_CEILING = 100_000_000_000;

/** @internal An ISO-8601 time (or a `Date`, or epoch ms: before 1975 taken for seconds and rejected), offset-less strings read in `zone`. */
export function isoTime(v: unknown, field: string, zone: ZoneInfo | undefined): number {
  if (typeof v === 'number') return epochMs(v, field);
  if (typeof v === 'string') {
    const t = toEpochMs(normalizeIsoLike(v), zone);
    if (t === t) return t;
  }
  return recordTime(v, field, zone);
}

/** @internal An optional ISO time: `null`, absent and `''` are undefined. */
export function optIsoTime(v: unknown, field: string, zone: ZoneInfo | undefined): number | undefined {
  return v === undefined || v === null || v === '' ? undefined : isoTime(v, field, zone);
}

/**
 * Export spellings of ISO times: `'2026-03-02 09:00:00 +0100'` (a space before the offset) and a trailing
 * `' UTC'`. Anything else is returned unchanged.
 */
function normalizeIsoLike(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s+(UTC|GMT|Z|[+-]\d{2}:?\d{2})$/i.exec(s.trim());
  if (m === null) return s.trim();
  const off = (m[2] as string).toUpperCase();
  return `${m[1]}${off === 'UTC' || off === 'GMT' ? 'Z' : off}`;
}

/** @internal Unix seconds (a whole number) as epoch ms. */
export function unixSeconds(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    if (v === undefined || v === null) throw new Invalid('missing_field', field, 'a time in Unix seconds is required');
    throw new Invalid('invalid_timestamp', field, `must be whole Unix seconds, got ${describe(v)}`);
  }
  if (v >= SECONDS_CEILING) {
    throw new Invalid('invalid_timestamp', field, `${v} looks like milliseconds; this field is Unix seconds`);
  }
  const ms = v * 1000;
  if (ms < 0 || ms >= MAX_EPOCH_MS) throw new Invalid('invalid_timestamp', field, `${v} lies outside the years 1970–2200`);
  return ms;
}

/** @internal Optional Unix seconds; with `zeroIsNull`, 0 means "never" (Chatwoot's `.to_i` of a null time). */
export function optUnixSeconds(v: unknown, field: string, zeroIsNull = false): number | undefined {
  if (v === undefined || v === null || (zeroIsNull && v === 0)) return undefined;
  return unixSeconds(v, field);
}

/** @internal Epoch milliseconds (a whole number); before 1975 it is taken for seconds and rejected. */
export function epochMs(v: unknown, field: string): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < MS_FLOOR) {
    throw new Invalid('epoch_seconds', field, `${v} is before 1975 as milliseconds: probably Unix seconds (use the unit 's')`);
  }
  if (typeof v !== 'number') {
    if (v === undefined || v === null) throw new Invalid('missing_field', field, 'a time in epoch milliseconds is required');
    throw new Invalid('invalid_timestamp', field, `must be whole epoch milliseconds, got ${describe(v)}`);
  }
  return recordTime(v, field, undefined);
}

/**
 * A time unit for {@link fromRows}-style columns:
 * - `'iso'`: ISO-8601 strings (offset-less ones need `timeZone`), `Date`s;
 * - `'ms'`: epoch milliseconds; `'s'`: Unix seconds;
 * - `{ format, timeZone? }`: a local date format with the tokens `YYYY`, `MM`, `M`, `DD`, `D`, `HH`, `H`,
 *   `hh`, `h` (12-hour, with `A`), `mm`, `ss`, `SSS`, `A` (AM/PM, case-insensitive) and `Z` (an offset: `Z`,
 *   `+01:00`, `+0100`); other characters match themselves. Without `Z` in the format the time is local in
 *   `timeZone` (the format's own, else the call's).
 *
 * @category Import
 */
export type TimeUnit = 'iso' | 'ms' | 's' | { readonly format: string; readonly timeZone?: string };

/** @internal A compiled date format. */
export interface DateFormat {
  readonly regex: RegExp;
  readonly tokens: readonly string[];
  readonly source: string;
}

const TOKEN_RE = /YYYY|SSS|MM|DD|HH|hh|mm|ss|M|D|H|h|A|a|Z/g;
const TOKEN_PATTERN: Readonly<Record<string, string>> = {
  YYYY: '(\\d{4})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  DD: '(\\d{2})',
  D: '(\\d{1,2})',
  HH: '(\\d{2})',
  H: '(\\d{1,2})',
  hh: '(\\d{2})',
  h: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{3})',
  A: '([AaPp][Mm])',
  a: '([AaPp][Mm])',
  Z: '(Z|z|[+-]\\d{2}:?\\d{2})',
};

/** @internal Compiles a date format; returns a message instead when it is unusable. */
export function compileFormat(format: string): DateFormat | string {
  if (format.length === 0 || format.length > 64) return 'must be a date format of 1 to 64 characters';
  const tokens: string[] = [];
  let pattern = '';
  let last = 0;
  for (const m of format.matchAll(TOKEN_RE)) {
    pattern += format.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern += TOKEN_PATTERN[m[0]] as string;
    tokens.push(m[0] === 'a' ? 'A' : m[0]);
    last = (m.index as number) + m[0].length;
  }
  pattern += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const has = (...alternatives: string[]): boolean => tokens.some((t) => alternatives.includes(t));
  if (!has('YYYY') || !has('MM', 'M') || !has('DD', 'D')) return 'must contain a year (YYYY), a month (MM or M) and a day (DD or D)';
  if (new Set(tokens).size !== tokens.length) return 'repeats a token';
  const twelve = tokens.includes('hh') || tokens.includes('h');
  if (twelve !== tokens.includes('A')) return '12-hour tokens (hh, h) need A, and A needs them';
  return { regex: new RegExp(`^${pattern}$`), tokens, source: format };
}

/** @internal Reads a time written in `fmt`; local times need `zone`. */
export function formattedTime(v: unknown, field: string, fmt: DateFormat, zone: ZoneInfo | undefined): number {
  if (typeof v !== 'string') {
    if (v === undefined || v === null) throw new Invalid('missing_field', field, 'a time is required');
    throw new Invalid('invalid_timestamp', field, `must be a string in the format ${JSON.stringify(fmt.source)}, got ${describe(v)}`);
  }
  const m = fmt.regex.exec(v.trim());
  if (m === null) throw new Invalid('invalid_timestamp', field, `${describe(v)} does not match the format ${JSON.stringify(fmt.source)}`);
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  let ms = 0;
  let pm: boolean | undefined;
  let offsetMs: number | undefined;
  fmt.tokens.forEach((tok, i) => {
    const g = m[i + 1] as string;
    switch (tok) {
      case 'YYYY': y = Number(g); break;
      case 'MM': case 'M': mo = Number(g); break;
      case 'DD': case 'D': d = Number(g); break;
      case 'HH': case 'H': case 'hh': case 'h': h = Number(g); break;
      case 'mm': mi = Number(g); break;
      case 'ss': s = Number(g); break;
      case 'SSS': ms = Number(g); break;
      case 'A': pm = g.toLowerCase() === 'pm'; break;
      case 'Z': {
        if (g === 'Z' || g === 'z') offsetMs = 0;
        else {
          const sign = g[0] === '-' ? -1 : 1;
          const digits = g.slice(1).replace(':', '');
          offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
        }
        break;
      }
      default: break;
    }
  });
  if (pm !== undefined) {
    if (h < 1 || h > 12) throw new Invalid('invalid_timestamp', field, `${describe(v)}: a 12-hour clock hour must be 1–12`);
    h = (h % 12) + (pm ? 12 : 0);
  }
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) {
    throw new Invalid('invalid_timestamp', field, `${describe(v)} is not a valid date-time in 1970–2200`);
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  let t: number;
  if (offsetMs !== undefined) t = wall - offsetMs;
  else {
    if (zone === undefined) {
      throw new Invalid('missing_offset', field, `${describe(v)} is a local time; pass the timeZone it was written in`);
    }
    t = zone.localToUtc(wall);
  }
  if (!(t >= 0 && t < MAX_EPOCH_MS)) throw new Invalid('invalid_timestamp', field, `${describe(v)} lies outside the years 1970–2200`);
  return t;
}

/** @internal A record's `updated_at`-style field for choosing among duplicates: epoch ms, NaN when not an offset ISO time. */
export function updatedMs(v: unknown): number {
  return typeof v === 'string' ? toEpochMs(v) : NaN;
}
