/**
 * Properties of `by` for the survey scores (issue 12): each group is the score of that group's answers alone
 * (the full result shape: NPS with its margin of error, CSAT and CES with their intervals); for single-valued
 * keys the groups add up to the whole; the whole with `by` (the driver's path) is the whole without it (the
 * counting pass with its fast paths), for plain arrays and typed arrays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerEffortScore, customerSatisfactionScore, netPromoterScore, type SurveyBy } from '../../src/index.js';
import { fcParams } from '../support/fc.js';

const T0 = Date.UTC(2026, 2, 2, 8);
const HOUR = 3_600_000;

/** An answer: a bare score, no answer, or a response object with the by fields (now and then a bad one). */
const answerArb = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 11 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, NaN, 8.5, 'good', 'bad', 'offered', true) },
  {
    weight: 5,
    arbitrary: fc
      .record({
        score: fc.oneof(fc.integer({ min: 0, max: 11 }), fc.constantFrom<unknown>(null, 'good', 'bad', 3.5)),
        channel: fc.constantFrom<string | undefined>('email', 'chat', undefined, '', '__proto__'),
        agentId: fc.constantFrom<string | undefined>('A1', 'A2', 'constructor', undefined),
        ticketId: fc.constantFrom<string | number | undefined>('T1', 7, undefined),
        atH: fc.option(fc.integer({ min: 0, max: 24 * 10 }), { nil: undefined }),
        weight: fc.option(fc.constantFrom(0, 1, 2, 0.5), { nil: undefined }),
        badAt: fc.constantFrom(false, false, false, false, true),
      })
      .map((r) => {
        const o: Record<string, unknown> = { score: r.score };
        if (r.channel !== undefined) o.channel = r.channel;
        if (r.agentId !== undefined) o.agentId = r.agentId;
        if (r.ticketId !== undefined) o.ticketId = r.ticketId;
        if (r.atH !== undefined) o.at = r.badAt ? 'yesterday' : T0 + r.atH * HOUR;
        if (r.weight !== undefined) o.weight = r.weight;
        return o;
      }),
  },
);
const answersArb = fc.array(answerArb, { maxLength: 30 }).map((xs) => xs.map((x, i) => (x !== null && typeof x === 'object' && i % 3 !== 0 ? { id: `S${i}`, ...x } : x)));

type Answer = Parameters<Extract<SurveyBy, (a: never) => unknown>>[0];
const channelOf = (a: Answer): string | null => (a !== null && typeof a === 'object' ? (a.channel ?? null) : null);
/** Breakdowns that do not read `at`. */
const fieldByArb: fc.Arbitrary<SurveyBy> = fc.oneof(
  fc.constantFrom<SurveyBy>('channel', 'agent', 'agentId', 'ticketId'),
  fc.constant<SurveyBy>((a: Answer) => (typeof a === 'number' ? a >= 9 : channelOf(a))),
);
const bucketArb: fc.Arbitrary<SurveyBy> = fc.record({ interval: fc.constantFrom('hour' as const, 'day' as const, 'week' as const), timeZone: fc.constantFrom('UTC', 'Europe/Paris', 'Asia/Kolkata'), of: fc.constant('at' as const) });
const singleByArb: fc.Arbitrary<SurveyBy> = fc.oneof(fieldByArb, bucketArb);
const multiArb = (single: fc.Arbitrary<SurveyBy>): fc.Arbitrary<SurveyBy> =>
  fc.oneof(
    single,
    fc.constant<SurveyBy>((a: Answer) => (a !== null && typeof a === 'object' ? [a.channel ?? 'none', a.agentId ?? 'none'] : [])),
    fc.tuple(single, fc.constantFrom<SurveyBy>({ name: 'ch', key: channelOf }, { name: 'even', key: (a: Answer) => typeof a === 'number' && a % 2 === 0 })).map(([a, b]) => [a, b] as unknown as SurveyBy),
  );
const byArb = multiArb(singleByArb);

