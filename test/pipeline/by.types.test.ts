/** Types of `by`: key functions get the record type of their metric, fields and instants are checked. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { abandonmentRate, averageSpeedOfAnswer, costPerContact, netPromoterScore, prepareCalls, type Call, type CallIntervalRow, type CostEntry, type SurveyAnswer } from '../../src/index.js';

describe('by: types', () => {
  it('key functions receive the record; unknown fields and instants do not compile', () => {
    averageSpeedOfAnswer([], { by: (c) => { expectTypeOf(c).toEqualTypeOf<Call>(); return c.agentId; } });
    abandonmentRate([], { by: (c) => { expectTypeOf(c).toEqualTypeOf<Call>(); return c.agentId; } });
    abandonmentRate([] as CallIntervalRow[], { by: (r) => { expectTypeOf(r).toEqualTypeOf<CallIntervalRow>(); return r.offered > 10; } });
    const either: Call[] | CallIntervalRow[] = [];
    abandonmentRate(either, { by: (x) => { expectTypeOf(x).toEqualTypeOf<Call | CallIntervalRow>(); return 'offered' in x; } });
    abandonmentRate([], { by: { interval: 'day', timeZone: 'UTC', of: 'interval' } });
    netPromoterScore([], { by: (a) => { expectTypeOf(a).toEqualTypeOf<SurveyAnswer>(); return typeof a === 'number' ? a : null; } });
    costPerContact([], 1, { by: (l) => { expectTypeOf(l).toEqualTypeOf<CostEntry>(); return l.category; } });
    costPerContact([], 1, { by: 'total' });
    averageSpeedOfAnswer(prepareCalls([]), { by: ['agent', { interval: 'week', timeZone: 'Europe/Paris', of: 'answered', weekStartsOn: 0 }] });
    // Checked at run time too:
    // @ts-expect-error not a call field
    expect(() => averageSpeedOfAnswer([], { by: 'priority' })).toThrow(/not a field of calls/);
    // @ts-expect-error not a call instant
    expect(() => averageSpeedOfAnswer([], { by: { interval: 'day', timeZone: 'UTC', of: 'created' } })).toThrow(/'queued', 'answered', 'ended'/);
    // @ts-expect-error cost lines have no instant
    expect(() => costPerContact([], 1, { by: { interval: 'day', timeZone: 'UTC' } })).toThrow(/no instant/);
  });
});
