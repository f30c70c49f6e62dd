import fc from 'fast-check';
import { describe, it } from 'vitest';
import { serviceLevel, type AbandonedTreatment } from '../../src/metrics/serviceLevel/index.js';
import type { Call } from '../../src/model/index.js';
import { fcParams } from '../support/fc.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

const callsArb = fc
  .array(
    fc.record({
      outcome: fc.constantFrom('answered', 'answered', 'abandoned', 'waiting'),
      waitMs: fc.integer({ min: 0, max: 90_000 }),
    }),
    { maxLength: 60 },
  )
  .map((specs): Call[] =>
    specs.map((s, i) =>
      s.outcome === 'answered'
        ? { id: i, queuedAt: T0, answeredAt: T0 + s.waitMs }
        : s.outcome === 'abandoned'
          ? { id: i, queuedAt: T0, abandonedAt: T0 + s.waitMs }
          : { id: i, queuedAt: T0 },
    ),
  );

const modeArb = fc.constantFrom<AbandonedTreatment>('ignore', 'negative', 'positive', 'exclude-short', 'after-threshold');
const sorted = (o: object): string => JSON.stringify(Object.entries(o).sort());
const msArb = fc.integer({ min: 0, max: 90_000 });

describe('serviceLevel properties', () => {
  it('0 ≤ rate ≤ 1, and included + excluded = input', () => {
    fc.assert(
      fc.property(callsArb, modeArb, msArb, msArb, (calls, abandoned, thresholdMs, shortAbandonMs) => {
        const r = serviceLevel(calls, { thresholdMs, abandoned, shortAbandonMs });
        const inRange = r.rate === undefined ? r.denominator === 0 : r.rate >= 0 && r.rate <= 1;
        return inRange && r.numerator <= r.denominator && r.denominator + r.excluded.total === calls.length;
      }),
      fcParams(100),
    );
  });

  it('rises (weakly) with the threshold, for every abandon treatment except after-threshold', () => {
    // 'after-threshold' moves abandons out of the denominator as the threshold grows; it is monotone too,
    // since both its numerator grows and its denominator shrinks.
    fc.assert(
      fc.property(callsArb, modeArb, msArb, msArb, (calls, abandoned, t1, t2) => {
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = serviceLevel(calls, { thresholdMs: lo, abandoned });
        const b = serviceLevel(calls, { thresholdMs: hi, abandoned });
        if (a.rate === undefined) return true;
        if (b.rate === undefined) return abandoned === 'after-threshold';
        return a.numerator * b.denominator <= b.numerator * a.denominator;
      }),
      fcParams(100),
    );
  });

  it('interval rows aggregated from the calls give the same numbers', () => {
    fc.assert(
      fc.property(callsArb, modeArb, msArb, msArb, fc.integer({ min: 1, max: 5 }), (calls, abandoned, thresholdMs, shortAbandonMs, parts) => {
        const rows = Array.from({ length: parts }, (_, k) => ({
          id: `r${k}`,
          offered: 0,
          answered: 0,
          abandoned: 0,
          answeredWithin: 0,
          abandonedWithin: 0,
          shortAbandons: 0,
        }));
        calls.forEach((c, i) => {
          const row = rows[i % parts] as (typeof rows)[number];
          row.offered++;
          if (c.answeredAt != null) {
            row.answered++;
            if ((c.answeredAt as number) - T0 <= thresholdMs) row.answeredWithin++;
          } else if (c.abandonedAt != null) {
            const w = (c.abandonedAt as number) - T0;
            row.abandoned++;
            if (w <= thresholdMs) row.abandonedWithin++;
            if (w < shortAbandonMs) row.shortAbandons++;
          }
        });
        const a = serviceLevel(calls, { thresholdMs, abandoned, shortAbandonMs });
        const b = serviceLevel(rows, { abandoned });
        return (
          a.numerator === b.numerator &&
          a.denominator === b.denominator &&
          sorted(a.excluded.byReason) === sorted(b.excluded.byReason)
        );
      }),
      fcParams(100),
    );
  });
});