type Score = (responses: readonly unknown[] | ArrayLike<number>, options: Record<string, unknown>) => Record<string, unknown>;
const CASES: readonly { name: string; run: Score; options: fc.Arbitrary<Record<string, unknown>>; counts: readonly string[] }[] = [
  {
    name: 'netPromoterScore',
    run: netPromoterScore as unknown as Score,
    options: fc.record({ scale: fc.constantFrom('0-10', '1-10'), confidence: fc.constantFrom(0.9, 0.95) }),
    counts: ['count', 'promoters', 'passives', 'detractors'],
  },
  {
    name: 'customerSatisfactionScore',
    run: customerSatisfactionScore as unknown as Score,
    options: fc.oneof(
      fc.record({ method: fc.constantFrom('top-2-box', 'top-box', 'mean'), scale: fc.constantFrom('1-5', '0-10') }),
      fc.record({ method: fc.constant('good-bad'), scale: fc.constantFrom('1-2', '1-5') }),
    ),
    counts: ['count', 'numerator', 'denominator'],
  },
  {
    name: 'customerEffortScore',
    run: customerEffortScore as unknown as Score,
    options: fc.record({ method: fc.constantFrom('mean', 'top-box'), direction: fc.constantFrom('higher-is-better', 'lower-is-better'), scale: fc.constantFrom('1-7', '1-5') }),
    counts: ['count', 'numerator', 'denominator'],
  },
];

/** A result as JSON, without key and groups, labels of answers without an id (`#<index>`) as `#`. */
const comparable = (g: Record<string, unknown>): unknown => {
  const { key: _key, groups: _groups, ...rest } = g;
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'string' && /^#\d+$/.test(v) ? '#' : v)));
};

describe.each(CASES)('$name: by', (c) => {
  it("each group is the score of that group's answers alone, in the full result shape", () => {
    fc.assert(
      fc.property(answersArb, c.options, byArb, (answers, options, by) => {
        const opts = { invalid: 'exclude', ...options, by };
        const r = c.run(answers, opts);
        const members = new Map<string, unknown[]>();
        for (const a of answers) for (const g of c.run([a], opts).groups as { key: unknown }[]) members.set(JSON.stringify(g.key), [...(members.get(JSON.stringify(g.key)) ?? []), a]);
        const groups = r.groups as Record<string, unknown>[];
        expect(groups.map((g) => JSON.stringify(g.key)).sort()).toEqual([...members.keys()].sort());
        for (const g of groups) expect(comparable(g)).toEqual(comparable(c.run(members.get(JSON.stringify(g.key)) as unknown[], opts)));
      }),
      fcParams(40),
    );
  }, 60_000);

  it('with a single-valued key, the groups add up to the whole', () => {
    fc.assert(
      fc.property(answersArb, c.options, singleByArb, (answers, options, by) => {
        const r = c.run(answers, { invalid: 'exclude', ...options, by });
        const groups = r.groups as Record<string, unknown>[];
        for (const f of [...c.counts, 'excluded']) {
          const v = (x: Record<string, unknown>): number => (f === 'excluded' ? (x.excluded as { total: number }).total : (x[f] as number));
          expect(groups.reduce((s, g) => s + v(g), 0)).toBe(v(r));
        }
        expect((r.count as number) + (r.excluded as { total: number }).total).toBe(answers.length);
      }),
      fcParams(60),
    );
  }, 60_000);

  it('the whole with by (the driver) is the whole without it (the counting pass), arrays and typed arrays', () => {
    // (A time bucket of `at` reads `at`, and an answer with a bad one is then invalid: fields and keys only here.)
    fc.assert(
      fc.property(answersArb, fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 40 }), c.options, multiArb(fieldByArb), (answers, scores, options, by) => {
        const opts = { invalid: 'exclude', ...options };
        expect(comparable(c.run(answers, { ...opts, by }))).toEqual(comparable(c.run(answers, opts)));
        const typed = Uint8Array.from(scores);
        const grouped = c.run(typed, { ...opts, by: (s: unknown) => (s as number) % 3 });
        expect(comparable(grouped)).toEqual(comparable(c.run(typed, opts)));
        // Bare numbers have no fields: every one is in the null group of a field.
        const byField = c.run(typed, { ...opts, by: 'channel' }).groups as Record<string, unknown>[];
        expect(byField.map((g) => g.key)).toEqual(typed.length === 0 ? [] : [{ channel: null }]);
      }),
      fcParams(60),
    );
  }, 60_000);
});
