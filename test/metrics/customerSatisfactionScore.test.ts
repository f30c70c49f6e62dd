import { describe, expect, it } from 'vitest';
import { customerSatisfactionScore } from '../../src/metrics/customerSatisfactionScore/index.js';
import { MetricsError } from '../../src/results/errors.js';

const repeat = (v: number, n: number): number[] => Array.from({ length: n }, () => v);

describe('customerSatisfactionScore: worked examples (docs/surveys.md)', () => {
  it("Delighted's example: 74 satisfied of 107 → 69.16", () => {
    // 74 answers of 4–5, 33 of 1–3.
    const r = customerSatisfactionScore(Object.freeze([...repeat(5, 40), ...repeat(4, 34), ...repeat(3, 20), ...repeat(2, 8), ...repeat(1, 5)]));
    expect(r.numerator).toBe(74);
    expect(r.denominator).toBe(107);
    expect(r.score!.toFixed(2)).toBe('69.16');
    expect(r.distribution).toEqual({ 1: 5, 2: 8, 3: 20, 4: 34, 5: 40 });
  });

  it('the JSDoc example: top-2-box, mean, response rate', () => {
    const r = customerSatisfactionScore([5, 4, 4, 3, 1, null], { surveysSent: 10 });
    expect(r.score).toBe(60);
    expect(r.mean).toBe(3.4);
    expect(r.responseRate?.percent).toBe(50);
    expect(r.excluded.byReason).toEqual({ no_answer: 1 });
    // s² = (Σx² − (Σx)²/n)/(n − 1) with Σx² = 25+16+16+9+1 = 67, Σx = 17: (67 − 289/5)/4 = 2.3
    expect(r.standardDeviation).toBeCloseTo(Math.sqrt(2.3), 12);
  });

  it('top-box and mean methods', () => {
    expect(customerSatisfactionScore([5, 4, 4, 3], { method: 'top-box' }).score).toBe(25);
    expect(customerSatisfactionScore([5, 4, 4, 3], { method: 'mean' }).score).toBe(4);
    expect(customerSatisfactionScore([3, 2, 1], { scale: '1-3', method: 'top-box' }).score).toBeCloseTo(100 / 3, 12);
  });

  it("Zendesk good / (good + bad); 'offered' is no answer", () => {
    const r = customerSatisfactionScore(['good', 'good', 'bad', 'offered', { id: 't1', score: 'good' }], { method: 'good-bad' });
    expect(r.numerator).toBe(3);
    expect(r.denominator).toBe(4);
    expect(r.score).toBe(75);
    expect(r.mean).toBeUndefined();
    expect(r.excluded.byReason).toEqual({ no_answer: 1 });
    // 1–5 numbers mapped as Zendesk does: 4–5 good.
    expect(customerSatisfactionScore([5, 4, 3], { method: 'good-bad', scale: '1-5' }).numerator).toBe(2);
    expect(customerSatisfactionScore([true, false], { method: 'good-bad' }).score).toBe(50);
  });

  it('empty gives undefined; bad input errors name the record', () => {
    const r = customerSatisfactionScore([]);
    expect(r.score).toBeUndefined();
    expect(r.interval).toBeUndefined();
    expect(() => customerSatisfactionScore([6])).toThrow(MetricsError);
    expect(() => customerSatisfactionScore(['good'])).toThrow(/not a survey response/);
    expect(() => customerSatisfactionScore([5], { surveysSent: 0 })).toThrow(/surveysSent/);
    expect(customerSatisfactionScore([6, 4.5, 5], { invalid: 'exclude' }).excluded.byReason).toEqual({
      'invalid:out_of_range': 1,
      'invalid:invalid_value': 1,
    });
  });
});
