/**
 * Issue 11 (surveys): crashes on bigint and hostile inputs, −0 and non-finite numbers in results, unknown
 * option keys, values printed unfaithfully in messages. Each test failed before the fix it names.
 */
import { describe, expect, it } from 'vitest';
import { compareNetPromoterScores } from '../../src/metrics/compareNetPromoterScores/index.js';
import { customerEffortScore } from '../../src/metrics/customerEffortScore/index.js';
import { customerSatisfactionScore } from '../../src/metrics/customerSatisfactionScore/index.js';
import { netPromoterScore } from '../../src/metrics/netPromoterScore/index.js';
import { expectClean, metricsErrorOf } from '../support/clean.js';

describe('bigint answers are integers, read exactly', () => {
  it('a BigInt64Array or BigUint64Array counts like the same numbers', () => {
    const numbers = netPromoterScore([10, 9, 8, 3, 0]);
    for (const typed of [new BigInt64Array([10n, 9n, 8n, 3n, 0n]), new BigUint64Array([10n, 9n, 8n, 3n, 0n])]) {
      const r = netPromoterScore(typed);
      expect([r.promoters, r.passives, r.detractors, r.score]).toEqual([2, 1, 2, 0]);
      expect(r.standardError).toBe(numbers.standardError);
    }
    expect(customerSatisfactionScore(new BigUint64Array([5n, 4n, 1n])).numerator).toBe(2);
    expect(customerEffortScore(new BigInt64Array([7n, 5n])).mean).toBe(6);
  });

  it('bigints in plain arrays, as SurveyResponse scores and as weights', () => {
    expect(netPromoterScore([9n, { score: 10n }, 3] as never).promoters).toBe(2);
    const w = netPromoterScore([9, 3], { weights: [3n, 1n] as never });
    expect(w.score).toBe(50);
  });

  it('an out-of-scale bigint is out_of_range, printed as a bigint; excluded under invalid: exclude', () => {
    const e = metricsErrorOf(() => netPromoterScore(new BigInt64Array([9n, -1n])));
    expect([e.code, e.recordIndex, e.field]).toEqual(['out_of_range', 1, 'score']);
    expect(e.message).toContain('-1n is outside the 0–10 scale');
    const huge = netPromoterScore(new BigUint64Array([2n ** 64n - 1n, 9n]), { invalid: 'exclude' });
    expect(huge.count).toBe(1);
    expect(huge.excluded.byReason).toEqual({ 'invalid:out_of_range': 1 });
  });
});

describe('user code that throws while an answer is read', () => {
  it('a throwing getter on a response surfaces as a MetricsError naming the record, with the cause', () => {
    const boom = new Error('no score today');
    const bad = Object.defineProperty({}, 'score', { get: () => { throw boom; } });
    const e = metricsErrorOf(() => customerSatisfactionScore([5, bad as never]));
    expect([e.code, e.recordIndex]).toEqual(['invalid_record', 1]);
    expect(e.cause).toBe(boom);
    expect(e.message).toContain('Error: no score today');
  });

  it('a throwing getter on the array itself (hot loop) too', () => {
    const xs = [9, 10, 3];
    Object.defineProperty(xs, 2, { get: () => { throw new RangeError('gone'); } });
    const e = metricsErrorOf(() => netPromoterScore(xs));
    expect([e.code, e.recordIndex]).toEqual(['invalid_record', 2]);
    expect(e.cause).toBeInstanceOf(RangeError);
  });
});

describe('unknown option keys are errors with the nearest known name', () => {
  it.each([
    ['netPromoterScore', () => netPromoterScore([9], { scael: '1-10' } as never), 'scael', 'scale'],
    ['netPromoterScore bands', () => netPromoterScore([9], { bands: { detractors: [0, 6], passives: [7, 8], promotors: [9, 10] } } as never), 'bands.promotors', 'promoters'],
    ['customerSatisfactionScore', () => customerSatisfactionScore([5], { methd: 'mean' } as never), 'methd', 'method'],
    ['customerSatisfactionScore scale', () => customerSatisfactionScore([5], { scale: { min: 1, mx: 5 } } as never), 'scale.mx', 'max'],
    ['customerEffortScore', () => customerEffortScore([5], { easyTreshold: 4 } as never), 'easyTreshold', 'easyThreshold'],
    ['compareNetPromoterScores', () => compareNetPromoterScores({ score: 1, standardError: 1 }, { score: 0, standardError: 1 }, { confidance: 0.9 } as never), 'confidance', 'confidence'],
  ])('%s', (_name, call, field, near) => {
    const e = metricsErrorOf(call);
    expect(e.code).toBe('invalid_option');
    expect(e.field).toBe(field);
    expect(e.message).toContain(`did you mean "${near}"?`);
  });

  it('options that are not an object are an error, not ignored', () => {
    expect(metricsErrorOf(() => netPromoterScore([9], 5 as never)).code).toBe('invalid_option');
  });
});

