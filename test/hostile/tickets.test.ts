/**
 * Hostile input for every ticket metric: the standard properties (any value in any argument, any value in any
 * option, misspelled options), hostile records, and the classes of issue 11 that live in the ticket reader
 * (colliding ids, epoch seconds, the summary-form guess, wrong types, data-keyed objects, raw callback errors).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  averageResolutionTime,
  averageResponseTime,
  backlog,
  backlogSeries,
  businessDuration,
  createSchedule,
  agentActivity,
  assignmentStations,
  assignmentTime,
  botResolutionRate,
  firstContactResolution,
  firstResponseTime,
  interactionsPerTicket,
  prepareTickets,
  prioritizeQueue,
  queueSnapshot,
  reassignmentRate,
  reopenRate,
  resolutionRate,
  resolutionTime,
  slaCompliance,
  ticketVolume,
  timeInStatus,
  type Ticket,
} from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { TYPE_KEYS } from './registry.js';
import { collidingIds, copyData, DAY, epochSecondsArb, hostileTicketsArb, HOUR, MON, PROTO_KEYS, validTicketsArb } from './arbitraries.js';
import {
  boundedTimeout,
  checkAccount,
  childResult,
  describeHostile,
  documentedOptions,
  expectContract,
  expectMetricsError,
  expectResult,
  expectUnknownOption,
  PROPERTY_TIMEOUT,
  recordsProperty,
  runBounded,
  standardProperties,
  type FnSpec,
} from './harness.js';

const SCHEDULE = createSchedule({
  timeZone: 'UTC',
  weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
});

/** Three valid tickets: events form solved, summary form solved, events form pending. */
function sampleTickets(): Ticket[] {
  return [
    {
      id: 'T-1',
      createdAt: MON + 9 * HOUR,
      priority: 'urgent',
      channel: 'email',
      requesterId: 'R1',
      tags: ['vip'],
      createdBy: 'customer',
      events: [
        { type: 'message', at: MON + 9 * HOUR, author: 'customer' },
        { type: 'message', at: MON + 9.5 * HOUR, author: 'agent' },
        { type: 'status', at: MON + 10 * HOUR, status: 'solved' },
      ],
    },
    {
      id: 'T-2',
      createdAt: MON + 10 * HOUR,
      priority: 'normal',
      channel: 'chat',
      requesterId: 'R2',
      status: 'solved',
      firstRespondedAt: MON + 11 * HOUR,
      resolvedAt: MON + 12 * HOUR,
      agentReplies: 1,
      customerReplies: 1,
      reopens: 0,
    },
    {
      id: 'T-3',
      createdAt: MON + 11 * HOUR,
      priority: 'urgent',
      events: [
        { type: 'message', at: MON + 11 * HOUR, author: 'customer' },
        { type: 'status', at: MON + 12 * HOUR, status: 'pending' },
      ],
    },
  ];
}

const PERIOD = { from: MON - 60 * DAY, to: MON + 60 * DAY };
const NESTED_PERIOD = { period: { keys: ['from', 'to'], valid: PERIOD } } as const;
const TICKET_READ = { invalid: 'exclude', statusMap: { resolved: 'solved', waiting: 'pending' }, timeZone: 'Europe/Paris', allowEarlyTimestamps: false, spamTags: ['spam'], mergedTags: ['closed_by_merge'] } as const;
/** The read options and what every ticket metric takes besides: eligibility and a breakdown. */
const TICKET_INPUT = { ...TICKET_READ, excludeSpam: true, excludeDeleted: false, excludeMerged: true, by: 'channel' } as const;
const ELIGIBILITY = { excludeSpam: true, excludeDeleted: false, excludeMerged: true } as const;
const SUMMARY = { percentiles: [50, 99.9], quantileMethod: 'nearest-rank' } as const;
const agentReply = (e: { author: string }): boolean => e.author === 'agent';
const TARGETS = {
  urgent: { firstReply: HOUR, nextReply: { targetMs: HOUR, businessHours: false as const }, resolution: 8 * HOUR, periodicUpdate: 2 * HOUR, pausableUpdate: { targetMs: 2 * HOUR, pauseStatuses: ['pending' as const] } },
  normal: { firstReply: 4 * HOUR, requesterWait: 8 * HOUR, agentWork: { targetMs: 4 * HOUR, businessHours: false as const, pauseStatuses: ['pending' as const, 'on_hold' as const] } },
};

/** The live-queue options both queue functions take. */
const LIVE_QUEUE = { at: MON + DAY, policy: { targets: TARGETS, defaultPriority: 'normal' }, businessHours: SCHEDULE, nearBreachMs: HOUR, isQualifyingReply: agentReply } as const;
const QUEUE_RULES = { segment: 'priority', segmentWeights: { urgent: 2 }, waitWeight: 1, breachWeight: 3, breachWindowMs: HOUR, firstRequestBoost: 1, tiers: true } as const;

/** Builds a spec and checks that its options are exactly the documented keys. */
function spec(name: string, call: (tickets: unknown, options: unknown) => unknown, options: Record<string, unknown>, extra: Partial<FnSpec> = {}): FnSpec {
  return { name, call: (t, o) => call(t, o), arity: 2, valid: () => [sampleTickets()], optionsIndex: 1, options: documentedOptions(name, options), ...extra };
}

