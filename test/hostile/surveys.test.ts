/**
 * Hostile input for the survey scores (NPS, its comparison, CSAT, CES): the standard properties, answers of
 * every kind in plain, sparse and typed arrays of every element type, extreme weights and standard errors.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { compareNetPromoterScores, customerEffortScore, customerSatisfactionScore, netPromoterScore } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { responsesArb } from './arbitraries.js';
import { checkAccount, describeHostile, documentedOptions, expectContract, expectResult, PROPERTY_TIMEOUT, recordsProperty, standardProperties, type FnSpec } from './harness.js';
import { TYPE_KEYS } from './registry.js';

function spec(name: string, s: Omit<FnSpec, 'name' | 'arity' | 'optionsIndex'> & { arity?: number; optionsIndex?: number }): FnSpec {
  documentedOptions(name, s.options ?? {});
  return { name, arity: 2, optionsIndex: 1, ...s };
}

/** The survey reader's options every survey metric takes. */
const SURVEY_INPUT = { timeZone: 'Europe/Paris', allowEarlyTimestamps: false, by: 'channel' } as const;

const npsAnswers = (): unknown[] => [0, 5, 7, 9, 10, { id: 'r1', score: 8, weight: 2 }];
const BANDS = { detractors: [0, 6], passives: [7, 8], promoters: [9, 10] };

const NPS = spec('netPromoterScore', {
  call: (r, o) => netPromoterScore(r as never, o as never),
  valid: () => [npsAnswers()],
  options: { scale: '0-10', bands: BANDS, weights: [1, 1, 1, 1, 1, 2], confidence: 0.9, invalid: 'exclude', ...SURVEY_INPUT },
  nested: { bands: { keys: TYPE_KEYS.NetPromoterBands as readonly string[], valid: BANDS } },
});
const COMPARE = spec('compareNetPromoterScores', {
  call: (a, b, o) => compareNetPromoterScores(a as never, b as never, o as never),
  arity: 3,
  optionsIndex: 2,
  valid: () => [{ score: 10, standardError: 5 }, { score: -3, standardError: 4 }],
  options: { confidence: 0.9 },
});
const CSAT = spec('customerSatisfactionScore', {
  call: (r, o) => customerSatisfactionScore(r as never, o as never),
  valid: () => [[1, 2, 3, 4, 5, { id: 'x', score: 4 }, null]],
  options: { method: 'mean', scale: { min: 1, max: 5 }, satisfiedFrom: 4, surveysSent: 100, confidence: 0.9, invalid: 'exclude', ...SURVEY_INPUT },
  nested: { scale: { keys: TYPE_KEYS.ScoreScale as readonly string[], valid: { min: 1, max: 5 } } },
});
const CES = spec('customerEffortScore', {
  call: (r, o) => customerEffortScore(r as never, o as never),
  valid: () => [[1, 2, 3, 4, 5, 6, 7, { score: 6 }]],
  options: { scale: { min: 1, max: 7 }, method: 'top-box', direction: 'lower-is-better', easyThreshold: 3, surveysSent: 100, confidence: 0.9, invalid: 'exclude', ...SURVEY_INPUT },
  nested: { scale: { keys: TYPE_KEYS.ScoreScale as readonly string[], valid: { min: 1, max: 7 } } },
});

const lengthOf = (responses: unknown): number => (responses as ArrayLike<unknown>).length;

describeHostile('netPromoterScore', () => {
  standardProperties(NPS);
  recordsProperty(
    'netPromoterScore',
    fc.tuple(responsesArb(0, 10), fc.constantFrom('0-10', '1-10'), fc.boolean(), fc.double({ min: 0, max: 1e6, noNaN: true })),
    (input, invalid) => {
      const [responses, scale, weighted, w] = input as [ArrayLike<unknown>, string, boolean, number];
      const weights = weighted ? Array.from({ length: responses.length }, (_, i) => (i % 3 === 0 ? w : i % 3 === 1 ? 5e-324 : 1e300)) : undefined;
      return netPromoterScore(responses as never, { invalid, scale: scale as '0-10', ...(weights === undefined ? {} : { weights }) });
    },
    (input, r) => checkAccount('netPromoterScore', 'count', r.count as number, (r.excluded as { total: number }).total, lengthOf((input as unknown[])[0])),
  );
  it('extreme weights keep every figure finite', () => {
    for (const weights of [[1e308, 1e308, 1e308], [5e-324, 5e-324, 1], [0, 0, 0], [1e-300, 1e300, 1], [Number.MAX_VALUE, 5e-324, 0]]) {
      expectResult('netPromoterScore', () => netPromoterScore([10, 0, 8], { weights }));
    }
  });
  it('-0 given in the bands is not echoed back as -0', () => {
    expectResult('netPromoterScore', () => netPromoterScore([10, 0, 8], { bands: { detractors: [-0, 6], passives: [7, 8], promoters: [9, 10] } }));
  });
});

