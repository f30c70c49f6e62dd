/** The timing metrics in business time (issue: "Business time everywhere"). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageResponseTime, createSchedule, firstResponseTime, MetricsError, resolutionTime, type Ticket } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { ticketsArb } from '../support/ticketArb.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const nineToFive = [['09:00', '17:00']] as const;
const office = createSchedule({
  timeZone: 'Europe/Berlin',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
});
const always = createSchedule({
  timeZone: 'UTC',
  weekly: { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] },
});

describe('timing metrics in business hours (docs/business-hours.md)', () => {
  it('email Monday 08:30, reply 09:15 → 15 business minutes', () => {
    const t: Ticket = { id: 'm', createdAt: '2026-03-02T08:30:00+01:00', firstRespondedAt: '2026-03-02T09:15:00+01:00' };
    expect(firstResponseTime([t]).meanMs).toBe(45 * MIN);
    expect(firstResponseTime([t], { businessHours: office }).meanMs).toBe(15 * MIN);
  });

  it('created and answered while closed: business FRT 0, counted', () => {
    const t: Ticket = { id: 'n', createdAt: '2026-03-07T10:00:00+01:00', firstRespondedAt: '2026-03-07T11:00:00+01:00' }; // Saturday
    const r = firstResponseTime([t], { businessHours: office });
    expect(r.count).toBe(1);
    expect(r.meanMs).toBe(0);
  });

  it('Friday 16:00 → Monday 10:00 is 2 business hours, in every timing metric', () => {
    const t: Ticket = {
      id: 'w',
      createdAt: '2026-03-06T16:00:00+01:00',
      events: [
        { type: 'message', at: '2026-03-06T16:00:00+01:00', author: 'customer' },
        { type: 'message', at: '2026-03-09T10:00:00+01:00', author: 'agent' },
        { type: 'status', at: '2026-03-09T10:00:00+01:00', status: 'pending' },
        { type: 'status', at: '2026-03-09T11:00:00+01:00', status: 'solved' },
      ],
    };
    expect(firstResponseTime([t], { businessHours: office }).meanMs).toBe(2 * HOUR);
    expect(averageResponseTime([t], { businessHours: office }).meanMs).toBe(2 * HOUR);
    expect(resolutionTime([t], { businessHours: office }).meanMs).toBe(3 * HOUR);
    expect(resolutionTime([t], { businessHours: office, pauseStatuses: ['pending'] }).meanMs).toBe(2 * HOUR);
  });

  it('rejects something that is not a schedule', () => {
    expect(() => firstResponseTime([], { businessHours: { timeZone: 'UTC' } as never })).toThrowError(MetricsError);
  });

  it('a 24/7 schedule equals calendar time; business time never exceeds it', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        for (const fn of [firstResponseTime, resolutionTime] as const) {
          const cal = fn(tickets);
          expect(fn(tickets, { businessHours: always })).toEqual(cal);
          const biz = fn(tickets, { businessHours: office });
          expect(biz.count).toBe(cal.count);
          if (cal.count > 0) expect(biz.totalMs!).toBeLessThanOrEqual(cal.totalMs!);
        }
        expect(averageResponseTime(tickets, { businessHours: always })).toEqual(averageResponseTime(tickets));
      }),
      fcParams(60),
    );
  });
});

describe('backlog ages in business hours', () => {
  it('a ticket created Friday 16:00 is 2 business hours old on Monday 10:00', async () => {
    const { backlog } = await import('../../src/index.js');
    const t: Ticket = { id: 'b', createdAt: '2026-03-06T16:00:00+01:00', events: [{ type: 'status', at: '2026-03-06T16:00:00+01:00', status: 'open' }] };
    const at = '2026-03-09T10:00:00+01:00';
    expect(backlog([t], { at }).ageSummary.meanMs).toBe(66 * HOUR);
    const biz = backlog([t], { at, businessHours: office, olderThanMs: HOUR });
    expect(biz.ageSummary.meanMs).toBe(2 * HOUR);
    expect(biz.aged).toBe(1);
    expect(backlog([t], { at, businessHours: office, olderThanMs: 3 * HOUR }).aged).toBe(0);
  });
});
