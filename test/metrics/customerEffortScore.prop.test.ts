import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerEffortScore } from '../../src/index.js';
import { fcParams } from '../support/fc.js';

const answersArb = fc.array(fc.oneof(fc.integer({ min: 1, max: 7 }), fc.constant(null)), { maxLength: 60 });

describe('customerEffortScore properties', () => {
  it('mean within the scale, easy share in [0, 100], count + excluded = input', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const r = customerEffortScore(answers);
        const given = answers.filter((a) => a !== null);
        expect(r.count).toBe(given.length);
        expect(r.count + r.excluded.total).toBe(answers.length);
        if (given.length === 0) {
          expect(r.mean).toBeUndefined();
          return;
        }
        expect(r.mean!).toBeGreaterThanOrEqual(1);
        expect(r.mean!).toBeLessThanOrEqual(7);
        expect(r.mean!).toBeCloseTo(given.reduce((x, y) => x + y, 0) / given.length, 12);
        expect(r.percent!).toBeGreaterThanOrEqual(0);
        expect(r.percent!).toBeLessThanOrEqual(100);
        // easy = 5–7 on the CES 2.0 scale
        expect(r.numerator).toBe(given.filter((a) => a >= 5).length);
      }),
      fcParams(150),
    );
  });

  it('lower-is-better mirrors the scale', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 40 }), (answers) => {
        const up = customerEffortScore(answers);
        const down = customerEffortScore(answers.map((a) => 8 - a), { direction: 'lower-is-better' });
        expect(down.numerator).toBe(up.numerator);
        expect(down.denominator).toBe(up.denominator);
      }),
      fcParams(100),
    );
  });
});
