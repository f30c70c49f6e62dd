import fc from 'fast-check';
import { describe, it } from 'vitest';
import { backlog } from '../../src/metrics/backlog/index.js';
import { fcParams } from '../support/fc.js';
import { bruteResolvedAt, deepFreeze, HOUR, T0, ticketsArb } from './backlog.support.js';

describe('backlog properties', () => {
  it('count at `at` equals a brute-force replay of every ticket', () => {
    fc.assert(
      fc.property(ticketsArb, fc.integer({ min: -24, max: 24 * 70 }), (tickets, h) => {
        const at = T0 + h * HOUR;
        const r = backlog(deepFreeze(tickets), { at, excludeSpam: false, excludeMerged: false }); // the arbitrary's spam tags are FCR's; this oracle knows no eligibility
        const brute = tickets.filter((t) => (t.createdAt as number) <= at && !bruteResolvedAt(t, at));
        const aged = brute.filter((t) => at - (t.createdAt as number) > 7 * 24 * HOUR).length;
        const sum = Object.values(r.byAge).reduce((x, y) => x + y, 0);
        return r.count === brute.length && r.aged === aged && sum === r.count && r.count + r.excluded.total === tickets.length;
      }),
      fcParams(150),
    );
  });
});
