/**
 * Issue 11 (queueing): non-finite and −0 outputs, unknown option keys, a bigint crashing the message.
 * Each example failed before the fix; the property holds every output to the same rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/queueing/erlangC/index.js';
import { requiredAgents } from '../../src/queueing/requiredAgents/index.js';
import { MetricsError } from '../../src/results/errors.js';
import { dirtyNumbers, expectClean, metricsErrorOf } from '../support/clean.js';
import { fcParams } from '../support/fc.js';

const EXAMPLE = { arrivalsPerInterval: 100, intervalMs: 1_800_000, averageHandleTimeMs: 180_000, targetAnswerMs: 20_000 } as const;

describe('erlangC and requiredAgents: finite, never −0', () => {
  it('no traffic given as −0 gives 0, not −0, in every field', () => {
    const r = erlangC({ ...EXAMPLE, arrivalsPerInterval: -0, agents: 5, targetAnswerMs: -0 });
    expect(Object.is(r.trafficErlangs, 0)).toBe(true);
    expect(Object.is(r.probabilityOfWaiting, 0)).toBe(true);
    expect(Object.is(r.averageSpeedOfAnswerMs, 0)).toBe(true);
    expectClean(r);
    expect(Object.is(requiredAgents({ ...EXAMPLE, targetServiceLevel: 0.8, shrinkage: -0 }).shrinkage, 0)).toBe(true);
  });

  it('the traffic is one exact division: no underflow to 0, no overflow to Infinity in the message', () => {
    const tiny = erlangC({ arrivalsPerInterval: 1e-200, averageHandleTimeMs: 1e-200, intervalMs: 1e-300, agents: 1, targetAnswerMs: 0 });
    expect(tiny.trafficErlangs).toBe(1e-100);
    const e = metricsErrorOf(() => erlangC({ ...EXAMPLE, arrivalsPerInterval: 1e308, averageHandleTimeMs: 1e10, intervalMs: 1, agents: 5 }));
    expect([e.code, e.field]).toEqual(['invalid_option', 'arrivalsPerInterval']);
    expect(e.message).toContain('(1e+318 Erlangs)');
    expect(e.message).not.toContain('Infinity');
  });

  it('an average speed of answer that overflowed a double: times are capped at 2^53 − 1 ms', () => {
    // A = 1.9999999999999998 Erlangs on 2 agents: N − A = 2.2e-16, so ASA = C·AHT / (N − A) was Infinity for AHT 1e300.
    const below2 = 1.9999999999999998;
    const e = metricsErrorOf(() => erlangC({ arrivalsPerInterval: below2, intervalMs: 1e300, averageHandleTimeMs: 1e300, agents: 2, targetAnswerMs: 1 }));
    expect([e.code, e.field]).toEqual(['invalid_option', 'intervalMs']); // the first of the two times above the cap
    const max = Number.MAX_SAFE_INTEGER;
    const edge = erlangC({ arrivalsPerInterval: below2, intervalMs: max, averageHandleTimeMs: max, agents: 2, targetAnswerMs: max });
    expect(edge.stable).toBe(true);
    expect(edge.averageSpeedOfAnswerMs).toBeGreaterThan(1e31);
    expectClean(edge);
  });

  it('unknown option keys are errors naming the nearest known key', () => {
    const a = metricsErrorOf(() => erlangC({ ...EXAMPLE, agent: 14 } as never));
    expect([a.code, a.field]).toEqual(['invalid_option', 'agent']);
    expect(a.message).toContain('did you mean "agents"?');
    const b = metricsErrorOf(() => requiredAgents({ ...EXAMPLE, targetServiceLevel: 0.8, shrinkge: 0.3 } as never));
    expect([b.code, b.field]).toEqual(['invalid_option', 'shrinkge']);
    expect(b.message).toContain('did you mean "shrinkage"?');
  });

  it('messages print values as they are (a bigint crashed JSON.stringify)', () => {
    expect(metricsErrorOf(() => erlangC({ ...EXAMPLE, agents: 5n } as never)).message).toContain('got 5n');
    expect(metricsErrorOf(() => erlangC({ ...EXAMPLE, agents: 5, intervalMs: {} } as never)).message).toContain('got an object');
    expect(metricsErrorOf(() => requiredAgents({ ...EXAMPLE, targetServiceLevel: NaN })).message).toContain('got NaN');
  });

  it('property: hostile inputs give a MetricsError or a result whose every number is finite and not −0', () => {
    const edge = fc.oneof(
      fc.double(),
      fc.constantFrom(-0, 0, 5e-324, 1e-300, 1, 1.9999999999999998, 2, 14, 1e6, 1e6 + 1, 2 ** 53 - 1, 2 ** 53, 1e300, NaN, Infinity),
      fc.double({ min: 0, max: 2e6, noNaN: true }),
    );
    const keys = ['arrivalsPerInterval', 'intervalMs', 'averageHandleTimeMs', 'agents', 'targetAnswerMs'] as const;
    const extra = ['targetServiceLevel', 'maxOccupancy', 'shrinkage', 'targetAverageSpeedOfAnswerMs'] as const;
    let results = 0;
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof({ weight: 3, arbitrary: fc.constant(EXAMPLE[k as keyof typeof EXAMPLE] ?? 14) }, { weight: 1, arbitrary: edge })]))),
        fc.record(Object.fromEntries(extra.map((k) => [k, fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 1, noNaN: true }), edge)]))),
        (base, targets) => {
          for (const run of [() => erlangC(base as never), () => requiredAgents({ ...base, agents: undefined, ...targets } as never)]) {
            let r: unknown;
            try {
              r = run();
            } catch (e) {
              expect(e).toBeInstanceOf(MetricsError);
              continue;
            }
            results++;
            expect(dirtyNumbers(r)).toEqual([]);
          }
        },
      ),
      fcParams(300),
    );
    expect(results).toBeGreaterThan(100);
  }, 20_000);
});
