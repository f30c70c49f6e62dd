import fc from 'fast-check';
import { describe, it } from 'vitest';
import { abandonmentRate } from '../../src/metrics/abandonmentRate/index.js';
import type { Call } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

/** Calls with random outcomes and waits (0–120 s), some still waiting, some with an IVR entry. */
const callsArb = fc
  .array(
    fc.record({
      outcome: fc.constantFrom('answered', 'abandoned', 'abandoned', 'waiting'),
      waitMs: fc.integer({ min: 0, max: 120_000 }),
      ivrMs: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: undefined }),
      offsetMs: fc.integer({ min: 0, max: 3_600_000 }),
    }),
    { maxLength: 60 },
  )
  .map((specs): Call[] =>
    specs.map((s, i) => {
      const q = T0 + s.offsetMs;
      const base = { id: `C${i}`, queuedAt: q, ...(s.ivrMs === undefined ? {} : { enteredAt: q - s.ivrMs }) };
      if (s.outcome === 'answered') return { ...base, answeredAt: q + s.waitMs };
      if (s.outcome === 'abandoned') return { ...base, abandonedAt: q + s.waitMs };
      return base;
    }),
  );

const shortArb = fc.integer({ min: 0, max: 20_000 });

describe('abandonmentRate properties', () => {
  it('0 ≤ rate ≤ 1 and numerator ≤ denominator', () => {
    fc.assert(
      fc.property(callsArb, shortArb, fc.constantFrom('exclude', 'include') as fc.Arbitrary<'exclude' | 'include'>, (calls, shortAbandonMs, shortAbandons) => {
        const r = abandonmentRate(calls, { shortAbandonMs, shortAbandons });
        return r.numerator <= r.denominator && (r.rate === undefined ? r.denominator === 0 : r.rate >= 0 && r.rate <= 1);
      }),
      fcParams(100),
    );
  });

  it('included + excluded = input', () => {
    fc.assert(
      fc.property(callsArb, shortArb, (calls, shortAbandonMs) => {
        const r = abandonmentRate(calls, { shortAbandonMs });
        return r.denominator + r.excluded.total === calls.length;
      }),
      fcParams(100),
    );
  });

  it('excluding short abandons never raises the denominator nor the rate', () => {
    fc.assert(
      fc.property(callsArb, shortArb, fc.constantFrom('queue', 'system') as fc.Arbitrary<'queue' | 'system'>, (calls, shortAbandonMs, clockStartsAt) => {
        const ex = abandonmentRate(calls, { shortAbandonMs, clockStartsAt });
        const inc = abandonmentRate(calls, { shortAbandonMs, clockStartsAt, shortAbandons: 'include' });
        if (ex.denominator > inc.denominator) return false;
        if (ex.rate === undefined || inc.rate === undefined) return true;
        return ex.numerator * inc.denominator <= inc.numerator * ex.denominator;
      }),
      fcParams(100),
    );
  });

  it('rows aggregated from the calls give the same rate, however the calls are split into rows', () => {
    fc.assert(
      fc.property(callsArb, shortArb, fc.integer({ min: 1, max: 6 }), (calls, shortAbandonMs, parts) => {
        const rows = Array.from({ length: parts }, () => ({ offered: 0, answered: 0, abandoned: 0, shortAbandons: 0 }));
        calls.forEach((c, i) => {
          const row = rows[i % parts] as (typeof rows)[number];
          row.offered++;
          if (c.answeredAt != null) row.answered++;
          if (c.abandonedAt != null) {
            row.abandoned++;
            if ((c.abandonedAt as number) - (c.queuedAt as number) < shortAbandonMs) row.shortAbandons++;
          }
        });
        const a = abandonmentRate(calls, { shortAbandonMs });
        const b = abandonmentRate(rows);
        return a.numerator === b.numerator && a.denominator === b.denominator && a.excluded.total === b.excluded.total;
      }),
      fcParams(100),
    );
  });
});
