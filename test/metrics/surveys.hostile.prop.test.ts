/**
 * Every survey function over hostile input: any JS value as an answer, typed arrays of every kind, sparse
 * arrays, ids and weights from the edge of every domain. The only acceptable outcomes: a MetricsError, or a
 * result whose every number is finite and not −0 with counted + excluded = input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNetPromoterScores } from '../../src/metrics/compareNetPromoterScores/index.js';
import { customerEffortScore } from '../../src/metrics/customerEffortScore/index.js';
import { customerSatisfactionScore } from '../../src/metrics/customerSatisfactionScore/index.js';
import { netPromoterScore } from '../../src/metrics/netPromoterScore/index.js';
import { MetricsError } from '../../src/results/errors.js';
import { dirtyNumbers } from '../support/clean.js';
import { fcParams } from '../support/fc.js';

const edgeNumberArb = fc.oneof(
  fc.integer({ min: -2, max: 12 }),
  fc.double(), // NaN, ±Infinity, −0, denormals, 1e308
  fc.constantFrom(-0, 5e-324, -5e-324, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53, 9.5, 0.1),
);
const scalarArb = fc.oneof(
  edgeNumberArb,
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.bigInt({ min: -2n, max: 12n }),
  fc.constantFrom(null, undefined, true, false, 'good', 'bad', 'offered', 'unoffered', '9', '', Symbol('s'), () => 9),
  fc.string({ maxLength: 3 }),
);
const idArb = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '', undefined),
  fc.string({ maxLength: 2 }),
  edgeNumberArb,
  fc.bigInt({ min: -3n, max: 3n }),
);
const weightArb = fc.oneof(edgeNumberArb, fc.constantFrom(0, -0, -1, NaN, 1e308, 5e-324, undefined, '1', 2n));
const responseArb = fc.record(
  { id: idArb, score: scalarArb, weight: weightArb, channel: fc.constantFrom('__proto__', 'constructor', 'email'), ticketId: idArb },
  { requiredKeys: ['score'] },
);
const answerArb = fc.oneof({ weight: 4, arbitrary: scalarArb }, { weight: 3, arbitrary: responseArb }, { weight: 1, arbitrary: fc.anything() });

const TYPED = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
] as const;

/** A container of answers: a plain array, a sparse one, or a typed array of every kind. */
const inputArb: fc.Arbitrary<ArrayLike<unknown>> = fc.oneof(
  fc.array(answerArb, { maxLength: 30 }),
  fc.tuple(fc.array(answerArb, { maxLength: 30 }), fc.array(fc.nat(29), { maxLength: 5 })).map(([xs, holes]) => {
    const sparse = [...xs];
    for (const h of holes) delete sparse[h];
    return sparse;
  }),
  fc.tuple(fc.constantFrom(...TYPED), fc.array(edgeNumberArb, { maxLength: 30 })).map(([T, xs]) => T.from(xs)),
  fc.array(fc.bigInt({ min: -3n, max: 12n }), { maxLength: 30 }).map((xs) => BigInt64Array.from(xs)),
  fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { maxLength: 30 }).map((xs) => BigUint64Array.from(xs)),
);

const scaleArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(undefined, '0-10', '1-10', '1-5', '1-7', '1-2', '0-5', 'nope') },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }).chain((min) => fc.record({ min: fc.constantFrom(min, -0), max: fc.integer({ min: min + 1, max: 12 }) })) },
  { weight: 1, arbitrary: fc.record({ min: edgeNumberArb, max: edgeNumberArb }) },
);
// Mostly valid options (so that most runs reach a result), sometimes not.
const commonArb = {
  invalid: fc.constantFrom(undefined, 'exclude', 'exclude', 'exclude', 'throw', NaN),
  confidence: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(undefined, 0.95, 0.5, 5e-324, 1 - 2 ** -53) },
    { weight: 1, arbitrary: fc.double() },
  ),
};

/** Runs `f`; a MetricsError is fine, anything else thrown fails. Returns the result or undefined. */
function outcome<T>(f: () => T): T | undefined {
  try {
    const r = f();
    tally.results++;
    return r;
  } catch (e) {
    if (e instanceof MetricsError) {
      tally.errors++;
      return undefined;
    }
    throw e;
  }
}
const tally = { results: 0, errors: 0 };

function expectSound(r: { count: number; excluded: { total: number } } | undefined, input: ArrayLike<unknown>): void {
  if (r === undefined) return;
  expect(dirtyNumbers(r)).toEqual([]);
  expect(r.count + r.excluded.total).toBe(input.length);
}

describe('survey functions over hostile input: a MetricsError or a clean, complete result', () => {
  it('netPromoterScore', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.record({ scale: fc.constantFrom(undefined, '0-10', '1-10', '1-5'), withWeights: fc.boolean(), weights: fc.array(weightArb, { maxLength: 30 }), ...commonArb }),
        (input, o) => {
          const weights = o.withWeights ? Array.from({ length: input.length }, (_, i) => o.weights[i % Math.max(1, o.weights.length)]) : undefined;
          const options = { scale: o.scale, invalid: o.invalid, confidence: o.confidence, ...(weights === undefined ? {} : { weights }) };
          expectSound(outcome(() => netPromoterScore(input as never, options as never)), input);
        },
      ),
      fcParams(400),
    );
  });

  it('customerSatisfactionScore', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.record({
          method: fc.constantFrom(undefined, 'top-2-box', 'top-box', 'good-bad', 'mean'),
          scale: scaleArb,
          satisfiedFrom: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: edgeNumberArb }),
          surveysSent: fc.oneof(fc.constantFrom(undefined, undefined, undefined, 0, -0, 30, 1e308, '30'), fc.nat(60)),
          ...commonArb,
        }),
        (input, options) => expectSound(outcome(() => customerSatisfactionScore(input as never, options as never)), input),
      ),
      fcParams(400),
    );
  });

  it('customerEffortScore', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.record({
          method: fc.constantFrom(undefined, 'mean', 'top-box'),
          direction: fc.constantFrom(undefined, 'higher-is-better', 'lower-is-better'),
          scale: scaleArb,
          easyThreshold: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: edgeNumberArb }),
          surveysSent: fc.oneof(fc.constantFrom(undefined, undefined, undefined, 0, -0, 30), fc.nat(60)),
          ...commonArb,
        }),
        (input, options) => expectSound(outcome(() => customerEffortScore(input as never, options as never)), input),
      ),
      fcParams(400),
    );
  });

  it('compareNetPromoterScores', () => {
    const sampleArb = fc.oneof(
      fc.record({ score: fc.oneof(edgeNumberArb, fc.double({ min: -100, max: 100 }), fc.constant(undefined)), standardError: fc.oneof(edgeNumberArb, fc.double({ min: 0, max: 100 }), fc.constant(undefined)) }),
      fc.anything(),
    );
    fc.assert(
      fc.property(sampleArb, sampleArb, commonArb.confidence, (a, b, confidence) => {
        const r = outcome(() => compareNetPromoterScores(a as never, b as never, { confidence } as never));
        if (r !== undefined) expect(dirtyNumbers(r)).toEqual([]);
      }),
      fcParams(400),
    );
  });

  it('reached a result often enough to mean something', () => {
    // The properties above are only as strong as the share of runs that get past the option checks.
    expect(tally.results).toBeGreaterThan(tally.errors / 4);
  });
});
