/**
 * Properties of `by` and prepared sets for the call metrics (issue 12): each group is the metric run on that
 * group's calls alone; for single-valued keys the groups add up to the whole; a prepared set gives what the
 * array gives, for random read and metric options. Interval rows: each group is the metric on its rows alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abandonmentRate,
  averageAbandonTime,
  averageHandleTime,
  averageSpeedOfAnswer,
  prepareCalls,
  serviceLevel,
  type Call,
  type CallBy,
  type CallIntervalRow,
  type CallIntervalRowBy,
  type PrepareCallsOptions,
} from '../../src/index.js';
import { fcParams } from '../support/fc.js';

const T0 = Date.UTC(2026, 2, 2, 8);
const MIN = 60_000;

/** One call without its id: outcome, waits, the by fields, and now and then a bad part. */
const callArb = fc
  .record({
    q: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    outcome: fc.constantFrom('answered', 'answered', 'answered', 'abandoned', 'abandoned', 'waiting'),
    waitS: fc.integer({ min: 0, max: 120 }),
    ivrS: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    talkS: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    holdS: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    wrapS: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    channel: fc.constantFrom<string | undefined>('phone', 'chat', undefined, '', '__proto__'),
    agent: fc.constantFrom<string | undefined>('A1', 'A2', 'constructor', undefined),
    form: fc.constantFrom('ms', 'ms', 'ms', 'iso', 'local'),
    bad: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'none', 'core', 'entry', 'handling', 'record'),
  })
  .map((r): unknown => {
    if (r.bad === 'record') return null;
    const q = T0 + r.q * MIN;
    const t = (ms: number): number | string => (r.form === 'ms' ? ms : r.form === 'iso' ? new Date(ms).toISOString() : new Date(ms).toISOString().slice(0, 19));
    const c: Record<string, unknown> = { queuedAt: t(q) };
    const d = q + r.waitS * 1000;
    if (r.outcome === 'answered') c.answeredAt = t(d);
    if (r.outcome === 'abandoned') c.abandonedAt = t(d);
    if (r.ivrS !== undefined) c.enteredAt = t(q - r.ivrS * 1000);
    if (r.outcome !== 'waiting' && r.talkS !== undefined) c.endedAt = t(d + r.talkS * 1000);
    if (r.holdS !== undefined) c.holdMs = r.holdS * 1000;
    if (r.wrapS !== undefined) c.wrapUpMs = r.wrapS * 1000;
    if (r.channel !== undefined) c.channel = r.channel;
    if (r.agent !== undefined) c.agentId = r.agent;
    if (r.bad === 'core') c.answeredAt = t(q - 1000);
    if (r.bad === 'entry') c.enteredAt = t(q + 1000);
    if (r.bad === 'handling') c.holdMs = -5;
    return c;
  });

const callsArb: fc.Arbitrary<Call[]> = fc
  .array(callArb, { maxLength: 30 })
  .map((rows) => rows.map((c, i) => (c === null ? c : { id: i % 4 === 0 ? i : `C${i}`, ...(c as object) })) as unknown as Call[]);

const zoneArb = fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York');

const singleByArb: fc.Arbitrary<CallBy> = fc.oneof(
  fc.constantFrom<CallBy>('channel', 'agent', 'agentId'),
  fc.record({ interval: fc.constantFrom('hour' as const, 'day' as const, 'week' as const), timeZone: zoneArb, of: fc.constantFrom('queued' as const, 'answered' as const, 'ended' as const) }),
  fc.constant<CallBy>((c: Call) => (typeof c.agentId === 'string' ? c.agentId.toLowerCase() : undefined)),
  // A key function that throws on some calls: those calls are invalid:callback_failed, in the null group.
  fc.constant<CallBy>({ name: 'odd', key: (c: Call) => {
    if (typeof c.id === 'number' && c.id % 8 === 0) throw new Error('no key');
    return typeof c.id === 'number';
  } }),
);
const multiByArb: fc.Arbitrary<CallBy> = fc.oneof(
  fc.constant<CallBy>((c: Call) => [c.channel ?? null, c.agentId ?? null]),
  fc.tuple(singleByArb, fc.constantFrom<CallBy>('channel', (c: Call) => ['x', c.agentId ?? 'y'])).map(([a, b]) => [a, b] as unknown as CallBy),
);

