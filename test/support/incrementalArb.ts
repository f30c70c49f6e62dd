/**
 * Records and options for the incremental API's properties (test/pipeline/incremental.prop.test.ts): every
 * metric over records with its options drawn from its definition space, a breakdown for its kind of record,
 * and the records (tickets from test/support/pipelineArb.ts and ticketArb.ts; calls and survey answers of the
 * same shapes as test/pipeline/calls.prop.test.ts and surveys.prop.test.ts, with bad ones among them).
 */
import fc from 'fast-check';
import * as lib from '../../src/index.js';
import type { Ticket } from '../../src/model/index.js';
import { DAY, HOUR, pipelineTicketsArb, T0 } from './pipelineArb.js';
import { ticketsArb } from './ticketArb.js';

export type Kind = 'tickets' | 'calls' | 'surveys';
export interface Case {
  /** The export name. */
  readonly name: string;
  readonly kind: Kind;
  /** Options of the metric's own definition (no `invalid`, no `by`). */
  readonly options: fc.Arbitrary<Record<string, unknown>>;
  /** Whether the metric takes `by`. */
  readonly by: boolean;
  /** The options it cannot run without (for the properties that do not draw options). */
  readonly base?: Record<string, unknown>;
}

const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

const SCHEDULE = lib.createSchedule({
  timeZone: 'UTC',
  weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
});
const agentPublic = (e: { type?: string; author?: string; public?: boolean }): boolean => e.type === 'message' && e.author === 'agent' && e.public !== false;
const dayArb = fc.integer({ min: 0, max: 35 }).map((d) => T0 + d * DAY);
const ticketPeriodArb = opt(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 20 })).map(([a, b]) => ({ from: T0 + a * DAY, to: T0 + (a + b) * DAY })));
const summaryArb = fc.record({ percentiles: opt(fc.constantFrom([50], [0, 25, 100], [90, 99.9])), quantileMethod: opt(fc.constantFrom('R7', 'nearest-rank')) });
const hoursArb = opt(fc.constant(SCHEDULE));
const TARGETS = {
  high: { firstReply: 4 * HOUR, resolution: 48 * HOUR, periodicUpdate: 8 * HOUR },
  low: { nextReply: 8 * HOUR, requesterWait: 12 * HOUR, agentWork: 6 * HOUR, pausableUpdate: { targetMs: 4 * HOUR, pauseStatuses: ['pending', 'on_hold'] } },
};
const SURVEYS = [
  { id: 'S-1', ticketId: 'T1', agentId: 'A1', score: 5 },
  { id: 'S-2', ticketId: 3, score: 2 },
  { ticketId: 'T4', score: null },
];

