import fc from 'fast-check';
import { describe, it } from 'vitest';
import { erlangC } from '../../src/queueing/erlangC/index.js';
import { fcParams } from '../support/fc.js';

const inputArb = fc.record({
  arrivalsPerInterval: fc.double({ min: 0, max: 5000, noNaN: true }),
  intervalMs: fc.integer({ min: 60_000, max: 3_600_000 }),
  averageHandleTimeMs: fc.integer({ min: 10_000, max: 900_000 }),
  targetAnswerMs: fc.integer({ min: 0, max: 120_000 }),
});

describe('erlangC properties', () => {
  it('never NaN; probabilities in [0, 1]; ASA undefined exactly when unstable', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 3000 }), (input, agents) => {
        const r = erlangC({ ...input, agents });
        const probs = [r.probabilityOfWaiting, r.serviceLevel, r.occupancy];
        if (!probs.every((p) => p >= 0 && p <= 1)) return false;
        if (r.stable !== agents > r.trafficErlangs) return false;
        return r.stable ? r.averageSpeedOfAnswerMs !== undefined && r.averageSpeedOfAnswerMs >= 0 : r.averageSpeedOfAnswerMs === undefined;
      }),
      fcParams(100),
    );
  });

  it('one more agent: service level rises, waiting probability and ASA fall (weakly)', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 50 }), (input, extra) => {
        const a0 = erlangC({ ...input, agents: 1 }).trafficErlangs;
        const n = Math.floor(a0) + 1 + extra;
        const r1 = erlangC({ ...input, agents: n });
        const r2 = erlangC({ ...input, agents: n + 1 });
        return (
          r2.serviceLevel >= r1.serviceLevel &&
          r2.probabilityOfWaiting <= r1.probabilityOfWaiting &&
          (r2.averageSpeedOfAnswerMs as number) <= (r1.averageSpeedOfAnswerMs as number)
        );
      }),
      fcParams(100),
    );
  });
});
