import { describe, expect, it } from 'vitest';
import { fromChatwoot } from '../../src/import/chatwoot/index.js';
import { MetricsError } from '../../src/results/errors.js';
import story from './chatwoot/story.json';
import { expectAccounted, expectValidModel, ms, storyNumbers, ticketById } from './support.js';

// The story of test/import/zendesk in Chatwoot's API (times in Unix seconds): test/import/chatwoot/README.md.
describe('fromChatwoot: the story', () => {
  const result = fromChatwoot(story);

  it('accounts for every record and gives the library model', () => {
    expectAccounted(result);
    expectValidModel(result.tickets, result.surveys);
    // a label activity; a deleted message; a message of a conversation not in the input
    expect(result.excluded.byReason).toEqual({ not_modelled: 1, deleted: 1, unknown_ticket: 1 });
  });

  it('gives the hand-computed numbers; the customer message on the resolved conversation reopens it', () => {
    expect(storyNumbers(ticketById(result.tickets, 101))).toEqual({ frt: 40, first: 180, full: 180, reopened: false });
    expect(storyNumbers(ticketById(result.tickets, 102))).toEqual({ frt: 30, first: 1380, full: 4500, reopened: true });
    expect(storyNumbers(ticketById(result.tickets, 103))).toEqual({ frt: 75, first: 120, full: 120, reopened: false });
    expect(storyNumbers(ticketById(result.tickets, 105))).toEqual({ frt: 20, first: 120, full: 120, reopened: false });
    expect(result.warnings.map((w) => [w.code, w.record?.id])).toEqual([['reopen_inferred', '102'], ['status_inferred', '108']]);
  });

  it('message types: private note, bot, template, activity statuses; channel and labels', () => {
    const t = ticketById(result.tickets, 101);
    expect(t.events).toContainEqual({ type: 'message', at: ms('2026-03-02T09:10:00Z'), author: 'agent', public: false, authorId: '301' });
    expect(t.events).toContainEqual({ type: 'status', at: ms('2026-03-02T09:40:00Z'), status: 'on_hold' });
    expect(t.events).toContainEqual({ type: 'message', at: ms('2026-03-02T12:00:00Z'), author: 'system' });
    expect(t).toMatchObject({ channel: 'email', tags: ['billing'], assigneeId: '301', groupId: '401', fields: { plan: 'gold' } });
    expect(ticketById(result.tickets, 105).events).toContainEqual({ type: 'message', at: ms('2026-03-02T13:05:00Z'), author: 'bot', authorId: '9' });
    expect(ticketById(result.tickets, 103).createdBy).toBe('agent');
  });

  it('a conversation without messages: its status, and first_reply_created_at (0 means never)', () => {
    expect(ticketById(result.tickets, 108)).toMatchObject({ status: 'open', firstRespondedAt: ms('2026-03-03T09:45:00Z') });
    const r = fromChatwoot({ conversations: [{ id: 1, created_at: 1772442000, status: 'open', first_reply_created_at: 0 }] });
    expect(r.tickets[0]).not.toHaveProperty('firstRespondedAt');
  });

  it('CSAT responses 1–5 with their agent', () => {
    expect(result.surveys?.map((s) => [s.ticketId, s.score, s.agentId, s.at])).toEqual([[101, 5, '301', ms('2026-03-02T12:30:00Z')], [105, 2, '301', ms('2026-03-02T15:30:00Z')]]);
  });

  it('activities in another language through activityStatus; a throwing reader is named', () => {
    const input = { conversations: [{ id: 1, created_at: 1772442000, status: 'resolved' }], messages: [
      { id: 1, conversation_id: 1, message_type: 'incoming', created_at: 1772442000, sender_type: 'Contact' },
      { id: 2, conversation_id: 1, message_type: 'activity', created_at: 1772445600, content: 'Conversa marcada como resolvida por Ana' },
    ] };
    const r = fromChatwoot(input, { activityStatus: (c) => (c.includes('resolvida') ? 'solved' : undefined) });
    expect(r.tickets[0]?.events?.at(-1)).toEqual({ type: 'status', at: 1772445600000, status: 'solved' });
    let e: unknown;
    try {
      fromChatwoot(input, { activityStatus: () => { throw new Error('boom'); } });
    } catch (caught) {
      e = caught;
    }
    expect([(e as MetricsError).code, (e as MetricsError).field, (e as MetricsError).recordIndex]).toEqual(['callback_failed', 'activityStatus', 1]);
  });
});
