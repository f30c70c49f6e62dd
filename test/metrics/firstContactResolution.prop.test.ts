import fc from 'fast-check';
import { describe, it } from 'vitest';
import { firstContactResolution } from '../../src/metrics/firstContactResolution/index.js';
import type { Ticket } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';
import { bruteResolvedAt, deepFreeze, ticketsArb } from './backlog.support.js';

const definitionArb = fc.constantFrom('one-touch', 'no-customer-follow-up', 'no-repeat-contact') as fc.Arbitrary<'one-touch' | 'no-customer-follow-up' | 'no-repeat-contact'>;

describe('firstContactResolution properties', () => {
  it('0 ≤ numerator ≤ denominator, and denominator + excluded = input', () => {
    fc.assert(
      fc.property(ticketsArb, definitionArb, fc.boolean(), (tickets, definition, silent) => {
        const r = firstContactResolution(deepFreeze(tickets), { definition, countSilentSolves: silent, asOf: Date.UTC(2030, 0, 1) });
        return r.numerator >= 0 && r.numerator <= r.denominator && r.denominator + r.excluded.total === tickets.length;
      }),
      fcParams(100),
    );
  });
  it('with the built-in eligibility rules off and eligible always true, denominator = resolved tickets', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const r = firstContactResolution(deepFreeze(tickets), {
          spamTags: [],
          mergedTags: [],
          excludeAgentCreated: false,
          excludeNoCustomerMessage: false,
          eligible: () => true,
        });
        const resolved = tickets.filter((t) => bruteResolvedAt(t, Infinity)).length;
        return r.denominator === resolved;
      }),
      fcParams(100),
    );
  });
  it('adding an ineligible ticket never changes the numerator nor the denominator', () => {
    fc.assert(
      fc.property(ticketsArb, fc.integer({ min: 0, max: 1000 }), fc.constantFrom('one-touch', 'no-customer-follow-up') as fc.Arbitrary<'one-touch' | 'no-customer-follow-up'>, fc.constantFrom('spam', 'merged', 'agent', 'predicate'), (tickets, h, definition, how) => {
        const base = tickets.slice(0, -1);
        const extraSource = tickets[tickets.length - 1];
        fc.pre(extraSource !== undefined);
        const src = extraSource as Ticket;
        const extra: Ticket = {
          ...src,
          id: 'EXTRA',
          createdAt: (src.createdAt as number) + h,
          tags: how === 'spam' ? ['spam'] : how === 'merged' ? ['closed_by_merge'] : [],
          createdBy: how === 'agent' ? 'agent' : 'customer',
        } as Ticket;
        fc.pre((extra.events ?? []).every((e) => (e.at as number) >= (extra.createdAt as number)));
        const eligible = (t: Ticket): true | string => (t.id === 'EXTRA' && how === 'predicate' ? 'test' : true);
        const a = firstContactResolution(deepFreeze(base), { definition, eligible });
        const b = firstContactResolution(deepFreeze([...base, extra]), { definition, eligible });
        return a.numerator === b.numerator && a.denominator === b.denominator && b.excluded.total === a.excluded.total + 1;
      }),
      fcParams(100),
    );
  });
});
