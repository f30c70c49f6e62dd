/**
 * Time-zone offsets from `Intl` (no tz database dependency). A {@link ZoneInfo} is made per call or per
 * schedule, never kept in module state; it memoises offsets per UTC hour so that a million look-ups format
 * only as many dates as there are distinct hours.
 *
 * @internal
 * @module
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** @internal A validated IANA time zone with an offset memo. */
export interface ZoneInfo {
  /** The zone name as given. */
  readonly name: string;
  /** Offset of local time from UTC at the instant `utcMs`, in ms (east positive). */
  offsetAt(utcMs: number): number;
  /** The instant at which the local wall-clock time `localMs` (a UTC-encoded wall time) occurs. */
  localToUtc(localMs: number): number;
  /** Offset at `utcMs` formatted afresh (no memo): for scans that visit each instant once. */
  rawOffsetAt(utcMs: number): number;
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
  const memo = new Map<number, number>();

  const rawOffset = (utcMs: number): number => {
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    let bc = false;
    for (const part of fmt.formatToParts(utcMs)) {
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
    if (bc) y = 1 - y;
    // Years handled by this library are 1970–2200, so Date.UTC's two-digit-year rule never applies.
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    const flooredInstant = utcMs - (((utcMs % 1000) + 1000) % 1000);
    return wall - flooredInstant;
  };

  const offsetAt = (utcMs: number): number => {
    // Offsets change at most on whole-minute boundaries; memoise per UTC hour and check both ends.
    const hourStart = Math.floor(utcMs / HOUR_MS) * HOUR_MS;
    let start = memo.get(hourStart);
    if (start === undefined) {
      start = rawOffset(hourStart);
      memo.set(hourStart, start);
    }
    const endKey = hourStart + HOUR_MS;
    let end = memo.get(endKey);
    if (end === undefined) {
      end = rawOffset(endKey);
      memo.set(endKey, end);
    }
    if (start === end) return start;
    return rawOffset(utcMs); // a transition inside this hour
  };

  const localToUtc = (localMs: number): number => {
    const before = offsetAt(localMs - DAY_MS);
    const after = offsetAt(localMs + DAY_MS);
    const tBefore = localMs - before;
    const tAfter = localMs - after;
    const okBefore = offsetAt(tBefore) === before;
    const okAfter = offsetAt(tAfter) === after;
    if (okBefore && okAfter) return Math.min(tBefore, tAfter); // an overlap: the earlier instant
    if (okBefore) return tBefore;
    if (okAfter) return tAfter;
    // A gap (spring forward): the wall time does not exist; move forward by the gap, as Temporal does.
    return tBefore;
  };

  return { name, offsetAt, localToUtc, rawOffsetAt: rawOffset };
}
