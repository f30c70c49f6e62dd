/** Types of the incremental API (issue 14 contract): results are the metric's, options are the metric's. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  backlog,
  erlangC,
  serviceLevel,
  slaCompliance,
  ticketVolume,
  firstResponseTime,
  MetricsError,
  netPromoterScore,
  resumeMetric,
  runMetrics,
  startMetric,
  startMetrics,
  type DurationSummary,
  type SurveyAnswer,
  type Ticket,
} from '../../src/index.js';

describe('incremental API: types', () => {
  it('a run of a metric function finishes with that function’s result type, and chains', () => {
    const options = { by: (t: Ticket) => t.channel };
    startMetric(firstResponseTime, { by: (t) => { expectTypeOf(t).toEqualTypeOf<Ticket>(); return t.channel; } });
    const run = startMetric(firstResponseTime, options);
    expectTypeOf(run.add([]).add([], { position: 0 })).toEqualTypeOf(run);
    expectTypeOf(run.finish()).toEqualTypeOf<ReturnType<typeof firstResponseTime>>();
    expectTypeOf(run.finish()).toMatchTypeOf<DurationSummary>();
    expectTypeOf(run.count).toEqualTypeOf<number>();
    expectTypeOf(run.metric).toMatchTypeOf<string>();
    const resumed = resumeMetric(firstResponseTime, options, JSON.parse(JSON.stringify(run.state())));
    expectTypeOf(resumed.finish()).toEqualTypeOf<ReturnType<typeof firstResponseTime>>();
    startMetric(netPromoterScore, { by: (a) => { expectTypeOf(a).toEqualTypeOf<SurveyAnswer>(); return null; } });
    expect(resumed.finish().count).toBe(0);
  });

  it('what is not incremental, or not an option, does not compile (and throws at run time)', () => {
    // @ts-expect-error not an option of firstResponseTime
    expect(() => startMetric(firstResponseTime, { bussinessHours: 1 })).toThrowError(MetricsError);
    // @ts-expect-error erlangC is not over records
    expect(() => startMetric(erlangC)).toThrowError(MetricsError);
    // @ts-expect-error a name is for plans (startMetric takes the function, so that one metric tree-shakes)
    expect(() => startMetric('firstResponseTime')).toThrowError(MetricsError);
    // @ts-expect-error a plan entry names a metric
    expect(() => startMetrics({ x: { options: {} } })).toThrowError(MetricsError);
    // A metric whose options argument is required takes its options.
    startMetric(ticketVolume, { interval: 'day', timeZone: 'UTC' });
    startMetric(backlog, { at: Date.UTC(2026, 2, 2) });
    startMetric(slaCompliance, { targets: {} });
    startMetric(serviceLevel, { thresholdMs: 20_000 });
    expectTypeOf(runMetrics({ x: { metric: 'firstResponseTime' } }, [])).resolves.toEqualTypeOf<Record<string, unknown>>();
  });
});
