import { describe, expect, it } from 'vitest';
import { fromIntercom } from '../../src/import/intercom/index.js';
import { customerSatisfactionScore } from '../../src/metrics/customerSatisfactionScore/index.js';
import { firstResponseTime } from '../../src/metrics/firstResponseTime/index.js';
import { MetricsError } from '../../src/results/errors.js';
import story from './intercom/story.json';
import { expectAccounted, expectValidModel, MIN, ms, storyNumbers, ticketById } from './support.js';

// The story of test/import/zendesk in Intercom's API (times in Unix seconds): test/import/intercom/README.md.
describe('fromIntercom: the story', () => {
  const result = fromIntercom(story);

  it('accounts for every record and gives the library model', () => {
    expectAccounted(result);
    expectValidModel(result.tickets, result.surveys);
    expect(result.excluded.byReason).toEqual({ not_modelled: 1, unknown_kind: 1 }); // participant_added; a part type from the future
    expect(result.counts).toEqual([
      { collection: 'conversations', input: 5, imported: 5, excluded: 0 },
      { collection: 'conversation_parts', input: 19, imported: 17, excluded: 2 },
    ]);
  });

  it('times are seconds: FRT 40 min, not 2,400 ms', () => {
    expect(firstResponseTime([ticketById(result.tickets, '101')]).meanMs).toBe(40 * MIN);
  });

  it('gives the hand-computed numbers; the customer reply after the close is a reopen', () => {
    expect(storyNumbers(ticketById(result.tickets, '101'))).toEqual({ frt: 40, first: 180, full: 180, reopened: false });
    expect(storyNumbers(ticketById(result.tickets, '102'))).toEqual({ frt: 30, first: 1380, full: 4500, reopened: true });
    expect(storyNumbers(ticketById(result.tickets, '103'))).toEqual({ frt: 75, first: 120, full: 120, reopened: false });
    expect(storyNumbers(ticketById(result.tickets, '105'))).toEqual({ frt: 20, first: 120, full: 120, reopened: false });
    expect(result.warnings).toEqual([
      { code: 'reopen_inferred', message: 'a customer message at 2026-03-04T10:00:00.000Z after the resolution is taken as a reopen', record: { collection: 'conversations', index: 1, id: '102' } },
    ]);
  });

  it('note, snooze, bot answer, assignment and the outbound source', () => {
    const t = ticketById(result.tickets, '101');
    expect(t.events).toContainEqual({ type: 'message', at: ms('2026-03-02T09:10:00Z'), author: 'agent', public: false, authorId: '301' });
    expect(t.events).toContainEqual({ type: 'status', at: ms('2026-03-02T09:40:00Z'), status: 'on_hold' });
    expect(t.events).toContainEqual({ type: 'assignment', at: ms('2026-03-02T09:00:30Z'), assigneeId: '301', author: 'bot' });
    expect(t).toMatchObject({ channel: 'email', assigneeId: '301', groupId: '401', requesterId: '201', fields: { plan: 'gold' } });
    expect(ticketById(result.tickets, '105').events).toContainEqual({ type: 'message', at: ms('2026-03-02T13:05:00Z'), author: 'bot', authorId: '9' });
    const outbound = ticketById(result.tickets, '103');
    expect(outbound.createdBy).toBe('agent');
    expect(outbound.events?.[0]).toEqual({ type: 'message', at: ms('2026-03-02T11:00:00Z'), author: 'agent', authorId: '301' });
  });

  it('a conversation listed without parts takes the summary form from its statistics', () => {
    expect(ticketById(result.tickets, '107')).toMatchObject({ status: 'solved', firstRespondedAt: ms('2026-03-03T09:25:00Z'), resolvedAt: ms('2026-03-03T10:00:00Z'), reopens: 0, firstResponseBusinessMs: 1_500_000 });
  });

  it('ratings 1–5 with their teammate', () => {
    expect(result.surveys?.map((s) => [s.ticketId, s.score, s.agentId])).toEqual([['101', 5, '301'], ['105', 2, '301']]);
    expect(customerSatisfactionScore(result.surveys ?? []).percent).toBe(50);
  });

  it('a time in milliseconds where Intercom gives seconds is an error naming the part', () => {
    const conv = { ...story.conversations[1], conversation_parts: { conversation_parts: [{ id: 'x', part_type: 'comment', created_at: 1772444400000, author: { type: 'admin', id: '1' } }] } };
    let e: unknown;
    try {
      fromIntercom({ conversations: [conv] });
    } catch (caught) {
      e = caught;
    }
    expect(e).toBeInstanceOf(MetricsError);
    expect([(e as MetricsError).code, (e as MetricsError).recordIndex, (e as MetricsError).field]).toEqual(['invalid_timestamp', 0, 'conversation_parts.conversation_parts[0].created_at']);
    expect((e as MetricsError).rule).toBe('1772444400000 looks like milliseconds; this field is Unix seconds');
  });

  it('a customer reply ends a snooze', () => {
    const conv = {
      id: 'z', created_at: 1772442000, source: { type: 'conversation', delivered_as: 'customer_initiated', author: { type: 'user', id: 'u' } },
      conversation_parts: { conversation_parts: [
        { id: '1', part_type: 'snoozed', created_at: 1772442600, author: { type: 'admin', id: 'a' } },
        { id: '2', part_type: 'comment', created_at: 1772443200, author: { type: 'user', id: 'u' }, body: 'hello?' },
      ] },
    };
    const r = fromIntercom({ conversations: [conv] });
    expect(r.tickets[0]?.events?.at(-1)).toEqual({ type: 'status', at: 1772443200000, status: 'open' });
    expect(r.warnings.map((w) => w.code)).toEqual(['status_inferred']);
  });
});
