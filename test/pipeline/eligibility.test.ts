/**
 * Issue 15, item 6: the same exclusions everywhere. Every ticket metric leaves out deleted, spam and merged
 * tickets, each under its own reason and each switchable, flags and tags alike; the list below must name every
 * ticket metric of the hostile registry.
 */
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import type { Ticket } from '../../src/model/index.js';
import { REGISTRY } from '../hostile/registry.js';

const MON = Date.UTC(2026, 2, 2);
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A ticket every metric would count: answered, assigned, solved, with a priority and a requester. */
const ticket = (id: string, extra: Partial<Ticket> = {}): Ticket => ({
  id,
  createdAt: MON + 9 * HOUR,
  priority: 'high',
  requesterId: `R-${id}`,
  channel: 'email',
  ...extra,
  events: [
    { type: 'message', at: MON + 9 * HOUR, author: 'customer' },
    { type: 'message', at: MON + 9 * HOUR + 60_000, author: 'bot' },
    { type: 'assignment', at: MON + 9 * HOUR, assigneeId: 'A1', groupId: 'G1' },
    { type: 'message', at: MON + 9.5 * HOUR, author: 'agent', authorId: 'A1' },
    { type: 'status', at: MON + 10 * HOUR, status: 'solved' },
  ],
});

const tickets: Ticket[] = [
  ticket('OK'),
  ticket('D', { deleted: true }),
  ticket('S', { spam: true }),
  ticket('M', { mergedInto: 'OK' }),
  ticket('ST', { tags: ['spam'] }),
  ticket('MT', { tags: ['closed_by_merge'] }),
  ticket('ALL', { deleted: true, spam: true, mergedInto: 'OK' }),
];

type Excl = { excluded: { byReason: Readonly<Record<string, number | undefined>>; ids: Readonly<Record<string, readonly string[] | undefined>> } };
/** Each ticket metric with the options it needs; `excluded` of its result. */
const METRICS: Record<string, (t: readonly Ticket[], o: Record<string, unknown>) => Excl> = {
  // Options are built per call below; the casts keep this table short.
  firstResponseTime: (t, o) => lib.firstResponseTime(t, o as never) as Excl,
  averageResponseTime: (t, o) => lib.averageResponseTime(t, o as never) as Excl,
  resolutionTime: (t, o) => lib.resolutionTime(t, o as never) as Excl,
  firstContactResolution: (t, o) => lib.firstContactResolution(t, o as never) as Excl,
  resolutionRate: (t, o) => lib.resolutionRate(t, o as never) as Excl,
  reopenRate: (t, o) => lib.reopenRate(t, o as never) as Excl,
  backlog: (t, o) => lib.backlog(t, { at: MON + 9.5 * HOUR, ...o } as never) as Excl,
  backlogSeries: (t, o) => lib.backlogSeries(t, { period: { from: MON, to: MON + DAY }, interval: 'day', timeZone: 'UTC', ...o } as never) as Excl,
  interactionsPerTicket: (t, o) => lib.interactionsPerTicket(t, o as never) as Excl,
  ticketVolume: (t, o) => lib.ticketVolume(t, { interval: 'day', timeZone: 'UTC', ...o } as never) as Excl,
  slaCompliance: (t, o) => lib.slaCompliance(t, { targets: { high: { firstReply: HOUR } }, ...o } as never) as Excl,
  timeInStatus: (t, o) => lib.timeInStatus(t, { definition: 'requesterWait', ...o } as never) as Excl,
  assignmentTime: (t, o) => lib.assignmentTime(t, o as never) as Excl,
  assignmentStations: (t, o) => lib.assignmentStations(t, o as never) as Excl,
  reassignmentRate: (t, o) => lib.reassignmentRate(t, o as never) as Excl,
  agentActivity: (t, o) => lib.agentActivity(t, o as never) as Excl,
  botResolutionRate: (t, o) => lib.botResolutionRate(t, o as never) as Excl,
  prioritizeQueue: (t, o) => lib.prioritizeQueue(t, { at: MON + 9.75 * HOUR, ...o } as never) as Excl,
  queueSnapshot: (t, o) => lib.queueSnapshot(t, { at: MON + 9.75 * HOUR, ...o } as never) as Excl,
};

describe('the same exclusions in every ticket metric', () => {
  it('the list covers every ticket metric of the hostile registry (averageResolutionTime below)', () => {
    const ticketFns = Object.entries(REGISTRY).filter(([, e]) => e.area === 'tickets').map(([n]) => n).filter((n) => n !== 'prepareTickets' && n !== 'averageResolutionTime');
    expect(Object.keys(METRICS).sort()).toEqual(ticketFns.sort());
  });

  it.each(Object.keys(METRICS))('%s: deleted, spam and merged each under its own reason, flags and tags alike', (name) => {
    const run = METRICS[name]!;
    const r = run(tickets, {});
    expect(r.excluded.ids['ineligible:deleted']).toEqual(['D', 'ALL']);
    expect(r.excluded.ids['ineligible:spam']).toEqual(['S', 'ST']);
    expect(r.excluded.ids['ineligible:merged']).toEqual(['M', 'MT']);
    // Switched off, one by one: the tickets are measured (or left out for the metric's own reasons only).
    const noDeleted = run(tickets, { excludeDeleted: false });
    expect(noDeleted.excluded.byReason['ineligible:deleted']).toBeUndefined();
    expect(noDeleted.excluded.ids['ineligible:spam']).toEqual(['S', 'ST', 'ALL']);
    const noSpam = run(tickets, { excludeSpam: false });
    expect(noSpam.excluded.byReason['ineligible:spam']).toBeUndefined();
    expect(noSpam.excluded.ids['ineligible:merged']).toEqual(['M', 'MT']);
    const none = run(tickets, { excludeDeleted: false, excludeSpam: false, excludeMerged: false });
    expect(Object.keys(none.excluded.byReason).filter((k) => ['ineligible:deleted', 'ineligible:spam', 'ineligible:merged'].includes(k))).toEqual([]);
    // The same tickets, the same verdicts: measured like the plain one.
    expect(JSON.stringify(run([ticket('X', { spam: true })], { excludeSpam: false })).replaceAll('"X"', '"OK"')).toBe(JSON.stringify(run([ticket('OK')], {})).replaceAll('R-OK', 'R-X'));
    // Tags as the read options define them: spamTags and mergedTags off.
    const noTags = run(tickets, { spamTags: [], mergedTags: [] });
    expect(noTags.excluded.ids['ineligible:spam']).toEqual(['S']);
    expect(noTags.excluded.ids['ineligible:merged']).toEqual(['M']);
  });

  it('averageResolutionTime (one number): flagged tickets leave its mean unless switched off', () => {
    const slow = (id: string, extra: Partial<Ticket>): Ticket => ({ id, createdAt: MON, status: 'solved', resolvedAt: MON + 10 * HOUR, ...extra });
    const t = [slow('OK', { resolvedAt: MON + HOUR }), slow('D', { deleted: true }), slow('S', { spam: true }), slow('M', { mergedInto: 'OK' })];
    expect(lib.averageResolutionTime(t)).toBe(HOUR);
    expect(lib.averageResolutionTime(t, { excludeDeleted: false, excludeSpam: false, excludeMerged: false })).toBe(7.75 * HOUR);
  });
});
