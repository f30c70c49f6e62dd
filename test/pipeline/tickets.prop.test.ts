/**
 * The pipeline's two promises for every ticket metric, over random tickets and options:
 * - a prepared set gives the same result as the array;
 * - with `by`, each group equals the metric run on that group's records alone, and (single-valued keys) the
 *   groups' counts, numerators, denominators and exclusions add up to the whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import type { Ticket } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';
import { DAY, HOUR, pipelineTicketsArb, T0 } from '../support/pipelineArb.js';

type Run = (input: readonly Ticket[] | lib.PreparedTickets, extra: Record<string, unknown>) => unknown;

/** Each ticket metric with options drawn from its definition space (no read options: those go to prepare). */
const metricArb: fc.Arbitrary<{ name: string; run: Run }> = fc.oneof(
  fc.record({ startAt: fc.constantFrom('created', 'firstCustomerMessage'), agentCreated: fc.constantFrom('exclude', 'skipFirstAgentMessage', 'startAtFirstCustomerMessage'), period: fc.option(fc.constant({ from: T0 + 2 * DAY, to: T0 + 20 * DAY }), { nil: undefined }), attributeTo: fc.constantFrom('created', 'firstReply', 'resolved') }).map((o) => ({ name: 'firstResponseTime', run: ((t, x) => lib.firstResponseTime(t, { ...(clean(o) as object), ...x })) as Run })),
  fc.record({ per: fc.constantFrom('reply', 'ticket') }).map((o) => ({ name: 'averageResponseTime', run: ((t, x) => lib.averageResponseTime(t, { ...o, ...x })) as Run })),
  fc.record({ resolution: fc.constantFrom('first', 'full'), pauseStatuses: fc.constantFrom([], ['pending'], ['pending', 'on_hold']) }).map((o) => ({ name: 'resolutionTime', run: ((t, x) => lib.resolutionTime(t, { ...(o as object), ...x })) as Run })),
  fc.record({ definition: fc.constantFrom('one-touch', 'no-customer-follow-up'), excludeUnresolved: fc.boolean(), countSilentSolves: fc.boolean() }).map((o) => ({ name: 'firstContactResolution', run: ((t, x) => lib.firstContactResolution(t, { ...(o as object), ...x })) as Run })),
  fc.record({ at: fc.option(fc.integer({ min: 0, max: 30 }).map((d) => T0 + d * DAY), { nil: undefined }), within: fc.option(fc.constant(2 * DAY), { nil: undefined }) }).map((o) => ({ name: 'resolutionRate', run: ((t, x) => lib.resolutionRate(t, { ...(clean(o) as object), ...x })) as Run })),
  fc.record({ at: fc.option(fc.integer({ min: 0, max: 30 }).map((d) => T0 + d * DAY), { nil: undefined }), attributeTo: fc.constantFrom('resolved', 'created') }).map((o) => ({ name: 'reopenRate', run: ((t, x) => lib.reopenRate(t, { ...(clean(o) as object), ...x })) as Run })),
  fc.integer({ min: 0, max: 40 }).map((d) => ({ name: 'backlog', run: ((t, x) => lib.backlog(t, { at: T0 + d * DAY, ...x })) as Run })),
  fc.constantFrom('hour', 'day', 'week').map((interval) => ({ name: 'backlogSeries', run: ((t, x) => lib.backlogSeries(t, { period: { from: T0 + DAY, to: T0 + 15 * DAY }, interval: interval as 'day', timeZone: 'Europe/Paris', ...x })) as Run })),
  fc.record({ count: fc.constantFrom('agent', 'customer', 'all'), tickets: fc.constantFrom('resolved', 'all') }).map((o) => ({ name: 'interactionsPerTicket', run: ((t, x) => lib.interactionsPerTicket(t, { ...(o as object), ...x })) as Run })),
  fc.constantFrom('day', 'week').map((interval) => ({ name: 'ticketVolume', run: ((t, x) => lib.ticketVolume(t, { interval: interval as 'day', timeZone: 'UTC', period: { from: T0, to: T0 + 40 * DAY }, ...x })) as Run })),
  fc.constant({ name: 'slaCompliance', run: ((t, x) => lib.slaCompliance(t, { targets: { high: { firstReply: 4 * HOUR, resolution: 48 * HOUR }, low: { nextReply: 8 * HOUR } }, defaultPriority: 'low', at: T0 + 20 * DAY, ...x })) as Run }),
  fc.constant({ name: 'slaCompliance (wait, work, update targets)', run: ((t, x) => lib.slaCompliance(t, { targets: { high: { requesterWait: 12 * HOUR, periodicUpdate: 8 * HOUR }, low: { agentWork: 6 * HOUR, pausableUpdate: { targetMs: 4 * HOUR, pauseStatuses: ['pending', 'on_hold'] } } }, defaultPriority: 'low', at: T0 + 20 * DAY, ...x })) as Run }),
  // The vendor metrics of issue 15.
  fc.record({ definition: fc.constantFrom('requesterWait', 'agentWait', 'onHold', 'agentWork', undefined), statuses: fc.constantFrom(['pending'], ['new', 'solved']), includeReopenedSolves: fc.option(fc.boolean(), { nil: undefined }), vendor: fc.boolean(), at: fc.option(fc.integer({ min: 0, max: 30 }).map((d) => T0 + d * DAY), { nil: undefined }), includeUnresolved: fc.boolean() }).map((o) => ({
    name: 'timeInStatus',
    run: ((t, x) => lib.timeInStatus(t, { ...(o.definition === undefined ? { statuses: o.statuses as never } : { definition: o.definition }), ...clean({ includeReopenedSolves: o.includeReopenedSolves, at: o.at }), ...(o.vendor ? { businessHours: 'vendor' as const } : {}), ...(o.at !== undefined && o.includeUnresolved ? { includeUnresolved: true } : {}), ...x } as never)) as Run,
  })),
  fc.record({ measure: fc.constantFrom('toFirstAssignment', 'firstAssignmentToResolution', 'lastAssignmentToResolution', 'unassigned'), of: fc.constantFrom('assignee', 'group') }).map((o) => ({ name: 'assignmentTime', run: ((t, x) => lib.assignmentTime(t, { ...(o as object), ...x })) as Run })),
  fc.record({ of: fc.constantFrom('assignee', 'group'), count: fc.constantFrom('changes', 'distinct'), tickets: fc.constantFrom('all', 'resolved') }).map((o) => ({ name: 'assignmentStations', run: ((t, x) => lib.assignmentStations(t, { ...(o as object), ...x })) as Run })),
  fc.record({ of: fc.constantFrom('assignee', 'group'), count: fc.constantFrom('changes', 'distinct') }).map((o) => ({ name: 'reassignmentRate', run: ((t, x) => lib.reassignmentRate(t, { ...(o as object), ...x })) as Run })),
  fc.constantFrom({}, { period: { from: T0 + 2 * DAY, to: T0 + 20 * DAY } }).map((o) => ({ name: 'agentActivity', run: ((t, x) => lib.agentActivity(t, { ...o, ...x })) as Run })),
  fc.record({ denominator: fc.constantFrom('bot-involved', 'all'), excludeUnresolved: fc.boolean() }).map((o) => ({ name: 'botResolutionRate', run: ((t, x) => lib.botResolutionRate(t, { ...(o as object), ...x })) as Run })),
  fc.record({ definition: fc.constantFrom('two-touch', 'one-touch'), botResolved: fc.constantFrom('silent-solve', 'success', 'exclude') }).map((o) => ({ name: 'firstContactResolution (touches, bots)', run: ((t, x) => lib.firstContactResolution(t, { ...(o as object), ...x })) as Run })),
);

