/**
 * The zone's transition table against Intl's `longOffset` names (test/support/business.ts), a different Intl
 * path from the one the table is built from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createZoneInfo } from '../../src/calendar/timeZone.js';
import { MAX_EPOCH_MS } from '../../src/_lib/timestamp.js';
import { fcParams } from '../support/fc.js';
import { DAY, HOUR, MIN, oracleLocalToUtc, oracleOffset } from '../support/business.js';

const CHANGES = [
  ['Europe/Berlin', '2026-03-29T01:00:00Z'],
  ['Europe/Berlin', '1980-04-06T01:00:00Z'],
  ['America/Sao_Paulo', '2018-11-04T03:00:00Z'],
  ['America/Sao_Paulo', '1999-02-21T02:00:00Z'],
  ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
  ['Australia/Lord_Howe', '1985-03-02T15:30:00Z'],
  ['Asia/Kathmandu', '1985-12-31T18:30:00Z'],
  ['America/St_Johns', '2009-11-01T02:31:00Z'],
  ['Pacific/Apia', '2011-12-30T10:00:00Z'],
  ['America/Caracas', '2007-12-09T07:00:00Z'],
  ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
  ['Europe/Moscow', '2014-10-25T22:00:00Z'],
] as const;
const ZONE_NAMES = [...new Set(CHANGES.map(([z]) => z)), 'UTC', 'Africa/Monrovia', 'America/New_York'];

describe('ZoneInfo transition table', () => {
  it('offsetAt equals Intl at any instant of 1970–2200', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONE_NAMES), fc.integer({ min: 0, max: MAX_EPOCH_MS - 1 }), (name, t) => {
        expect(createZoneInfo(name)!.offsetAt(t)).toBe(oracleOffset(name, t));
      }),
      fcParams(200),
    );
  }, 30_000);

  it('offsetAt equals Intl around offset changes, to the second (Africa/Monrovia 1972: −0:44:30 → 0)', () => {
    const monrovia = createZoneInfo('Africa/Monrovia')!;
    const t = Date.parse('1972-01-07T00:44:30Z');
    expect([monrovia.offsetAt(t - 1), monrovia.offsetAt(t)]).toEqual([-(44 * MIN + 30_000), 0]);
    fc.assert(
      fc.property(fc.constantFrom(...CHANGES), fc.integer({ min: -3 * HOUR, max: 3 * HOUR }), ([name, at], shift) => {
        const z = createZoneInfo(name)!;
        const u = Date.parse(at) + shift;
        expect(z.offsetAt(u)).toBe(oracleOffset(name, u));
      }),
      fcParams(200),
    );
  }, 30_000);

  it('localToUtc equals the oracle: the earlier instant in an overlap, forward by the gap in a gap', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHANGES), fc.integer({ min: -26 * 60, max: 26 * 60 }), ([name, at], minutes) => {
        const z = createZoneInfo(name)!;
        const u = Date.parse(at);
        const wall = Math.floor((u + oracleOffset(name, u)) / MIN) * MIN + minutes * MIN;
        expect(z.localToUtc(wall)).toBe(oracleLocalToUtc(name, wall));
      }),
      fcParams(150),
    );
  }, 30_000);

  it('never throws or returns NaN outside the table: the offsets at its ends', () => {
    const z = createZoneInfo('Europe/Berlin')!;
    expect(z.offsetAt(-1e15)).toBe(oracleOffset('Europe/Berlin', Date.UTC(1969, 0, 1)));
    expect(z.offsetAt(1e15)).toBe(z.offsetAt(233 * 365 * DAY - 1)); // the table ends in late 2202 (winter)
    expect(z.offsetAt(1e15)).toBe(HOUR);
    expect(Number.isFinite(z.offsetAt(NaN))).toBe(true);
    expect(() => z.localToUtc(NaN)).not.toThrow();
    expect(z.localToUtc(1e15)).toBe(1e15 - z.offsetAt(1e15));
    // The table covers only what was asked for, a block of 365 days at a time.
    const fresh = createZoneInfo('Europe/Berlin')!;
    fresh.offsetAt(Date.UTC(2026, 5, 1));
    expect(fresh.hi - fresh.lo).toBe(365 * DAY);
  });
});