type Metric = (calls: readonly Call[] | ReturnType<typeof prepareCalls>, options: Record<string, unknown>) => Record<string, unknown>;
interface Case {
  readonly name: string;
  readonly run: Metric;
  readonly options: fc.Arbitrary<Record<string, unknown>>;
  readonly rate: boolean;
}
const clockArb = fc.constantFrom<'queue' | 'system' | undefined>('queue', 'system', undefined);
const periodArb = fc.option(
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 })).map(([a, b]) => ({ from: T0 + a * 60 * MIN, to: T0 + (a + b) * 60 * MIN })),
  { nil: undefined },
);
const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const CASES: readonly Case[] = [
  {
    name: 'abandonmentRate',
    run: abandonmentRate as unknown as Metric,
    rate: true,
    options: fc.record({ shortAbandonMs: fc.integer({ min: 0, max: 30_000 }), shortAbandons: fc.constantFrom('exclude', 'include'), clockStartsAt: clockArb, period: periodArb }).map(clean),
  },
  {
    name: 'serviceLevel',
    run: serviceLevel as unknown as Metric,
    rate: true,
    options: fc
      .record({ thresholdMs: fc.integer({ min: 0, max: 60_000 }), abandoned: fc.constantFrom('ignore', 'negative', 'positive', 'exclude-short', 'after-threshold'), shortAbandonMs: fc.integer({ min: 0, max: 30_000 }), clockStartsAt: clockArb, period: periodArb, confidence: fc.constantFrom(0.9, 0.95) })
      .map(clean),
  },
  {
    name: 'averageSpeedOfAnswer',
    run: averageSpeedOfAnswer as unknown as Metric,
    rate: false,
    options: fc.record({ clockStartsAt: clockArb, period: periodArb, percentiles: fc.constantFrom([50, 90], [0, 100], undefined) }).map(clean),
  },
  {
    name: 'averageHandleTime',
    run: averageHandleTime as unknown as Metric,
    rate: false,
    options: fc.record({ includeHold: fc.boolean(), includeWrapUp: fc.boolean(), period: periodArb, quantileMethod: fc.constantFrom('R7', 'nearest-rank') }).map(clean),
  },
  {
    name: 'averageAbandonTime',
    run: averageAbandonTime as unknown as Metric,
    rate: false,
    options: fc.record({ shortAbandons: fc.constantFrom('exclude', 'include'), shortAbandonMs: fc.integer({ min: 0, max: 30_000 }), clockStartsAt: clockArb, period: periodArb }).map(clean),
  },
];

const READ = { invalid: 'exclude', timeZone: 'Europe/Paris' } as const;

/** The groups `record` is in (their keys as JSON), from the metric run on that record alone. */
function keysOf(c: Case, record: Call, options: Record<string, unknown>): string[] {
  const groups = c.run([record], options).groups as { key: unknown }[];
  return groups.map((g) => JSON.stringify(g.key));
}

/**
 * A result as JSON, without its key and groups, and with the labels of records without an id (`#<index>`:
 * their index in the input, which differs between the whole and a group) as `#`.
 */
const comparable = (g: Record<string, unknown>): unknown => {
  const { key: _key, groups: _groups, ...rest } = g;
  return JSON.parse(JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'string' && /^#\d+$/.test(v) ? '#' : v)));
};
/** What a call threw, or its result. */
const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (e) {
    const m = e as { code?: unknown; recordIndex?: unknown; field?: unknown; rule?: unknown };
    return { threw: [m.code, m.recordIndex, m.field, m.rule] };
  }
};

