/** Breakdowns of costPerContact: the worked examples of docs/cost.md ("Breakdowns"), and the deprecated forms. */
import { describe, expect, it } from 'vitest';
import { costPerContact } from '../../src/index.js';

const costs = [
  { amount: '6000.00', currency: 'EUR', channel: 'phone', category: 'salaries' },
  { amount: '3000.00', currency: 'EUR', channel: 'email', category: 'salaries' },
  { amount: '1000.00', currency: 'EUR', category: 'tooling' },
];
const contacts = { phone: 1000, email: 2000 };

describe('costPerContact: by', () => {
  it("by channel: each channel's lines over its contacts; the shared lines in the null group", () => {
    const r = costPerContact(costs, contacts, { by: 'channel', decimalPlaces: 2 });
    expect(r.costPerContact?.toString()).toBe('3.33');
    expect(r.groups?.map((g) => [g.key.channel, g.totalCost.toFixed(2), g.contacts, g.costPerContact?.toFixed(2)])).toEqual([
      ['email', '3000.00', 2000, '1.50'],
      ['phone', '6000.00', 1000, '6.00'],
      [null, '1000.00', 0, undefined], // no contact without a channel
    ]);
    // byChannel (deprecated) keeps its meaning: with the shared cost allocated on request.
    const allocated = costPerContact(costs, contacts, { by: 'channel', allocateShared: 'by-contacts', decimalPlaces: 2 });
    expect(allocated.byChannel.map((c) => [c.channel, c.totalCost.toFixed(2)])).toEqual([['email', '3666.67'], ['phone', '6333.33']]);
  });

  it("by category: a category's cost over every contact, its share of the cost per contact", () => {
    const r = costPerContact(costs, contacts, { by: 'category', decimalPlaces: 4 });
    expect(r.groups?.map((g) => [g.key.category, g.totalCost.toFixed(2), g.contacts, g.costPerContact?.toString()])).toEqual([
      ['salaries', '9000.00', 3000, '3'],
      ['tooling', '1000.00', 3000, '0.3333'],
    ]);
  });

  it('key functions and cross-tabulations over cost lines; no time buckets', () => {
    const r = costPerContact(costs, 3000, { by: [(l) => (l.channel === undefined ? 'shared' : 'direct'), 'category'] });
    expect(r.groups?.map((g) => [g.key.key, g.key.category, g.totalCost.toString()])).toEqual([
      ['direct', 'salaries', '9000'],
      ['shared', 'tooling', '1000'],
    ]);
    expect(() => costPerContact(costs, 1, { by: { interval: 'day', timeZone: 'UTC' } as never })).toThrow(/cost lines have no instant/);
    expect(() => costPerContact(costs, 1, { by: 'chanel' as never })).toThrow(/did you mean "channel"/);
  });

  it("by: 'total' (deprecated) still leaves out the per-channel figures and adds no groups", () => {
    const r = costPerContact(costs, contacts, { by: 'total' });
    expect(r.byChannel).toEqual([]);
    expect(r.groups).toBeUndefined();
    expect(r.costPerContact?.toFixed(4)).toBe('3.3333');
  });
});
