import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageResponseTime } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { permute, referenceCycles, referenceR7, ticketsArb } from '../support/ticketArb.js';
import { deepFreeze } from '../support/workedExample.js';

describe('averageResponseTime properties', () => {
  it('cycles agree with a slow reference (per reply and per ticket)', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const cycles = tickets.map(referenceCycles);
        const all = cycles.flat();
        const r = averageResponseTime(deepFreeze(tickets));
        expect(r.count).toBe(all.length);
        expect(r.ticketCount).toBe(cycles.filter((c) => c.length > 0).length);
        expect(r.ticketCount + r.excluded.total).toBe(tickets.length);
        if (all.length > 0) {
          expect(r.totalMs).toBe(all.reduce((a, b) => a + b, 0));
          expect(r.medianMs).toBeCloseTo(referenceR7(all, 0.5), 3);
        }
        const means = cycles.filter((c) => c.length > 0).map((c) => c.reduce((a, b) => a + b, 0) / c.length);
        const perTicket = averageResponseTime(tickets, { per: 'ticket' });
        expect(perTicket.count).toBe(means.length);
        if (means.length > 0) {
          const mean = means.reduce((a, b) => a + b, 0) / means.length;
          expect(Math.abs(perTicket.meanMs! - mean)).toBeLessThanOrEqual(1e-9 * Math.max(1, mean));
        }
      }),
      fcParams(150),
    );
  });

  it('does not depend on ticket or event order', () => {
    fc.assert(
      fc.property(ticketsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (tickets, keys) => {
        const shuffled = permute(tickets, keys).map((t) => ({ ...t, events: permute(t.events ?? [], keys) }));
        const a = averageResponseTime(shuffled);
        const b = averageResponseTime(tickets);
        expect({ ...a, excluded: a.excluded.byReason }).toEqual({ ...b, excluded: b.excluded.byReason });
      }),
      fcParams(150),
    );
  });
});
