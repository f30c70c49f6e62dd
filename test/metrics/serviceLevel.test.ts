import { describe, expect, it } from 'vitest';
import { serviceLevel, type AbandonedTreatment } from '../../src/metrics/serviceLevel/index.js';
import type { Call } from '../../src/model/index.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const answered = (id: string, waitS: number): Call => ({ id, queuedAt: T0, answeredAt: T0 + waitS * 1000 });
const abandoned = (id: string, waitS: number): Call => ({ id, queuedAt: T0, abandonedAt: T0 + waitS * 1000 });

/** The shared example of docs/contact-centre.md (105 calls, threshold 20 s, short abandons < 5 s). */
function sharedExample(): readonly Call[] {
  const calls: Call[] = [];
  for (let i = 0; i < 70; i++) calls.push(answered(`W${i}`, 10));
  for (let i = 0; i < 20; i++) calls.push(answered(`L${i}`, 45));
  for (let i = 0; i < 6; i++) calls.push(abandoned(`B${i}`, 12));
  for (let i = 0; i < 4; i++) calls.push(abandoned(`S${i}`, 2));
  for (let i = 0; i < 5; i++) calls.push(abandoned(`X${i}`, 60));
  return Object.freeze(calls.map((c) => Object.freeze(c)));
}

describe('serviceLevel', () => {
  it("Cisco's golden vector: 70 within, 10 abandoned within, 20 exceeded, 100 offered", () => {
    const row = Object.freeze({ offered: 100, answered: 90, abandoned: 10, answeredWithin: 70, abandonedWithin: 10, shortAbandons: 0 });
    // Cisco "abandoned ignored" SLCalls / (offered − SLAband) = 77.78%: our 'after-threshold' (and 'ignore' here).
    expect(serviceLevel([row], { abandoned: 'after-threshold' }).rate).toBeCloseTo(0.7778, 4);
    expect(serviceLevel([row], { abandoned: 'ignore' }).rate).toBeCloseTo(0.7778, 4);
    expect(serviceLevel([row], { abandoned: 'negative' }).percent).toBe(70);
    expect(serviceLevel([row], { abandoned: 'positive' }).percent).toBe(80);
  });

  it('the five formulas on the shared example', () => {
    const calls = sharedExample();
    const expected: Record<AbandonedTreatment, [number, number]> = {
      ignore: [70, 90],
      negative: [70, 105],
      positive: [80, 105],
      'exclude-short': [70, 101],
      'after-threshold': [70, 95],
    };
    for (const [mode, [num, den]] of Object.entries(expected) as [AbandonedTreatment, [number, number]][]) {
      const r = serviceLevel(calls, { thresholdMs: 20_000, abandoned: mode });
      expect([mode, r.numerator, r.denominator]).toEqual([mode, num, den]);
      expect(r.denominator + r.excluded.total).toBe(105);
    }
    expect(serviceLevel(calls, { thresholdMs: 20_000, abandoned: 'ignore' }).excluded.byReason).toEqual({ abandoned: 15 });
    expect(serviceLevel(calls, { thresholdMs: 20_000, abandoned: 'after-threshold' }).excluded.byReason).toEqual({ abandoned_within_threshold: 10 });
    expect(serviceLevel(calls, { thresholdMs: 20_000, abandoned: 'exclude-short' }).excluded.ids.short_abandon).toEqual(['S0', 'S1', 'S2', 'S3']);
    // Default is 'negative'.
    expect(serviceLevel(calls, { thresholdMs: 20_000 }).denominator).toBe(105);
  });

  it('"within" includes the threshold itself', () => {
    const calls = [answered('a', 20), answered('b', 21)];
    expect(serviceLevel(calls, { thresholdMs: 20_000 }).numerator).toBe(1);
    expect(serviceLevel(calls, { thresholdMs: 19_999 }).numerator).toBe(0);
  });

  it('the shared example as rows gives the same numbers', () => {
    const row = { id: 'int-1', offered: 105, answered: 90, abandoned: 15, answeredWithin: 70, abandonedWithin: 10, shortAbandons: 4 };
    for (const mode of ['ignore', 'negative', 'positive', 'exclude-short', 'after-threshold'] as const) {
      const a = serviceLevel([row], { abandoned: mode });
      const b = serviceLevel(sharedExample(), { thresholdMs: 20_000, abandoned: mode });
      expect([a.numerator, a.denominator, a.excluded.byReason]).toEqual([b.numerator, b.denominator, b.excluded.byReason]);
    }
  });

  it('rows need the counts their formula uses', () => {
    expect(() => serviceLevel([{ offered: 1, answered: 1, abandoned: 0 }])).toThrowError(/answeredWithin/);
    expect(() => serviceLevel([{ offered: 1, answered: 1, abandoned: 0, answeredWithin: 1 }], { abandoned: 'positive' })).toThrowError(/abandonedWithin/);
    expect(() => serviceLevel([{ offered: 1, answered: 1, abandoned: 0, answeredWithin: 2 }])).toThrowError(/exceeds answered/);
  });

  it('calls need thresholdMs; empty input gives undefined', () => {
    expect(() => serviceLevel([answered('a', 1)])).toThrowError(/thresholdMs/);
    expect(serviceLevel([], { thresholdMs: 1 }).rate).toBeUndefined();
    expect(() => serviceLevel([], { thresholdMs: 1, abandoned: 'neutral' as 'ignore' })).toThrowError(/abandoned/);
  });
});
