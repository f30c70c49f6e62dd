/**
 * Hostile input for the contact-centre metrics: the standard properties, hostile calls and interval rows,
 * colliding ids, epoch seconds, sparse arrays.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { abandonmentRate, averageAbandonTime, averageHandleTime, averageSpeedOfAnswer, prepareCalls, serviceLevel, type Call } from '../../src/index.js';
import { fcParams } from '../support/fc.js';
import { collidingIds, DAY, epochSecondsArb, hostileCallsArb, hostileRowsArb, MON, validRowsArb } from './arbitraries.js';
import {
  boundedTimeout,
  checkAccount,
  childResult,
  describeHostile,
  documentedOptions,
  expectContract,
  expectMetricsError,
  expectResult,
  PROPERTY_TIMEOUT,
  recordsProperty,
  runBounded,
  standardProperties,
  type FnSpec,
} from './harness.js';

function sampleCalls(): Call[] {
  return [
    { id: 'C-1', queuedAt: MON, enteredAt: MON - 5000, answeredAt: MON + 12_000, endedAt: MON + 300_000, holdMs: 20_000, wrapUpMs: 30_000, channel: 'voice', agentId: 'A1' },
    { id: 'C-2', queuedAt: MON + 60_000, abandonedAt: MON + 63_000 },
    { id: 'C-3', queuedAt: MON + 120_000, abandonedAt: MON + 200_000 },
    { id: 'C-4', queuedAt: MON + 180_000, answeredAt: MON + 240_000 },
    { id: 'C-5', queuedAt: MON + 240_000 },
  ];
}

const CALL_INPUT = { invalid: 'exclude', timeZone: 'Europe/Paris', period: { from: MON - DAY, to: MON + DAY }, allowEarlyTimestamps: false, by: 'channel' } as const;
const NESTED = { period: { keys: ['from', 'to'], valid: { from: MON - DAY, to: MON + DAY } } } as const;

function spec(name: string, call: (calls: unknown, options: unknown) => unknown, options: Record<string, unknown>, extra: Partial<FnSpec> = {}): FnSpec {
  return { name, call: (c, o) => call(c, o), arity: 2, valid: () => [sampleCalls()], optionsIndex: 1, options: documentedOptions(name, options), nested: NESTED, ...extra };
}

const SPECS: Record<string, FnSpec> = {
  abandonmentRate: spec('abandonmentRate', (c, o) => abandonmentRate(c as never, o as never), {
    ...CALL_INPUT,
    shortAbandonMs: 3000,
    shortAbandons: 'include',
    clockStartsAt: 'system',
    confidence: 0.9,
  }),
  serviceLevel: spec('serviceLevel', (c, o) => serviceLevel(c as never, o as never), {
    ...CALL_INPUT,
    thresholdMs: 20_000,
    abandoned: 'positive',
    shortAbandonMs: 3000,
    clockStartsAt: 'system',
    confidence: 0.9,
  }, { base: { thresholdMs: 20_000 } }),
  averageSpeedOfAnswer: spec('averageSpeedOfAnswer', (c, o) => averageSpeedOfAnswer(c as never, o as never), {
    ...CALL_INPUT,
    clockStartsAt: 'system',
    percentiles: [50, 99],
    quantileMethod: 'nearest-rank',
  }),
  averageHandleTime: spec('averageHandleTime', (c, o) => averageHandleTime(c as never, o as never), {
    ...CALL_INPUT,
    includeHold: false,
    includeWrapUp: false,
    percentiles: [50, 99],
    quantileMethod: 'nearest-rank',
  }),
  averageAbandonTime: spec('averageAbandonTime', (c, o) => averageAbandonTime(c as never, o as never), {
    ...CALL_INPUT,
    shortAbandons: 'exclude',
    shortAbandonMs: 3000,
    clockStartsAt: 'system',
    percentiles: [50, 99],
    quantileMethod: 'nearest-rank',
  }),
};

const callSpec = (name: string): FnSpec => SPECS[name] as FnSpec;
const isRate = (name: string): boolean => name === 'abandonmentRate' || name === 'serviceLevel';

function hostileCallMetric(name: string): void {
  const s = callSpec(name);
  standardProperties(s);
  const clock = fc.constantFrom('queue', 'system');
  recordsProperty(
    name,
    fc.tuple(hostileCallsArb, clock),
    (input, invalid) => {
      const [calls, clockStartsAt] = input as [unknown[], string];
      const o: Record<string, unknown> = { invalid, ...(name === 'averageHandleTime' ? {} : { clockStartsAt }) };
      if (name === 'serviceLevel') o.thresholdMs = 20_000;
      return s.call(calls, o);
    },
    (input, r) => {
      const [calls] = input as [unknown[]];
      const n = calls.length;
      const total = (r.excluded as { total: number }).total;
      if (isRate(name)) checkAccount(name, 'denominator', r.denominator as number, total, n);
      else checkAccount(name, 'count', r.count as number, total, n);
    },
  );
  if (isRate(name)) {
    it('hostile interval rows: the contract (a listed row may stand for several calls)', () => {
      fc.assert(
        fc.property(hostileRowsArb, fc.constantFrom('throw' as const, 'exclude' as const), (rows, invalid) => {
          expectContract(name, () => s.call(rows, { invalid }), { exclude: invalid === 'exclude', aggregated: true });
        }),
        fcParams(60),
      );
    }, PROPERTY_TIMEOUT);
    it('valid interval rows: the counts of an independent sum, and included + excluded = calls offered', () => {
      fc.assert(
        fc.property(validRowsArb, (rows) => {
          const r = expectResult<{ numerator: number; denominator: number; excluded: { total: number } }>(name, () => s.call(rows, { ...(s.base ?? {}) }), { aggregated: true });
          const sum = (k: string): number => rows.reduce((a: number, row) => a + ((row as Record<string, number>)[k] as number), 0);
          const expected = name === 'serviceLevel' ? [sum('answeredWithin'), sum('answered') + sum('abandoned')] : [sum('abandoned') - sum('shortAbandons'), sum('answered') + sum('abandoned') - sum('shortAbandons')];
          expect([r.numerator, r.denominator]).toEqual(expected);
          checkAccount(name, 'denominator', r.denominator, r.excluded.total, sum('offered'));
        }),
        fcParams(60),
      );
    }, PROPERTY_TIMEOUT);
  }
}

// The prepared set is an opaque object holding the input: the contract is checked on what it tells.
const PREPARE = spec('prepareCalls', (c, o) => {
  const p = prepareCalls(c as never, o as never);
  return { kind: p.kind, count: p.count, invalid: p.invalid };
}, { invalid: 'exclude', timeZone: 'Europe/Paris', allowEarlyTimestamps: false }, { nested: {} });

describeHostile('prepareCalls', () => {
  standardProperties(PREPARE);
  recordsProperty('prepareCalls', hostileCallsArb, (calls, invalid) => PREPARE.call(calls, { invalid }), (records, r) => {
    if (r.count !== (records as unknown[]).length) throw new Error(`prepareCalls: count ${String(r.count)} for ${(records as unknown[]).length} calls`);
    if (!((r.invalid as number) >= 0 && (r.invalid as number) <= (r.count as number))) throw new Error(`prepareCalls: invalid ${String(r.invalid)} of ${String(r.count)}`);
  });
  it('a prepared set gives every call metric the result of the array', () => {
    fc.assert(
      fc.property(hostileCallsArb, (calls) => {
        const prepared = prepareCalls(calls as never, { invalid: 'exclude' });
        for (const name of Object.keys(SPECS)) {
          const o = { ...(callSpec(name).base ?? {}), invalid: 'exclude' };
          expect(callSpec(name).call(prepared, o)).toEqual(callSpec(name).call(calls, o));
        }
      }),
      fcParams(40),
    );
  }, PROPERTY_TIMEOUT);
});

describeHostile('abandonmentRate', () => hostileCallMetric('abandonmentRate'));
describeHostile('serviceLevel', () => hostileCallMetric('serviceLevel'));
describeHostile('averageSpeedOfAnswer', () => hostileCallMetric('averageSpeedOfAnswer'));
describeHostile('averageHandleTime', () => hostileCallMetric('averageHandleTime'));
describeHostile('averageAbandonTime', () => hostileCallMetric('averageAbandonTime'));

const NAMES = Object.keys(SPECS);
const call = (name: string, calls: unknown, extra: Record<string, unknown> = {}): unknown => callSpec(name).call(calls, { ...(callSpec(name).base ?? {}), ...extra });

describeHostile('call reader', () => {
  it('epoch numbers before 1975 in queuedAt (Unix seconds) are rejected as epoch_seconds by every call metric', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), epochSecondsArb, (name, t) => {
        const q = t instanceof Date ? t.getTime() : t;
        expectMetricsError(name, () => call(name, [{ id: 'C-1', queuedAt: t, answeredAt: q + 20, endedAt: q + 200 }]), 'epoch_seconds', 'queuedAt');
      }),
      fcParams(40),
    );
  }, PROPERTY_TIMEOUT);

  it('a period given in Unix seconds is rejected as epoch_seconds', () => {
    expectMetricsError('abandonmentRate', () => abandonmentRate(sampleCalls(), { period: { from: 1_772_438_400, to: 1_772_524_800 } }), 'epoch_seconds', /^period/);
  });

  it('10,000 calls with ids colliding in FNV-1a, and ids that stop increasing: all counted, the right mean', () => {
    const calls = collidingIds(10_000).map((id, i) => ({ id, queuedAt: MON + i, answeredAt: MON + i + 5000 }));
    const r = expectResult<{ count: number; meanMs: number }>('averageSpeedOfAnswer', () => averageSpeedOfAnswer(calls));
    expect([r.count, r.meanMs]).toEqual([10_000, 5000]);
    const t = Array.from({ length: 20 }, (_, i) => ({ id: `C-${99_990 + i}`, queuedAt: MON + i, abandonedAt: MON + i + 10_000 }));
    const a = expectResult<{ numerator: number; denominator: number }>('abandonmentRate', () => abandonmentRate(t));
    expect([a.numerator, a.denominator]).toEqual([20, 20]);
  }, PROPERTY_TIMEOUT);

  it('all ids equal: one call counted, the rest duplicate_id', () => {
    const calls = Array.from({ length: 5000 }, (_, i) => ({ id: 7, queuedAt: MON + i, answeredAt: MON + i + 1000 }));
    expectMetricsError('averageSpeedOfAnswer', () => averageSpeedOfAnswer(calls), 'duplicate_id', 'id');
    const r = expectResult<{ count: number; excluded: { byReason: Record<string, number> } }>('averageSpeedOfAnswer', () => averageSpeedOfAnswer(calls, { invalid: 'exclude' }));
    expect([r.count, r.excluded.byReason['invalid:duplicate_id']]).toEqual([1, 4999]);
  });
});

describeHostile('call metrics under an algorithmic-complexity attack', () => {
  const DEADLINE = 5_000;
  const N = 150_000;
  it('averageSpeedOfAnswer: 150,000 call ids chosen to collide in FNV-1a finish within the deadline', async () => {
    const v = childResult('asa', await runBounded('averageSpeedOfAnswer/colliding-ids', N, DEADLINE));
    expect(v).toEqual({ count: N, meanMs: 5000, excluded: 0 });
  }, boundedTimeout(DEADLINE));

  it('serviceLevel: 150,000 interval rows with colliding ids finish within the deadline', async () => {
    const v = childResult('sl rows', await runBounded('serviceLevel/rows-colliding-ids', N, DEADLINE));
    expect(v).toEqual({ numerator: N, denominator: 2 * N });
  }, boundedTimeout(DEADLINE));

  it('averageSpeedOfAnswer: a sparse array of length 2^32 − 1 is a MetricsError for its first hole, not a hang', async () => {
    const o = await runBounded('averageSpeedOfAnswer/huge-sparse', null, DEADLINE);
    if (o.ok) throw new Error('averageSpeedOfAnswer: a result for 2^32 − 2 holes under invalid: throw');
    expect([o.metrics, o.code], o.message).toEqual([true, 'invalid_record']);
  }, boundedTimeout(DEADLINE));
});
