import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromChatwoot } from '../../src/import/chatwoot/index.js';
import { fromFreshdesk } from '../../src/import/freshdesk/index.js';
import { fromHelpScout } from '../../src/import/helpscout/index.js';
import { fromIntercom } from '../../src/import/intercom/index.js';
import type { ImportResult } from '../../src/import/_lib/result.js';
import { fromRows } from '../../src/import/rows/index.js';
import { fromZendesk } from '../../src/import/zendesk/index.js';
import type { Ticket } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';
import { canonical, chatwoot, eventRows, freshdesk, helpScout, intercom, storyArb, zendesk, type StoryTicket } from './render.js';
import { expectAccounted, expectValidModel, storyNumbers } from './support.js';

/** Every importer, on the same story. Ids come back as the vendor gives them (rows: `T-<id>`). */
const IMPORTERS: readonly [string, (story: readonly StoryTicket[]) => ImportResult, (id: number) => string][] = [
  ['zendesk', (s) => fromZendesk(zendesk(s)), String],
  ['freshdesk', (s) => fromFreshdesk(freshdesk(s), { statusMap: { 7: 'on_hold' } }), String],
  ['intercom', (s) => fromIntercom(intercom(s)), String],
  ['helpscout', (s) => fromHelpScout(helpScout(s)), String],
  ['chatwoot', (s) => fromChatwoot(chatwoot(s)), String],
  [
    'rows',
    (s) =>
      fromRows(eventRows(s), {
        kind: 'events',
        columns: { id: 'ticket', createdBy: 'opened_by' },
        eventColumns: { at: 'at', type: 'type', author: 'author', public: 'visibility', status: 'status' },
      }),
    (id) => `T-${id}`,
  ],
];

function byId(tickets: readonly Ticket[]): Map<string, Ticket> {
  return new Map(tickets.map((t) => [String(t.id), t]));
}

describe('importers: properties', () => {
  it.each(IMPORTERS)('%s: every record is imported or excluded, and the output is the model', (_name, run) => {
    fc.assert(
      fc.property(storyArb, (story) => {
        const r = run(story);
        expectAccounted(r);
        expectValidModel(r.tickets, r.surveys);
        expect(r.tickets).toHaveLength(story.length);
        expect(r.excluded.total).toBe(0);
      }),
      fcParams(60),
    );
  }, 30_000);

  it('the same story through every vendor gives the story\'s FRT, resolution times and reopens', () => {
    fc.assert(
      fc.property(storyArb, (story) => {
        const truth = byId(canonical(story));
        for (const [name, run, idOf] of IMPORTERS) {
          const got = byId(run(story).tickets);
          for (const t of story) {
            const want = storyNumbers(truth.get(String(t.id)) as Ticket);
            const have = got.get(idOf(t.id));
            expect({ name, id: t.id, ...storyNumbers(have as Ticket) }).toEqual({ name, id: t.id, ...want });
          }
        }
      }),
      fcParams(60),
    );
  }, 60_000);

  it("corrupt records are excluded one for one under invalid: 'exclude', the rest still accounted for", () => {
    fc.assert(
      fc.property(storyArb, fc.array(fc.nat(), { maxLength: 5 }), (story, picks) => {
        const z = zendesk(story);
        const bad = new Set(picks.map((p) => p % z.audits.length));
        const audits = z.audits.map((a, i) => (bad.has(i) ? { ...a, created_at: 'not a time' } : a));
        const r = fromZendesk({ ...z, audits }, { invalid: 'exclude' });
        expectAccounted(r);
        expectValidModel(r.tickets);
        expect(r.excluded.byReason['invalid:invalid_timestamp'] ?? 0).toBe(bad.size);
        const ic = intercom(story);
        const parts = ic.conversations.flatMap((c) => (c as { conversation_parts: { conversation_parts: object[] } }).conversation_parts.conversation_parts);
        const badParts = new Set(picks.map((p) => (parts.length === 0 ? -1 : p % parts.length)));
        let k = 0;
        for (const c of ic.conversations) {
          const list = (c as { conversation_parts: { conversation_parts: Record<string, unknown>[] } }).conversation_parts.conversation_parts;
          list.forEach((p, j) => {
            if (badParts.has(k++)) list[j] = { ...p, created_at: (p.created_at as number) * 1000 };
          });
        }
        const ri = fromIntercom(ic, { invalid: 'exclude' });
        expectAccounted(ri);
        expectValidModel(ri.tickets);
        expect(ri.excluded.byReason['invalid:invalid_timestamp'] ?? 0).toBe(parts.length === 0 ? 0 : badParts.size);
      }),
      fcParams(40),
    );
  }, 30_000);

  it('unknown record kinds and records of unknown tickets are counted, never lost', () => {
    fc.assert(
      fc.property(storyArb, fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 6 }), (story, kinds) => {
        const cw = chatwoot(story);
        const extra = kinds.map((k, i) => ({ id: 10_000 + i, conversation_id: i % 2 === 0 ? 99_999 : story[0]?.id, message_type: `x-${k}`, created_at: 1_800_000_000 }));
        const r = fromChatwoot({ ...cw, messages: [...cw.messages, ...extra] });
        expectAccounted(r);
        const messages = r.counts.find((c) => c.collection === 'messages');
        expect(messages?.input).toBe(cw.messages.length + extra.length);
        expect((r.excluded.byReason.unknown_kind ?? 0) + (r.excluded.byReason.unknown_ticket ?? 0)).toBe(extra.length);
      }),
      fcParams(40),
    );
  }, 30_000);

  it('ids that are prototype keys are data', () => {
    fc.assert(
      fc.property(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'), (key) => {
        const r = fromIntercom({ conversations: [{ id: key, created_at: 1_772_442_000, source: { delivered_as: 'customer_initiated', author: { type: 'user', id: key } }, custom_attributes: { [key]: 'x' } }] });
        expectAccounted(r);
        expectValidModel(r.tickets);
        expect(r.tickets[0]?.id).toBe(key);
        const rows = fromRows([{ id: key, at: '2026-03-02T09:00:00Z', [key]: 'v' }], { columns: { id: 'id', createdAt: 'at' }, fields: [key] });
        expect(Object.keys(rows.tickets[0]?.fields ?? {})).toEqual([key]);
      }),
      fcParams(8),
    );
  });
});
