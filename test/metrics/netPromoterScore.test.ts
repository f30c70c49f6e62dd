import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareNetPromoterScores } from '../../src/metrics/compareNetPromoterScores/index.js';
import { netPromoterScore } from '../../src/metrics/netPromoterScore/index.js';
import { MetricsError } from '../../src/results/errors.js';

const repeat = (v: number, n: number): number[] => Array.from({ length: n }, () => v);
const freeze = <T>(x: T): T => {
  if (x !== null && typeof x === 'object') {
    Object.values(x).forEach(freeze);
    Object.freeze(x);
  }
  return x;
};

/** Splits one CSV line, honouring double quotes. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

describe('netPromoterScore: worked examples (docs/surveys.md)', () => {
  it('100 promoters, 30 passives, 80 detractors → 9.52', () => {
    const r = netPromoterScore(freeze([...repeat(10, 100), ...repeat(7, 30), ...repeat(0, 80)]));
    expect(r.promoters).toBe(100);
    expect(r.passives).toBe(30);
    expect(r.detractors).toBe(80);
    expect(r.count).toBe(210);
    expect(r.scoreDecimal?.toFixed(2)).toBe('9.52');
    expect(r.score).toBeCloseTo(200 / 21, 12); // 100 × 20 / 210
    // SE = 100·√((180/210 − (20/210)²)/210) = 100·√(37400/9261000)
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(37400 / 9261000), 10);
    expect(r.marginOfError).toBeCloseTo(1.959963984540054 * 100 * Math.sqrt(37400 / 9261000), 9);
  });

  it('0..10 each once → −45.45', () => {
    const r = netPromoterScore([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.scoreDecimal?.toFixed(2)).toBe('-45.45'); // 100 × (2 − 7) / 11
    expect(r.score).toBeCloseTo(-500 / 11, 12);
  });

  it('the JSDoc example: [10, 9, 9, 8, 7, 6, 3, null]', () => {
    const r = netPromoterScore([10, 9, 9, 8, 7, 6, 3, null]);
    expect(r.score).toBeCloseTo(100 / 7, 12);
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(34 / 343), 12);
    expect(r.excluded).toEqual({ total: 1, byReason: { no_answer: 1 }, ids: { no_answer: ['#7'] } });
  });

  it('no answers: undefined, never 0 or NaN', () => {
    const r = netPromoterScore([null, undefined, NaN]);
    expect(r.score).toBeUndefined();
    expect(r.standardError).toBeUndefined();
    expect(r.count).toBe(0);
    expect(r.excluded.total).toBe(3);
  });

  it('reads SurveyResponse objects and typed arrays alike', () => {
    const objects = netPromoterScore([{ id: 'a', score: 10 }, { id: 'b', score: 3 }, { id: 'c', score: null }]);
    const typed = netPromoterScore(Uint8Array.from([10, 3]));
    expect(objects.score).toBe(0);
    expect(typed.score).toBe(0);
    expect(objects.excluded.ids).toEqual({ no_answer: ['c'] });
  });

  it('rejects non-integers and out-of-scale scores, or excludes them', () => {
    const err = (f: () => unknown): MetricsError => {
      try {
        f();
      } catch (e) {
        return e as MetricsError;
      }
      throw new Error('no error');
    };
    const e1 = err(() => netPromoterScore([9, 8.5]));
    expect(e1).toBeInstanceOf(MetricsError);
    expect(e1.code).toBe('invalid_value');
    expect(e1.recordIndex).toBe(1);
    expect(err(() => netPromoterScore([{ id: 'x', score: 11 }])).code).toBe('out_of_range');
    expect(err(() => netPromoterScore([{ id: 'x', score: 11 }])).recordId).toBe('x');
    expect(err(() => netPromoterScore([0], { scale: '1-10' })).code).toBe('out_of_range');
    expect(err(() => netPromoterScore(['9' as unknown as number])).code).toBe('invalid_record');
    expect(err(() => netPromoterScore([Infinity])).code).toBe('invalid_value');
    const r = netPromoterScore([10, 8.5, 11, -1, 3], { invalid: 'exclude' });
    expect(r.count).toBe(2);
    expect(r.excluded.byReason).toEqual({ 'invalid:invalid_value': 1, 'invalid:out_of_range': 2 });
  });

  it('validates custom bands', () => {
    const bands = { detractors: [0, 5], passives: [6, 8], promoters: [9, 10] } as const;
    expect(netPromoterScore([6, 9], { bands }).score).toBe(50);
    expect(() => netPromoterScore([1], { bands: { detractors: [0, 6], passives: [6, 8], promoters: [9, 10] } })).toThrow(/overlaps/);
    expect(() => netPromoterScore([1], { bands: { detractors: [0, 5], passives: [7, 8], promoters: [9, 10] } })).toThrow(/score 6 belongs to no band/);
    expect(() => netPromoterScore([1], { scale: '1-10', bands: { detractors: [0, 6], passives: [7, 8], promoters: [9, 10] } })).toThrow(/outside/);
  });

  it('weights: Kish effective sample size', () => {
    // weights 2, 1, 1 on a promoter, a passive, a detractor: NPS = 100 × (2 − 1)/4 = 25; nEff = 16/6.
    const r = netPromoterScore([10, 8, 0], { weights: [2, 1, 1] });
    expect(r.score).toBe(25);
    expect(r.effectiveSampleSize).toBeCloseTo(16 / 6, 12);
    expect(r.weights?.total.toString()).toBe('4');
    // p = .5, d = .25: p + d − (p − d)² = .6875; SE = 100·√(.6875 / (8/3)).
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(0.6875 / (8 / 3)), 10);
    const viaObjects = netPromoterScore([{ score: 10, weight: 2 }, { score: 8 }, { score: 0 }]);
    expect(viaObjects.score).toBe(25);
    expect(() => netPromoterScore([10], { weights: [-1] })).toThrow(MetricsError);
  });

  // The real data set lives in shared/ beside the project (as on CI); a bare clone without it skips this test.
  const botanic = new URL('../../../shared/data/botanic-nps/nps.csv', import.meta.url);
  it.skipIf(!existsSync(botanic))('Botanic garden-centre survey (CC0, 1–10 scale, NA = no answer): 53.42', () => {
    const text = readFileSync(botanic, 'latin1');
    const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
    const header = splitCsv(lines[0] as string);
    const col = header.indexOf('nps');
    const scores = lines.slice(1).map((l) => {
      const v = splitCsv(l)[col] as string;
      return v === 'NA' ? null : Number(v);
    });
    expect(scores.length).toBe(13954);
    const r = netPromoterScore(scores, { scale: '1-10' });
    // Counted by hand from the file: 9–10: 2487 + 5978; 7–8: 1061 + 2892; 1–6: 83+53+65+101+401+491.
    expect([r.promoters, r.passives, r.detractors, r.excluded.byReason.no_answer]).toEqual([8465, 3953, 1194, 342]);
    expect(r.scoreDecimal?.toFixed(2)).toBe('53.42'); // 100 × 7271 / 13612
    expect(r.standardError).toBeCloseTo(0.5583, 4);
  });
});

describe('compareNetPromoterScores', () => {
  it('March vs April: difference 20, SE √140, z 1.690, p 0.091', () => {
    const march = netPromoterScore([...repeat(10, 60), ...repeat(8, 20), ...repeat(3, 20)]);
    const april = netPromoterScore([...repeat(10, 50), ...repeat(8, 20), ...repeat(3, 30)]);
    expect(march.standardError).toBeCloseTo(8, 12);
    const c = compareNetPromoterScores(march, april);
    expect(c.difference).toBe(20);
    expect(c.standardError).toBeCloseTo(Math.sqrt(140), 12);
    expect(c.z).toBeCloseTo(20 / Math.sqrt(140), 12);
    expect(c.pValue).toBeCloseTo(0.0909689, 6); // 2·(1 − Φ(1.6903)), scipy.stats.norm.sf(1.6903085)*2
  });

  it('undefined in, undefined out; zero spread gives no z', () => {
    const empty = netPromoterScore([]);
    expect(compareNetPromoterScores(empty, netPromoterScore([10])).difference).toBeUndefined();
    const c = compareNetPromoterScores(netPromoterScore([10, 10]), netPromoterScore([0]));
    expect(c.difference).toBe(200);
    expect(c.z).toBeUndefined();
    expect(c.pValue).toBeUndefined();
    expect(() => compareNetPromoterScores({ score: 500, standardError: 1 }, empty)).toThrow(MetricsError);
  });
});
