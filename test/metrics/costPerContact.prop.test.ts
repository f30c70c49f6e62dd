import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costPerContact } from '../../src/metrics/costPerContact/index.js';
import { D } from '../../src/_lib/decimal.js';
import { fcParams } from '../support/fc.js';

const centsArb = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 14n });
const toAmount = (c: bigint): string => {
  const neg = c < 0n;
  const a = (neg ? -c : c).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}`;
};

describe('costPerContact properties', () => {
  it('allocated parts sum exactly to the whole, each within one cent of its exact share', () => {
    fc.assert(
      fc.property(
        fc.array(centsArb, { minLength: 1, maxLength: 8 }),
        fc.dictionary(fc.constantFrom('chat', 'email', 'phone', 'social', 'sms'), fc.integer({ min: 0, max: 100000 }), { minKeys: 1 }),
        (cents, contacts) => {
          const total = Object.values(contacts).reduce((a, b) => a + b, 0);
          fc.pre(total > 0);
          const costs = cents.map((c) => ({ amount: toAmount(c), currency: 'EUR', category: c < 0n ? 'credit' : 'tooling' }));
          const r = costPerContact(costs, contacts, { allocateShared: 'by-contacts' });
          const sum = r.byChannel.reduce((s, c) => s.plus(c.totalCost), new D(0));
          expect(sum.eq(r.totalCost)).toBe(true);
          const whole = cents.reduce((a, b) => a + b, 0n);
          expect(r.totalCost.eq(new D(whole.toString()).div(100))).toBe(true);
          for (const c of r.byChannel) {
            expect(c.totalCost.times(100).isInteger()).toBe(true);
            const exact = r.totalCost.times(c.contacts).div(total);
            expect(c.totalCost.minus(exact).abs().lt('0.01')).toBe(true);
          }
        },
      ),
      fcParams(100),
    );
  });

  it('cost per contact times contacts gives the total back (no rounding asked)', () => {
    fc.assert(
      fc.property(fc.array(centsArb.filter((c) => c >= 0n), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 10 ** 6 }), (cents, n) => {
        const r = costPerContact(cents.map((c) => ({ amount: toAmount(c), currency: 'EUR' })), n);
        expect(r.costPerContact!.times(n).minus(r.totalCost).abs().lte(r.totalCost.abs().times('1e-38'))).toBe(true);
      }),
      fcParams(100),
    );
  });
});