describeHostile('compareNetPromoterScores', () => {
  standardProperties(COMPARE);
  it('any scores and standard errors in the documented domain: finite z, p and interval (or undefined)', () => {
    const se = fc.oneof(fc.double({ min: 0, max: 1e308, noNaN: true }), fc.constantFrom(0, -0, 5e-324, 1e-300, Number.MAX_VALUE));
    const score = fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constantFrom(-100, 100, -0, 5e-324, -5e-324));
    fc.assert(
      fc.property(score, se, score, se, (sa, ea, sb, eb) => {
        expectContract('compareNetPromoterScores', () => compareNetPromoterScores({ score: sa, standardError: ea }, { score: sb, standardError: eb }));
      }),
      fcParams(200),
    );
  }, PROPERTY_TIMEOUT);
  it('a tiny standard error gives a finite z, not -Infinity', () => {
    expectResult('compareNetPromoterScores', () => compareNetPromoterScores({ score: -10, standardError: 5e-324 }, { score: 0, standardError: 0 }));
  });
  it('real results of netPromoterScore compare, whatever the answers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 30 }), (a, b) => {
        expectContract('compareNetPromoterScores', () => compareNetPromoterScores(netPromoterScore(a), netPromoterScore(b)));
      }),
      fcParams(60),
    );
  }, PROPERTY_TIMEOUT);
});

describeHostile('customerSatisfactionScore', () => {
  standardProperties(CSAT);
  recordsProperty(
    'customerSatisfactionScore',
    fc.tuple(responsesArb(1, 5), fc.constantFrom('top-2-box', 'top-box', 'good-bad', 'mean')),
    (input, invalid) => {
      const [responses, method] = input as [unknown, 'top-2-box' | 'top-box' | 'good-bad' | 'mean'];
      return customerSatisfactionScore(responses as never, { invalid, method, ...(method === 'good-bad' ? { scale: '1-5' } : {}) });
    },
    (input, r) => checkAccount('customerSatisfactionScore', 'count', r.count as number, (r.excluded as { total: number }).total, lengthOf((input as unknown[])[0])),
  );
  it('-0 as a scale end or a threshold is not echoed back as -0', () => {
    expectResult('customerSatisfactionScore', () => customerSatisfactionScore([1, 2], { scale: { min: -0, max: 5 } }));
    expectResult('customerSatisfactionScore', () => customerSatisfactionScore([0, 2], { scale: { min: -1, max: 5 }, satisfiedFrom: -0 }));
  });
});

describeHostile('customerEffortScore', () => {
  standardProperties(CES);
  recordsProperty(
    'customerEffortScore',
    fc.tuple(responsesArb(1, 7), fc.constantFrom('mean', 'top-box'), fc.constantFrom('higher-is-better', 'lower-is-better')),
    (input, invalid) => {
      const [responses, method, direction] = input as [unknown, 'mean', 'higher-is-better'];
      return customerEffortScore(responses as never, { invalid, method, direction });
    },
    (input, r) => checkAccount('customerEffortScore', 'count', r.count as number, (r.excluded as { total: number }).total, lengthOf((input as unknown[])[0])),
  );
});

describeHostile('survey answers in typed arrays', () => {
  const kinds: Array<[string, () => ArrayLike<unknown>]> = [
    ['Int8Array', () => Int8Array.of(1, 5, -1, 11)],
    ['Uint8Array', () => Uint8Array.of(0, 5, 10, 200)],
    ['Uint8ClampedArray', () => Uint8ClampedArray.of(3, 9, 255)],
    ['Int16Array', () => Int16Array.of(2, -300)],
    ['Uint16Array', () => Uint16Array.of(7, 65535)],
    ['Int32Array', () => Int32Array.of(4, 2 ** 31 - 1)],
    ['Uint32Array', () => Uint32Array.of(6, 2 ** 32 - 1)],
    ['Float32Array', () => Float32Array.of(3, 1.5, NaN, Infinity)],
    ['Float64Array', () => Float64Array.of(-0, 5, 5e-324, -Infinity)],
    ['BigInt64Array', () => BigInt64Array.of(1n, 5n, -1n)],
    ['BigUint64Array', () => BigUint64Array.of(3n, 2n ** 64n - 1n)],
  ];
  const fns: Array<[string, (r: unknown, o: unknown) => unknown]> = [
    ['netPromoterScore', (r, o) => netPromoterScore(r as never, o as never)],
    ['customerSatisfactionScore', (r, o) => customerSatisfactionScore(r as never, o as never)],
    ['customerEffortScore', (r, o) => customerEffortScore(r as never, o as never)],
  ];
  for (const [fn, run] of fns) {
    it.each(kinds)(`${fn}: a %s of answers keeps the contract, included + excluded = length`, (_kind, make) => {
      for (const invalid of ['throw', 'exclude'] as const) {
        const responses = make();
        const o = expectContract(fn, () => run(responses, { invalid }), { exclude: invalid === 'exclude' });
        if (o.kind === 'result') {
          const r = o.value as { count: number; excluded: { total: number } };
          checkAccount(fn, 'count', r.count, r.excluded.total, responses.length);
        }
      }
    });
  }
  it('netPromoterScore: a BigInt64Array of valid answers gives the score of the same numbers', () => {
    const r = expectResult<{ score: number }>('netPromoterScore', () => netPromoterScore(BigInt64Array.of(10n, 10n, 0n) as never, { invalid: 'exclude' }));
    const plain = netPromoterScore([10, 10, 0]);
    // Either the bigints are read as the scores they are, or each is excluded as invalid; never a TypeError.
    expect([plain.score, undefined]).toContain(r.score);
  });
});
