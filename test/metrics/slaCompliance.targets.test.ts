/**
 * The SLA targets beyond reply and resolution (docs/business-hours.md, "Worked example: requester wait, agent
 * work, periodic and pausable update").
 */
import { describe, expect, it } from 'vitest';
import { slaCompliance, type SlaTargetResult } from '../../src/metrics/slaCompliance/index.js';
import { agent, at, customer, deepFreeze, HOUR, MIN, office, status } from '../support/vendorExamples.js';

const tickets = deepFreeze([
  {
    id: 'S-1',
    createdAt: at(2, '09:00'),
    priority: 'normal',
    events: [
      customer(at(2, '09:00')),
      agent(at(2, '09:30')),
      status(at(2, '09:30'), 'pending'),
      customer(at(2, '10:30')),
      status(at(2, '10:30'), 'open'),
      status(at(2, '11:00'), 'on_hold'),
      status(at(2, '13:00'), 'open'),
      agent(at(2, '13:30')),
      agent(at(2, '14:30')),
      status(at(2, '14:30'), 'solved'),
    ],
  },
  { id: 'S-2', createdAt: at(3, '10:00'), priority: 'normal', events: [customer(at(3, '10:00')), agent(at(3, '10:30')), status(at(3, '10:30'), 'open')] },
]);
const targets = { normal: { requesterWait: 4 * HOUR, agentWork: 2 * HOUR, periodicUpdate: 2 * HOUR, pausableUpdate: 2 * HOUR } };
const AT = at(3, '12:00');
const ms = (s: string): number => Date.parse(s);

/** [target, cycle, status, elapsed, due, late] of every instance of ticket `id`. */
function brief(r: ReturnType<typeof slaCompliance>, id: string): unknown[] {
  const t = r.tickets.find((x) => x.id === id);
  return (t?.targets ?? []).map((x: SlaTargetResult) => [x.target, x.cycle, x.status, x.elapsedMs, x.dueMs, x.lateMs]);
}

describe('slaCompliance: requester wait, agent work, periodic and pausable update', () => {
  const r = slaCompliance(tickets, { targets, at: AT });
  it('S-1: every instance with its elapsed time, due instant and lateness', () => {
    expect(brief(r, 'S-1')).toEqual([
      ['requesterWait', 0, 'breached', 4.5 * HOUR, ms(at(2, '14:00')), 30 * MIN],
      ['agentWork', 0, 'breached', 2.5 * HOUR, ms(at(2, '14:00')), 30 * MIN],
      ['periodicUpdate', 1, 'breached', 4 * HOUR, ms(at(2, '11:30')), 2 * HOUR],
      ['periodicUpdate', 2, 'met', HOUR, ms(at(2, '15:30')), undefined],
      ['pausableUpdate', 1, 'breached', 3 * HOUR, ms(at(2, '12:30')), HOUR],
      ['pausableUpdate', 2, 'met', HOUR, undefined, undefined], // a clock completed before its due instant has none
    ]);
    const t = r.tickets[0]?.targets ?? [];
    expect(t.map((x) => [x.startMs, x.completedMs])).toEqual([
      [ms(at(2, '09:00')), ms(at(2, '14:30'))],
      [ms(at(2, '09:00')), ms(at(2, '14:30'))],
      [ms(at(2, '09:30')), ms(at(2, '13:30'))],
      [ms(at(2, '13:30')), ms(at(2, '14:30'))],
      [ms(at(2, '09:30')), ms(at(2, '13:30'))],
      [ms(at(2, '13:30')), ms(at(2, '14:30'))],
    ]);
  });
  it('S-2: running at `at`; agent work exactly at its target is pending', () => {
    expect(brief(r, 'S-2')).toEqual([
      ['requesterWait', 0, 'pending', 2 * HOUR, ms(at(3, '14:00')), undefined],
      ['agentWork', 0, 'pending', 2 * HOUR, ms(at(3, '12:00')), undefined],
      ['periodicUpdate', 1, 'pending', 1.5 * HOUR, ms(at(3, '12:30')), undefined],
      ['pausableUpdate', 1, 'pending', 1.5 * HOUR, ms(at(3, '12:30')), undefined],
    ]);
  });
  it('the summaries per target and per ticket', () => {
    const counts = (k: keyof typeof r.byTarget): number[] => [r.byTarget[k].achieved, r.byTarget[k].breached, r.byTarget[k].pending];
    expect([counts('requesterWait'), counts('agentWork'), counts('periodicUpdate'), counts('pausableUpdate')]).toEqual([[0, 1, 1], [0, 1, 1], [1, 1, 1], [1, 1, 1]]);
    expect([r.byTarget.periodicUpdate.rate.percent, r.byTarget.requesterWait.rate.percent]).toEqual([50, 0]);
    expect(r.tickets.map((t) => t.status)).toEqual(['breached', 'pending']);
    expect([r.overall.achieved, r.overall.breached, r.overall.pending]).toEqual([0, 1, 1]);
    expect(r.byTarget.firstReply).toMatchObject({ achieved: 0, breached: 0, pending: 0 });
  });
  it("a target's own pauseStatuses: requester wait paused on hold too is 2 h 30, met", () => {
    const own = slaCompliance(tickets, { targets: { normal: { requesterWait: { targetMs: 4 * HOUR, pauseStatuses: ['pending', 'on_hold'] } } }, at: AT });
    expect(brief(own, 'S-1')).toEqual([['requesterWait', 0, 'met', 2.5 * HOUR, undefined, undefined]]);
    const res = slaCompliance(tickets, { targets: { normal: { resolution: { targetMs: 8 * HOUR, pauseStatuses: [] } } }, at: AT });
    expect(brief(res, 'S-1')).toEqual([['resolution', 0, 'met', 5.5 * HOUR, undefined, undefined]]);
  });
  it('periodic update in business hours: Friday 16:30 → Monday 09:45 is 1 h 15, due Monday 10:30', () => {
    const t = [{ id: 'F', createdAt: at(6, '16:00'), priority: 'normal', events: [customer(at(6, '16:00')), agent(at(6, '16:30')), agent(at(9, '09:45'))] }];
    const b = slaCompliance(t, { targets: { normal: { periodicUpdate: 2 * HOUR } }, businessHours: office, at: at(9, '09:45') });
    expect(brief(b, 'F')[0]).toEqual(['periodicUpdate', 1, 'met', 75 * MIN, ms(at(9, '10:30')), undefined]);
  });
  it('reply targets refuse pauseStatuses; an update target without a reply applies to nothing', () => {
    expect(() => slaCompliance(tickets, { targets: { normal: { periodicUpdate: { targetMs: HOUR, pauseStatuses: ['pending'] } as never } } })).toThrow(/pauseStatuses/);
    expect(() => slaCompliance(tickets, { targets: { normal: { agentWork: { targetMs: HOUR, pauseStatuses: ['waiting' as never] } } } })).toThrow(/pauseStatuses/);
    const quiet = [{ id: 'Q', createdAt: at(2, '09:00'), priority: 'normal', events: [customer(at(2, '09:00'))] }];
    expect(slaCompliance(quiet, { targets: { normal: { periodicUpdate: HOUR } } }).excluded.byReason).toEqual({ no_targets: 1 });
  });
});
