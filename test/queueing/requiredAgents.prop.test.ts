import fc from 'fast-check';
import { describe, it } from 'vitest';
import { erlangC } from '../../src/queueing/erlangC/index.js';
import { requiredAgents } from '../../src/queueing/requiredAgents/index.js';
import { fcParams } from '../support/fc.js';

const inputArb = fc.record({
  arrivalsPerInterval: fc.double({ min: 0, max: 3000, noNaN: true }),
  intervalMs: fc.constant(1_800_000),
  averageHandleTimeMs: fc.integer({ min: 10_000, max: 900_000 }),
  targetAnswerMs: fc.integer({ min: 0, max: 60_000 }),
  targetServiceLevel: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
  maxOccupancy: fc.option(fc.double({ min: 0.5, max: 1, noNaN: true }), { nil: undefined }),
  shrinkage: fc.option(fc.double({ min: 0, max: 0.6, noNaN: true }), { nil: undefined }),
});

describe('requiredAgents properties', () => {
  it('agents meet every target and agents − 1 misses one (minimality)', () => {
    fc.assert(
      fc.property(inputArb, (o) => {
        const r = requiredAgents(o);
        const maxOcc = o.maxOccupancy ?? 1;
        const base = { arrivalsPerInterval: o.arrivalsPerInterval, intervalMs: o.intervalMs, averageHandleTimeMs: o.averageHandleTimeMs, targetAnswerMs: o.targetAnswerMs };
        const at = erlangC({ ...base, agents: r.agents });
        if (!(at.stable && at.serviceLevel >= o.targetServiceLevel && at.occupancy <= maxOcc)) return false;
        if (r.agents === 1) return true;
        const below = erlangC({ ...base, agents: r.agents - 1 });
        return !below.stable || below.serviceLevel < o.targetServiceLevel || below.occupancy > maxOcc;
      }),
      fcParams(100),
    );
  });

  it('rostered agents = ⌈agents / (1 − shrinkage)⌉ and never fewer than agents', () => {
    fc.assert(
      fc.property(inputArb, (o) => {
        const r = requiredAgents(o);
        const s = o.shrinkage ?? 0;
        return r.rosteredAgents >= r.agents && r.rosteredAgents * (1 - s) >= r.agents - 1e-9 && (r.rosteredAgents - 1) * (1 - s) < r.agents + 1e-9;
      }),
      fcParams(100),
    );
  });
});