describe.each(CASES)('$name: by and prepared sets', (c) => {
  it('each group equals the metric on that group\'s calls alone', () => {
    fc.assert(
      fc.property(callsArb, c.options, fc.oneof(singleByArb, multiByArb), (calls, options, by) => {
        const opts = { ...READ, ...options, by };
        const r = c.run(calls, opts);
        const groups = r.groups as Record<string, unknown>[];
        const members = new Map<string, Call[]>();
        for (const call of calls) for (const k of keysOf(c, call, opts)) members.set(k, [...(members.get(k) ?? []), call]);
        expect(groups.map((g) => JSON.stringify(g.key)).sort()).toEqual([...members.keys()].sort());
        // Alone, with the same options (`by` too: a key that fails leaves the call out of the whole as well).
        for (const g of groups) expect(comparable(g)).toEqual(comparable(c.run(members.get(JSON.stringify(g.key)) as Call[], opts)));
      }),
      fcParams(40),
    );
  }, 60_000);

  it('with a single-valued key, the groups add up to the whole', () => {
    fc.assert(
      fc.property(callsArb, c.options, singleByArb, (calls, options, by) => {
        const r = c.run(calls, { ...READ, ...options, by });
        const groups = r.groups as Record<string, unknown>[];
        const sum = (f: (g: Record<string, unknown>) => number): number => groups.reduce((s, g) => s + f(g), 0);
        const excluded = (x: Record<string, unknown>): number => (x.excluded as { total: number }).total;
        expect(sum(excluded)).toBe(excluded(r));
        if (c.rate) {
          expect(sum((g) => g.numerator as number)).toBe(r.numerator);
          expect(sum((g) => g.denominator as number)).toBe(r.denominator);
          expect((r.denominator as number) + excluded(r)).toBe(calls.length);
        } else {
          expect(sum((g) => g.count as number)).toBe(r.count);
          expect(sum((g) => (g.totalMs as number | undefined) ?? 0)).toBe((r.totalMs as number | undefined) ?? 0);
          expect((r.count as number) + excluded(r)).toBe(calls.length);
        }
      }),
      fcParams(60),
    );
  }, 60_000);

  it('a prepared set gives what the array gives, for any read and metric options', () => {
    const readArb: fc.Arbitrary<PrepareCallsOptions> = fc
      .record({ invalid: fc.constantFrom('throw' as const, 'exclude' as const, undefined), timeZone: fc.constantFrom('UTC', 'Asia/Tokyo', undefined), allowEarlyTimestamps: fc.constantFrom(true, false, undefined) })
      .map((o) => clean(o) as PrepareCallsOptions);
    fc.assert(
      fc.property(callsArb, readArb, c.options, fc.option(fc.oneof(singleByArb, multiByArb), { nil: undefined }), (calls, read, options, by) => {
        const metricOptions = by === undefined ? options : { ...options, by };
        const fromArray = outcome(() => c.run(calls, { ...read, ...metricOptions }));
        const set = outcome(() => prepareCalls(calls, read));
        // A call that makes the preparation throw makes the metric throw too (with bad options as well, the
        // metric may name those first: it checks its options before reading).
        if (typeof set === 'object' && set !== null && 'threw' in set) expect(fromArray).toHaveProperty('threw');
        else expect(outcome(() => c.run(set as ReturnType<typeof prepareCalls>, metricOptions))).toEqual(fromArray);
      }),
      fcParams(80),
    );
  }, 60_000);
});

describe('the read options of a prepared set are fixed', () => {
  it('a metric given a different read option with a prepared set throws; the same one is accepted', () => {
    const calls: Call[] = [{ id: 'a', queuedAt: T0, answeredAt: T0 + 5_000 }];
    const set = prepareCalls(calls, { timeZone: 'UTC' });
    expect(() => serviceLevel(set, { thresholdMs: 1, timeZone: 'Europe/Paris' })).toThrow(/"Europe\/Paris" differs from the timeZone "UTC" the calls were prepared with/);
    expect(() => averageSpeedOfAnswer(set, { invalid: 'exclude' })).toThrow(/invalid/);
    expect(() => abandonmentRate(set, { allowEarlyTimestamps: true })).toThrow(/allowEarlyTimestamps/);
    expect(averageSpeedOfAnswer(set, { timeZone: 'UTC', invalid: 'throw' }).meanMs).toBe(5_000);
  });
});

