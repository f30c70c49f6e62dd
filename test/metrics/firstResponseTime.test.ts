import { describe, expect, expectTypeOf, it } from 'vitest';
import { firstResponseTime, MetricsError, type DurationSummary, type FirstResponseTimeExclusion, type PreparedTickets, type Ticket } from '../../src/index.js';
import { at, deepFreeze, HOUR, MIN, workedExample } from '../support/workedExample.js';

const tickets = deepFreeze(workedExample);

describe('firstResponseTime: the worked example of docs/metrics.md', () => {
  it('default (Zendesk) definition', () => {
    const r = firstResponseTime(tickets);
    expect(r.count).toBe(4);
    expect(r.totalMs).toBe(205 * MIN);
    expect(r.meanMs).toBe(3_075_000);
    expect(r.medianMs).toBe(52.5 * MIN);
    expect(r.percentilesMs).toEqual({ p50: 52.5 * MIN, p90: 81 * MIN, p95: 85.5 * MIN });
    expect(r.minMs).toBe(10 * MIN);
    expect(r.maxMs).toBe(90 * MIN);
    expect(r.quantileMethod).toBe('R7');
    expect(r.excluded).toEqual({ total: 1, byReason: { no_reply: 1 }, ids: { no_reply: ['T-4'] } });
  });

  it('nearest-rank quantiles and custom percentiles', () => {
    const r = firstResponseTime(tickets, { quantileMethod: 'nearest-rank', percentiles: [50, 90, 95, 0, 100] });
    expect(r.percentilesMs).toEqual({ p50: 45 * MIN, p90: 90 * MIN, p95: 90 * MIN, p0: 10 * MIN, p100: 90 * MIN });
    expect(r.medianMs).toBe(45 * MIN);
  });

  it("agentCreated: 'startAtFirstCustomerMessage' measures T-3 from the customer's message", () => {
    const r = firstResponseTime(tickets, { agentCreated: 'startAtFirstCustomerMessage' });
    expect(r.meanMs).toBe(36.25 * MIN);
  });

  it("agentCreated: 'exclude' leaves T-3 out", () => {
    const r = firstResponseTime(tickets, { agentCreated: 'exclude' });
    expect(r.count).toBe(3);
    expect(r.meanMs).toBe(2_300_000);
    expect(r.excluded.byReason).toEqual({ agent_created: 1, no_reply: 1 });
    expect(r.excluded.ids.agent_created).toEqual(['T-3']);
  });

  it("startAt: 'firstCustomerMessage' needs events", () => {
    const r = firstResponseTime(tickets, { startAt: 'firstCustomerMessage' });
    expect(r.count).toBe(3);
    expect(r.totalMs).toBe(85 * MIN);
    expect(r.excluded.byReason).toEqual({ no_reply: 1, summary_only: 1 });
  });

  it('presets set startAt and agentCreated', () => {
    expect(firstResponseTime(tickets, { preset: 'gorgias' }).excluded.byReason).toEqual({
      agent_created: 1,
      no_reply: 1,
      summary_only: 1,
    });
    expect(firstResponseTime(tickets, { preset: 'intercom' }).totalMs).toBe((45 + 10 + 30) * MIN);
    expect(firstResponseTime(tickets, { preset: 'zendesk' }).meanMs).toBe(3_075_000);
    // explicit options win over the preset
    expect(firstResponseTime(tickets, { preset: 'gorgias', agentCreated: 'skipFirstAgentMessage' }).count).toBe(3);
  });

  it('period with attributeTo created is half-open', () => {
    const r = firstResponseTime(tickets, { period: { from: at('09:00'), to: at('10:00') } });
    expect(r.count).toBe(2);
    expect(r.meanMs).toBe(27.5 * MIN);
    expect(r.excluded.byReason).toEqual({ out_of_period: 3 });
  });

  it('attributeTo firstReply and resolved', () => {
    const byReply = firstResponseTime(tickets, { period: { from: at('09:40'), to: at('10:00') }, attributeTo: 'firstReply' });
    expect(byReply.count).toBe(2); // T-2 09:40, T-1 09:45
    expect(byReply.excluded.byReason).toEqual({ no_reply: 1, out_of_period: 2 });
    const byResolved = firstResponseTime(tickets, { period: { from: at('12:00'), to: at('13:00') }, attributeTo: 'resolved' });
    expect(byResolved.count).toBe(2); // T-2 (12:30), T-3 (12:00)
    expect(byResolved.totalMs).toBe(100 * MIN);
  });

  it('isQualifyingReply redefines a reply: internal notes count', () => {
    const r = firstResponseTime(tickets, { isQualifyingReply: (e) => e.author === 'agent' });
    // T-1 now 20 min (the note); T-3's first agent message is a qualifying one, so the next is 11:30.
    expect(r.totalMs).toBe((20 + 10 + 90 + 60) * MIN);
  });

  it('bots count only when the predicate says so', () => {
    const r = firstResponseTime(tickets, { isQualifyingReply: (e) => e.author === 'agent' || e.author === 'bot' });
    expect(r.minMs).toBe(5_000);
  });
});

