/** Properties of averageSpeedOfAnswer, averageHandleTime and averageAbandonTime. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageAbandonTime, averageHandleTime, averageSpeedOfAnswer, type Call } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { permute } from '../support/ticketArb.js';

const BASE = Date.UTC(2026, 2, 2, 8);
const callArb: fc.Arbitrary<Omit<Call, 'id'>> = fc
  .record({
    queued: fc.integer({ min: 0, max: 86_400_000 }),
    wait: fc.integer({ min: 0, max: 600_000 }),
    talk: fc.integer({ min: 0, max: 1_800_000 }),
    outcome: fc.constantFrom('answered', 'abandoned', 'waiting', 'in_progress'),
    hold: fc.integer({ min: 0, max: 60_000 }),
    wrap: fc.integer({ min: 0, max: 120_000 }),
  })
  .map(({ queued, wait, talk, outcome, hold, wrap }) => {
    const q = BASE + queued;
    if (outcome === 'waiting') return { queuedAt: q };
    if (outcome === 'abandoned') return { queuedAt: q, abandonedAt: q + wait };
    if (outcome === 'in_progress') return { queuedAt: q, answeredAt: q + wait };
    return { queuedAt: q, answeredAt: q + wait, endedAt: q + wait + talk + hold, holdMs: hold, wrapUpMs: wrap };
  });
const callsArb = fc.array(callArb, { maxLength: 40 }).map((cs) => cs.map((c, i) => ({ id: `C${i}`, ...c }) as Call));

const FUNCTIONS = [
  ['averageSpeedOfAnswer', averageSpeedOfAnswer],
  ['averageHandleTime', averageHandleTime],
  ['averageAbandonTime', averageAbandonTime],
] as const;

describe.each(FUNCTIONS)('%s properties', (_name, fn) => {
  it('count + excluded = input, statistics ordered, durations ≥ 0, no NaN', () => {
    fc.assert(
      fc.property(callsArb, (calls) => {
        const r = fn(calls);
        expect(r.count + r.excluded.total).toBe(calls.length);
        if (r.count === 0) {
          expect(r.meanMs).toBeUndefined();
          return;
        }
        expect(r.minMs!).toBeGreaterThanOrEqual(0);
        expect(r.minMs!).toBeLessThanOrEqual(r.medianMs!);
        expect(r.medianMs!).toBeLessThanOrEqual(r.percentilesMs.p90!);
        expect(r.percentilesMs.p90!).toBeLessThanOrEqual(r.maxMs!);
        expect(r.meanMs!).toBeGreaterThanOrEqual(r.minMs!);
        expect(r.meanMs!).toBeLessThanOrEqual(r.maxMs!);
      }),
      fcParams(100),
    );
  });

  it('does not depend on call order', () => {
    fc.assert(
      fc.property(callsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (calls, keys) => {
        const a = fn(permute(calls, keys));
        const b = fn(calls);
        expect({ ...a, excluded: a.excluded.byReason }).toEqual({ ...b, excluded: b.excluded.byReason });
      }),
      fcParams(100),
    );
  });
});

describe('call duration definitions against a plain computation', () => {
  it('ASA is the mean wait of answered calls; AHT talk + hold + wrap-up; abandon time the mean wait of abandons', () => {
    fc.assert(
      fc.property(callsArb, (calls) => {
        const answered = calls.filter((c) => c.answeredAt != null);
        const asa = answered.map((c) => (c.answeredAt as number) - (c.queuedAt as number));
        const handled = calls.filter((c) => c.endedAt != null);
        const aht = handled.map((c) => (c.endedAt as number) - (c.answeredAt as number) + (c.wrapUpMs ?? 0));
        const abandons = calls.filter((c) => c.abandonedAt != null).map((c) => (c.abandonedAt as number) - (c.queuedAt as number));
        const sum = (xs: number[]): number | undefined => (xs.length === 0 ? undefined : xs.reduce((x, y) => x + y, 0));
        expect(averageSpeedOfAnswer(calls).totalMs).toBe(sum(asa));
        expect(averageHandleTime(calls).totalMs).toBe(sum(aht));
        expect(averageAbandonTime(calls).totalMs).toBe(sum(abandons));
      }),
      fcParams(100),
    );
  });
});
