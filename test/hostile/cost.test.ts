/**
 * Hostile input for costPerContact: the standard properties, hostile cost lines and contacts, exact money on
 * amounts of many digits (an independent BigInt sum), the amount grammar, −0.00.
 */
import type Decimal from 'decimal.js';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { costPerContact } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { BAD_AMOUNTS, costLineArb, dataValueArb, hostileStringArb, longAmountArb } from './arbitraries.js';
import {
  boundedTimeout,
  checkAccount,
  describeHostile,
  documentedOptions,
  expectMetricsError,
  expectResult,
  PROPERTY_TIMEOUT,
  recordsProperty,
  runBounded,
  standardProperties,
  type FnSpec,
} from './harness.js';

const NAME = 'costPerContact';

function sampleCosts(): Array<Record<string, unknown>> {
  return [
    { id: 1, amount: '1000.00', currency: 'EUR', channel: 'email', category: 'salaries' },
    { id: 2, amount: 250.5, currency: 'EUR', category: 'tooling' },
    { id: 3, amount: '-10.005', currency: 'EUR', channel: 'chat', category: 'credit' },
  ];
}

const OPTIONS = documentedOptions(NAME, { currency: 'EUR', rates: { USD: '0.92' }, by: 'channel', allocateShared: 'by-contacts', minorUnits: 3, decimalPlaces: 2, rounding: 'half-up', invalid: 'exclude' });

const SPEC: FnSpec = {
  name: NAME,
  call: (costs, contacts, options) => costPerContact(costs as never, contacts as never, options as never),
  arity: 3,
  valid: () => [sampleCosts(), { email: 3, chat: 2 }],
  optionsIndex: 2,
  base: { currency: 'EUR' },
  options: OPTIONS,
  related: { rates: ['currency'], currency: ['rates'] },
};

/** A decimal string as a BigInt scaled by 10^scale (exact). */
function scaled(s: string, scale: number): bigint {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [int = '0', frac = ''] = body.split('.');
  const v = BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
  return neg ? -v : v;
}

/** A BigInt scaled by 10^scale as the shortest decimal string. */
function unscaled(v: bigint, scale: number): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const s = frac === '' ? int : `${int}.${frac}`;
  return neg && s !== '0' ? `-${s}` : s;
}

const fixed = (d: unknown): string => (d as Decimal).toFixed();

const contactsArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.nat(1000),
  fc.array(fc.record({ id: fc.oneof(fc.nat(40), hostileStringArb, dataValueArb), channel: fc.oneof(fc.constantFrom('email', 'chat', '__proto__', null), dataValueArb) }, { requiredKeys: [] }), { maxLength: 12 }),
  fc.dictionary(fc.constantFrom('email', 'chat', '__proto__', 'constructor', ''), fc.oneof(fc.nat(50), dataValueArb), { maxKeys: 4 }),
  dataValueArb,
);

