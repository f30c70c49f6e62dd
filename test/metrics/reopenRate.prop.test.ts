import fc from 'fast-check';
import { describe, it } from 'vitest';
import { reopenRate } from '../../src/metrics/reopenRate/index.js';
import { resolutionRate } from '../../src/metrics/resolutionRate/index.js';
import type { Ticket } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';
import { bruteResolvedAt, deepFreeze, statusTimes, ticketsArb } from './backlog.support.js';

function bruteReopened(t: Ticket): { resolved: boolean; reopened: boolean } {
  let state = false;
  let resolved = false;
  let reopened = false;
  for (const time of statusTimes(t)) {
    const r = bruteResolvedAt(t, time);
    if (r) resolved = true;
    if (state && !r) reopened = true;
    state = r;
  }
  return { resolved, reopened };
}

describe('reopenRate / resolutionRate properties', () => {
  it('reopenRate equals a brute-force replay; 0 ≤ numerator ≤ denominator', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const r = reopenRate(deepFreeze(tickets), { excludeSpam: false, excludeMerged: false }); // spam tags: see backlog.prop
        const b = tickets.map(bruteReopened);
        return (
          r.denominator === b.filter((x) => x.resolved).length &&
          r.numerator === b.filter((x) => x.reopened).length &&
          r.numerator <= r.denominator &&
          r.denominator + r.excluded.total === tickets.length
        );
      }),
      fcParams(100),
    );
  });
  it('resolutionRate asOf equals a brute-force replay', () => {
    fc.assert(
      fc.property(ticketsArb, fc.integer({ min: 0, max: 60 }), (tickets, day) => {
        const asOf = Date.UTC(2026, 2, 1) + day * 86_400_000;
        const r = resolutionRate(deepFreeze(tickets), { asOf, excludeSpam: false, excludeMerged: false }); // asOf: the deprecated name of at
        const cohort = tickets.filter((t) => (t.createdAt as number) <= asOf);
        return r.denominator === cohort.length && r.numerator === cohort.filter((t) => bruteResolvedAt(t, asOf)).length;
      }),
      fcParams(100),
    );
  });
});
