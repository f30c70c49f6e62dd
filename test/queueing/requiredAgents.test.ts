import { describe, expect, it } from 'vitest';
import { requiredAgents } from '../../src/queueing/requiredAgents/index.js';
import { MetricsError } from '../../src/results/errors.js';

const EXAMPLE = {
  arrivalsPerInterval: 100,
  intervalMs: 1_800_000,
  averageHandleTimeMs: 180_000,
  targetAnswerMs: 20_000,
  targetServiceLevel: 0.8,
} as const;

describe('requiredAgents', () => {
  it('the published example: 80/20, max occupancy 85%, shrinkage 30% → 14 raw, 20 rostered', () => {
    const r = requiredAgents({ ...EXAMPLE, maxOccupancy: 0.85, shrinkage: 0.3 });
    expect([r.agents, r.rosteredAgents]).toEqual([14, 20]);
    expect(r.serviceLevel).toBeCloseTo(0.888, 3);
    expect(r.occupancy).toBeCloseTo(0.714, 3);
    expect(r.probabilityOfWaiting).toBeCloseTo(0.174, 3);
    expect(r.binding).toEqual(['serviceLevel']);
  });

  it('max occupancy 70% → 15 raw, 22 rostered (pyworkforce)', () => {
    const r = requiredAgents({ ...EXAMPLE, maxOccupancy: 0.7, shrinkage: 0.3 });
    expect([r.agents, r.rosteredAgents]).toEqual([15, 22]);
    expect(r.serviceLevel).toBeCloseTo(0.941, 3);
    expect(r.occupancy).toBeCloseTo(0.667, 3);
    expect(r.probabilityOfWaiting).toBeCloseTo(0.102, 3);
    expect(r.binding).toEqual(['occupancy']);
  });

  it('rostering divides exactly: 14 / (1 − 0.3) = 20, not 21', () => {
    expect(requiredAgents({ ...EXAMPLE, shrinkage: 0.3 }).rosteredAgents).toBe(20);
    expect(requiredAgents({ ...EXAMPLE }).rosteredAgents).toBe(14);
  });

  it('starts at ⌊A⌋ + 1: A = 10.6 can be met by 11 agents with a low target', () => {
    const r = requiredAgents({ ...EXAMPLE, arrivalsPerInterval: 106, targetServiceLevel: 0.1 });
    expect(r.trafficErlangs).toBeCloseTo(10.6, 12);
    expect(r.agents).toBe(11);
    expect(r.binding).toEqual(['stability']);
  });

  it('an ASA target', () => {
    const r = requiredAgents({ ...EXAMPLE, targetAverageSpeedOfAnswerMs: 5_000 });
    expect(r.agents).toBe(15); // ASA 7.8 s with 14, 3.7 s with 15
    expect(r.binding).toEqual(['averageSpeedOfAnswer']);
  });

  it('validates ranges', () => {
    const bad = [
      { targetServiceLevel: 0 },
      { targetServiceLevel: 1 },
      { targetServiceLevel: 1.8 },
      { shrinkage: 1 },
      { shrinkage: -0.1 },
      { maxOccupancy: 0 },
      { maxOccupancy: 1.2 },
      { intervalMs: 0 },
      { targetAverageSpeedOfAnswerMs: 0 },
    ];
    for (const patch of bad) {
      try {
        requiredAgents({ ...EXAMPLE, ...patch });
        expect.unreachable(JSON.stringify(patch));
      } catch (e) {
        expect(e).toBeInstanceOf(MetricsError);
        expect((e as MetricsError).code).toBe('invalid_option');
        expect((e as MetricsError).field).toBe(Object.keys(patch)[0]);
      }
    }
  });
});
