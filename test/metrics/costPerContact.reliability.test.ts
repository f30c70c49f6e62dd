/**
 * Issue 11 (money): totals rounded to 40 digits, an amount grammar wider than its message, −0 printed as
 * "-0.00", unknown option keys, unfaithful messages. Each test failed before the fix it names.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costPerContact } from '../../src/metrics/costPerContact/index.js';
import type { RoundingMode } from '../../src/_lib/money.js';
import { MetricsError } from '../../src/results/errors.js';
import { expectClean, metricsErrorOf } from '../support/clean.js';
import { fcParams } from '../support/fc.js';

/** decimal.js with room for every digit these tests use (the global Decimal rounds to 20). */
const Big = Decimal.clone({ precision: 1000 });
const eur = (amount: string | number, extra: object = {}) => ({ amount, currency: 'EUR', ...extra });

describe('exact money whatever the number of digits', () => {
  it('a 39-digit amount plus a cent keeps the cent (it was rounded to 40 significant digits)', () => {
    const big = '123456789012345678901234567890123456789';
    const r = costPerContact([eur(big), eur('0.01')], 1);
    expect(r.totalCost.toString()).toBe(`${big}.01`);
    expect(r.costPerContact?.toString()).toBe(`${big}.01`);
    expect(r.byCategory[0]?.cost.toString()).toBe(`${big}.01`);
    // The quotient keeps 20 digits beyond the bound of any exact sum (39 + 2 places + 1 digit of the line
    // count + 1 = 43): 63 significant digits here.
    const third = costPerContact([eur(big), eur('0.01')], 3).costPerContact!;
    expect(third.toString()).toBe(`41152263004115226300411522630041152263.00${'3'.repeat(23)}`);
    expect(third.times(3).minus(r.totalCost).abs().lt('1e-22')).toBe(true);
  });

  it('a huge shared amount is allocated to the cent and the parts add up exactly', () => {
    const shared = '98765432109876543210987654321098765432109876543210.05';
    const r = costPerContact([eur(shared)], { a: 1, b: 1, c: 1 }, { allocateShared: 'by-contacts', decimalPlaces: 2 });
    const parts = r.byChannel.map((c) => c.totalCost.toString());
    expect(parts).toEqual([
      '32921810703292181070329218107032921810703292181070.02',
      '32921810703292181070329218107032921810703292181070.02',
      '32921810703292181070329218107032921810703292181070.01',
    ]);
    expect(r.byChannel.reduce((s, c) => s.plus(c.totalCost), new Big(0)).toFixed()).toBe(shared);
    expect(r.byChannel[2]?.costPerContact?.toString()).toBe('32921810703292181070329218107032921810703292181070.01');
  });

  it('conversion by a rate is exact: amount × rate with all their digits', () => {
    const r = costPerContact([eur('1'), { amount: '12345678901234567890123.45', currency: 'USD' }], 1, {
      currency: 'EUR',
      rates: { USD: '0.92345678901234567891' },
    });
    expect(r.totalCost.toString()).toBe(new Big('12345678901234567890123.45').times('0.92345678901234567891').plus(1).toFixed());
    expect(r.totalCost.toString()).toBe('11400700996311537987257.5095283661102739614395'); // Python decimal, 200 digits
  });

  it('a number amount is its shortest decimal string, printed without an exponent', () => {
    expect(costPerContact([eur(5.1)], 1).totalCost.toString()).toBe('5.1');
    expect(costPerContact([eur(1e21)], 1).totalCost.toString()).toBe('1000000000000000000000');
    const tiny = costPerContact([eur(5e-324), eur(1)], 1).totalCost;
    expect(tiny.toString()).toBe(`1.${'0'.repeat(323)}5`);
  });
});

describe("the amount grammar is exactly the one the message states: [+-]digits[.digits]", () => {
  it.each(['1e5', ' 5 ', '5 ', '1e1000000000', '.5', '5.', '1,000', '', '--5', '0x10', '1_000', '５', 'Infinity', 'NaN', '+.5', '1.2.3'])(
    'rejects %j',
    (amount) => {
      const e = metricsErrorOf(() => costPerContact([eur(amount)], 1));
      expect([e.code, e.field, e.recordIndex]).toEqual(['invalid_value', 'amount', 0]);
      expect(e.message).toContain('^[+-]?\\d+(?:\\.\\d+)?$');
      expect(e.message).toContain(JSON.stringify(amount));
    },
  );

  it('accepts a sign, leading zeros and any number of decimals', () => {
    expect(costPerContact([eur('+5'), eur('007.50'), eur('-0.25', { category: 'credit' })], 1).totalCost.toString()).toBe('12.25');
  });

  it('holds up to 1,000 digits and rejects more (instead of hanging on them)', () => {
    const ok = `1${'0'.repeat(999)}`;
    expect(costPerContact([eur(ok), eur('0.5')], 2).totalCost.toFixed()).toBe(`${ok}.5`);
    expect(metricsErrorOf(() => costPerContact([eur(`${ok}0`)], 1)).message).toContain('more than 1000 digits');
  });

  it('rates follow the same grammar', () => {
    const e = metricsErrorOf(() => costPerContact([eur('1')], 1, { currency: 'EUR', rates: { USD: '9.2e-1' } }));
    expect([e.code, e.field]).toEqual(['invalid_option', 'rates.USD']);
  });
});

