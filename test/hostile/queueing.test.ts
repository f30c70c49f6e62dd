/**
 * Hostile input for Erlang C and staffing: the standard properties, doubles across the whole documented
 * domain (subnormals, 1e308, a traffic a hair below the agents), −0, and an independent check that
 * requiredAgents is the minimum that meets its targets.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { erlangC, requiredAgents } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { describeHostile, documentedOptions, expectContract, expectMetricsError, expectResult, PROPERTY_TIMEOUT, standardProperties, type FnSpec } from './harness.js';

const FORECAST = { arrivalsPerInterval: 100, intervalMs: 1_800_000, averageHandleTimeMs: 180_000, targetAnswerMs: 20_000 };
const ERLANG = documentedOptions('erlangC', { ...FORECAST, agents: 14 });
const STAFFING = documentedOptions('requiredAgents', { ...FORECAST, targetServiceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3, targetAverageSpeedOfAnswerMs: 30_000 });

const ERLANG_SPEC: FnSpec = { name: 'erlangC', call: (o) => erlangC(o as never), arity: 1, valid: () => [], optionsIndex: 0, base: ERLANG, options: ERLANG, related: { agents: ['arrivalsPerInterval'], intervalMs: ['arrivalsPerInterval'], averageHandleTimeMs: ['arrivalsPerInterval'] } };
const STAFFING_SPEC: FnSpec = {
  name: 'requiredAgents',
  call: (o) => requiredAgents(o as never),
  arity: 1,
  valid: () => [],
  optionsIndex: 0,
  base: { ...FORECAST, targetServiceLevel: 0.8 },
  options: STAFFING,
  related: { intervalMs: ['arrivalsPerInterval'], averageHandleTimeMs: ['arrivalsPerInterval'], targetAverageSpeedOfAnswerMs: ['targetServiceLevel'], maxOccupancy: ['targetServiceLevel'] },
};

/** Positive doubles across the whole range, with the awkward ones. */
const positive = fc.oneof(fc.double({ min: 5e-324, max: 1e308, noNaN: true }), fc.constantFrom(5e-324, 1e-300, 1, 1.8e6, 1e300, Number.MAX_VALUE));
const nonNegative = fc.oneof(positive, fc.constantFrom(0, -0));

const inUnit = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x <= 1;

describeHostile('erlangC', () => {
  standardProperties(ERLANG_SPEC);
  it('any doubles in the documented domain: finite figures (or undefined), probabilities in [0, 1]', () => {
    fc.assert(
      fc.property(nonNegative, positive, positive, fc.integer({ min: 1, max: 3000 }), nonNegative, (arrivals, intervalMs, aht, agents, target) => {
        const o = expectContract('erlangC', () => erlangC({ arrivalsPerInterval: arrivals, intervalMs, averageHandleTimeMs: aht, agents, targetAnswerMs: target }));
        if (o.kind !== 'result') return;
        const r = o.value as Record<string, unknown>;
        for (const k of ['probabilityOfWaiting', 'serviceLevel', 'occupancy']) if (!inUnit(r[k])) throw new Error(`erlangC: ${k} = ${String(r[k])}`);
      }),
      fcParams(300),
    );
  }, PROPERTY_TIMEOUT);
  it('a traffic a hair below the agents with a huge handle time: a finite average speed of answer (or undefined)', () => {
    // Times are capped at 2^53 − 1 ms (decision 15): the largest valid handle time, not 1e300, which is an error.
    const MAX = Number.MAX_SAFE_INTEGER;
    expectResult('erlangC', () => erlangC({ arrivalsPerInterval: 0.9999999999, intervalMs: MAX, averageHandleTimeMs: MAX, agents: 1, targetAnswerMs: 0 }));
    expectMetricsError('erlangC', () => erlangC({ arrivalsPerInterval: 0.9999999999, intervalMs: 1e300, averageHandleTimeMs: 1e300, agents: 1, targetAnswerMs: 0 }), 'invalid_option', 'intervalMs');
  });
  it('arrivals of -0 are not echoed back as a traffic of -0', () => {
    expectResult('erlangC', () => erlangC({ ...ERLANG, arrivalsPerInterval: -0 }));
  });
});

describeHostile('requiredAgents', () => {
  standardProperties(STAFFING_SPEC);
  it('the answer meets every target and one agent fewer misses one (checked with erlangC)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 400, noNaN: true }),
        fc.double({ min: 1000, max: 600_000, noNaN: true }),
        fc.double({ min: 0, max: 120_000, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.option(fc.double({ min: 0.5, max: 1, noNaN: true })),
        fc.option(fc.double({ min: 0, max: 0.9, noNaN: true })),
        (arrivals, aht, target, sl, maxOcc, shrinkage) => {
          const base = { arrivalsPerInterval: arrivals, intervalMs: 1_800_000, averageHandleTimeMs: aht, targetAnswerMs: target };
          const o = expectContract('requiredAgents', () => requiredAgents({ ...base, targetServiceLevel: sl, ...(maxOcc === null ? {} : { maxOccupancy: maxOcc }), ...(shrinkage === null ? {} : { shrinkage }) }));
          if (o.kind !== 'result') return;
          const r = o.value as { agents: number; rosteredAgents: number; trafficErlangs: number };
          const at = erlangC({ ...base, agents: r.agents });
          expect(at.stable).toBe(true);
          expect(at.serviceLevel).toBeGreaterThanOrEqual(sl);
          expect(at.occupancy).toBeLessThanOrEqual(maxOcc ?? 1);
          expect(Number.isInteger(r.rosteredAgents) && r.rosteredAgents >= r.agents).toBe(true);
          if (r.agents - 1 > r.trafficErlangs) {
            const fewer = erlangC({ ...base, agents: r.agents - 1 });
            expect(fewer.serviceLevel < sl || fewer.occupancy > (maxOcc ?? 1)).toBe(true);
          }
        },
      ),
      fcParams(150),
    );
  }, PROPERTY_TIMEOUT);
  it('any doubles in the documented domain: finite figures', () => {
    fc.assert(
      fc.property(nonNegative, positive, positive, nonNegative, fc.double({ min: 5e-324, max: 1, maxExcluded: true, noNaN: true }), (arrivals, intervalMs, aht, target, sl) => {
        expectContract('requiredAgents', () => requiredAgents({ arrivalsPerInterval: arrivals, intervalMs, averageHandleTimeMs: aht, targetAnswerMs: target, targetServiceLevel: sl }));
      }),
      fcParams(150),
    );
  }, PROPERTY_TIMEOUT);
  it('-0 as arrivals or shrinkage is not echoed back as -0', () => {
    expectResult('requiredAgents', () => requiredAgents({ ...STAFFING, arrivalsPerInterval: -0 }));
    expectResult('requiredAgents', () => requiredAgents({ ...STAFFING, shrinkage: -0 }));
  });
});
