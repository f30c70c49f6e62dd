import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netPromoterScore } from '../../src/metrics/netPromoterScore/index.js';
import { customerSatisfactionScore } from '../../src/metrics/customerSatisfactionScore/index.js';
import { fcParams } from '../support/fc.js';

const scoresArb = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 200 });
const answersArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null), fc.constant(Number.NaN)), { maxLength: 200 });

/** num/den rounded half-even to 40 significant digits, by BigInt long division (independent of decimal.js). */
function rational40(num: bigint, den: bigint): string {
  if (num === 0n) return '0';
  const neg = num < 0n;
  const a = neg ? -num : num;
  let shift = 0; // value × 10^shift has exactly 40 integer digits (|num/den| < 10^40 here)
  while (a * 10n ** BigInt(shift) < den * 10n ** 39n) shift++;
  const scaled = a * 10n ** BigInt(shift);
  let q = scaled / den;
  const r = scaled - q * den;
  if (2n * r > den || (2n * r === den && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(shift + 1, '0');
  const int = digits.slice(0, digits.length - shift);
  const frac = digits.slice(digits.length - shift).replace(/0+$/, '');
  return (neg ? '-' : '') + int + (frac.length > 0 ? `.${frac}` : '');
}

describe('netPromoterScore properties', () => {
  it('score in [−100, 100], groups add up to count, no NaN', () => {
    fc.assert(
      fc.property(answersArb, (xs) => {
        const r = netPromoterScore(xs);
        expect(r.promoters + r.passives + r.detractors).toBe(r.count);
        expect(r.count + r.excluded.total).toBe(xs.length);
        if (r.count === 0) expect(r.score).toBeUndefined();
        else {
          expect(r.score).toBeGreaterThanOrEqual(-100);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(Number.isNaN(r.standardError)).toBe(false);
          expect(r.interval!.low).toBeGreaterThanOrEqual(-100);
          expect(r.interval!.high).toBeLessThanOrEqual(100);
        }
      }),
      fcParams(100),
    );
  });

  it('adding a promoter never lowers NPS; adding a detractor never raises it', () => {
    fc.assert(
      fc.property(scoresArb, fc.integer({ min: 9, max: 10 }), fc.integer({ min: 0, max: 6 }), (xs, p, d) => {
        const base = netPromoterScore(xs).scoreDecimal;
        const up = netPromoterScore([...xs, p]).scoreDecimal!;
        const down = netPromoterScore([...xs, d]).scoreDecimal!;
        if (base !== undefined) {
          expect(up.gte(base)).toBe(true);
          expect(down.lte(base)).toBe(true);
        }
      }),
      fcParams(100),
    );
  });

  it('duplicating every response keeps the score and divides the SE by √2', () => {
    fc.assert(
      fc.property(scoresArb, (xs) => {
        fc.pre(xs.length > 0);
        const a = netPromoterScore(xs);
        const b = netPromoterScore([...xs, ...xs]);
        expect(b.scoreDecimal!.eq(a.scoreDecimal!)).toBe(true);
        expect(b.standardError!).toBeCloseTo(a.standardError! / Math.SQRT2, 10);
      }),
      fcParams(100),
    );
  });

  it('scoreDecimal equals the rational 100(P − D)/N rounded to 40 significant digits', () => {
    fc.assert(
      fc.property(scoresArb, (xs) => {
        fc.pre(xs.length > 0);
        let P = 0n;
        let Dn = 0n;
        for (const x of xs) {
          if (x >= 9) P++;
          else if (x <= 6) Dn++;
        }
        const r = netPromoterScore(xs);
        expect(r.scoreDecimal!.toFixed()).toBe(rational40(100n * (P - Dn), BigInt(xs.length)));
      }),
      fcParams(100),
    );
  });

  it('all weights equal to c give the unweighted score and SE', () => {
    fc.assert(
      fc.property(scoresArb, fc.integer({ min: 1, max: 50 }), (xs, c) => {
        fc.pre(xs.length > 0);
        const a = netPromoterScore(xs);
        const w = netPromoterScore(xs, { weights: xs.map(() => c) });
        expect(w.scoreDecimal!.eq(a.scoreDecimal!)).toBe(true);
        expect(w.effectiveSampleSize).toBeCloseTo(xs.length, 9);
        expect(w.standardError!).toBeCloseTo(a.standardError!, 9);
      }),
      fcParams(50),
    );
  });
});

describe('customerSatisfactionScore properties', () => {
  it('CSAT in [0, 100], mean within the scale, nothing lost', () => {
    const arb = fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null)), { maxLength: 200 });
    fc.assert(
      fc.property(arb, fc.constantFrom('top-2-box', 'top-box', 'mean') as fc.Arbitrary<'top-2-box' | 'top-box' | 'mean'>, (xs, method) => {
        const r = customerSatisfactionScore(xs, { method });
        expect(r.count + r.excluded.total).toBe(xs.length);
        if (r.count === 0) {
          expect(r.score).toBeUndefined();
          expect(r.percent).toBeUndefined();
        } else {
          expect(r.percent!).toBeGreaterThanOrEqual(0);
          expect(r.percent!).toBeLessThanOrEqual(100);
          expect(r.mean!).toBeGreaterThanOrEqual(1);
          expect(r.mean!).toBeLessThanOrEqual(5);
          expect(Number.isNaN(r.score)).toBe(false);
          const satisfied = xs.filter((x) => x !== null && x >= (method === 'top-box' ? 5 : 4)).length;
          expect(r.numerator).toBe(satisfied);
        }
      }),
      fcParams(100),
    );
  });
});
