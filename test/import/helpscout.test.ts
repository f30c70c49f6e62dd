import { describe, expect, it } from 'vitest';
import { fromHelpScout } from '../../src/import/helpscout/index.js';
import story from './helpscout/story.json';
import { expectAccounted, expectValidModel, ms, storyNumbers, ticketById } from './support.js';

// The story of test/import/zendesk in Help Scout's Mailbox API 2.0: test/import/helpscout/README.md.
describe('fromHelpScout: the story', () => {
  const result = fromHelpScout(story);

  it('accounts for every record and gives the library model', () => {
    expectAccounted(result);
    expectValidModel(result.tickets);
    expect(result.excluded.byReason).toEqual({ draft: 1, unknown_kind: 1 }); // an unsent draft reply; a thread type from the future
    expect(result.surveys).toBeUndefined();
  });

  it('gives the hand-computed numbers (threads arrive newest first)', () => {
    expect(storyNumbers(ticketById(result.tickets, 101))).toEqual({ frt: 40, first: 180, full: 180, reopened: false });
    expect(storyNumbers(ticketById(result.tickets, 102))).toEqual({ frt: 30, first: 1380, full: 4500, reopened: true });
    expect(storyNumbers(ticketById(result.tickets, 103))).toEqual({ frt: 75, first: 120, full: 120, reopened: false });
    expect(storyNumbers(ticketById(result.tickets, 105))).toEqual({ frt: 20, first: 120, full: 120, reopened: false });
  });

  it('thread types and per-thread status: note internal, pending, spam, user-created', () => {
    const t = ticketById(result.tickets, 101);
    expect(t.events).toContainEqual({ type: 'message', at: ms('2026-03-02T09:10:00Z'), author: 'agent', public: false, authorId: '301' });
    expect(t.events).toContainEqual({ type: 'status', at: ms('2026-03-02T09:40:00Z'), status: 'pending' });
    expect(t).toMatchObject({ groupId: '401', tags: ['billing'], fields: { Plan: 'gold' }, requesterId: '201' });
    expect(ticketById(result.tickets, 103).createdBy).toBe('agent');
    expect(ticketById(result.tickets, 106).spam).toBe(true);
    expect(ticketById(result.tickets, 105).channel).toBe('chat');
  });

  it('a merged line item marks the merged conversation when it is in the input', () => {
    const merged = { id: 104, type: 'email', status: 'closed', state: 'published', createdAt: '2026-03-02T14:00:00Z', createdBy: { id: 203, type: 'customer' },
      _embedded: { threads: [{ id: 1, type: 'customer', status: 'active', state: 'published', createdAt: '2026-03-02T14:00:00Z', createdBy: { id: 203, type: 'customer' } }] } };
    const r = fromHelpScout({ conversations: [...story.conversations, merged] });
    expect(ticketById(r.tickets, 104).mergedInto).toBe(105);
  });

  it('a draft conversation is excluded; without threads, the summary form', () => {
    const r = fromHelpScout({ conversations: [
      { id: 1, status: 'active', state: 'draft', createdAt: '2026-03-02T09:00:00Z' },
      { id: 2, status: 'closed', state: 'published', createdAt: '2026-03-02T09:00:00Z', closedAt: '2026-03-02T10:00:00Z' },
    ] });
    expectAccounted(r);
    expect(r.excluded.byReason).toEqual({ draft: 1 });
    expect(r.tickets[0]).toMatchObject({ id: 2, status: 'solved', resolvedAt: ms('2026-03-02T10:00:00Z') });
  });
});
