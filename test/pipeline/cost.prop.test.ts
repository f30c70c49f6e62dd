/**
 * Properties of `by` for costPerContact (issue 12): each group is the cost per contact of its cost lines over
 * its contacts (those of its channel when a dimension is the channel and the contacts carry channels, else all
 * of them); for single-valued keys the groups' costs add up to the total, and by channel their contacts too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costPerContact, type CostBy, type CostEntry } from '../../src/index.js';
import { fcParams } from '../support/fc.js';

const lineArb: fc.Arbitrary<CostEntry> = fc
  .record({
    cents: fc.integer({ min: 0, max: 1_000_000 }),
    channel: fc.constantFrom<string | undefined>('email', 'chat', 'phone', undefined),
    category: fc.constantFrom<string | undefined>('salaries', 'tooling', 'credit', undefined),
  })
  .map((l) => {
    const amount = `${l.category === 'credit' ? '-' : ''}${Math.floor(l.cents / 100)}.${String(l.cents % 100).padStart(2, '0')}`;
    return { amount, currency: 'EUR', ...(l.channel === undefined ? {} : { channel: l.channel }), ...(l.category === undefined ? {} : { category: l.category }) };
  });
const linesArb = fc.array(lineArb, { maxLength: 12 });

type Contacts = Parameters<typeof costPerContact>[1];
const contactsArb: fc.Arbitrary<Contacts> = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.record({ email: fc.integer({ min: 0, max: 900 }), chat: fc.integer({ min: 0, max: 900 }) }),
  fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom<string | undefined>('email', 'chat', 'phone', undefined) }, { weight: 1, arbitrary: fc.constant<string | undefined>('bad') }), { maxLength: 30 })
    .map((cs) => cs.map((ch, i) => (ch === 'bad' ? { id: `K${i}`, channel: 7 as unknown as string } : { id: `K${i}`, ...(ch === undefined ? {} : { channel: ch }) }))),
);
const singleByArb = fc.constantFrom<CostBy>('channel', 'channel', 'category', (l: CostEntry) => (l.category ?? 'none').length > 7, { name: 'big', key: (l: CostEntry) => Number(l.amount) > 5000 });
const byArb = fc.oneof(singleByArb, fc.constantFrom<CostBy>(['channel', 'category'], (l: CostEntry) => [l.channel ?? 'shared', l.category ?? 'other']));
const optionsArb = fc.record({ allocateShared: fc.constantFrom('none' as const, 'by-contacts' as const), decimalPlaces: fc.constantFrom(undefined, 2, 4) });

/** The contacts of one channel (null: none), in the form they were given. */
function channelContacts(contacts: Contacts, channel: unknown): Contacts {
  if (Array.isArray(contacts)) return contacts.filter((c) => (typeof c.channel === 'string' ? c.channel : null) === channel);
  const counts = contacts as Record<string, number>;
  return typeof channel === 'string' && Object.prototype.hasOwnProperty.call(counts, channel) ? { [channel]: counts[channel] as number } : {};
}

const comparable = (g: object): unknown => {
  const { key: _key, groups: _groups, ...rest } = g as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest));
};
const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (e) {
    return { threw: (e as { code?: unknown }).code };
  }
};

describe('costPerContact: by', () => {
  it('each group is the cost per contact of its lines over its contacts', () => {
    fc.assert(
      fc.property(linesArb, contactsArb, optionsArb, byArb, (lines, contacts, options, by) => {
        const opts = { invalid: 'exclude' as const, ...(options.decimalPlaces === undefined ? {} : { decimalPlaces: options.decimalPlaces }), allocateShared: options.allocateShared };
        const r = outcome(() => costPerContact(lines, contacts, { ...opts, by })) as ReturnType<typeof costPerContact> | { threw: unknown };
        if ('threw' in r) {
          // 'by-contacts' needs contacts by channel: the same error without by.
          expect(outcome(() => costPerContact(lines, contacts, opts))).toEqual(r);
          return;
        }
        const splitsContacts = typeof contacts !== 'number' && (by === 'channel' || (Array.isArray(by) && by.includes('channel')));
        const members = new Map<string, CostEntry[]>();
        for (const line of lines) for (const g of costPerContact([line], contacts, { ...opts, by }).groups ?? []) members.set(JSON.stringify(g.key), [...(members.get(JSON.stringify(g.key)) ?? []), line]);
        const groups = r.groups ?? [];
        expect(groups.map((g) => JSON.stringify(g.key)).sort()).toEqual([...members.keys()].sort());
        for (const g of groups) {
          const own = splitsContacts ? channelContacts(contacts, g.key.channel ?? null) : contacts;
          expect(comparable(g)).toEqual(comparable(costPerContact(members.get(JSON.stringify(g.key)) as CostEntry[], own, opts)));
        }
      }),
      fcParams(80),
    );
  }, 60_000);

  it('with a single-valued key the groups add up: costs always, contacts by channel', () => {
    fc.assert(
      fc.property(linesArb, contactsArb, singleByArb, (lines, contacts, by) => {
        const r = costPerContact(lines, contacts, { invalid: 'exclude', by });
        const groups = r.groups ?? [];
        expect(groups.reduce((s, g) => s.plus(g.totalCost), r.totalCost.minus(r.totalCost)).eq(r.totalCost)).toBe(true);
        if (by === 'channel' && typeof contacts !== 'number') {
          const inGroups = groups.reduce((s, g) => s + g.contacts, 0);
          // Contacts of a channel no cost line names are in no group.
          const named = new Set(groups.map((g) => g.key.channel));
          const elsewhere = r.byChannel.filter((c) => !named.has(c.channel)).reduce((s, c) => s + c.contacts, 0);
          expect(inGroups + elsewhere).toBe(r.contacts);
        }
      }),
      fcParams(80),
    );
  }, 60_000);
});
