import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageResolutionTime, resolutionTime, type Ticket } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { permute, referenceResolution, ticketsArb } from '../support/ticketArb.js';

function toSummary(t: Ticket): Ticket {
  const res = referenceResolution(t);
  return {
    id: t.id,
    createdAt: t.createdAt,
    firstResolvedAt: Number.isNaN(res.first) ? null : res.first,
    resolvedAt: Number.isNaN(res.last) ? null : res.last,
    ...(Number.isNaN(res.first) ? {} : { status: res.resolvedNow ? 'closed' : 'pending' }),
  };
}

describe('resolutionTime properties', () => {
  it('agrees with a slow reference, first and full', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const refs = tickets.map((t) => ({ t, r: referenceResolution(t) }));
        const full = refs.filter(({ r }) => !Number.isNaN(r.last) && r.resolvedNow).map(({ t, r }) => r.last - (t.createdAt as number));
        const first = refs.filter(({ r }) => !Number.isNaN(r.first)).map(({ t, r }) => r.first - (t.createdAt as number));
        const a = resolutionTime(tickets);
        expect(a.count).toBe(full.length);
        expect(a.count + a.excluded.total).toBe(tickets.length);
        expect(a.totalMs).toBe(full.length ? full.reduce((x, y) => x + y, 0) : undefined);
        const b = resolutionTime(tickets, { resolution: 'first' });
        expect(b.count).toBe(first.length);
        expect(b.totalMs).toBe(first.length ? first.reduce((x, y) => x + y, 0) : undefined);
        expect(averageResolutionTime(tickets)).toBe(a.meanMs);
      }),
      fcParams(150),
    );
  });

  it('the summary-field form gives the same result as the events form', () => {
    fc.assert(
      fc.property(ticketsArb, fc.constantFrom('first' as const, 'full' as const), (tickets, resolution) => {
        expect(resolutionTime(tickets.map(toSummary), { resolution })).toEqual(resolutionTime(tickets, { resolution }));
      }),
      fcParams(150),
    );
  });

  it('pausing never lengthens a resolution and never makes it negative', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const plain = resolutionTime(tickets);
        const paused = resolutionTime(tickets, { pauseStatuses: ['pending', 'on_hold'] });
        expect(paused.count).toBe(plain.count);
        if (plain.count > 0) {
          expect(paused.totalMs!).toBeLessThanOrEqual(plain.totalMs!);
          expect(paused.minMs!).toBeGreaterThanOrEqual(0);
        }
      }),
      fcParams(150),
    );
  });

  it('does not depend on ticket or event order', () => {
    fc.assert(
      fc.property(ticketsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (tickets, keys) => {
        const shuffled = permute(tickets, keys).map((t) => ({ ...t, events: permute(t.events ?? [], keys) }));
        const a = resolutionTime(shuffled, { pauseStatuses: ['pending'] });
        const b = resolutionTime(tickets, { pauseStatuses: ['pending'] });
        expect({ ...a, excluded: a.excluded.byReason }).toEqual({ ...b, excluded: b.excluded.byReason });
      }),
      fcParams(150),
    );
  });
});