const count = (fn: string) => (records: unknown, r: Record<string, unknown>): void =>
  checkAccount(fn, 'count', r.count as number, (r.excluded as { total: number }).total, (records as unknown[]).length);
const denominator = (fn: string) => (records: unknown, r: Record<string, unknown>): void =>
  checkAccount(fn, 'denominator', r.denominator as number, (r.excluded as { total: number }).total, (records as unknown[]).length);

const SPECS: readonly FnSpec[] = [
  spec('firstResponseTime', (t, o) => firstResponseTime(t as never, o as never), {
    ...TICKET_INPUT,
    ...SUMMARY,
    period: PERIOD,
    attributeTo: 'firstReply',
    startAt: 'firstCustomerMessage',
    agentCreated: 'exclude',
    isQualifyingReply: agentReply,
    preset: 'intercom',
    businessHours: SCHEDULE,
  }, { nested: NESTED_PERIOD }),
  spec('averageResponseTime', (t, o) => averageResponseTime(t as never, o as never), {
    ...TICKET_INPUT,
    ...SUMMARY,
    period: PERIOD,
    attributeTo: 'resolved',
    per: 'ticket',
    agentCreated: 'exclude',
    isQualifyingReply: agentReply,
    businessHours: SCHEDULE,
  }, { nested: NESTED_PERIOD }),
  spec('resolutionTime', (t, o) => resolutionTime(t as never, o as never), {
    ...TICKET_INPUT,
    ...SUMMARY,
    period: PERIOD,
    attributeTo: 'created',
    resolution: 'first',
    pauseStatuses: ['pending', 'on_hold'],
    businessHours: SCHEDULE,
  }, { nested: NESTED_PERIOD }),
  spec('averageResolutionTime', (t, o) => averageResolutionTime(t as never, o as never), {
    ...TICKET_READ,
    ...ELIGIBILITY,
    ...SUMMARY,
    period: PERIOD,
    attributeTo: 'created',
    resolution: 'first',
    pauseStatuses: ['pending'],
    businessHours: SCHEDULE,
  }, { nested: NESTED_PERIOD }),
  spec('firstContactResolution', (t, o) => firstContactResolution(t as never, o as never), {
    ...TICKET_INPUT,
    period: PERIOD,
    attributeTo: 'created',
    definition: 'no-repeat-contact',
    maxAgentReplies: 2,
    touches: 2,
    botResolved: 'exclude',
    countSilentSolves: true,
    repeatContactWindowMs: DAY,
    at: MON + 20 * DAY,
    asOf: MON + 20 * DAY,
    excludeUnresolved: false,
    excludeAgentCreated: false,
    excludeNoCustomerMessage: false,
    eligible: () => true,
    confidence: 0.9,
  }, { nested: NESTED_PERIOD }),
  spec('resolutionRate', (t, o) => resolutionRate(t as never, o as never), {
    ...TICKET_INPUT,
    period: PERIOD,
    at: MON + DAY,
    asOf: MON + DAY,
    within: DAY,
    confidence: 0.9,
  }, { nested: NESTED_PERIOD }),
  spec('reopenRate', (t, o) => reopenRate(t as never, o as never), {
    ...TICKET_INPUT,
    period: PERIOD,
    attributeTo: 'created',
    at: MON + DAY,
    asOf: MON + DAY,
    confidence: 0.9,
  }, { nested: NESTED_PERIOD }),
  spec('backlog', (t, o) => backlog(t as never, o as never), {
    ...TICKET_INPUT,
    ...SUMMARY,
    at: MON + DAY,
    olderThanMs: HOUR,
    ageBuckets: [HOUR, DAY],
    businessHours: SCHEDULE,
  }, { base: { at: MON + DAY } }),
  spec('backlogSeries', (t, o) => backlogSeries(t as never, o as never), {
    ...TICKET_READ,
    ...ELIGIBILITY,
    by: 'priority',
    period: { from: MON - DAY, to: MON + 2 * DAY },
    from: MON - DAY,
    to: MON + 2 * DAY,
    interval: 'day',
    weekStartsOn: 0,
  }, { base: { period: { from: MON - DAY, to: MON + 2 * DAY }, interval: 'day', timeZone: 'Europe/Paris' }, nested: { period: { keys: ['from', 'to'], valid: { from: MON - DAY, to: MON + 2 * DAY } } }, related: { from: ['to', 'interval', 'period'], to: ['from', 'interval', 'period'], period: ['interval', 'from'] } }),
  spec('interactionsPerTicket', (t, o) => interactionsPerTicket(t as never, o as never), {
    ...TICKET_INPUT,
    count: 'all',
    includeBots: true,
    tickets: 'all',
    openEndedAt: 3,
  }),
  spec('ticketVolume', (t, o) => ticketVolume(t as never, o as never), {
    ...TICKET_READ,
    ...ELIGIBILITY,
    timeZone: 'UTC',
    interval: 'day',
    period: { from: MON, to: MON + DAY },
    from: MON,
    to: MON + DAY,
    weekStartsOn: 0,
    by: 'channel',
  }, { base: { interval: 'day', timeZone: 'UTC' }, nested: { period: { keys: ['from', 'to'], valid: { from: MON, to: MON + DAY } } }, related: { from: ['to', 'interval', 'period'], to: ['from', 'interval', 'period'], period: ['interval', 'from'] } }),
  spec('slaCompliance', (t, o) => slaCompliance(t as never, o as never), {
    ...TICKET_INPUT,
    targets: TARGETS,
    businessHours: SCHEDULE,
    defaultPriority: 'normal',
    pauseStatuses: ['pending'],
    at: MON + DAY,
    isQualifyingReply: agentReply,
  }, { base: { targets: TARGETS } }),
  spec('timeInStatus', (t, o) => timeInStatus(t as never, o as never), {
    ...TICKET_INPUT,
    ...SUMMARY,
    period: PERIOD,
    attributeTo: 'created',
    definition: 'agentWait',
    statuses: ['pending', 'on_hold'],
    includeReopenedSolves: false,
    businessHours: SCHEDULE,
    at: MON + DAY,
    asOf: MON + DAY,
    includeUnresolved: false,
  }, { nested: NESTED_PERIOD }),
  spec('assignmentTime', (t, o) => assignmentTime(t as never, o as never), {
    ...TICKET_INPUT,
    ...SUMMARY,
    period: PERIOD,
    attributeTo: 'resolved',
    measure: 'unassigned',
    of: 'group',
    businessHours: SCHEDULE,
  }, { nested: NESTED_PERIOD }),
  spec('assignmentStations', (t, o) => assignmentStations(t as never, o as never), {
    ...TICKET_INPUT,
    period: PERIOD,
    attributeTo: 'created',
    of: 'group',
    count: 'distinct',
    tickets: 'resolved',
    openEndedAt: 3,
  }, { nested: NESTED_PERIOD }),
  spec('reassignmentRate', (t, o) => reassignmentRate(t as never, o as never), {
    ...TICKET_INPUT,
    period: PERIOD,
    attributeTo: 'firstReply',
    of: 'assignee',
    count: 'distinct',
    tickets: 'resolved',
    confidence: 0.9,
  }, { nested: NESTED_PERIOD }),
  spec('agentActivity', (t, o) => agentActivity(t as never, o as never), {
    ...TICKET_INPUT,
    period: PERIOD,
    attributeTo: 'created',
    surveys: [{ id: 'S-1', ticketId: 'T-1', agentId: 'A1', score: 5 }, { ticketId: 'T-3', score: null }],
    surveyScale: '1-5',
    satisfiedFrom: 4,
    confidence: 0.9,
    isQualifyingReply: agentReply,
  }, { nested: NESTED_PERIOD }),
  spec('botResolutionRate', (t, o) => botResolutionRate(t as never, o as never), {
    ...TICKET_INPUT,
    period: PERIOD,
    attributeTo: 'created',
    denominator: 'all',
    excludeUnresolved: false,
    confidence: 0.9,
    isQualifyingReply: agentReply,
  }, { nested: NESTED_PERIOD }),
  spec('prioritizeQueue', (t, o) => prioritizeQueue(t as never, o as never), {
    ...TICKET_READ,
    ...ELIGIBILITY,
    ...LIVE_QUEUE,
    rules: QUEUE_RULES,
  }, { base: { at: MON + DAY }, nested: { rules: { keys: TYPE_KEYS.QueueRules as readonly string[], valid: QUEUE_RULES } } }),
  spec('queueSnapshot', (t, o) => queueSnapshot(t as never, o as never), {
    ...TICKET_INPUT,
    ...LIVE_QUEUE,
    waitBuckets: [HOUR, DAY],
  }, { base: { at: MON + DAY } }),
  spec('prepareTickets', (t, o) => {
    // The prepared set is an opaque object holding the input: the contract is checked on what it tells.
    const p = prepareTickets(t as never, o as never);
    return { kind: p.kind, count: p.count, invalid: p.invalid };
  }, { ...TICKET_READ, isQualifyingReply: agentReply }),
];