describeHostile('costPerContact', () => {
  standardProperties(SPEC);
  recordsProperty(
    NAME,
    fc.tuple(fc.array(costLineArb, { maxLength: 8 }), contactsArb, fc.constantFrom('none', 'by-contacts'), fc.option(fc.nat(6))),
    (input, invalid) => {
      const [costs, contacts, allocateShared, dp] = input as [unknown[], unknown, 'none', number | null];
      return costPerContact(costs as never, contacts as never, { invalid, allocateShared, ...(dp === null ? {} : { decimalPlaces: dp }) });
    },
    (input, r) => {
      const [, contacts] = input as [unknown, unknown];
      if (Array.isArray(contacts)) checkAccount(NAME, 'contacts', r.contacts as number, (r.excluded as { total: number }).total, contacts.length);
    },
    { strictCollections: ['costs'] },
  );

  it('totals of amounts with many digits are exact (an independent BigInt sum), also after conversion', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(longAmountArb, fc.boolean()), { minLength: 1, maxLength: 8 }), fc.stringMatching(/^0\.[0-9]{1,12}[1-9]$/), (lines, rate) => {
        const costs = lines.map(([amount, usd], i) => ({ amount: amount.startsWith('-') ? amount.slice(1) : amount, currency: usd ? 'USD' : 'EUR', channel: i % 2 === 0 ? 'email' : undefined }));
        const r = expectResult<{ totalCost: Decimal; sharedCost: Decimal }>(NAME, () => costPerContact(costs as never, { email: 1 }, { currency: 'EUR', rates: { USD: rate } }));
        const rs = rate.length - 2;
        const S = 6 + rs;
        let total = 0n;
        let shared = 0n;
        for (const c of costs) {
          const v = c.currency === 'USD' ? scaled(c.amount, 6) * scaled(rate, rs) : scaled(c.amount, S);
          total += v;
          if (c.channel === undefined) shared += v;
        }
        expect(fixed(r.totalCost)).toBe(unscaled(total, S));
        expect(fixed(r.sharedCost)).toBe(unscaled(shared, S));
      }),
      fcParams(100),
    );
  }, PROPERTY_TIMEOUT);

  it('the allocation of shared costs adds up exactly, per channel and in total', () => {
    fc.assert(
      fc.property(fc.array(longAmountArb.map((s) => s.replace('-', '')), { minLength: 1, maxLength: 6 }), fc.dictionary(fc.constantFrom('email', 'chat', 'voice', '__proto__'), fc.integer({ min: 1, max: 1000 }), { minKeys: 1 }), (amounts, contacts) => {
        const costs = amounts.map((amount, i) => ({ amount, currency: 'EUR', ...(i % 3 === 0 ? { channel: 'email' } : {}) }));
        const r = expectResult<{ totalCost: Decimal; sharedCost: Decimal; unallocatedSharedCost: Decimal; byChannel: Array<{ allocatedSharedCost: Decimal; totalCost: Decimal }> }>(NAME, () =>
          costPerContact(costs, contacts, { allocateShared: 'by-contacts' }),
        );
        const S = 20;
        const sum = (xs: Decimal[]): string => unscaled(xs.reduce((a, d) => a + scaled(fixed(d), S), 0n), S);
        expect(sum(r.byChannel.map((c) => c.allocatedSharedCost))).toBe(fixed(r.sharedCost));
        expect(sum([...r.byChannel.map((c) => c.totalCost), r.unallocatedSharedCost])).toBe(fixed(r.totalCost));
      }),
      fcParams(60),
    );
  }, PROPERTY_TIMEOUT);

  it('contacts of the wrong kind (a Map, a Set, a Date, a typed array, a boxed number) are rejected, not read as no contacts', () => {
    const wrong: unknown[] = [new Map([['email', 3]]), new Set([1]), new Date(0), Uint32Array.of(3, 4), new Number(5), /x/, () => 5]; // eslint-disable-line no-new-wrappers
    for (const contacts of wrong) {
      expectMetricsError(NAME, () => costPerContact(sampleCosts() as never, contacts as never), ['invalid_argument', 'invalid_value'], 'contacts');
    }
  });

  it('123456789012345678901234567890123456789 + 0.01 keeps the cent', () => {
    const r = expectResult<{ totalCost: Decimal }>(NAME, () => costPerContact([{ amount: '123456789012345678901234567890123456789', currency: 'EUR' }, { amount: '0.01', currency: 'EUR' }], 1));
    expect(fixed(r.totalCost)).toBe('123456789012345678901234567890123456789.01');
  });

  it.each(BAD_AMOUNTS.filter((a) => a !== '5.' && a !== '.5').map((a) => [a]))("the amount %j breaks the stated grammar (digits, one '.', optional sign) and is rejected", (amount) => {
    expectMetricsError(NAME, () => costPerContact([{ amount, currency: 'EUR' }], 1), 'invalid_value', 'amount');
  });

  it('a credit that rounds to zero is 0.00, not -0.00', () => {
    expectResult(NAME, () => costPerContact([{ amount: '-0.001', currency: 'EUR', category: 'credit' }], 1, { decimalPlaces: 2 }));
    expectResult(NAME, () => costPerContact([{ amount: '-0', currency: 'EUR', category: 'credit' }, { amount: '-0.00', currency: 'EUR', category: 'credit', channel: 'chat' }], { chat: 1 }));
  });

  it("an amount of '1e1000000000' with allocation is a MetricsError, not a 10^9-digit string (or a crash)", async () => {
    const o = await runBounded('costPerContact/huge-exponent', '1e1000000000', 5000);
    if (o.ok) throw new Error(`a result came back: ${JSON.stringify(o.value)}`);
    expect([o.metrics, o.code, o.field], o.message).toEqual([true, 'invalid_value', 'amount']);
  }, boundedTimeout(5000));
});