export const TICKET_CASES: readonly Case[] = [
  {
    name: 'firstResponseTime',
    kind: 'tickets',
    by: true,
    options: fc
      .record({ startAt: opt(fc.constantFrom('created', 'firstCustomerMessage')), agentCreated: opt(fc.constantFrom('exclude', 'skipFirstAgentMessage', 'startAtFirstCustomerMessage')), period: ticketPeriodArb, attributeTo: opt(fc.constantFrom('created', 'firstReply', 'resolved')), businessHours: hoursArb, isQualifyingReply: opt(fc.constant(agentPublic)), preset: opt(fc.constantFrom('intercom', 'gorgias')), s: summaryArb })
      .map(({ s, ...o }) => clean({ ...o, ...s })),
  },
  { name: 'averageResponseTime', kind: 'tickets', by: true, options: fc.record({ per: opt(fc.constantFrom('reply', 'ticket')), period: ticketPeriodArb, attributeTo: opt(fc.constantFrom('created', 'resolved')), businessHours: hoursArb, s: summaryArb }).map(({ s, ...o }) => clean({ ...o, ...s })) },
  { name: 'resolutionTime', kind: 'tickets', by: true, options: fc.record({ resolution: opt(fc.constantFrom('first', 'full')), pauseStatuses: opt(fc.constantFrom([], ['pending'], ['pending', 'on_hold'])), period: ticketPeriodArb, businessHours: hoursArb, s: summaryArb }).map(({ s, ...o }) => clean({ ...o, ...s })) },
  { name: 'averageResolutionTime', kind: 'tickets', by: false, options: fc.record({ resolution: opt(fc.constantFrom('first', 'full')), period: ticketPeriodArb, attributeTo: opt(fc.constantFrom('created', 'resolved')) }).map(clean) },
  {
    name: 'firstContactResolution',
    kind: 'tickets',
    by: true,
    options: fc
      .record({ definition: opt(fc.constantFrom('one-touch', 'no-customer-follow-up', 'no-repeat-contact', 'two-touch')), repeatContactWindowMs: opt(fc.constantFrom(DAY, 7 * DAY)), excludeUnresolved: opt(fc.boolean()), countSilentSolves: opt(fc.boolean()), botResolved: opt(fc.constantFrom('silent-solve', 'success', 'exclude')), at: opt(dayArb), period: ticketPeriodArb, eligible: opt(fc.constant((t: Ticket) => (t.priority === 'urgent' ? 'escalated' : true))), confidence: opt(fc.constantFrom(0.9, 0.99)) })
      .map((o) => {
        const c = clean(o);
        // two-touch is a `touches` definition (test/pipeline/tickets.prop.test.ts): keep the combinations valid.
        if (c.definition === 'two-touch') delete c.repeatContactWindowMs;
        return c;
      }),
  },
  { name: 'resolutionRate', kind: 'tickets', by: true, options: fc.record({ at: opt(dayArb), within: opt(fc.constantFrom(2 * DAY, HOUR)), period: ticketPeriodArb }).map(clean) },
  { name: 'reopenRate', kind: 'tickets', by: true, options: fc.record({ at: opt(dayArb), attributeTo: opt(fc.constantFrom('resolved', 'created')), period: ticketPeriodArb }).map(clean) },
  { name: 'backlog', base: { at: T0 + 20 * DAY }, kind: 'tickets', by: true, options: fc.record({ at: dayArb, olderThanMs: opt(fc.constantFrom(HOUR, 3 * DAY)), ageBuckets: opt(fc.constant([HOUR, DAY, 7 * DAY])), s: summaryArb }).map(({ s, ...o }) => clean({ ...o, ...s })) },
  { name: 'backlogSeries', base: { interval: 'day', timeZone: 'UTC', period: { from: T0, to: T0 + 10 * DAY } }, kind: 'tickets', by: true, options: fc.record({ interval: fc.constantFrom('hour', 'day', 'week'), timeZone: fc.constantFrom('UTC', 'Europe/Paris'), p: fc.integer({ min: 0, max: 10 }) }).map(({ p, ...o }) => ({ ...o, period: { from: T0 + p * DAY, to: T0 + (p + 6) * DAY } })) },
  { name: 'interactionsPerTicket', kind: 'tickets', by: true, options: fc.record({ count: opt(fc.constantFrom('agent', 'customer', 'all')), tickets: opt(fc.constantFrom('resolved', 'all')), includeBots: opt(fc.boolean()) }).map(clean) },
  {
    name: 'ticketVolume',
    base: { interval: 'day', timeZone: 'UTC' },
    kind: 'tickets',
    by: true,
    // Without `period` the buckets run from the earliest to the latest creation of the whole input.
    options: fc.record({ interval: fc.constantFrom('day', 'week', 'month'), timeZone: fc.constantFrom('UTC', 'Asia/Tokyo'), period: ticketPeriodArb }).map(clean),
  },
  { name: 'slaCompliance', base: { targets: TARGETS, defaultPriority: 'low' }, kind: 'tickets', by: true, options: fc.record({ at: opt(dayArb), defaultPriority: fc.constantFrom('low', 'high'), businessHours: hoursArb }).map((o) => clean({ targets: TARGETS, ...o })) },
  {
    name: 'timeInStatus',
    kind: 'tickets',
    by: true,
    options: fc
      .record({ definition: opt(fc.constantFrom('requesterWait', 'agentWait', 'onHold', 'agentWork')), statuses: fc.constantFrom(['pending'], ['new', 'solved']), at: opt(dayArb), includeUnresolved: fc.boolean() })
      .map((o) => clean({ ...(o.definition === undefined ? { statuses: o.statuses } : { definition: o.definition }), at: o.at, ...(o.at !== undefined && o.includeUnresolved ? { includeUnresolved: true } : {}) })),
  },
  { name: 'assignmentTime', kind: 'tickets', by: true, options: fc.record({ measure: opt(fc.constantFrom('toFirstAssignment', 'firstAssignmentToResolution', 'lastAssignmentToResolution', 'unassigned')), of: opt(fc.constantFrom('assignee', 'group')), period: ticketPeriodArb }).map(clean) },
  { name: 'assignmentStations', kind: 'tickets', by: true, options: fc.record({ of: opt(fc.constantFrom('assignee', 'group')), count: opt(fc.constantFrom('changes', 'distinct')), tickets: opt(fc.constantFrom('all', 'resolved')) }).map(clean) },
  { name: 'reassignmentRate', kind: 'tickets', by: true, options: fc.record({ of: opt(fc.constantFrom('assignee', 'group')), count: opt(fc.constantFrom('changes', 'distinct')) }).map(clean) },
  { name: 'agentActivity', kind: 'tickets', by: true, options: fc.record({ period: ticketPeriodArb, surveys: opt(fc.constant(SURVEYS)), isQualifyingReply: opt(fc.constant(agentPublic)) }).map(clean) },
  { name: 'botResolutionRate', kind: 'tickets', by: true, options: fc.record({ denominator: opt(fc.constantFrom('bot-involved', 'all')), excludeUnresolved: opt(fc.boolean()) }).map(clean) },
  { name: 'prioritizeQueue', base: { at: T0 + 20 * DAY }, kind: 'tickets', by: false, options: fc.record({ at: dayArb, nearBreachMs: opt(fc.constant(HOUR)) }).map((o) => clean({ ...o, policy: { targets: TARGETS, defaultPriority: 'low' } })) },
  { name: 'queueSnapshot', base: { at: T0 + 20 * DAY }, kind: 'tickets', by: true, options: fc.record({ at: dayArb, waitBuckets: opt(fc.constant([HOUR, DAY])) }).map(clean) },
];

