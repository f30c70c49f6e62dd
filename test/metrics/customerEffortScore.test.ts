import { describe, expect, it } from 'vitest';
import { customerEffortScore } from '../../src/metrics/customerEffortScore/index.js';
import { MetricsError } from '../../src/results/errors.js';

describe('customerEffortScore: worked examples (docs/surveys.md)', () => {
  it('CES 2.0 (1–7): mean 29/6, 4 of 6 agree (5–7)', () => {
    const r = customerEffortScore([7, 6, 5, 5, 4, 2]);
    expect(r.score).toBeCloseTo(29 / 6, 14);
    expect(r.meanDecimal?.toFixed(4)).toBe('4.8333');
    expect(r.easyThreshold).toBe(5);
    expect(r.numerator).toBe(4);
    expect(customerEffortScore([7, 6, 5, 5, 4, 2], { method: 'top-box' }).score).toBeCloseTo(200 / 3, 12);
  });

  it('original CES (1–5, lower is better): easy = 1–2', () => {
    const r = customerEffortScore([1, 2, 3, 4, 5, 1], { scale: '1-5', direction: 'lower-is-better', method: 'top-box' });
    expect(r.easyThreshold).toBe(2);
    expect(r.numerator).toBe(3);
    expect(r.score).toBe(50);
    expect(r.mean).toBe(16 / 6);
  });

  it('validates like the other surveys', () => {
    expect(() => customerEffortScore([8])).toThrow(MetricsError);
    expect(() => customerEffortScore([1], { direction: 'up' as never })).toThrow(/direction/);
    expect(customerEffortScore([null, 8, 7], { invalid: 'exclude' }).count).toBe(1);
    expect(customerEffortScore([]).score).toBeUndefined();
  });
});
