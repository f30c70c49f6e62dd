import { describe, expect, it } from 'vitest';
import { fromFreshdesk, fromFreshdeskExport } from '../../src/import/freshdesk/index.js';
import { customerSatisfactionScore } from '../../src/metrics/customerSatisfactionScore/index.js';
import { firstContactResolution } from '../../src/metrics/firstContactResolution/index.js';
import { firstResponseTime } from '../../src/metrics/firstResponseTime/index.js';
import { reopenRate } from '../../src/metrics/reopenRate/index.js';
import { resolutionTime } from '../../src/metrics/resolutionTime/index.js';
import rows from './freshdesk/export.json';
import story from './freshdesk/story.json';
import { caught, expectAccounted, STORY, expectValidModel, MIN, ms, storyNumbers, ticketById } from './support.js';

// The story of test/import/zendesk, told in Freshdesk's API: see test/import/freshdesk/README.md.
const EXPECTED = STORY;

describe('fromFreshdesk: the story with activities', () => {
  const result = fromFreshdesk(story);

  it('accounts for every record and gives the library model', () => {
    expectAccounted(result);
    expectValidModel(result.tickets, result.surveys);
    // a note-only activity carries no status; an activity of ticket 999, which is not in tickets
    expect(result.excluded.byReason).toEqual({ not_modelled: 1, unknown_ticket: 1 });
    expect(result.warnings).toEqual([]);
  });

  it('gives the hand-computed numbers per ticket', () => {
    for (const [id, want] of Object.entries(EXPECTED)) expect(storyNumbers(ticketById(result.tickets, id))).toEqual(want);
  });

  it('the issue\'s reopen story: reopen rate 100 %, first resolution 1,380 min (not 0 % and 4,500)', () => {
    const t = [ticketById(result.tickets, 102)];
    expect(reopenRate(t).percent).toBe(100);
    expect(resolutionTime(t, { resolution: 'first' }).meanMs).toBe(1380 * MIN);
    expect(resolutionTime(t, { resolution: 'full' }).meanMs).toBe(4500 * MIN);
  });

  it('the description is the first customer message; private notes are internal; outbound is agent-created', () => {
    const t101 = ticketById(result.tickets, 101);
    expect(t101.events?.[0]).toEqual({ type: 'message', at: ms('2026-03-02T09:00:00Z'), author: 'customer', authorId: '201' });
    expect(t101.events).toContainEqual({ type: 'message', at: ms('2026-03-02T09:10:00Z'), author: 'agent', public: false, authorId: '301' });
    expect(t101.events).toContainEqual({ type: 'status', at: ms('2026-03-02T09:40:00Z'), status: 'on_hold' });
    expect(t101.events).toContainEqual({ type: 'assignment', at: ms('2026-03-02T09:10:00Z'), assigneeId: '301', groupId: '401', author: 'system' });
    const t103 = ticketById(result.tickets, 103);
    expect(t103.createdBy).toBe('agent');
    expect(t103.events?.[0]).toEqual({ type: 'message', at: ms('2026-03-02T11:00:00Z'), author: 'agent' });
  });

  it('codes: priority 2 medium, source 2 portal → web, 7 chat; spam; merge from the merge note', () => {
    expect(ticketById(result.tickets, 102)).toMatchObject({ priority: 'medium', channel: 'web', fields: { cf_plan: 'gold' } });
    expect(ticketById(result.tickets, 105).channel).toBe('chat');
    expect(ticketById(result.tickets, 106).spam).toBe(true);
    expect(ticketById(result.tickets, 104).mergedInto).toBe(105);
  });

  it('ratings on 1–7 (103 extremely happy → 7, −102 very unhappy → 2) with their agent', () => {
    expect(result.surveys?.map((s) => [s.ticketId, s.score, s.agentId])).toEqual([[101, 7, '301'], [105, 2, '301']]);
    expect(customerSatisfactionScore(result.surveys ?? [], { scale: '1-7' }).percent).toBe(50);
  });
});

