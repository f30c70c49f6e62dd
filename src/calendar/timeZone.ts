/**
 * Time-zone offsets from `Intl` (no tz database dependency). A {@link ZoneInfo} is made per call or per
 * schedule, never kept in module state. It keeps the zone's offset transitions as a sorted table, found with
 * `Intl` one 365-day block at a time (only the blocks asked for) by sampling every 7 days and bisecting to the
 * second where two samples differ; every offset and every local-time conversion is then a binary search in
 * that table. A year costs about a hundred `Intl` calls, whatever the number of look-ups; the schedule engine
 * and the calendar buckets both read the table directly.
 *
 * @internal
 * @module
 */

const DAY_MS = 86_400_000;
/** Offsets are scanned in blocks of this length (aligned to the epoch). */
const BLOCK_MS = 365 * DAY_MS;
/**
 * Offsets are sampled this far apart and bisected to the second where two samples differ. An offset that
 * changes and changes back within one step would be missed; no zone has done that since 1970.
 */
const SCAN_STEP_MS = 7 * DAY_MS;
/**
 * The table covers the blocks from 1969-01-01 to late 2202 (the library's instants are 1970–2200, plus a margin
 * for local times and bucket ends). An instant outside takes the offset at the nearer end of the table.
 */
const TABLE_LO_MS = -BLOCK_MS;
const TABLE_HI_MS = 233 * BLOCK_MS;

const FORMAT_RE = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/;

/** Clamps an instant into the table's span (NaN to its start). */
function clamp(t: number): number {
  if (!(t >= TABLE_LO_MS)) return TABLE_LO_MS;
  return t < TABLE_HI_MS ? t : TABLE_HI_MS - 1;
}

/**
 * @internal A validated IANA time zone with its table of offset transitions.
 *
 * The table is `starts` (transition instants, ascending) and `offsets` (one more entry: `offsets[i]` holds
 * from `starts[i − 1]` to `starts[i]`), exact for the instants in `[lo, hi)`; {@link ZoneInfo.cover} extends
 * it. Fields are read by the schedule engine and the buckets on their hot paths and written only here.
 */
export class ZoneInfo {
  /** The zone name as given. */
  readonly name: string;
  /** Start of the covered span (a block boundary). */
  lo = 0;
  /** End (exclusive) of the covered span; `lo === hi` before the first look-up. */
  hi = 0;
  /** Transition instants in `[lo, hi)`, ascending: the first whole second with a new offset. */
  starts: number[] = [];
  /** `offsets[i]`: the offset (ms, east positive) from `starts[i − 1]` (or `lo`) to `starts[i]` (or `hi`). */
  offsets: number[] = [];
  private readonly fmt: Intl.DateTimeFormat;

  constructor(name: string, fmt: Intl.DateTimeFormat) {
    this.name = name;
    this.fmt = fmt;
  }

  /** Offset at `utcMs` formatted afresh by `Intl` (no table): what the table is built from. */
  rawOffsetAt(utcMs: number): number {
    let y: number;
    let mo: number;
    let d: number;
    let h: number;
    let mi: number;
    let s: number;
    let bc: boolean;
    // `format` is about five times cheaper than `formatToParts`; the parts are the fallback should a runtime
    // print the en-US pattern differently.
    const m = FORMAT_RE.exec(this.fmt.format(utcMs));
    if (m !== null) {
      mo = Number(m[1]);
      d = Number(m[2]);
      y = Number(m[3]);
      bc = m[4] === 'BC';
      h = Number(m[5]);
      mi = Number(m[6]);
      s = Number(m[7]);
    } else {
      y = mo = d = h = mi = s = 0;
      bc = false;
      for (const part of this.fmt.formatToParts(utcMs)) {
        switch (part.type) {
          case 'year': y = Number(part.value); break;
          case 'month': mo = Number(part.value); break;
          case 'day': d = Number(part.value); break;
          case 'hour': h = Number(part.value); break;
          case 'minute': mi = Number(part.value); break;
          case 'second': s = Number(part.value); break;
          case 'era': bc = part.value === 'BC' || part.value === 'B'; break;
          default: break;
        }
      }
    }
    if (bc) y = 1 - y;
    // The table spans the years 1969–2202, so Date.UTC's two-digit-year rule never applies.
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    const flooredInstant = utcMs - (((utcMs % 1000) + 1000) % 1000);
    return wall - flooredInstant;
  }