describe('messages print values faithfully', () => {
  it('a number-like string, NaN and Infinity as they are', () => {
    expect(metricsErrorOf(() => customerSatisfactionScore([5], { surveysSent: '200' } as never)).message).toContain('got "200"');
    expect(metricsErrorOf(() => netPromoterScore([9], { invalid: NaN } as never)).message).toContain('got NaN');
    expect(metricsErrorOf(() => netPromoterScore([9], { confidence: '0.9' } as never)).message).toContain('got "0.9"');
    expect(metricsErrorOf(() => customerEffortScore([5], { method: Infinity } as never)).message).toContain('got Infinity');
    expect(metricsErrorOf(() => customerSatisfactionScore([5], { scale: { min: 1, max: NaN } })).message).toContain('max NaN');
  });

  it('kinds with the right article, and symbols or bigints without a crash', () => {
    expect(metricsErrorOf(() => netPromoterScore([{ score: {} }] as never)).message).toContain('an object is not a score');
    expect(metricsErrorOf(() => netPromoterScore([Symbol('x')] as never)).message).toContain('a symbol is not a survey response');
    expect(metricsErrorOf(() => netPromoterScore({ length: 1, 0: 9 } as never)).message).toContain('got an object');
    expect(metricsErrorOf(() => netPromoterScore([{ id: 5n, score: 9 }] as never)).message).toContain('got 5n');
  });
});

describe('no −0 and no non-finite number in a result', () => {
  it('options echoed back lose the sign of zero', () => {
    const csat = customerSatisfactionScore([0, 5], { scale: { min: -0, max: 5 }, satisfiedFrom: -0, surveysSent: 2 });
    expect(Object.is(csat.scale.min, 0)).toBe(true);
    expect(Object.is(csat.satisfiedFrom, 0)).toBe(true);
    expectClean(csat);
    const ces = customerEffortScore([], { surveysSent: -0, easyThreshold: -0, scale: { min: -0, max: 4 } });
    expect(Object.is(ces.responseRate?.denominator, 0)).toBe(true);
    expect(Object.is(ces.easyThreshold, 0)).toBe(true);
    expectClean(ces);
    const nps = netPromoterScore([0, 9], { bands: { detractors: [-0, 6], passives: [7, 8], promoters: [9, 10] } });
    expect(Object.is(nps.bands.detractors[0], 0)).toBe(true);
    expectClean(nps);
  });

  it('compareNetPromoterScores: a denormal standard error gives no ±Infinity', () => {
    for (const diff of [10, -10]) {
      const c = compareNetPromoterScores({ score: diff, standardError: 5e-324 }, { score: 0, standardError: 0 });
      expectClean(c);
      expect(c.z).toBeUndefined();
      expect(c.pValue).toBe(0);
      expect(c.difference).toBe(diff);
    }
    // Finite when representable: 1e-300 points of SE and a difference of 1 give z = 1e300.
    const big = compareNetPromoterScores({ score: 1, standardError: 1e-300 }, { score: 0, standardError: 0 });
    expect(big.z).toBe(1e300);
    expect(big.pValue).toBe(0);
  });

  it('compareNetPromoterScores rejects a standard error no NPS can have (above 100 points)', () => {
    const e = metricsErrorOf(() => compareNetPromoterScores({ score: 0, standardError: 1e308 }, { score: 0, standardError: 1e308 }));
    expect([e.code, e.field]).toEqual(['invalid_argument', 'a']);
    expect(e.message).toContain('standardError 1e+308');
  });
});
