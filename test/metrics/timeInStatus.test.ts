/** The worked example of docs/metrics.md ("## timeInStatus"), number for number. */
import { describe, expect, it } from 'vitest';
import { businessDuration } from '../../src/calendar/index.js';
import { resolutionTime } from '../../src/metrics/resolutionTime/index.js';
import { timeInStatus } from '../../src/metrics/timeInStatus/index.js';
import { MetricsError } from '../../src/results/errors.js';
import { at, deepFreeze, HOUR, MIN, office, statusTickets } from '../support/vendorExamples.js';

const tickets = deepFreeze(statusTickets);
const z1 = tickets.slice(0, 1);

describe('timeInStatus: Zendesk lifecycle Z-1 (new → open → pending → on-hold → solved → reopened → solved)', () => {
  it.each([
    ['requesterWait', 24 * HOUR, 7 * HOUR],
    ['agentWait', 4 * HOUR, 4 * HOUR],
    ['onHold', 3 * HOUR, 2 * HOUR],
    ['agentWork', 5 * HOUR, 4 * HOUR],
  ] as const)('%s: calendar and business time', (definition, calendar, business) => {
    expect(timeInStatus(z1, { definition }).totalMs).toBe(calendar);
    expect(timeInStatus(z1, { definition, businessHours: office }).totalMs).toBe(business);
  });

  it('each status interval, calendar and business', () => {
    const one = (statuses: readonly ('new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed')[], businessHours?: typeof office) =>
      timeInStatus(z1, { statuses, ...(businessHours === undefined ? {} : { businessHours }) }).totalMs;
    expect([one(['new']), one(['open']), one(['pending']), one(['on_hold']), one(['solved']), one(['closed'])]).toEqual([1.5 * HOUR, 3.5 * HOUR, 4 * HOUR, 3 * HOUR, 16 * HOUR, 0]);
    expect([one(['new'], office), one(['open'], office), one(['pending'], office), one(['on_hold'], office), one(['solved'], office)]).toEqual([30 * MIN, 3.5 * HOUR, 4 * HOUR, 2 * HOUR, 1 * HOUR]);
  });

  it('requester wait + agent wait = full resolution time (28 h calendar, 11 h business)', () => {
    const full = resolutionTime(z1).totalMs;
    expect(full).toBe(28 * HOUR);
    expect((timeInStatus(z1, { definition: 'requesterWait' }).totalMs as number) + (timeInStatus(z1, { definition: 'agentWait' }).totalMs as number)).toBe(full);
    const fullBusiness = businessDuration(at(2, '08:00'), at(3, '12:00'), office);
    expect(fullBusiness).toBe(11 * HOUR);
    expect(
      (timeInStatus(z1, { definition: 'requesterWait', businessHours: office }).totalMs as number) + (timeInStatus(z1, { definition: 'agentWait', businessHours: office }).totalMs as number),
    ).toBe(fullBusiness);
  });

  it("includeReopenedSolves: false gives Fivetran's requester wait (8 h, 6 h business)", () => {
    expect(timeInStatus(z1, { definition: 'requesterWait', includeReopenedSolves: false }).totalMs).toBe(8 * HOUR);
    expect(timeInStatus(z1, { definition: 'requesterWait', includeReopenedSolves: false, businessHours: office }).totalMs).toBe(6 * HOUR);
  });
});