describe('firstResponseTime: edge cases', () => {
  it('empty input gives undefined statistics, never 0 or NaN', () => {
    const r = firstResponseTime([]);
    expect(r).toEqual({
      count: 0,
      totalMs: undefined,
      meanMs: undefined,
      medianMs: undefined,
      minMs: undefined,
      maxMs: undefined,
      percentilesMs: { p50: undefined, p90: undefined, p95: undefined },
      quantileMethod: 'R7',
      excluded: { total: 0, byReason: {}, ids: {} },
    });
  });

  it('a reply at the creation instant is 0 (not -0)', () => {
    const r = firstResponseTime([
      { id: 1, createdAt: 0, events: [{ type: 'message', at: 0, author: 'agent' }], createdBy: 'customer' },
    ], { allowEarlyTimestamps: true });
    expect(Object.is(r.meanMs, 0)).toBe(true);
    expect(Object.is(r.minMs, 0)).toBe(true);
  });

  it('an agent-created ticket inferred from its first message when createdBy is absent', () => {
    const t: Ticket = {
      id: 'X',
      createdAt: at('09:00'),
      events: [
        { type: 'message', at: at('09:00'), author: 'agent' },
        { type: 'message', at: at('09:05'), author: 'agent' },
      ],
    };
    expect(firstResponseTime([t]).meanMs).toBe(5 * MIN);
    // a customer message at the same instant comes first, so it is customer-created
    const u: Ticket = { ...t, events: [...t.events!, { type: 'message', at: at('09:00'), author: 'customer' }] };
    expect(firstResponseTime([u]).meanMs).toBe(0);
  });

  it('an agent-created ticket opened with an internal note is measured to the first public reply', () => {
    const t: Ticket = {
      id: 'X',
      createdBy: 'agent',
      createdAt: at('09:00'),
      events: [
        { type: 'message', at: at('09:00'), author: 'agent', public: false },
        { type: 'message', at: at('09:30'), author: 'agent' },
      ],
    };
    expect(firstResponseTime([t]).meanMs).toBe(30 * MIN);
  });

  it('FRT spans a solve and reopen before the first reply (Zendesk phone example)', () => {
    const t: Ticket = {
      id: 'P',
      createdAt: at('09:00'),
      channel: 'phone',
      events: [
        { type: 'status', at: at('09:10'), status: 'solved' },
        { type: 'message', at: at('10:00'), author: 'customer' },
        { type: 'status', at: at('10:00'), status: 'open' },
        { type: 'message', at: at('11:00'), author: 'agent' },
      ],
    };
    expect(firstResponseTime([t]).meanMs).toBe(2 * HOUR);
  });

  it('accepts Date, epoch ms and offsets', () => {
    const r = firstResponseTime([
      { id: 'a', createdAt: new Date('2026-03-02T09:00:00Z'), firstRespondedAt: '2026-03-02T10:30+01:00' },
      { id: 'b', createdAt: Date.UTC(2026, 2, 2, 9), firstRespondedAt: '2026-03-02T09:45:00.000Z' },
    ]);
    expect(r.totalMs).toBe(75 * MIN);
  });

  it('offset-less strings need timeZone, then are local time there', () => {
    const t: Ticket = { id: 'z', createdAt: '2026-03-02T09:00:00', firstRespondedAt: '2026-03-02T09:30' };
    expect(() => firstResponseTime([t])).toThrowError(/no UTC offset/);
    expect(firstResponseTime([t], { timeZone: 'Europe/Paris' }).meanMs).toBe(30 * MIN);
    // across the spring-forward gap in New York (02:00 → 03:00 on 2026-03-08)
    const u: Ticket = { id: 'u', createdAt: '2026-03-08T01:30:00', firstRespondedAt: '2026-03-08T03:30:00' };
    expect(firstResponseTime([u], { timeZone: 'America/New_York' }).meanMs).toBe(HOUR);
  });

  it('summary form: no firstRespondedAt means no reply', () => {
    const r = firstResponseTime([{ id: 's', createdAt: at('09:00'), firstRespondedAt: null }]);
    expect(r.excluded.byReason).toEqual({ no_reply: 1 });
  });
});

