import { describe, expect, it } from 'vitest';
import { costPerContact } from '../../src/metrics/costPerContact/index.js';
import { MetricsError } from '../../src/results/errors.js';

const deepFreeze = <T>(x: T): T => {
  if (x !== null && typeof x === 'object') {
    Object.values(x).forEach(deepFreeze);
    Object.freeze(x);
  }
  return x;
};

describe('costPerContact: worked examples (docs/cost.md)', () => {
  it('a month of support: 10 000.00 over 3 000 contacts, shared tooling split by contacts to the cent', () => {
    const costs = deepFreeze([
      { amount: '6000.00', currency: 'EUR', channel: 'phone', category: 'salaries' },
      { amount: '3000.00', currency: 'EUR', channel: 'email', category: 'salaries' },
      { amount: '1000.00', currency: 'EUR', category: 'tooling' },
    ]);
    const r = costPerContact(costs, { phone: 1000, email: 2000 }, { allocateShared: 'by-contacts' });
    expect(r.totalCost.toString()).toBe('10000');
    expect(r.costPerContact?.toFixed(4)).toBe('3.3333');
    // 1000.00 split 1:2 → 333.33 and 666.67 (the extra cent goes to the larger remainder: email's 0.6̅ > phone's 0.3̅).
    const [email, phone] = r.byChannel;
    expect(email?.allocatedSharedCost.toFixed(2)).toBe('666.67');
    expect(phone?.allocatedSharedCost.toFixed(2)).toBe('333.33');
    expect(email!.totalCost.plus(phone!.totalCost).eq(r.totalCost)).toBe(true);
    expect(phone?.costPerContact?.toFixed(4)).toBe('6.3333');
    expect(r.byCategory.map((c) => [c.category, c.cost.toString(), c.share?.toString()])).toEqual([
      ['salaries', '9000', '0.9'],
      ['tooling', '1000', '0.1'],
    ]);
  });

  it('100.00 over three equal channels: 33.34 + 33.33 + 33.33 = 100.00', () => {
    const r = costPerContact([{ amount: '100.00', currency: 'USD' }], { a: 1, b: 1, c: 1 }, { allocateShared: 'by-contacts' });
    expect(r.byChannel.map((c) => c.totalCost.toFixed(2))).toEqual(['33.34', '33.33', '33.33']);
    expect(r.unallocatedSharedCost.isZero()).toBe(true);
  });

  it('counts contact records, grouped by channel (tickets and calls as they are)', () => {
    const tickets = deepFreeze([
      { id: 'T-1', createdAt: '2026-03-01T09:00:00Z', channel: 'email' },
      { id: 'T-2', createdAt: '2026-03-01T09:00:00Z', channel: 'email' },
      { id: 'C-1', queuedAt: '2026-03-01T09:00:00Z', channel: 'phone' },
      { id: 'X-1' },
    ]);
    const r = costPerContact([{ amount: 90, currency: 'EUR' }], tickets, { decimalPlaces: 2 });
    expect(r.contacts).toBe(4);
    expect(r.costPerContact?.toString()).toBe('22.5');
    expect(r.byChannel.map((c) => [c.channel, c.contacts])).toEqual([['email', 2], ['phone', 1], [null, 1]]);
    expect(r.unallocatedSharedCost.toString()).toBe('90');
  });

  it('numbers are taken by their shortest decimal string; rounding is half-even when asked', () => {
    expect(costPerContact([{ amount: 0.1, currency: 'EUR' }, { amount: 0.2, currency: 'EUR' }], 1).totalCost.toString()).toBe('0.3');
    expect(costPerContact([{ amount: 0.1 + 0.2, currency: 'EUR' }], 1).totalCost.toString()).toBe('0.30000000000000004');
    expect(costPerContact([{ amount: '2.5', currency: 'EUR' }], 1, { decimalPlaces: 0 }).costPerContact?.toString()).toBe('2');
    expect(costPerContact([{ amount: '2.5', currency: 'EUR' }], 1, { decimalPlaces: 0, rounding: 'half-up' }).costPerContact?.toString()).toBe('3');
    expect(costPerContact([{ amount: '10', currency: 'EUR' }], 3).costPerContact?.toString()).toBe('3.333333333333333333333333333333333333333');
  });

  it('mixed currencies need rates; negatives only for credits', () => {
    const mixed = [{ amount: '100', currency: 'EUR' }, { amount: '100', currency: 'USD' }];
    try {
      costPerContact(mixed, 10);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(MetricsError);
      expect((e as MetricsError).code).toBe('mixed_currencies');
      expect((e as MetricsError).recordIndex).toBe(1);
    }
    expect(costPerContact(mixed, 10, { currency: 'EUR', rates: { USD: '0.92' } }).totalCost.toString()).toBe('192');
    expect(() => costPerContact([{ amount: '-5', currency: 'EUR' }], 1)).toThrow(/only category 'credit'/);
    expect(costPerContact([{ amount: '100', currency: 'EUR' }, { amount: '-5', currency: 'EUR', category: 'credit' }], 1).totalCost.toString()).toBe('95');
    expect(() => costPerContact([{ amount: '1,000', currency: 'EUR' }], 1)).toThrow(MetricsError);
    expect(() => costPerContact([{ amount: '1', currency: 'eur' }], 1)).toThrow(MetricsError);
  });

  it('zero contacts: no cost per contact, never Infinity', () => {
    const r = costPerContact([{ amount: '5', currency: 'EUR' }], 0);
    expect(r.costPerContact).toBeUndefined();
    expect(() => costPerContact([], 1.5)).toThrow(MetricsError);
  });

  it('bad contact records are excluded under invalid: exclude', () => {
    const r = costPerContact([], [{ id: 'a', channel: 'email' }, { id: 'a', channel: 'email' }, null as never, { channel: 7 as never }], { invalid: 'exclude' });
    expect(r.contacts).toBe(1);
    expect(r.excluded.byReason).toEqual({ 'invalid:duplicate_id': 1, 'invalid:invalid_record': 1, 'invalid:invalid_value': 1 });
  });
});