// ---- calls -----------------------------------------------------------------------------------------------

const C0 = Date.UTC(2026, 2, 2, 8);
const MIN = 60_000;

/** One call without its id (the shape of test/pipeline/calls.prop.test.ts): now and then a bad part. */
const callArb = fc
  .record({
    q: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    outcome: fc.constantFrom('answered', 'answered', 'answered', 'abandoned', 'abandoned', 'waiting'),
    waitS: fc.integer({ min: 0, max: 120 }),
    ivrS: opt(fc.integer({ min: 0, max: 40 })),
    talkS: opt(fc.integer({ min: 0, max: 900 })),
    holdS: opt(fc.integer({ min: 0, max: 60 })),
    wrapS: opt(fc.integer({ min: 0, max: 120 })),
    channel: fc.constantFrom<string | undefined>('phone', 'chat', undefined, '', '__proto__'),
    agent: fc.constantFrom<string | undefined>('A1', 'A2', 'constructor', undefined),
    form: fc.constantFrom('ms', 'ms', 'ms', 'iso', 'local'),
    bad: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'none', 'none', 'none', 'none', 'core', 'entry', 'handling', 'record'),
  })
  .map((r): unknown => {
    if (r.bad === 'record') return null;
    const q = C0 + r.q * MIN;
    const t = (ms: number): number | string => (r.form === 'ms' ? ms : r.form === 'iso' ? new Date(ms).toISOString() : new Date(ms).toISOString().slice(0, 19));
    const c: Record<string, unknown> = { queuedAt: t(q) };
    const d = q + r.waitS * 1000;
    if (r.outcome === 'answered') c.answeredAt = t(d);
    if (r.outcome === 'abandoned') c.abandonedAt = t(d);
    if (r.ivrS !== undefined) c.enteredAt = t(q - r.ivrS * 1000);
    if (r.outcome !== 'waiting' && r.talkS !== undefined) c.endedAt = t(d + r.talkS * 1000);
    if (r.holdS !== undefined) c.holdMs = r.holdS * 1000;
    if (r.wrapS !== undefined) c.wrapUpMs = r.wrapS * 1000;
    if (r.channel !== undefined) c.channel = r.channel;
    if (r.agent !== undefined) c.agentId = r.agent;
    if (r.bad === 'core') c.answeredAt = t(q - 1000);
    if (r.bad === 'entry') c.enteredAt = t(q + 1000);
    if (r.bad === 'handling') c.holdMs = -5;
    return c;
  });