describe('no −0 in a result', () => {
  it('a credit that rounds to zero prints as 0.00, not -0.00', () => {
    const r = costPerContact([eur('-0.001', { category: 'credit' })], 1, { decimalPlaces: 2 });
    expect(r.costPerContact?.toFixed(2)).toBe('0.00');
    expectClean(r);
    const rounded = costPerContact([eur('-0.004', { category: 'credit' })], 1, { decimalPlaces: 2, rounding: 'ceil' });
    expect(rounded.costPerContact?.toFixed(2)).toBe('0.00');
  });

  it("'-0' amounts and -0 contact counts read as 0", () => {
    const r = costPerContact([eur('-0.00'), eur(-0)], { email: -0, phone: 1 });
    expect(r.totalCost.toFixed(2)).toBe('0.00');
    expect(Object.is(r.byChannel[0]?.contacts, 0)).toBe(true);
    expectClean(r);
    expect(Object.is(costPerContact([eur('1')], -0).contacts, 0)).toBe(true);
  });
});

describe('options and messages', () => {
  it('an unknown option key is an error naming the nearest known one', () => {
    const e = metricsErrorOf(() => costPerContact([eur('1')], 1, { decimalPlace: 2 } as never));
    expect([e.code, e.field]).toEqual(['invalid_option', 'decimalPlace']);
    expect(e.message).toContain('did you mean "decimalPlaces"?');
  });

  it('values are printed as they are', () => {
    expect(metricsErrorOf(() => costPerContact([eur('1')], 1, { minorUnits: '2' } as never)).message).toContain('got "2"');
    expect(metricsErrorOf(() => costPerContact([eur('1')], 1, { by: NaN } as never)).message).toContain('got NaN');
    expect(metricsErrorOf(() => costPerContact([{ amount: '1', currency: 5 }] as never, 1)).message).toContain('got 5');
    expect(metricsErrorOf(() => costPerContact([eur('1')], Infinity)).message).toContain('got Infinity');
    expect(metricsErrorOf(() => costPerContact([eur({} as never)] as never, 1)).message).toContain('an object is not an amount');
  });

  it('a throwing getter on a cost line is a MetricsError naming the line, with the cause', () => {
    const line = Object.defineProperty({ currency: 'EUR' }, 'amount', { get: () => { throw new TypeError('locked'); } });
    const e = metricsErrorOf(() => costPerContact([eur('1'), line as never], 1));
    expect([e.code, e.recordIndex]).toEqual(['invalid_record', 1]);
    expect(e.cause).toBeInstanceOf(TypeError);
  });
});

describe('rounding to decimalPlaces is exact', () => {
  const MODES: readonly RoundingMode[] = ['half-even', 'half-up', 'half-down', 'up', 'down', 'ceil', 'floor'];
  const ORACLE = Decimal.clone({ precision: 300 });
  const RM = { up: 0, down: 1, ceil: 2, floor: 3, 'half-up': 4, 'half-down': 5, 'half-even': 6 } as const;

  /** units × 10^−scale as a grammatical amount string. */
  const amountOf = (units: bigint, scale: number): string => {
    const s = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
    return `${units < 0n ? '-' : ''}${scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`}`;
  };

  it('agrees with a 300-digit division rounded once, for every mode (ties included)', () => {
    // Half the runs build an exact tie: amount = n × (q + ½) × 10^−dp, so amount / n lies halfway.
    const caseArb = fc.oneof(
      fc.record({ units: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), scale: fc.integer({ min: 0, max: 6 }), n: fc.integer({ min: 1, max: 10 ** 6 }), dp: fc.integer({ min: 0, max: 8 }) }),
      fc.record({ q: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), n: fc.integer({ min: 1, max: 10 ** 6 }), dp: fc.integer({ min: 0, max: 8 }) }).map(({ q, n, dp }) => ({
        units: BigInt(n) * (2n * q + 1n) * 5n,
        scale: dp + 1,
        n,
        dp,
      })),
    );
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...MODES), ({ units, scale, n, dp }, mode) => {
        const amount = amountOf(units, scale);
        const line = eur(amount, units < 0n ? { category: 'credit' } : {});
        const got = costPerContact([line], n, { decimalPlaces: dp, rounding: mode }).costPerContact!;
        const want = new ORACLE(amount).div(n).toDecimalPlaces(dp, RM[mode]);
        expect(got.eq(want)).toBe(true);
        expect(got.isZero() && got.isNegative()).toBe(false);
      }),
      fcParams(400),
    );
  });

  it('a MetricsError or an exact, clean result for any amount string from a hostile alphabet', () => {
    const amountArb = fc.oneof(
      fc.stringMatching(/^[+-]?\d{1,45}(\.\d{1,45})?$/),
      fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', 'E', ' ', ',', '_'), maxLength: 12 }),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.array(amountArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 4 }), (amounts, n) => {
        const lines = amounts.map((a) => eur(a, { category: 'credit' }));
        let r;
        try {
          r = costPerContact(lines, n);
        } catch (e) {
          expect(e).toBeInstanceOf(MetricsError);
          // Rejected only for an amount outside the grammar (or a non-finite number).
          expect(amounts.some((a) => (typeof a === 'string' ? !/^[+-]?\d+(\.\d+)?$/.test(a) : !Number.isFinite(a)))).toBe(true);
          return;
        }
        expectClean(r);
        // Every line was a grammatical string or a finite number, and the total is their exact sum.
        let sum = new Big(0);
        for (const a of amounts) sum = sum.plus(typeof a === 'number' ? String(a) : a);
        expect(r.totalCost.eq(sum)).toBe(true);
        for (const a of amounts) if (typeof a === 'string') expect(a).toMatch(/^[+-]?\d+(\.\d+)?$/);
      }),
      fcParams(300),
    );
  });
});
