import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSchedule } from '../../src/calendar/index.js';
import { backlog } from '../../src/metrics/backlog/index.js';
import { prioritizeQueue } from '../../src/metrics/prioritizeQueue/index.js';
import { queueSnapshot, type QueueSnapshotOptions } from '../../src/metrics/queueSnapshot/index.js';
import type { Ticket } from '../../src/model/index.js';
import { prepareTickets } from '../../src/pipeline/ticketSource.js';
import { fcParams } from '../support/fc.js';
import { pipelineTicketsArb } from '../support/pipelineArb.js';
import { atArb, HOUR, queueTicketsArb } from '../support/queueArb.js';

const office = createSchedule({ timeZone: 'America/New_York', weekly: { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [['08:00', '18:00']], thu: [['08:00', '18:00']], fri: [['08:00', '16:00']] } });

const ticketsArb = fc.oneof({ weight: 4, arbitrary: queueTicketsArb }, { weight: 1, arbitrary: pipelineTicketsArb });
const optionsArb: fc.Arbitrary<QueueSnapshotOptions> = fc
  .record({ at: atArb, business: fc.boolean(), policy: fc.boolean(), fr: fc.integer({ min: 0, max: 12 }), rs: fc.integer({ min: 0, max: 48 }), near: fc.integer({ min: 0, max: 4 }) })
  .map((o) => ({
    at: o.at,
    invalid: 'exclude' as const,
    nearBreachMs: o.near * HOUR,
    ...(o.business ? { businessHours: office } : {}),
    ...(o.policy ? { policy: { targets: { high: { firstReply: o.fr * HOUR, nextReply: o.fr * HOUR, resolution: o.rs * HOUR }, low: { resolution: o.rs * HOUR } } } } : {}),
  }));

/** The group value of a ticket's channel, as breakdowns read it. */
const channelOf = (t: unknown): string | null => {
  const c = t !== null && typeof t === 'object' ? (t as { channel?: unknown }).channel : undefined;
  return typeof c === 'string' && c !== '' ? c : null;
};

describe('queueSnapshot properties', () => {
  it('counts add up to the open tickets (those of prioritizeQueue, and the backlog of the tickets with events)', () => {
    fc.assert(
      fc.property(ticketsArb, optionsArb, (tickets, options) => {
        const s = queueSnapshot(tickets, options);
        expect(s.waitingOnAgent + s.waitingOnCustomer + s.waitingOnThirdParty).toBe(s.open);
        expect(s.open + s.excluded.total).toBe(tickets.length);
        expect(Object.values(s.byWait).reduce((a, b) => a + b, 0)).toBe(s.waitingOnAgent);
        expect(s.noFirstReply).toBeLessThanOrEqual(s.open);
        if (options.policy !== undefined) expect(s.breached! + s.nearBreach!).toBeLessThanOrEqual(s.open);
        const q = prioritizeQueue(tickets, options);
        expect([s.waitingOnAgent, s.waitingOnCustomer + s.waitingOnThirdParty]).toEqual([q.queue.length, q.waitingOnOthers.length]);
        expect(s.oldestWaitMs).toBe(q.queue.length === 0 ? undefined : Math.max(...q.queue.map((t) => t.waitedMs)));
        const open = [...q.queue, ...q.waitingOnOthers];
        expect(s.breached).toBe(options.policy === undefined ? undefined : open.filter((t) => t.sla?.breached).length);
        expect(s.nearBreach).toBe(options.policy === undefined ? undefined : open.filter((t) => t.sla?.nearBreach).length);
        expect(s.noFirstReply).toBe(open.filter((t) => t.firstReplyMs === undefined && !isAgentCreated(tickets, t.id)).length);
        const withEvents = tickets.filter((t) => t !== null && typeof t === 'object' && Array.isArray((t as { events?: unknown }).events));
        expect(queueSnapshot(withEvents, options).open).toBe(backlog(withEvents, { at: options.at, invalid: 'exclude' }).count);
      }),
      fcParams(80),
    );
  }, 30_000);

  it('groups are per-group runs; a prepared set and a shuffled input give the same result', () => {
    // Records that are not objects are labelled by their input position (#index), which filtering changes.
    const objectsArb = ticketsArb.map((t) => t.filter((x) => x !== null && typeof x === 'object'));
    fc.assert(
      fc.property(objectsArb.chain((t) => fc.tuple(fc.constant(t), fc.shuffledSubarray(t, { minLength: t.length, maxLength: t.length }))), optionsArb, ([tickets, shuffled], options) => {
        const s = queueSnapshot(tickets, { ...options, by: 'channel' });
        for (const g of s.groups ?? []) {
          const { key, ...figures } = g;
          const alone = queueSnapshot(tickets.filter((t) => channelOf(t) === key.channel), options);
          expect(figures).toEqual(alone);
        }
        const { invalid: _read, ...rest } = options;
        expect(queueSnapshot(prepareTickets(tickets, { invalid: 'exclude' }), { ...rest, by: 'channel' })).toEqual(s);
        const r = queueSnapshot(shuffled, options);
        const { excluded: e1, ...a } = r;
        const { excluded: e2, groups: _g, ...b } = s;
        expect(a).toEqual(b);
        expect(e1.byReason).toEqual(e2.byReason);
      }),
      fcParams(60),
    );
  }, 30_000);
});

function isAgentCreated(tickets: readonly Ticket[], id: string): boolean {
  const t = tickets.find((x) => x !== null && typeof x === 'object' && String(x.id) === id) as unknown as { createdBy?: string; events: { type: string; at: number; author?: string }[] };
  if (t.createdBy !== undefined) return t.createdBy === 'agent';
  const rank: Record<string, number> = { customer: 0, agent: 1, bot: 2, system: 3 };
  const messages = t.events.filter((e) => e.type === 'message').sort((a, b) => a.at - b.at || (rank[a.author as string] as number) - (rank[b.author as string] as number));
  return messages[0]?.author === 'agent';
}