describe('timeInStatus: with the export row Z-2 and the open ticket Z-3', () => {
  it("requesterWait: 24 h and 1 h 30, mean 12 h 45; Z-3 unresolved", () => {
    const r = timeInStatus(tickets, { definition: 'requesterWait' });
    expect([r.count, r.totalMs, r.meanMs]).toEqual([2, 25.5 * HOUR, 12.75 * HOUR]);
    expect(r.excluded.ids).toEqual({ unresolved: ['Z-3'] });
  });
  it("a Schedule measures events only (Z-2 summary_only); 'vendor' takes the helpdesk's figures (Z-1 no_vendor_value)", () => {
    const b = timeInStatus(tickets, { definition: 'requesterWait', businessHours: office });
    expect([b.count, b.totalMs]).toEqual([1, 7 * HOUR]);
    expect(b.excluded.byReason).toEqual({ summary_only: 1, unresolved: 1 });
    const v = timeInStatus(tickets, { definition: 'requesterWait', businessHours: 'vendor' });
    expect([v.count, v.totalMs]).toEqual([1, HOUR]);
    expect(v.excluded.ids).toEqual({ no_vendor_value: ['Z-1', 'Z-3'] });
    expect(timeInStatus(tickets, { definition: 'agentWait', businessHours: 'vendor' }).totalMs).toBe(30 * MIN);
  });
  it("agentWork: Z-1 5 h; the export row has no column (summary_only)", () => {
    const r = timeInStatus(tickets, { definition: 'agentWork' });
    expect([r.count, r.totalMs]).toEqual([1, 5 * HOUR]);
    expect(r.excluded.ids).toEqual({ summary_only: ['Z-2'], unresolved: ['Z-3'] });
  });
  it('at Tuesday 11:00 with includeUnresolved: Z-1 23 h (open again), Z-2 1 h 30, Z-3 2 h', () => {
    const r = timeInStatus(tickets, { definition: 'requesterWait', at: at(3, '11:00'), includeUnresolved: true });
    expect([r.count, r.totalMs, r.minMs, r.maxMs]).toEqual([3, 26.5 * HOUR, 1.5 * HOUR, 23 * HOUR]);
    const without = timeInStatus(tickets, { definition: 'requesterWait', at: at(3, '11:00') });
    expect(without.excluded.ids).toEqual({ unresolved: ['Z-1', 'Z-3'] });
    expect(timeInStatus(tickets, { definition: 'requesterWait', at: at(2, '10:00') }).excluded.ids).toEqual({ unresolved: ['Z-1', 'Z-2'], created_after: ['Z-3'] });
    // A summary ticket reopened at an unknown time: its figure is not the one as of a time before its last solve.
    const reopened = [{ id: 'R', createdAt: at(2, '09:00'), status: 'solved', firstResolvedAt: at(2, '10:00'), resolvedAt: at(2, '12:00'), reopens: 1, requesterWaitMs: HOUR }] as const;
    expect(timeInStatus(reopened, { definition: 'requesterWait', at: at(2, '11:00') }).excluded.byReason).toEqual({ summary_only: 1 });
    expect(timeInStatus(reopened, { definition: 'requesterWait', at: at(2, '13:00') }).totalMs).toBe(HOUR);
  });
  it("a changed rule is not the vendor's figure: summary_only", () => {
    expect(timeInStatus(tickets, { definition: 'requesterWait', includeReopenedSolves: false }).excluded.byReason).toEqual({ summary_only: 1, unresolved: 1 });
    expect(timeInStatus(tickets, { statuses: ['pending'] }).excluded.byReason).toEqual({ summary_only: 1, unresolved: 1 });
  });
  it('period (attributeTo resolved, default): the final resolution decides', () => {
    const r = timeInStatus(tickets, { definition: 'requesterWait', period: { from: at(3, '00:00'), to: at(4, '00:00') } });
    expect(r.excluded.byReason).toEqual({ out_of_period: 1, unresolved: 1 });
    expect(r.totalMs).toBe(24 * HOUR);
  });
});

describe('timeInStatus options', () => {
  it("definition and statuses: not both; neither is 'requesterWait'", () => {
    expect(timeInStatus(tickets)).toEqual(timeInStatus(tickets, { definition: 'requesterWait' }));
    expect(() => timeInStatus(tickets, { definition: 'onHold', statuses: ['pending'] })).toThrow(MetricsError);
    expect(() => timeInStatus(tickets, { definition: 'onHold', statuses: ['pending'] })).toThrow(/not both/);
    expect(() => timeInStatus(tickets, { definition: 'wait' as never })).toThrow(/definition/);
    expect(() => timeInStatus(tickets, { statuses: ['waiting' as never] })).toThrow(/statuses/);
  });
  it("includeUnresolved needs at; businessHours must be a schedule or 'vendor'", () => {
    expect(() => timeInStatus(tickets, { definition: 'onHold', includeUnresolved: true })).toThrow(/needs at/);
    expect(() => timeInStatus(tickets, { definition: 'onHold', businessHours: 'office' as never })).toThrow(/'vendor'/);
  });
});
