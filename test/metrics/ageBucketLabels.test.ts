import { describe, expect, it } from 'vitest';
import { ageBucketLabels } from '../../src/metrics/backlog/index.js';
import { metricsErrorOf } from '../support/clean.js';

describe('ageBucketLabels', () => {
  it('labels the default edges in the largest unit that divides them', () => {
    expect(ageBucketLabels([86_400_000, 259_200_000, 604_800_000])).toEqual(['0–1 d', '1–3 d', '3–7 d', '> 7 d']);
    expect(ageBucketLabels([1_800_000, 3_600_000, 5_400_000])).toEqual(['0–30 min', '30 min–1 h', '1 h–90 min', '> 90 min']);
    expect(ageBucketLabels([])).toEqual(['> 0 d']);
  });

  it('a non-array is a MetricsError, not a TypeError', () => {
    const e = metricsErrorOf(() => ageBucketLabels(5 as never));
    expect([e.code, e.field]).toEqual(['invalid_option', 'edges']);
    expect(e.message).toContain('got 5');
  });

  it('NaN, negative, fractional, unordered edges and holes are MetricsErrors, not NaN labels', () => {
    const cases: [unknown[], string, string][] = [
      [[NaN, -5], 'edges[0]', 'got NaN'],
      [[1000, -5], 'edges[1]', 'got -5'],
      [[1.5], 'edges[0]', 'got 1.5'],
      [[2000, 2000], 'edges[1]', 'got 2000'],
      [[-0], 'edges[0]', 'got -0'],
      [['1000'], 'edges[0]', 'got "1000"'],
      [[1000, , 3000], 'edges[1]', 'got undefined'],
    ];
    for (const [edges, field, got] of cases) {
      const e = metricsErrorOf(() => ageBucketLabels(edges as number[]));
      expect(e.field).toBe(field);
      expect(e.message).toContain(got);
    }
  });
});