  /** Transitions in `(a, b)` and the offsets around them (`o[0]` at `a`); `a`, `b` whole seconds. */
  private scan(a: number, b: number): { t: number[]; o: number[] } {
    const t: number[] = [];
    const o: number[] = [this.rawOffsetAt(a)];
    let prev = o[0] as number;
    let x = a; // a whole second with offset `prev`
    while (x < b) {
      const next = Math.min(x + SCAN_STEP_MS, b);
      if (this.rawOffsetAt(next) === prev) {
        x = next;
        continue;
      }
      // Bisect on whole seconds for the first instant with a different offset, then rescan from there
      // (so two changes within one step are both found when the offset does not return to `prev`).
      let lo = x / 1000;
      let hi = next / 1000;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.rawOffsetAt(mid * 1000) === prev) lo = mid;
        else hi = mid;
      }
      x = hi * 1000;
      prev = this.rawOffsetAt(x);
      t.push(x);
      o.push(prev);
    }
    return { t, o };
  }

  /**
   * Extends the table to cover the blocks holding `s` and `e` and everything between (instants outside the
   * table's span are clamped to it, so this costs at most the whole span once). After it, every `t` in
   * `[s, e]` within the span has `lo <= t < hi`.
   */
  cover(s: number, e: number): void {
    const a = Math.floor(clamp(Math.min(s, e)) / BLOCK_MS) * BLOCK_MS;
    const b = (Math.floor(clamp(Math.max(s, e)) / BLOCK_MS) + 1) * BLOCK_MS;
    if (this.offsets.length === 0) {
      const r = this.scan(a, b);
      this.starts = r.t;
      this.offsets = r.o;
      this.lo = a;
      this.hi = b;
      return;
    }
    if (a < this.lo) {
      const r = this.scan(a, this.lo);
      this.starts = r.t.concat(this.starts);
      this.offsets = r.o.concat(this.offsets.slice(1));
      this.lo = a;
    }
    if (b > this.hi) {
      const r = this.scan(this.hi, b);
      this.starts = this.starts.concat(r.t);
      this.offsets = this.offsets.concat(r.o.slice(1));
      this.hi = b;
    }
  }

  /** Number of transitions at or before `t` (the index into `offsets` of the offset at `t`). */
  index(t: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Offset of local time from UTC at the instant `utcMs`, in ms (east positive). */
  offsetAt(utcMs: number): number {
    if (!(utcMs >= this.lo && utcMs < this.hi)) this.cover(utcMs, utcMs);
    return this.offsets[this.index(utcMs)] as number;
  }

  /**
   * The instant at which the local wall-clock time `localMs` (a UTC-encoded wall time) occurs: the earlier of
   * two in an overlap; inside a gap (spring forward) the wall time moves forward by the gap, as Temporal's
   * `'compatible'` does (decision 7).
   */
  localToUtc(localMs: number): number {
    // Offsets lie within ±1 day, so every instant showing `localMs` is within two days of it.
    const a = localMs - 2 * DAY_MS;
    const b = localMs + 2 * DAY_MS;
    if (!(a >= this.lo && b < this.hi)) this.cover(a, b);
    const starts = this.starts;
    const offs = this.offsets;
    const n = starts.length;
    let gap = NaN;
    // Offset segments in increasing order: the first that holds `localMs − offset` gives the earliest instant.
    for (let k = this.index(a); k <= n; k++) {
      const o = offs[k] as number;
      const t = localMs - o;
      const segStart = k === 0 ? -Infinity : (starts[k - 1] as number);
      const segEnd = k < n ? (starts[k] as number) : Infinity;
      if (t >= segStart && t < segEnd) return t;
      if (k > 0 && gap !== gap) {
        const before = offs[k - 1] as number;
        if (localMs >= segStart + before && localMs < segStart + o) gap = localMs - before;
      }
      if (segEnd > b) break;
    }
    // A gap: no instant shows `localMs`; the offset before the gap moves it forward by the gap's length.
    return gap === gap ? gap : localMs - this.offsetAt(localMs);
  }
}

/**
 * @internal Returns a {@link ZoneInfo}, or `undefined` when the runtime does not know the zone.
 */
export function createZoneInfo(name: string): ZoneInfo | undefined {
  if (typeof name !== 'string' || name.length === 0) return undefined;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return undefined;
  }
  return new ZoneInfo(name, fmt);
}

/**
 * @internal A UTC offset as ISO text: `+01:00`, `-05:30`, and with seconds where the zone had them
 * (`-00:44:30`, Africa/Monrovia until 1972; Temporal writes them so too). The library reads this form back.
 */
export function offsetText(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${sign}${two(h)}:${two(m)}${sec === 0 ? '' : `:${two(sec)}`}`;
}
