import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTicketReader } from '../../src/_lib/tickets.js';
import type { Ticket } from '../../src/model/index.js';
import { finishLedger } from '../../src/results/excluded.js';
import { fcParams } from '../support/fc.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

const createdArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -60_000, max: 120_000 }).map((d) => T0 + d) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(undefined, null, '2026-03-02T09:00:30Z', '2026-03-02T09:00:30', 'x', T0 + 0.5, -1, NaN, 9e15, new Date(T0), {}),
  },
);

const idArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }).map((n) => `T${String(n).padStart(2, '0')}`) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(7, '7', 8, '', undefined, null, NaN, -0, 0, {}, 'T05') },
);

const ticketArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 20, arbitrary: fc.record({ id: idArb, createdAt: createdArb }, { requiredKeys: ['id'] }).map((t) => ({ ...t, events: [] }) as unknown) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 42, 'ticket') },
);

function readAll(tickets: readonly unknown[], fastPath: boolean): { reads: unknown[]; excluded: unknown } {
  const reader = createTicketReader<string>('test', tickets, { invalid: 'exclude' }, undefined, false, fastPath);
  const f = reader.facts;
  const reads = tickets.map((_, i) =>
    reader.readIdentity(tickets as readonly Ticket[], i) ? { index: f.index, id: f.id, createdMs: f.createdMs, same: f.ticket === tickets[i] } : false,
  );
  return { reads, excluded: finishLedger(reader.ledger) };
}

describe('ticket reader', () => {
  it('the inline identity checks accept exactly what the complete checks accept, with the same facts and exclusions', () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 40 }), (tickets) => {
        expect(readAll(tickets, true)).toEqual(readAll(tickets, false));
      }),
      fcParams(300),
    );
  });
});