describe('firstResponseTime: bad input', () => {
  const bad = (ticket: unknown): MetricsError => {
    try {
      firstResponseTime([ticket as Ticket], { allowEarlyTimestamps: true }); // small epoch numbers: declared early data
    } catch (e) {
      expect(e).toBeInstanceOf(MetricsError);
      return e as MetricsError;
    }
    throw new Error('expected a MetricsError');
  };

  it('a reply before creation names the ticket, the field and the rule', () => {
    const e = bad({ id: 'T-881', createdAt: at('10:00'), events: [{ type: 'message', at: at('09:00'), author: 'agent' }] });
    expect(e.code).toBe('event_before_creation');
    expect(e.recordId).toBe('T-881');
    expect(e.recordIndex).toBe(0);
    expect(e.field).toBe('events[0].at');
    expect(e.message).toBe(
      'firstResponseTime: tickets[0] (id "T-881"): events[0].at: reply at 2026-03-02T09:00:00.000Z precedes createdAt 2026-03-02T10:00:00.000Z [event_before_creation]',
    );
  });

  it.each([
    [{ id: 'a', createdAt: 'not a date', events: [] }, 'invalid_timestamp', 'createdAt'],
    [{ id: 'a', createdAt: NaN, events: [] }, 'invalid_timestamp', 'createdAt'],
    [{ id: 'a', createdAt: Infinity, events: [] }, 'invalid_timestamp', 'createdAt'],
    [{ id: 'a', createdAt: 1.5, events: [] }, 'invalid_timestamp', 'createdAt'],
    [{ id: 'a', createdAt: '1969-12-31T23:59:59Z', events: [] }, 'invalid_timestamp', 'createdAt'],
    [{ id: 'a', createdAt: '2201-01-01T00:00:00Z', events: [] }, 'invalid_timestamp', 'createdAt'],
    [{ id: 'a', createdAt: '2026-02-30T00:00:00Z', events: [] }, 'invalid_timestamp', 'createdAt'],
    [{ id: 'a', createdAt: new Date('x'), events: [] }, 'invalid_timestamp', 'createdAt'],
    [{ id: 'a', events: [] }, 'missing_field', 'createdAt'],
    [{ createdAt: 0, events: [] }, 'missing_field', 'id'],
    [{ id: {}, createdAt: 0, events: [] }, 'invalid_value', 'id'],
    [{ id: 'a', createdAt: 0, events: [{ type: 'message', author: 'agent' }] }, 'missing_field', 'events[0].at'],
    [{ id: 'a', createdAt: 0, events: [null] }, 'invalid_record', 'events[0]'],
    [{ id: 'a', createdAt: 0, events: [{ type: 'note', at: 0 }] }, 'invalid_value', 'events[0].type'],
    [{ id: 'a', createdAt: 0, events: [{ type: 'message', at: 0, author: 'robot' }] }, 'invalid_value', 'events[0].author'],
    [{ id: 'a', createdAt: 0, events: [{ type: 'message', at: 0, author: 'agent', public: 'yes' }] }, 'invalid_value', 'events[0].public'],
    [{ id: 'a', createdAt: 0, events: [{ type: 'status', at: 0, status: 'waiting' }] }, 'unknown_status', 'events[0].status'],
    [{ id: 'a', createdAt: 0, events: [], firstRespondedAt: 5 }, 'conflicting_fields', 'firstRespondedAt'],
    [{ id: 'a', createdAt: 0, events: 'x' }, 'invalid_value', 'events'],
    [{ id: 'a', createdAt: 10, firstRespondedAt: 5 }, 'event_before_creation', 'firstRespondedAt'],
    [{ id: 'a', createdAt: 0, agentReplies: -1 }, 'invalid_value', 'agentReplies'],
    [{ id: 'a', createdAt: 0, status: 'solved' }, 'missing_field', 'resolvedAt'],
    [{ id: 'a', createdAt: 0, firstResolvedAt: 10, resolvedAt: 5 }, 'inconsistent', 'resolvedAt'],
    [{ id: 'a', createdAt: 0, createdBy: 'robot', events: [] }, 'invalid_value', 'createdBy'],
  ])('%j → %s on %s', (ticket, code, field) => {
    const e = bad(ticket);
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
    expect(e.functionName).toBe('firstResponseTime');
  });

  it('null entries, holes and duplicate ids', () => {
    expect(() => firstResponseTime([null] as unknown as Ticket[])).toThrowError(MetricsError);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => firstResponseTime([, { id: 1, createdAt: 0, events: [] }] as unknown as Ticket[], { allowEarlyTimestamps: true })).toThrowError(/tickets\[0\]/);
    const dup = [
      { id: 'd', createdAt: 0, events: [] },
      { id: 'd', createdAt: 0, events: [] },
    ];
    expect(() => firstResponseTime(dup, { allowEarlyTimestamps: true })).toThrowError(/tickets\[1\] \(id "d"\): id: id "d" appears more than once \[duplicate_id\]/);
    // a duplicate far behind, after ids stopped arriving in order
    const many = ['a', 'b', 'c', 'e', 'd', 'f', 'b'].map((id) => ({ id, createdAt: 0, events: [] }));
    expect(() => firstResponseTime(many, { allowEarlyTimestamps: true })).toThrowError(/tickets\[6\] \(id "b"\).*duplicate_id/);
    expect(firstResponseTime(many.slice(0, 6), { allowEarlyTimestamps: true }).count).toBe(0);
    // a number id and the same string id collide
    expect(() => firstResponseTime([{ id: 7, createdAt: 0, events: [] }, { id: '7', createdAt: 0, events: [] }], { allowEarlyTimestamps: true })).toThrowError(/duplicate_id/);
  });

  it("invalid: 'exclude' lists bad tickets as invalid:<code> and keeps the rest", () => {
    const input = [
      null,
      undefined,
      { id: 'ok', createdAt: at('09:00'), firstRespondedAt: at('09:10') },
      { id: 'ok', createdAt: at('09:00'), firstRespondedAt: at('09:10') },
      { id: 'late', createdAt: at('09:00'), firstRespondedAt: at('08:00') },
      { id: 'tz', createdAt: '2026-03-02T09:00', events: [] },
    ] as unknown as Ticket[];
    const r = firstResponseTime(input, { invalid: 'exclude' });
    expect(r.count).toBe(1);
    expect(r.meanMs).toBe(10 * MIN);
    expect(r.excluded.byReason).toEqual({
      'invalid:invalid_record': 2,
      'invalid:duplicate_id': 1,
      'invalid:event_before_creation': 1,
      'invalid:missing_offset': 1,
    });
    expect(r.excluded.ids['invalid:invalid_record']).toEqual(['#0', '#1']);
    expect(r.count + r.excluded.total).toBe(input.length);
  });

  it.each([
    [{ percentiles: [101] }, 'percentiles[0]'],
    [{ percentiles: [Number.NaN] }, 'percentiles[0]'],
    [{ quantileMethod: 'R6' }, 'quantileMethod'], // was reported on 'percentiles', the wrong field
    [{ startAt: 'assigned' }, 'startAt'],
    [{ agentCreated: 'skip' }, 'agentCreated'],
    [{ preset: 'zoho' }, 'preset'],
    [{ invalid: 'ignore' }, 'invalid'],
    [{ period: { from: at('10:00'), to: at('09:00') } }, 'period'],
    [{ period: { from: 'x', to: at('09:00') } }, 'period.from'],
    [{ attributeTo: 'updated' }, 'attributeTo'],
    [{ statusMap: { waiting: 'paused' } }, 'statusMap.waiting'],
    [{ isQualifyingReply: true }, 'isQualifyingReply'],
  ])('option %j is rejected on %s', (options, field) => {
    try {
      firstResponseTime([], options as never);
      throw new Error('expected a MetricsError');
    } catch (e) {
      expect(e).toBeInstanceOf(MetricsError);
      expect((e as MetricsError).code).toBe('invalid_option');
      expect((e as MetricsError).field).toBe(field);
    }
  });

  it('an unknown time zone and a non-array input', () => {
    expect(() => firstResponseTime([], { timeZone: 'Mars/Olympus' })).toThrowError(/unknown_time_zone/);
    expect(() => firstResponseTime(null as unknown as Ticket[])).toThrowError(/tickets must be an array/);
  });

  it('statusMap maps custom statuses', () => {
    const t: Ticket = { id: 1, createdAt: 0, events: [{ type: 'status', at: 5, status: 'resolved' }] };
    expect(() => firstResponseTime([t], { allowEarlyTimestamps: true })).toThrowError(/unknown_status/);
    expect(firstResponseTime([t], { statusMap: { resolved: 'solved' }, allowEarlyTimestamps: true }).excluded.byReason).toEqual({ no_reply: 1 });
  });
});

describe('firstResponseTime: types', () => {
  it('has the public signature', () => {
    expectTypeOf(firstResponseTime).parameter(0).toEqualTypeOf<readonly Ticket[] | PreparedTickets>();
    expectTypeOf(firstResponseTime).returns.toEqualTypeOf<DurationSummary<FirstResponseTimeExclusion>>();
    expectTypeOf<DurationSummary['meanMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FirstResponseTimeExclusion>().toExtend<string>();
  });
});