export const callsArb: fc.Arbitrary<unknown[]> = fc
  .array(callArb, { maxLength: 30 })
  .map((rows) => rows.map((c, i) => (c === null ? c : { id: i % 4 === 0 ? i : `C${i}`, ...(c as object) })));

const callPeriodArb = opt(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 })).map(([a, b]) => ({ from: C0 + a * 60 * MIN, to: C0 + (a + b) * 60 * MIN })));
const clockArb = opt(fc.constantFrom('queue', 'system'));
const callZoneArb = opt(fc.constantFrom('UTC', 'Europe/Paris'));
export const CALL_CASES: readonly Case[] = [
  { name: 'abandonmentRate', kind: 'calls', by: true, options: fc.record({ shortAbandonMs: opt(fc.integer({ min: 0, max: 30_000 })), shortAbandons: opt(fc.constantFrom('exclude', 'include')), clockStartsAt: clockArb, period: callPeriodArb, timeZone: callZoneArb }).map(clean) },
  { name: 'serviceLevel', base: { thresholdMs: 20_000 }, kind: 'calls', by: true, options: fc.record({ thresholdMs: fc.integer({ min: 0, max: 60_000 }), abandoned: opt(fc.constantFrom('ignore', 'negative', 'positive', 'exclude-short', 'after-threshold')), shortAbandonMs: opt(fc.integer({ min: 0, max: 30_000 })), clockStartsAt: clockArb, period: callPeriodArb, confidence: opt(fc.constantFrom(0.9, 0.95)), timeZone: callZoneArb }).map(clean) },
  { name: 'averageSpeedOfAnswer', kind: 'calls', by: true, options: fc.record({ clockStartsAt: clockArb, period: callPeriodArb, percentiles: opt(fc.constantFrom([50, 90], [0, 100])), timeZone: callZoneArb }).map(clean) },
  { name: 'averageHandleTime', kind: 'calls', by: true, options: fc.record({ includeHold: opt(fc.boolean()), includeWrapUp: opt(fc.boolean()), period: callPeriodArb, quantileMethod: opt(fc.constantFrom('R7', 'nearest-rank')), timeZone: callZoneArb }).map(clean) },
  { name: 'averageAbandonTime', kind: 'calls', by: true, options: fc.record({ shortAbandons: opt(fc.constantFrom('exclude', 'include')), shortAbandonMs: opt(fc.integer({ min: 0, max: 30_000 })), clockStartsAt: clockArb, period: callPeriodArb, timeZone: callZoneArb }).map(clean) },
];

// ---- survey answers --------------------------------------------------------------------------------------

/** An answer (the shape of test/pipeline/surveys.prop.test.ts): a bare score, a bad value, or a response object. */
const answerArb = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 11 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, NaN, 8.5, 'good', 'bad', true) },
  {
    weight: 6,
    arbitrary: fc
      .record({
        score: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 11 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'good', 'bad', 3.5) }),
        channel: fc.constantFrom<string | undefined>('email', 'chat', undefined, '', '__proto__'),
        agentId: fc.constantFrom<string | undefined>('A1', 'A2', 'constructor', undefined),
        atH: opt(fc.integer({ min: 0, max: 24 * 10 })),
        badAt: fc.constantFrom(false, false, false, false, false, false, true),
      })
      .map((r) => {
        const o: Record<string, unknown> = { score: r.score };
        if (r.channel !== undefined) o.channel = r.channel;
        if (r.agentId !== undefined) o.agentId = r.agentId;
        if (r.atH !== undefined) o.at = r.badAt ? 'yesterday' : C0 + r.atH * HOUR;
        return o;
      }),
  },
);
export const answersArb: fc.Arbitrary<unknown[]> = fc
  .array(answerArb, { maxLength: 30 })
  .map((xs) => xs.map((x, i) => (x !== null && typeof x === 'object' && i % 3 !== 0 ? { id: i % 2 === 0 ? i : `S${i}`, ...x } : x)));