function clean<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A result without its `groups` (what a group holds besides its key), with the positional labels of records
 * without an id (`#<index>`: an index in the whole input, not in the group's records) reduced to `#`.
 */
function body(r: unknown): unknown {
  const { groups: _g, ...rest } = r as { groups?: unknown };
  return JSON.parse(JSON.stringify(rest).replace(/"#\d+"/g, '"#"'));
}

/** The value of a field key as the breakdown defines it (absent, null or '' → null). */
function fieldKey(t: unknown, field: string): unknown {
  if (t === null || typeof t !== 'object') return null;
  const v = (t as Record<string, unknown>)[field];
  return v === undefined || v === null || v === '' ? null : v;
}

const exclude = { invalid: 'exclude' } as const;

describe('pipeline: a prepared set gives the same result as the array', () => {
  it('for every ticket metric and random options', () => {
    fc.assert(
      fc.property(pipelineTicketsArb, metricArb, (tickets, m) => {
        const raw = m.run(tickets, exclude);
        const prepared = m.run(lib.prepareTickets(tickets, exclude), {});
        expect(prepared).toEqual(raw);
      }),
      fcParams(150),
    );
  }, 60_000);

  it('with a breakdown too', () => {
    fc.assert(
      fc.property(pipelineTicketsArb, metricArb, fc.constantFrom<unknown>('channel', 'tags', ['channel', 'priority'], { interval: 'week', timeZone: 'UTC' }, 'firstResponder', 'assignee'), (tickets, m, by) => {
        expect(m.run(lib.prepareTickets(tickets, exclude), { by })).toEqual(m.run(tickets, { ...exclude, by }));
      }),
      fcParams(100),
    );
  }, 60_000);

  it("under invalid: 'throw' the same tickets throw the same error", () => {
    fc.assert(
      fc.property(pipelineTicketsArb, metricArb, (tickets, m) => {
        let rawError: unknown;
        let raw: unknown;
        try {
          raw = m.run(tickets, {});
        } catch (e) {
          rawError = e;
        }
        let prepared: lib.PreparedTickets | undefined;
        try {
          prepared = lib.prepareTickets(tickets);
        } catch (e) {
          // An invalid identity throws at preparation: the metric on the array threw too (every metric reads
          // identities), with the same rule, the same record and the same field.
          expect(rawError).toBeInstanceOf(lib.MetricsError);
          expect(e).toMatchObject({ code: (rawError as lib.MetricsError).code, recordIndex: (rawError as lib.MetricsError).recordIndex, field: (rawError as lib.MetricsError).field });
          return;
        }
        if (rawError !== undefined) {
          expect(() => m.run(prepared as lib.PreparedTickets, {})).toThrowError((rawError as Error).message);
        } else {
          expect(m.run(prepared as lib.PreparedTickets, {})).toEqual(raw);
        }
      }),
      fcParams(150),
    );
  }, 60_000);
});

describe('pipeline: each group equals the metric on its records alone', () => {
  it("single-valued field keys ('channel', 'priority'), and the groups add up to the whole", () => {
    fc.assert(
      fc.property(pipelineTicketsArb, metricArb, fc.constantFrom('channel', 'priority'), (tickets, m, field) => {
        const r = m.run(tickets, { ...exclude, by: field }) as { groups: { key: Record<string, unknown> }[] };
        const keys = new Set(tickets.map((t) => fieldKey(t, field)));
        expect(r.groups.map((g) => g.key[field])).toEqual(expect.arrayContaining([...keys]));
        expect(r.groups).toHaveLength(keys.size);
        let total = 0;
        for (const g of r.groups) {
          const alone = m.run(tickets.filter((t) => fieldKey(t, field) === g.key[field]), exclude);
          expect(body(g)).toEqual(body({ ...(alone as object), key: g.key }));
          total += (g as unknown as { excluded: { total: number } }).excluded.total;
        }
        expect(total).toBe((r as unknown as { excluded: { total: number } }).excluded.total);
        for (const f of ['count', 'numerator', 'denominator', 'total']) {
          const whole = (r as unknown as Record<string, unknown>)[f];
          if (typeof whole !== 'number') continue;
          expect(r.groups.reduce((a, g) => a + ((g as unknown as Record<string, number>)[f] as number), 0)).toBe(whole);
        }
      }),
      fcParams(150),
    );
  }, 60_000);

  it("a multi-valued key ('tags'): a ticket counts once in each of its groups; no tags → the null group", () => {
    fc.assert(
      fc.property(pipelineTicketsArb, metricArb, (tickets, m) => {
        const r = m.run(tickets, { ...exclude, by: 'tags' }) as { groups: { key: { tags: unknown } }[] };
        for (const g of r.groups) {
          const mine = tickets.filter((t) => {
            const tags = t !== null && typeof t === 'object' && Array.isArray(t.tags) ? t.tags : [];
            return g.key.tags === null ? tags.length === 0 : tags.includes(g.key.tags as string);
          });
          expect(body(g)).toEqual(body({ ...(m.run(mine, exclude) as object), key: g.key }));
        }
      }),
      fcParams(100),
    );
  }, 60_000);

  it('a cross-tabulation, a key function, a custom field and a time bucket', () => {
    const dayOf = (t: unknown): unknown => (t !== null && typeof t === 'object' && typeof (t as Ticket).createdAt === 'number' ? new Date((t as Ticket).createdAt as number).toISOString().slice(0, 10) : null);
    const plan = (t: unknown): unknown => {
      const f = t !== null && typeof t === 'object' ? (t as Ticket).fields : undefined;
      return f?.plan ?? null;
    };
    const dims: { by: unknown; pick: (t: unknown, key: Record<string, unknown>) => boolean }[] = [
      { by: ['channel', 'priority'], pick: (t, k) => fieldKey(t, 'channel') === k.channel && fieldKey(t, 'priority') === k.priority },
      { by: (t: Ticket) => (typeof t.id === 'number' ? 'numeric' : 'text'), pick: (t, k) => (t !== null && typeof t === 'object' ? (typeof (t as Ticket).id === 'number' ? 'numeric' : 'text') : null) === k.key },
      { by: 'fields.plan', pick: (t, k) => plan(t) === k['fields.plan'] },
      { by: { interval: 'day', timeZone: 'UTC', name: 'day' }, pick: (t, k) => dayOf(t) === k.day },
    ];
    fc.assert(
      fc.property(pipelineTicketsArb, metricArb, fc.constantFrom(...dims), (tickets, m, d) => {
        const r = m.run(tickets, { ...exclude, by: d.by }) as { groups: { key: Record<string, unknown> }[] };
        for (const g of r.groups) {
          expect(body(g)).toEqual(body({ ...(m.run(tickets.filter((t) => d.pick(t, g.key)), exclude) as object), key: g.key }));
        }
      }),
      fcParams(100),
    );
  }, 60_000);

  it('groups are in the documented order and their keys carry no prototype', () => {
    fc.assert(
      fc.property(pipelineTicketsArb, (tickets) => {
        const r = lib.firstResponseTime(tickets, { ...exclude, by: 'channel' });
        const keys = (r.groups ?? []).map((g) => g.key.channel ?? null);
        const strings = keys.filter((k): k is string => k !== null);
        expect(strings).toEqual([...strings].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        if (keys.includes(null)) expect(keys[keys.length - 1]).toBeNull();
        for (const g of r.groups ?? []) expect(Object.getPrototypeOf(g.key)).toBe(Object.prototype);
      }),
      fcParams(100),
    );
  }, 60_000);
});