// ---- Interval rows -------------------------------------------------------------------------------------

const rowArb: fc.Arbitrary<CallIntervalRow> = fc
  .record({
    slot: fc.integer({ min: 0, max: 5 * 48 }),
    answered: fc.integer({ min: 0, max: 50 }),
    abandoned: fc.integer({ min: 0, max: 10 }),
    queued: fc.integer({ min: 0, max: 3 }),
    within: fc.integer({ min: 0, max: 100 }),
    channel: fc.constantFrom<string | undefined>('phone', 'chat', undefined),
    bad: fc.constantFrom(false, false, false, false, false, false, true),
  })
  .map((r) => {
    const answeredWithin = Math.min(r.answered, r.within);
    const abandonedWithin = Math.min(r.abandoned, r.within % 7);
    const row: Record<string, unknown> = {
      intervalStart: T0 + r.slot * 30 * MIN,
      offered: r.answered + r.abandoned + r.queued + (r.bad ? -100 : 0),
      answered: r.answered,
      abandoned: r.abandoned,
      answeredWithin,
      abandonedWithin,
      shortAbandons: Math.min(r.abandoned, r.queued),
    };
    if (r.channel !== undefined) row.channel = r.channel;
    return row as unknown as CallIntervalRow;
  });
const rowsArb = fc.array(rowArb, { minLength: 1, maxLength: 25 }).map((rows) => rows.map((r, i) => ({ id: `R${i}`, ...r })));
const rowByArb = fc.constantFrom<CallIntervalRowBy>(
  'channel',
  { interval: 'day', timeZone: 'Europe/Paris', of: 'interval' },
  { interval: 'hour', timeZone: 'UTC' },
  (r: CallIntervalRow) => (r.answered > 20 ? 'busy' : 'quiet'),
  ['channel', { interval: 'day', timeZone: 'UTC', of: 'interval' }],
);
const ROW_CASES = [
  { name: 'abandonmentRate', run: (rows: CallIntervalRow[], o: Record<string, unknown>) => abandonmentRate(rows, o) as unknown as Record<string, unknown>, options: fc.record({ shortAbandons: fc.constantFrom('exclude', 'include') }) },
  { name: 'serviceLevel', run: (rows: CallIntervalRow[], o: Record<string, unknown>) => serviceLevel(rows, o) as unknown as Record<string, unknown>, options: fc.record({ abandoned: fc.constantFrom('ignore', 'negative', 'positive', 'exclude-short', 'after-threshold') }) },
] as const;

describe.each(ROW_CASES)('$name on interval rows: by', (c) => {
  it('each group is the metric on its rows alone; the groups add up to the whole', () => {
    fc.assert(
      fc.property(rowsArb, c.options, rowByArb, periodArb, (rows, options, by, period) => {
        const opts = clean({ invalid: 'exclude', ...options, period });
        const r = c.run(rows, { ...opts, by });
        const groups = r.groups as Record<string, unknown>[];
        const members = new Map<string, CallIntervalRow[]>();
        for (const row of rows) {
          const k = JSON.stringify((c.run([row], { ...opts, by }).groups as { key: unknown }[])[0]?.key);
          members.set(k, [...(members.get(k) ?? []), row]);
        }
        expect(groups.length).toBe(members.size);
        for (const g of groups) expect(comparable(g)).toEqual(comparable(c.run(members.get(JSON.stringify(g.key)) as CallIntervalRow[], { ...opts, by })));
        const sum = (f: (g: Record<string, unknown>) => number): number => groups.reduce((s, g) => s + f(g), 0);
        expect(sum((g) => g.numerator as number)).toBe(r.numerator);
        expect(sum((g) => g.denominator as number)).toBe(r.denominator);
        expect(sum((g) => (g.excluded as { total: number }).total)).toBe((r.excluded as { total: number }).total);
      }),
      fcParams(60),
    );
  }, 60_000);
});