/** Options every call of the hostile-records property takes, per function. */
function recordOptions(name: string, invalid: 'throw' | 'exclude'): Record<string, unknown> {
  switch (name) {
    case 'backlog':
      return { invalid, at: MON };
    case 'backlogSeries':
      return { invalid, from: MON - 40 * DAY, to: MON + 40 * DAY, interval: 'week', timeZone: 'UTC' };
    case 'ticketVolume':
      return { invalid, interval: 'week', timeZone: 'America/New_York', by: 'channel' };
    case 'slaCompliance': {
      // Priorities named like Object.prototype members, as a JSON policy file can have them.
      const targets = JSON.parse('{"__proto__": {"firstReply": 3600000}, "constructor": {"resolution": 7200000}}') as Record<string, unknown>;
      Object.assign(targets, { urgent: { firstReply: HOUR, nextReply: HOUR }, normal: { resolution: DAY } });
      return { invalid, targets, defaultPriority: 'normal' };
    }
    case 'firstContactResolution':
      return { invalid, definition: 'no-repeat-contact' };
    case 'prioritizeQueue':
    case 'queueSnapshot':
      return { invalid, at: MON + DAY };
    default:
      return { invalid };
  }
}

function accountOf(name: string): ((records: unknown, r: Record<string, unknown>) => void) | undefined {
  switch (name) {
    case 'firstResponseTime':
    case 'resolutionTime':
    case 'timeInStatus':
    case 'assignmentTime':
    case 'assignmentStations':
      return count(name);
    case 'reassignmentRate':
      return denominator(name);
    case 'prioritizeQueue':
      return (records, r) => {
        count(name)(records, r);
        const listed = (r.queue as unknown[]).length + (r.waitingOnOthers as unknown[]).length;
        if (listed !== r.count) throw new Error(`prioritizeQueue: ${listed} tickets listed, count is ${String(r.count)}`);
      };
    case 'queueSnapshot':
      return (records, r) => {
        checkAccount(name, 'open', r.open as number, (r.excluded as { total: number }).total, (records as unknown[]).length);
        const on = (r.waitingOnAgent as number) + (r.waitingOnCustomer as number) + (r.waitingOnThirdParty as number);
        const inBuckets = Object.values(r.byWait as Record<string, number>).reduce((a, b) => a + b, 0);
        if (on !== r.open || inBuckets !== r.waitingOnAgent) throw new Error(`queueSnapshot: waits add up to ${on} (buckets ${inBuckets}), open is ${String(r.open)}`);
      };
    case 'botResolutionRate':
      return (records, r) => {
        denominator(name)(records, r);
        const b = r as { involved: number; handedOver: number; considered: number; denominator: number; numerator: number };
        if (!(b.handedOver <= b.involved && b.involved <= b.considered && b.numerator <= b.involved)) throw new Error(`botResolutionRate: involvement counts out of order: ${JSON.stringify(b)}`);
      };
    case 'agentActivity':
      return (records, r) => {
        count(name)(records, r);
        const rows = r.agents as Array<{ ticketsSolved: number; oneTouch: number; twoTouch: number }>;
        const solved = rows.reduce((a, x) => a + x.ticketsSolved, 0);
        if (solved > (r.count as number)) throw new Error(`agentActivity: ${solved} tickets solved of ${String(r.count)} counted`);
        if (rows.some((x) => x.oneTouch + x.twoTouch > x.ticketsSolved)) throw new Error('agentActivity: more touch resolutions than solved tickets');
      };
    case 'averageResponseTime':
      return (records, r) => checkAccount(name, 'ticketCount', r.ticketCount as number, (r.excluded as { total: number }).total, (records as unknown[]).length);
    case 'firstContactResolution':
    case 'resolutionRate':
    case 'reopenRate':
      return denominator(name);
    case 'backlog':
      return (records, r) => {
        count(name)(records, r);
        const byAge = Object.values(r.byAge as Record<string, number>).reduce((a, b) => a + b, 0);
        if (byAge !== r.count) throw new Error(`backlog: byAge adds up to ${byAge}, count is ${String(r.count)}`);
      };
    case 'backlogSeries':
      return (records, r) => {
        const created = (r.buckets as Array<{ created: number }>).reduce((a, b) => a + b.created, 0);
        if (created + (r.excluded as { total: number }).total > (records as unknown[]).length) throw new Error('backlogSeries: created + excluded exceeds the input');
      };
    case 'interactionsPerTicket':
      return (records, r) => {
        count(name)(records, r);
        const d = Object.values(r.distribution as Record<string, number>).reduce((a, b) => a + b, 0);
        if (d !== r.count) throw new Error(`interactionsPerTicket: the distribution adds up to ${d}, count is ${String(r.count)}`);
      };
    case 'ticketVolume':
      return (records, r) => {
        checkAccount(name, 'total', r.total as number, (r.excluded as { total: number }).total, (records as unknown[]).length);
        const inBuckets = (r.buckets as Array<{ count: number }>).reduce((a, b) => a + b.count, 0);
        const byKey = Object.values((r.totalsByKey ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);
        if (inBuckets !== r.total || byKey !== r.total) throw new Error(`ticketVolume: buckets add up to ${inBuckets} and totalsByKey to ${byKey}, total is ${String(r.total)}`);
      };
    case 'slaCompliance':
      return (records, r) => {
        count(name)(records, r);
        const overall = r.overall as { achieved: number; breached: number; pending: number };
        if (overall.achieved + overall.breached + overall.pending !== r.count) throw new Error('slaCompliance: overall does not add up to count');
        const groups = Object.getOwnPropertyNames(r.byPriority).map((k) => (r.byPriority as Record<string, { overall: typeof overall }>)[k]?.overall);
        const inGroups = groups.reduce((a, g) => a + (g === undefined ? 0 : g.achieved + g.breached + g.pending), 0);
        if (inGroups !== r.count) throw new Error(`slaCompliance: byPriority holds ${inGroups} tickets, count is ${String(r.count)}`);
        if ((r.tickets as unknown[]).length !== r.count) throw new Error('slaCompliance: tickets.length differs from count');
      };
    default:
      return undefined;
  }
}

/** The standard properties and the hostile-records property of one ticket metric. */
function hostileTicketMetric(name: string): void {
  const s = SPECS.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no spec for ${name}`);
  standardProperties(s);
  recordsProperty(name, hostileTicketsArb, (tickets, invalid) => s.call(tickets, recordOptions(name, invalid)), accountOf(name));
}

describeHostile('firstResponseTime', () => hostileTicketMetric('firstResponseTime'));
describeHostile('averageResponseTime', () => hostileTicketMetric('averageResponseTime'));
describeHostile('resolutionTime', () => hostileTicketMetric('resolutionTime'));
describeHostile('averageResolutionTime', () => hostileTicketMetric('averageResolutionTime'));
describeHostile('firstContactResolution', () => hostileTicketMetric('firstContactResolution'));
describeHostile('resolutionRate', () => hostileTicketMetric('resolutionRate'));
describeHostile('reopenRate', () => hostileTicketMetric('reopenRate'));
describeHostile('backlog', () => hostileTicketMetric('backlog'));
describeHostile('backlogSeries', () => hostileTicketMetric('backlogSeries'));
describeHostile('interactionsPerTicket', () => hostileTicketMetric('interactionsPerTicket'));
describeHostile('ticketVolume', () => hostileTicketMetric('ticketVolume'));
describeHostile('slaCompliance', () => hostileTicketMetric('slaCompliance'));
describeHostile('timeInStatus', () => hostileTicketMetric('timeInStatus'));
describeHostile('assignmentTime', () => hostileTicketMetric('assignmentTime'));
describeHostile('assignmentStations', () => hostileTicketMetric('assignmentStations'));
describeHostile('reassignmentRate', () => hostileTicketMetric('reassignmentRate'));
describeHostile('agentActivity', () => hostileTicketMetric('agentActivity'));
describeHostile('botResolutionRate', () => hostileTicketMetric('botResolutionRate'));
describeHostile('prioritizeQueue', () => hostileTicketMetric('prioritizeQueue'));
describeHostile('queueSnapshot', () => hostileTicketMetric('queueSnapshot'));
describeHostile('prepareTickets', () => {
  const s = SPECS.find((x) => x.name === 'prepareTickets') as FnSpec;
  standardProperties(s);
  recordsProperty('prepareTickets', hostileTicketsArb, (tickets, invalid) => s.call(tickets, { invalid }), (records, r) => {
    if (r.count !== (records as unknown[]).length) throw new Error(`prepareTickets: count ${String(r.count)} for ${(records as unknown[]).length} tickets`);
  });
});

const callOf = (name: string): FnSpec => SPECS.find((s) => s.name === name) as FnSpec;
/** Calls a ticket metric with its required options and `extra`. */
function callMetric(name: string, tickets: unknown, extra: Record<string, unknown> = {}): unknown {
  const s = callOf(name);
  return s.call(tickets, { ...copyData(s.base ?? {}), ...extra });
}
const NAMES = SPECS.map((s) => s.name);

describeHostile('ticket reader', () => {
  it('epoch numbers before 1975 (Unix seconds read as ms) are rejected as epoch_seconds by every ticket metric', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), epochSecondsArb, (name, t) => {
        const ms = t instanceof Date ? t.getTime() : t;
        const tickets = [{ id: 'T-1', createdAt: t, priority: 'urgent', events: [{ type: 'message', at: ms + 2400, author: 'agent' }] }];
        expectMetricsError(name, () => callMetric(name, tickets), 'epoch_seconds', 'createdAt');
      }),
      fcParams(60),
    );
  }, PROPERTY_TIMEOUT);

  it('option instants given in Unix seconds are rejected as epoch_seconds', () => {
    expectMetricsError('backlog', () => backlog(sampleTickets(), { at: 1_772_438_400 }), 'epoch_seconds', 'at');
    expectMetricsError('resolutionRate', () => resolutionRate(sampleTickets(), { asOf: 1_772_438_400 }), 'epoch_seconds', 'asOf');
    expectMetricsError('slaCompliance', () => slaCompliance(sampleTickets(), { targets: TARGETS, at: 1_772_438_400 }), 'epoch_seconds', 'at');
    expectMetricsError('ticketVolume', () => ticketVolume(sampleTickets(), { interval: 'day', timeZone: 'UTC', from: 1_772_438_400 }), 'epoch_seconds', 'from');
  });

  it('the Intercom case: created and replied in epoch seconds is an error, not an FRT of 2.4 s', () => {
    const t = [{ id: 'c-1', createdAt: 1_772_438_400, events: [{ type: 'message' as const, at: 1_772_440_800, author: 'agent' as const }] }];
    expectMetricsError('firstResponseTime', () => firstResponseTime(t), 'epoch_seconds', 'createdAt');
  });

  it('a summary ticket reopened before its only known resolution is summary_only where the state in between is unknown', () => {
    const t = [{ id: 'S-1', createdAt: MON, status: 'solved', resolvedAt: MON + 10 * DAY, reopens: 1 }];
    const b = expectResult<{ count: number; excluded: { byReason: Record<string, number> } }>('backlog', () => backlog(t, { at: MON + 5 * DAY }));
    expect(b.excluded.byReason).toEqual({ summary_only: 1 });
    const s = expectResult<{ excluded: { byReason: Record<string, number> } }>('backlogSeries', () =>
      backlogSeries(t, { from: MON, to: MON + 12 * DAY, interval: 'day', timeZone: 'UTC' }),
    );
    expect(s.excluded.byReason).toEqual({ summary_only: 1 });
    const r = expectResult<{ denominator: number; excluded: { byReason: Record<string, number> } }>('resolutionRate', () => resolutionRate(t, { asOf: MON + 5 * DAY }));
    expect(r.excluded.byReason).toEqual({ summary_only: 1 });
  });

  it("tags that are not an array of strings are a MetricsError naming 'tags' (tags: 'spam' is not 'no tags')", () => {
    for (const tags of ['spam', { 0: 'spam', length: 1 }, [5], 'closed_by_merge']) {
      const t = [{ id: 'T-1', createdAt: MON, status: 'solved', resolvedAt: MON + HOUR, agentReplies: 1, customerReplies: 1, reopens: 0, tags }];
      expectMetricsError('firstContactResolution', () => firstContactResolution(t as never), ['invalid_value', 'invalid_record'], 'tags');
    }
  });

  it('a number where a label is expected is not silently "none": priority 1 against a policy for "1", requesterId 123', () => {
    const sla = expectContract('slaCompliance', () =>
      slaCompliance([{ id: 'T-1', createdAt: MON, priority: 1, events: [] } as never], { targets: { '1': { firstReply: HOUR } } }),
    );
    if (sla.kind === 'result') expect((sla.value as { excluded: { byReason: object } }).excluded.byReason).not.toHaveProperty('no_priority');
    else if (sla.kind === 'error') expect(sla.error.field).toBe('priority');
    const t = [1, 2].map((i) => ({ id: `T-${i}`, createdAt: MON + i * HOUR, requesterId: 123, status: 'solved', resolvedAt: MON + 3 * HOUR, agentReplies: 1, customerReplies: 1, reopens: 0 }));
    const fcr = expectContract('firstContactResolution', () => firstContactResolution(t as never, { definition: 'no-repeat-contact', asOf: MON + 30 * DAY }));
    if (fcr.kind === 'result') expect((fcr.value as { excluded: { byReason: object } }).excluded.byReason).not.toHaveProperty('no_requester');
    else if (fcr.kind === 'error') expect(fcr.error.field).toBe('requesterId');
  });

  it('a misspelled key of an SLA target object is rejected, naming the target', () => {
    for (const [target, typo] of [[{ targetMs: HOUR, buisnessHours: false }, 'buisnessHours'], [{ targetMs: HOUR, targetMS: 2 * HOUR }, 'targetMS']] as const) {
      expectUnknownOption('slaCompliance', () => slaCompliance(sampleTickets(), { targets: { urgent: { firstReply: target as never } } }), typo, ['targetMs', 'businessHours'], 'targets.urgent.firstReply');
    }
  });

  it('ticketVolume by channel: a non-string channel is a bad record (invalid_value on channel), excluded under invalid: exclude', () => {
    const t = [...sampleTickets(), { id: 'T-9', createdAt: MON, channel: 5, events: [] }];
    expectMetricsError('ticketVolume', () => ticketVolume(t as never, { interval: 'day', timeZone: 'UTC', by: 'channel' }), 'invalid_value', 'channel');
    const r = expectResult<{ total: number; excluded: { total: number } }>('ticketVolume', () =>
      ticketVolume(t as never, { interval: 'day', timeZone: 'UTC', by: 'channel', invalid: 'exclude' }),
    );
    expect(r.total + r.excluded.total).toBe(4);
  });

  it('a bad quantileMethod is reported on quantileMethod, not on percentiles', () => {
    for (const name of ['firstResponseTime', 'averageResponseTime', 'resolutionTime', 'backlog']) {
      expectMetricsError(name, () => callMetric(name, sampleTickets(), { quantileMethod: 'R8' }), 'invalid_option', 'quantileMethod');
    }
  });

  it('errors of averageResolutionTime name averageResolutionTime, not resolutionTime', () => {
    expectMetricsError('averageResolutionTime', () => averageResolutionTime([{ id: 1, createdAt: 'yesterday', events: [] }] as never), 'invalid_timestamp', 'createdAt');
  });

  it('interactionsPerTicket with a summary count of 10^15 replies: the mean is 10^15 (no histogram of that size)', () => {
    const t = [{ id: 1, createdAt: MON, status: 'solved', resolvedAt: MON + HOUR, agentReplies: 1e15 }];
    const r = expectResult<{ mean: number; median: number; distribution: Record<string, number> }>('interactionsPerTicket', () => interactionsPerTicket(t));
    expect([r.mean, r.median, r.distribution['5+']]).toEqual([1e15, 1e15, 1]);
  });
});

describeHostile('ticket metrics against their documented identities', () => {
  const eventsOnly = validTicketsArb.map((ts) => ts.filter((t) => Array.isArray((t as { events?: unknown }).events)));
  it('backlogSeries: the backlog of each bucket is backlog({ at: end − 1 ms }).count', () => {
    fc.assert(
      fc.property(eventsOnly, fc.constantFrom('day', 'week'), fc.constantFrom('UTC', 'America/Sao_Paulo', 'Australia/Lord_Howe'), (tickets, interval, timeZone) => {
        const s = expectResult<{ buckets: Array<{ end: number; backlog: number }> }>('backlogSeries', () =>
          backlogSeries(tickets as never, { from: MON - 28 * DAY, to: MON - 8 * DAY, interval, timeZone }),
        );
        for (const b of s.buckets) {
          const at = expectResult<{ count: number }>('backlog', () => backlog(tickets as never, { at: b.end - 1 }));
          expect(b.backlog).toBe(at.count);
        }
      }),
      fcParams(25),
    );
  }, PROPERTY_TIMEOUT);
  it('firstResponseTime in business hours: each ticket measures businessDuration(created, first reply)', () => {
    fc.assert(
      fc.property(validTicketsArb, (tickets) => {
        const r = expectResult<{ count: number; totalMs: number | undefined }>('firstResponseTime', () => firstResponseTime(tickets as never, { businessHours: SCHEDULE, invalid: 'exclude' }));
        const plain = expectResult<{ count: number }>('firstResponseTime', () => firstResponseTime(tickets as never, { invalid: 'exclude' }));
        expect(r.count).toBe(plain.count);
        let total = 0;
        for (const t of tickets as Ticket[]) {
          const one = firstResponseTime([t], { invalid: 'exclude' });
          if (one.count === 1) total += businessDuration(t.createdAt, (t.createdAt as number) + (one.totalMs as number), SCHEDULE);
        }
        expect(r.totalMs ?? 0).toBe(total);
      }),
      fcParams(40),
    );
  }, PROPERTY_TIMEOUT);
});

describeHostile('ticket callbacks', () => {
  const boom = new RangeError('boom');
  const thrower = (): never => {
    throw boom;
  };
  const cases: Array<[string, string, () => unknown]> = [
    ['firstResponseTime', 'isQualifyingReply', () => firstResponseTime(sampleTickets(), { isQualifyingReply: thrower })],
    ['averageResponseTime', 'isQualifyingReply', () => averageResponseTime(sampleTickets(), { isQualifyingReply: thrower })],
    ['slaCompliance', 'isQualifyingReply', () => slaCompliance(sampleTickets(), { targets: TARGETS, isQualifyingReply: thrower })],
    ['firstContactResolution', 'eligible', () => firstContactResolution(sampleTickets(), { eligible: thrower, excludeNoCustomerMessage: false })],
    ['ticketVolume', 'by', () => ticketVolume(sampleTickets(), { interval: 'day', timeZone: 'UTC', by: thrower })],
  ];
  it.each(cases)('%s: an error thrown by %s is wrapped as callback_failed naming the option and the record, with the cause', (fn, option, run) => {
    const e = expectMetricsError(fn, run, 'callback_failed', option);
    expect(e.cause).toBe(boom);
    expect(e.recordIndex).toBe(0);
  });
  it('a class given as a callback (calling it throws a TypeError) is wrapped too', () => {
    class NotCallable {}
    expectMetricsError('firstResponseTime', () => firstResponseTime(sampleTickets(), { isQualifyingReply: NotCallable as never }), ['callback_failed', 'invalid_option'], 'isQualifyingReply');
  });
});

describeHostile('data-keyed objects', () => {
  it.each(PROTO_KEYS.map((k) => [k]))('slaCompliance: priority %s is a group of byPriority like any other', (key) => {
    const targets = JSON.parse(`{${JSON.stringify(key)}: {"firstReply": 3600000}}`) as Record<string, { firstReply: number }>;
    const t = [{ id: 'T-1', createdAt: MON, priority: key, events: [{ type: 'message' as const, at: MON, author: 'customer' as const }, { type: 'message' as const, at: MON + 60_000, author: 'agent' as const }] }];
    const r = expectResult<{ count: number; byPriority: Record<string, { overall: { achieved: number } }> }>('slaCompliance', () => slaCompliance(t, { targets }));
    expect(r.count).toBe(1);
    expect(Object.getPrototypeOf(r.byPriority)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(r.byPriority)).toEqual([key]);
    expect(Object.getOwnPropertyDescriptor(r.byPriority, key)?.value?.overall.achieved).toBe(1);
  });
  it.each(PROTO_KEYS.map((k) => [k]))('ticketVolume and firstContactResolution take %s as data (channel, eligible reason, requester)', (key) => {
    const t = [
      { id: 'A', createdAt: MON, channel: key, requesterId: key, status: 'solved', resolvedAt: MON + HOUR, agentReplies: 1, customerReplies: 1, reopens: 0 },
      { id: 'B', createdAt: MON + HOUR, channel: key, requesterId: key, status: 'solved', resolvedAt: MON + 2 * HOUR, agentReplies: 1, customerReplies: 1, reopens: 0 },
    ];
    const v = expectResult<{ totalsByKey: Record<string, number> }>('ticketVolume', () => ticketVolume(t, { interval: 'day', timeZone: 'UTC', by: 'channel' }));
    expect(Object.getOwnPropertyDescriptor(v.totalsByKey, key)?.value).toBe(2);
    const f = expectResult<{ denominator: number; excluded: { byReason: Record<string, number> } }>('firstContactResolution', () =>
      firstContactResolution(t, { eligible: () => key, asOf: MON + 30 * DAY }),
    );
    expect(Object.getOwnPropertyDescriptor(f.excluded.byReason, `ineligible:${key}`)?.value).toBe(2);
  });
});

describeHostile('valid but extreme ticket inputs', () => {
  const summary = (id: string | number, i: number): Ticket => ({ id, createdAt: MON + i, firstRespondedAt: MON + i + 60_000, status: 'open' });

  it('one ticket, and no ticket: every metric answers', () => {
    for (const name of NAMES) {
      expectResult(name, () => callMetric(name, sampleTickets().slice(0, 1)));
      expectResult(name, () => callMetric(name, []));
    }
  });

  it('10,000 tickets whose ids collide in FNV-1a: all counted, the right mean', () => {
    const ids = collidingIds(10_000);
    const r = expectResult<{ count: number; meanMs: number }>('firstResponseTime', () => firstResponseTime(ids.map(summary)));
    expect([r.count, r.meanMs]).toEqual([10_000, 60_000]);
    const v = expectResult<{ total: number }>('ticketVolume', () => ticketVolume(ids.map(summary), { interval: 'day', timeZone: 'UTC' }));
    expect(v.total).toBe(10_000);
  }, PROPERTY_TIMEOUT);

  it('ids that stop increasing (T-99990 … T-100009) and a duplicate among them', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `T-${99_990 + i}`);
    const r = expectResult<{ count: number }>('firstResponseTime', () => firstResponseTime(ids.map(summary)));
    expect(r.count).toBe(20);
    const dup = [...ids, 'T-99999'].map(summary);
    expectMetricsError('firstResponseTime', () => firstResponseTime(dup), 'duplicate_id', 'id');
    const seven = [summary(7, 0), summary('7', 1)];
    expectMetricsError('backlog', () => backlog(seven, { at: MON + DAY }), 'duplicate_id', 'id');
  });

  it('all ids equal: one counted, the rest duplicate_id', () => {
    const t = Array.from({ length: 10_000 }, (_, i) => summary('same', i));
    expectMetricsError('firstResponseTime', () => firstResponseTime(t), 'duplicate_id', 'id');
    const r = expectResult<{ count: number; excluded: { byReason: Record<string, number> } }>('firstResponseTime', () => firstResponseTime(t, { invalid: 'exclude' }));
    expect([r.count, r.excluded.byReason['invalid:duplicate_id']]).toEqual([1, 9_999]);
  }, PROPERTY_TIMEOUT);

  it('1,000 events per ticket, all at one instant: order-independent, every reply at 0 ms', () => {
    const tickets = Array.from({ length: 30 }, (_, i) => ({
      id: `T-${i}`,
      createdAt: MON,
      createdBy: 'customer' as const,
      events: Array.from({ length: 1000 }, (_, k) => (k % 3 === 2 ? { type: 'status' as const, at: MON, status: k % 2 === 0 ? ('solved' as const) : ('open' as const) } : { type: 'message' as const, at: MON, author: k % 3 === 0 ? ('agent' as const) : ('customer' as const) })),
    }));
    const reversed = tickets.map((t) => ({ ...t, events: [...t.events].reverse() }));
    for (const name of NAMES) {
      const a = expectResult(name, () => callMetric(name, tickets));
      const b = expectResult(name, () => callMetric(name, reversed));
      expect(JSON.stringify(b), name).toBe(JSON.stringify(a));
    }
    const frt = expectResult<{ count: number; maxMs: number }>('firstResponseTime', () => firstResponseTime(tickets));
    expect([frt.count, frt.maxMs]).toEqual([30, 0]);
    const art = expectResult<{ cycleCount: number; maxMs: number }>('averageResponseTime', () => averageResponseTime(tickets));
    expect([art.cycleCount, art.maxMs]).toEqual([30, 0]);
  }, PROPERTY_TIMEOUT);
});

describeHostile('ticket metrics under an algorithmic-complexity attack', () => {
  const DEADLINE = 5_000;
  const N = 150_000;
  it.each(['firstResponseTime', 'ticketVolume', 'backlog'])(
    '%s: 150,000 ids chosen to collide in FNV-1a finish within the deadline, all counted',
    async (name) => {
      const v = childResult(name, await runBounded(`${name}/colliding-ids`, N, DEADLINE));
      if (name === 'firstResponseTime') expect(v).toEqual({ count: N, meanMs: 60_000, excluded: 0 });
      else if (name === 'ticketVolume') expect(v).toEqual({ total: N, buckets: 1, excluded: 0 });
      else expect(v).toEqual({ count: N, excluded: 0 });
    },
    boundedTimeout(DEADLINE),
  );

  it('control: the same sizes without the attack (ordinary ids in reverse order, events in order) finish within the deadline today', async () => {
    expect(childResult('frt', await runBounded('firstResponseTime/ordinary-ids-reversed', N, DEADLINE))).toEqual({ count: N, meanMs: 60_000, excluded: 0 });
    expect(childResult('art', await runBounded('averageResponseTime/ordered-events', N, DEADLINE))).toEqual({ count: N / 2 - 1, meanMs: 1000, openCycles: 1 });
  }, boundedTimeout(2 * DEADLINE));

  it('averageResponseTime: one ticket of 150,000 events given newest first finishes within the deadline', async () => {
    const v = childResult('art', await runBounded('averageResponseTime/reversed-events', N, DEADLINE));
    // Customer messages at even seconds k = 2 … N, each answered at k + 1 except the last.
    expect(v).toEqual({ count: N / 2 - 1, meanMs: 1000, openCycles: 1 });
  }, boundedTimeout(DEADLINE));

  it('reopenRate: 150,000 status changes given newest first finish within the deadline', async () => {
    const v = childResult('reopen', await runBounded('reopenRate/reversed-statuses', N, DEADLINE));
    expect(v).toEqual({ numerator: 1, denominator: 1 });
  }, boundedTimeout(DEADLINE));

  it.each(['firstResponseTime', 'ticketVolume'])(
    '%s: a sparse array of length 2^32 − 1 is a MetricsError for its first hole, not a RangeError or a hang',
    async (name) => {
      const o = await runBounded(`${name}/huge-sparse`, null, DEADLINE);
      if (o.ok) throw new Error(`${name}: a result for 2^32 − 2 holes under invalid: 'throw'`);
      expect([o.metrics, o.code], o.message).toEqual([true, 'invalid_record']);
    },
    boundedTimeout(DEADLINE),
  );
});