export const SURVEY_CASES: readonly Case[] = [
  { name: 'netPromoterScore', kind: 'surveys', by: true, options: fc.record({ scale: opt(fc.constantFrom('0-10', '1-10')), confidence: opt(fc.constantFrom(0.9, 0.95)), timeZone: opt(fc.constantFrom('UTC', 'Asia/Kolkata')) }).map(clean) },
  {
    name: 'customerSatisfactionScore',
    base: { scale: '1-5' },
    kind: 'surveys',
    by: true,
    options: fc.oneof(fc.record({ method: fc.constantFrom('top-2-box', 'top-box', 'mean'), scale: fc.constantFrom('1-5', '0-10') }), fc.record({ method: fc.constant('good-bad'), scale: fc.constantFrom('1-2', '1-5') })),
  },
  { name: 'customerEffortScore', base: { scale: '1-7' }, kind: 'surveys', by: true, options: fc.record({ method: opt(fc.constantFrom('mean', 'top-box')), direction: opt(fc.constantFrom('higher-is-better', 'lower-is-better')), scale: fc.constantFrom('1-7', '1-5') }).map(clean) },
];

export const CASES: readonly Case[] = [...TICKET_CASES, ...CALL_CASES, ...SURVEY_CASES];

// ---- breakdowns ------------------------------------------------------------------------------------------

const planOf = (t: Ticket): unknown => (t !== null && typeof t === 'object' ? (t.fields?.plan ?? null) : null);
const TICKET_BY: readonly unknown[] = [
  'channel',
  'tags',
  'priority',
  'firstResponder',
  'assignee',
  'fields.plan',
  ['channel', 'priority'],
  { interval: 'week', timeZone: 'UTC' },
  { interval: 'day', timeZone: 'Europe/Paris', of: 'resolved' },
  ['priority', { interval: 'day', timeZone: 'UTC', name: 'day' }],
  (t: Ticket) => (typeof t.id === 'number' ? 'numeric' : 'text'),
  { name: 'plan', key: planOf },
  (t: Ticket) => (Array.isArray(t.tags) ? t.tags : undefined),
];
const channelOf = (a: unknown): unknown => (a !== null && typeof a === 'object' ? ((a as { channel?: unknown }).channel ?? null) : null);
const CALL_BY: readonly unknown[] = [
  'channel',
  'agent',
  'agentId',
  { interval: 'hour', timeZone: 'Europe/Paris', of: 'queued' },
  { interval: 'day', timeZone: 'UTC', of: 'answered' },
  ['channel', { interval: 'day', timeZone: 'UTC', of: 'ended' }],
  (c: { agentId?: unknown }) => (typeof c.agentId === 'string' ? c.agentId.toLowerCase() : undefined),
  // A key function that throws on some calls: callback_failed.
  {
    name: 'odd',
    key: (c: { id?: unknown }) => {
      if (typeof c.id === 'number' && c.id % 8 === 0) throw new Error('no key');
      return typeof c.id === 'number';
    },
  },
];
const SURVEY_BY: readonly unknown[] = [
  'channel',
  'agent',
  'agentId',
  { interval: 'day', timeZone: 'Asia/Kolkata', of: 'at' },
  (a: unknown) => (typeof a === 'number' ? a >= 9 : channelOf(a)),
  ['channel', { name: 'even', key: (a: unknown) => typeof a === 'number' && a % 2 === 0 }],
];

export function byArb(kind: Kind): fc.Arbitrary<unknown> {
  return fc.constantFrom(...(kind === 'tickets' ? TICKET_BY : kind === 'calls' ? CALL_BY : SURVEY_BY));
}

/** Records of a kind: tickets with some bad ones (pipelineArb) or all valid (ticketArb), calls, answers. */
export function recordsArb(kind: Kind): fc.Arbitrary<unknown[]> {
  if (kind === 'tickets') return fc.oneof({ weight: 3, arbitrary: pipelineTicketsArb as fc.Arbitrary<unknown[]> }, { weight: 1, arbitrary: ticketsArb as fc.Arbitrary<unknown[]> });
  return kind === 'calls' ? callsArb : answersArb;
}

/** The one-shot call of a metric by its export name. */
export function oneShot(name: string, records: readonly unknown[], options: object | undefined): unknown {
  const fn = (lib as unknown as Record<string, (r: unknown, o?: unknown) => unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`${name} is not exported`);
  return fn(records, options);
}
export function metricFn(name: string): unknown {
  return (lib as unknown as Record<string, unknown>)[name];
}
