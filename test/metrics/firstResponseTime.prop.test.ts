import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstResponseTime, type DurationSummary, type Ticket } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { permute, referenceFirstReply, referenceR7, referenceResolution, ticketsArb } from '../support/ticketArb.js';
import { deepFreeze } from '../support/workedExample.js';

/** The result with each reason's id list sorted, so that ticket order does not matter. */
function canonical<R extends string>(r: DurationSummary<R>): unknown {
  const ids: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(r.excluded.ids)) ids[k] = [...(v as string[])].sort();
  return { ...r, excluded: { ...r.excluded, ids } };
}

/** Summary-field form of an events ticket, computed by the slow references in the test. */
function toSummary(t: Ticket): Ticket {
  const reply = referenceFirstReply(t);
  const res = referenceResolution(t);
  return {
    id: t.id,
    createdAt: t.createdAt,
    ...(t.createdBy === undefined ? {} : { createdBy: t.createdBy }),
    firstRespondedAt: Number.isNaN(reply) ? null : reply,
    firstResolvedAt: Number.isNaN(res.first) ? null : res.first,
    resolvedAt: Number.isNaN(res.last) ? null : res.last,
    ...(Number.isNaN(res.first) ? {} : { status: res.resolvedNow ? 'solved' : 'open' }),
  };
}

describe('firstResponseTime properties', () => {
  it('does not depend on ticket order or event order', () => {
    fc.assert(
      fc.property(ticketsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (tickets, keys) => {
        const shuffled = permute(tickets, keys).map((t) => ({ ...t, events: permute(t.events ?? [], keys.slice().reverse()) }));
        expect(canonical(firstResponseTime(shuffled))).toEqual(canonical(firstResponseTime(tickets)));
      }),
      fcParams(150),
    );
  });

  it('count + excluded.total = input length, and every ticket is accounted for once', () => {
    fc.assert(
      fc.property(ticketsArb, fc.constantFrom('skipFirstAgentMessage', 'exclude', 'startAtFirstCustomerMessage' as const), (tickets, agentCreated) => {
        const r = firstResponseTime(tickets, { agentCreated });
        expect(r.count + r.excluded.total).toBe(tickets.length);
        const ids = Object.values(r.excluded.ids).flat();
        expect(new Set(ids).size).toBe(ids.length);
      }),
      fcParams(150),
    );
  });

  it('statistics are ordered and the mean lies within [min, max]; durations are ≥ 0', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const r = firstResponseTime(tickets, { percentiles: [10, 50, 90, 99] });
        if (r.count === 0) {
          expect(r.meanMs).toBeUndefined();
          return;
        }
        const p = r.percentilesMs;
        expect(r.minMs!).toBeGreaterThanOrEqual(0);
        expect(r.minMs!).toBeLessThanOrEqual(p.p10!);
        expect(p.p10!).toBeLessThanOrEqual(p.p50!);
        expect(p.p50!).toBeLessThanOrEqual(p.p90!);
        expect(p.p90!).toBeLessThanOrEqual(p.p99!);
        expect(p.p99!).toBeLessThanOrEqual(r.maxMs!);
        expect(r.meanMs!).toBeGreaterThanOrEqual(r.minMs!);
        expect(r.meanMs!).toBeLessThanOrEqual(r.maxMs!);
      }),
      fcParams(150),
    );
  });

  it('agrees with a slow reference, and R7 quantiles equal a plain implementation', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const expected = tickets.map((t) => referenceFirstReply(t) - (t.createdAt as number)).filter((d) => !Number.isNaN(d));
        const r = firstResponseTime(tickets, { percentiles: [25, 50, 90] });
        expect(r.count).toBe(expected.length);
        if (expected.length === 0) return;
        expect(r.totalMs).toBe(expected.reduce((a, b) => a + b, 0));
        for (const p of [25, 50, 90]) {
          expect(r.percentilesMs[`p${p}`]).toBeCloseTo(referenceR7(expected, p / 100), 3);
        }
      }),
      fcParams(150),
    );
  });

  it('the summary-field form gives the same result as the events form', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const summaries = tickets.map(toSummary);
        expect(firstResponseTime(summaries)).toEqual(firstResponseTime(tickets));
      }),
      fcParams(150),
    );
  });

  it('never mutates its input (deep-frozen) and never yields NaN', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const before = JSON.stringify(tickets);
        const r = firstResponseTime(deepFreeze(tickets));
        expect(JSON.stringify(tickets)).toBe(before);
        for (const v of [r.meanMs, r.medianMs, r.totalMs, r.minMs, r.maxMs, ...Object.values(r.percentilesMs)]) {
          expect(Number.isNaN(v)).toBe(false);
          expect(Object.is(v, -0)).toBe(false);
        }
      }),
      fcParams(100),
    );
  });

  it("invalid: 'exclude' never throws on garbage and accounts for every entry", () => {
    const garbage = fc.array(
      fc.oneof(
        fc.constant(null),
        fc.constant(undefined),
        fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), createdAt: fc.oneof(fc.integer(), fc.string(), fc.double()), events: fc.oneof(fc.constant(undefined), fc.array(fc.anything(), { maxLength: 3 })) }, { requiredKeys: [] }),
        fc.anything(),
      ),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(garbage, (input) => {
        const r = firstResponseTime(input as Ticket[], { invalid: 'exclude' });
        expect(r.count + r.excluded.total).toBe(input.length);
      }),
      fcParams(200),
    );
  });
});