describe('fromFreshdesk: without activities', () => {
  const { activities: _a, ...noActivities } = story;
  const result = fromFreshdesk(noActivities);

  it('never-reopened tickets take their resolution from stats, exactly', () => {
    expectAccounted(result);
    expectValidModel(result.tickets, result.surveys);
    for (const id of [101, 103, 105] as const) expect(storyNumbers(ticketById(result.tickets, id))).toEqual(EXPECTED[id]);
  });

  it('a reopened ticket takes the summary form and says what is not known', () => {
    const t = ticketById(result.tickets, 102);
    expect(t.events).toBeUndefined();
    expect(t).toMatchObject({ reopens: 1, resolvedAt: ms('2026-03-05T13:00:00Z'), firstRespondedAt: ms('2026-03-02T10:30:00Z'), agentReplies: 2, customerReplies: 2 });
    expect(reopenRate([t]).percent).toBe(100);
    expect(result.warnings).toEqual([
      { code: 'reopens_lower_bound', message: 'stats.reopened_at says it was reopened; how often is not known without activities (reopens: 1)', record: { collection: 'tickets', index: 1, id: '102' } },
      { code: 'first_resolution_unknown', message: 'reopened: stats give only the latest resolution; pass the activities for the first', record: { collection: 'tickets', index: 1, id: '102' } },
    ]);
  });
});

describe('fromFreshdesk: codes and bad input', () => {
  const base = { id: 1, created_at: '2026-03-02T09:00:00Z', source: 1, priority: 1, requester_id: 5 };

  it('a custom status code needs the statusMap option', () => {
    const e = caught(() => fromFreshdesk({ tickets: [{ ...base, status: 6 }] }));
    expect([e.code, e.recordIndex, e.field]).toEqual(['unknown_status', 0, 'status']);
    const r = fromFreshdesk({ tickets: [{ ...base, status: 6 }] }, { statusMap: { 6: 'pending' } });
    expect(r.tickets[0]).toMatchObject({ status: 'pending' }); // no stats, no conversations: the summary form
    const custom = fromFreshdesk(
      { tickets: [{ ...base, status: 6 }], activities: [{ ticket_id: 1, performed_at: '2026-03-02T10:00:00Z', activity: { status: 'Awaiting Parts' } }] },
      { statusMap: { 6: 'on_hold', 'awaiting parts': 'on_hold' } },
    );
    expect(custom.tickets[0]?.events).toContainEqual({ type: 'status', at: ms('2026-03-02T10:00:00Z'), status: 'on_hold' });
  });

  it('a priority outside 1–4 and an unknown source code', () => {
    expect(caught(() => fromFreshdesk({ tickets: [{ ...base, priority: 9 }] })).field).toBe('priority');
    const r = fromFreshdesk({ tickets: [{ ...base, source: 99 }] });
    expect(r.tickets[0]?.channel).toBe('99');
    expect(r.warnings.map((w) => w.code)).toEqual(['channel_unmapped']);
  });

  it("a conversation of an unknown ticket, and invalid: 'exclude'", () => {
    const r = fromFreshdesk(
      { tickets: [base], conversations: [{ id: 1, ticket_id: 2, created_at: '2026-03-02T09:00:00Z', incoming: true }, { id: 2, ticket_id: 1, created_at: 1772442000 }] },
      { invalid: 'exclude' },
    );
    expectAccounted(r);
    expect(r.excluded.byReason).toEqual({ unknown_ticket: 1, 'invalid:epoch_seconds': 1 });
  });
});

describe('fromFreshdeskExport', () => {
  const result = fromFreshdeskExport(rows, { timeZone: 'Europe/Paris', statusMap: { 'waiting on customer': 'pending' } });

  it('reads labels, local times and the interaction counts', () => {
    expectAccounted(result);
    expectValidModel(result.tickets, result.surveys);
    expect(firstResponseTime(result.tickets).count).toBe(3);
    expect(storyNumbers(ticketById(result.tickets, 101))).toEqual({ frt: 40, first: 180, full: 180, reopened: false });
    expect(ticketById(result.tickets, 103)).toMatchObject({ createdBy: 'agent', channel: 'email' });
    expect(ticketById(result.tickets, 107)).toMatchObject({ status: 'pending', channel: 'web', priority: 'low' });
    expect(result.surveys?.map((s) => [s.ticketId, s.score])).toEqual([[101, 7], [105, 2]]);
    expect(result.warnings.map((w) => w.code)).toEqual(['first_resolution_unknown']);
  });

  it('FCR runs on the export by default: it has the customer interaction counts', () => {
    const fcr = firstContactResolution(result.tickets);
    // 101: 2 agent interactions (fails one-touch); 103 agent-created; 105 one touch; 107 unresolved
    expect([fcr.numerator, fcr.denominator]).toEqual([1, 2]);
  });
});
