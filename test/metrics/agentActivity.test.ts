/** The worked example of docs/metrics.md ("## agentActivity"), number for number. */
import { describe, expect, it } from 'vitest';
import { agentActivity } from '../../src/metrics/agentActivity/index.js';
import { MetricsError } from '../../src/results/errors.js';
import { activitySurveys, activityTickets, agent, at, customer, deepFreeze, status } from '../support/vendorExamples.js';

const tickets = deepFreeze(activityTickets);
const surveys = deepFreeze(activitySurveys);

/** A row without its satisfaction's interval (checked apart). */
const brief = (r: ReturnType<typeof agentActivity>['agents'][number]) => [
  r.agentId,
  r.publicReplies,
  r.internalNotes,
  r.ticketsTouched,
  r.ticketsSolved,
  r.oneTouch,
  r.twoTouch,
  r.satisfaction.rated,
  r.satisfaction.satisfied,
  r.satisfaction.csat.percent,
  r.satisfaction.meanScore,
];

describe('agentActivity (docs worked example)', () => {
  const r = agentActivity(tickets, { surveys });
  it('one row per agent, null last', () => {
    expect(r.agents.map(brief)).toEqual([
      ['A1', 3, 1, 3, 1, 1, 0, 1, 1, 100, 5],
      ['A2', 3, 0, 2, 2, 0, 1, 2, 1, 50, 3],
      [null, 1, 0, 1, 1, 1, 0, 0, 0, undefined, undefined],
    ]);
  });
  it('every ticket and every response accounted for', () => {
    expect(r.count).toBe(5);
    expect(r.excluded.ids).toEqual({ 'ineligible:spam': ['B-5'], summary_only: ['B-6'] });
    expect(r.responses.count).toBe(3);
    expect(r.responses.excluded.ids).toEqual({ no_answer: ['S4'], ticket_not_counted: ['S5'], no_agent: ['S6'] });
    expect(r.count + r.excluded.total).toBe(tickets.length);
    expect(r.responses.count + r.responses.excluded.total).toBe(surveys.length);
  });
  it('without surveys: the same rows, nothing rated', () => {
    const n = agentActivity(tickets);
    expect(n.agents.map((a) => [a.agentId, a.publicReplies, a.ticketsSolved, a.satisfaction.rated])).toEqual([['A1', 3, 1, 0], ['A2', 3, 2, 0], [null, 1, 1, 0]]);
    expect(n.responses).toEqual({ count: 0, excluded: { total: 0, byReason: {}, ids: {} } });
  });
  it('excludeSpam: false counts B-5 (and its survey S5)', () => {
    const s = agentActivity(tickets, { surveys, excludeSpam: false });
    expect(s.agents[0]).toMatchObject({ agentId: 'A1', publicReplies: 4, ticketsSolved: 1, satisfaction: { rated: 2, satisfied: 2 } });
    // B-5 has no assignee: its solve goes to the null row.
    expect(s.agents[2]).toMatchObject({ agentId: null, ticketsSolved: 2 });
  });
  it("Zendesk good/bad (2/1 on '1-2'): CSAT = good / (good + bad); NPS on '0-10'", () => {
    const t = [{ id: 'T', createdAt: at(2, '09:00'), events: [customer(at(2, '09:00')), agent(at(2, '09:10'), 'A1')] }];
    const gb = agentActivity(t, { surveyScale: '1-2', surveys: [2, 2, 1].map((score, i) => ({ id: i, ticketId: 'T', agentId: 'A1', score })) });
    expect([gb.agents[0]?.satisfaction.satisfied, gb.agents[0]?.satisfaction.rated]).toEqual([2, 3]);
    const nps = agentActivity(t, { surveyScale: '0-10', surveys: [10, 9, 8, 6, 0].map((score, i) => ({ id: i, ticketId: 'T', agentId: 'A1', score })) });
    expect(nps.agents[0]?.satisfaction.nps).toBe(0); // 2 promoters, 2 detractors of 5
    expect(nps.agents[0]?.satisfaction.satisfied).toBe(2); // 9–10
  });
  it("an agent-created ticket's opening message is no reply", () => {
    const t = [{ id: 'O', createdAt: at(2, '09:00'), createdBy: 'agent' as const, events: [agent(at(2, '09:00'), 'A1'), customer(at(2, '10:00')), agent(at(2, '10:30'), 'A1'), status(at(2, '11:00'), 'solved')] }];
    expect(agentActivity(t).agents.map(brief).map((x) => x.slice(0, 7))).toEqual([['A1', 1, 0, 1, 0, 0, 0], [null, 0, 0, 0, 1, 1, 0]]);
  });
  it('bad responses: a MetricsError naming surveys[i] and the field, or excluded', () => {
    const bad = [{ ticketId: 'B-1', agentId: 'A1', score: 6 }];
    const e = (() => {
      try {
        agentActivity(tickets, { surveys: bad });
      } catch (x) {
        return x;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(MetricsError);
    expect(e).toMatchObject({ code: 'out_of_range', field: 'score', recordIndex: 0 });
    expect((e as Error).message).toMatch(/^agentActivity: surveys\[0\]: score:/);
    const x = agentActivity(tickets, { surveys: [...bad, { ticketId: 5n } as never, 'x' as never], invalid: 'exclude' });
    expect(x.responses.excluded.byReason).toEqual({ 'invalid:out_of_range': 1, 'invalid:invalid_value': 1, 'invalid:invalid_record': 1 });
  });
});
