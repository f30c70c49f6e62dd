/**
 * Partial states of every accumulator class (Accumulator.save/load) and of what metrics gather across records
 * (saveShared/loadShared), at the class level: each metric's own code runs on two chunks of random records
 * (a Capture leaves the chunks' accumulators and params), and a fresh accumulator of a fresh call then
 * - loads the chunks' saved states (through JSON and through structuredClone, in either order), or
 * - merges the chunks' accumulators (mergeFrom, across params as the incremental API does),
 * and its result (with the chunks' ledgers appended in input order, as the framework keeps them) is the
 * one-shot result exactly. Saved states are plain data: JSON and structuredClone give them back unchanged.
 * A second part runs the same cases through the incremental API (startMetric, JSON states, merge trees).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import type { Accumulator } from '../../src/pipeline/collect.js';
import { Capture, type CaptureOut } from '../../src/pipeline/driver.js';
import type { ExclusionLedger } from '../../src/results/excluded.js';
import { fcParams } from '../support/fc.js';
import { DAY, HOUR, pipelineTicketsArb, T0 } from '../support/pipelineArb.js';
import { atArb, queueTicketsArb, T0 as Q0 } from '../support/queueArb.js';

type Metric = (input: unknown, options?: unknown) => unknown;

interface Case {
  /** The accumulator class the case exercises (and the metric and options). */
  readonly name: string;
  readonly metric: keyof typeof lib;
  readonly records: fc.Arbitrary<readonly unknown[]>;
  readonly options: fc.Arbitrary<object>;
  /** The metric takes no `by`. */
  readonly noBy?: boolean;
}

const fn = (name: keyof typeof lib): Metric => lib[name] as unknown as Metric;

const responsesArb: fc.Arbitrary<readonly unknown[]> = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 10 }),
      fc.record({ score: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null)), weight: fc.constantFrom(0.5, 1, 1.25, 3, 0.1, undefined), channel: fc.constantFrom('email', 'chat') }),
      fc.constantFrom<unknown>(null, 11, 'x'),
    ),
    { maxLength: 30 },
  )
  .map((rows) =>
    rows.map((r, i) => {
      if (r === null || typeof r !== 'object') return r;
      const { weight, ...rest } = r as { weight: number | undefined };
      return { id: `R${i}`, ...rest, ...(weight === undefined ? {} : { weight }) };
    }),
  );

/** Survey responses about the pipeline tickets (ids `T<i>` and i for i % 3 === 0), naming agents A1, A2. */
const surveysArb = fc.array(fc.record({ t: fc.integer({ min: 0, max: 45 }), agent: fc.constantFrom('A1', 'A2', undefined), score: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null)) }), { maxLength: 12 }).map((rows) =>
  rows.map((r, i) => ({ id: `S${i}`, ticketId: r.t % 3 === 0 ? r.t : `T${r.t}`, score: r.score, ...(r.agent === undefined ? {} : { agentId: r.agent }) })),
);

const policy = { targets: { high: { firstReply: 4 * HOUR, resolution: 48 * HOUR }, low: { nextReply: 8 * HOUR }, urgent: { firstReply: HOUR } }, defaultPriority: 'low' };

const CASES: readonly Case[] = [
  { name: 'DurationAccumulator (firstResponseTime)', metric: 'firstResponseTime', records: pipelineTicketsArb, options: fc.constant({ percentiles: [90] }) },
  { name: 'RateAccumulator (resolutionRate)', metric: 'resolutionRate', records: pipelineTicketsArb, options: fc.constant({}) },
  { name: 'HistogramAccumulator (interactionsPerTicket)', metric: 'interactionsPerTicket', records: pipelineTicketsArb, options: fc.constantFrom({ count: 'agent' }, { count: 'all' }) },
  { name: 'HistogramAccumulator (assignmentStations)', metric: 'assignmentStations', records: pipelineTicketsArb, options: fc.constantFrom({ of: 'assignee' }, { of: 'group', count: 'distinct' }) },
  { name: 'ScoreAccumulator (netPromoterScore)', metric: 'netPromoterScore', records: responsesArb, options: fc.constant({ invalid: 'exclude' }) },
  { name: 'ScoreAccumulator (customerSatisfactionScore)', metric: 'customerSatisfactionScore', records: responsesArb.map((rs) => rs.map((r) => (typeof r === 'number' ? (r % 5) + 1 : r !== null && typeof r === 'object' && typeof (r as { score: unknown }).score === 'number' ? { ...r, score: ((r as { score: number }).score % 5) + 1 } : r))), options: fc.constant({ invalid: 'exclude' }) },
  { name: 'BotAccumulator (botResolutionRate)', metric: 'botResolutionRate', records: pipelineTicketsArb, options: fc.constantFrom({ denominator: 'all' }, { denominator: 'bot-involved', excludeUnresolved: false }) },
  { name: 'VolumeAccumulator (ticketVolume, range)', metric: 'ticketVolume', records: pipelineTicketsArb, options: fc.constantFrom({ interval: 'day', timeZone: 'UTC', period: { from: T0, to: T0 + 40 * DAY } }, { interval: 'week', timeZone: 'Europe/Paris', period: { from: T0 + 3 * DAY, to: T0 + 20 * DAY }, by: 'channel' }) },
  { name: 'VolumeAccumulator (ticketVolume, no range)', metric: 'ticketVolume', records: pipelineTicketsArb, options: fc.constantFrom({ interval: 'day', timeZone: 'UTC' }, { interval: 'week', timeZone: 'UTC', from: T0 + 5 * DAY }, { interval: 'day', timeZone: 'UTC', by: (t: { priority?: string }) => t.priority ?? 'none' }) },
  { name: 'SnapshotAccumulator (queueSnapshot)', metric: 'queueSnapshot', records: queueTicketsArb, options: atArb.map((at) => ({ at, policy, waitBuckets: [HOUR, 6 * HOUR] })) },
  { name: 'BacklogAccumulator (backlog)', metric: 'backlog', records: pipelineTicketsArb, options: fc.integer({ min: 0, max: 40 }).map((d) => ({ at: T0 + d * DAY, olderThanMs: 3 * DAY, percentiles: [50, 90] })) },
  { name: 'SeriesAccumulator (backlogSeries)', metric: 'backlogSeries', records: pipelineTicketsArb, options: fc.constantFrom('day', 'week').map((interval) => ({ period: { from: T0 + DAY, to: T0 + 15 * DAY }, interval, timeZone: 'Europe/Paris' })) },
  { name: 'SlaAccumulator (slaCompliance)', metric: 'slaCompliance', records: pipelineTicketsArb, options: fc.constantFrom({ ...policy, at: T0 + 20 * DAY }, { ...policy }) },
  { name: 'CycleAccumulator (averageResponseTime)', metric: 'averageResponseTime', records: pipelineTicketsArb, options: fc.constantFrom({ per: 'reply' }, { per: 'ticket' }) },
  { name: 'RepeatAccumulator + requesters (firstContactResolution, no-repeat-contact)', metric: 'firstContactResolution', records: pipelineTicketsArb, options: fc.record({ repeatContactWindowMs: fc.constantFrom(DAY, 5 * DAY), excludeUnresolved: fc.boolean(), at: fc.option(fc.constant(T0 + 25 * DAY), { nil: undefined }) }).map((o) => ({ definition: 'no-repeat-contact', ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) })) },
  { name: 'AgentAccumulator (agentActivity)', metric: 'agentActivity', records: pipelineTicketsArb, options: fc.oneof(fc.constant({}), surveysArb.map((surveys) => ({ surveys }))) },
  { name: 'QueueAccumulator + first requests (prioritizeQueue)', metric: 'prioritizeQueue', records: queueTicketsArb, options: atArb.map((at) => ({ at, policy, rules: { firstRequestBoost: 2, segment: 'fields.plan', segmentWeights: { pro: 5 }, breachWeight: 1 } })), noBy: true },
];

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The metric's own code on `records` at `offset`: its params and accumulators, not finished. */
function capture(metric: Metric, options: object, records: readonly unknown[], offset: number): CaptureOut {
  const cap = new Capture(records, offset, undefined, undefined);
  metric(cap, { invalid: 'exclude', ...options });
  if (cap.out === undefined) throw new Error('nothing captured');
  return cap.out;
}

function appendLedger(a: ExclusionLedger<string>, b: ExclusionLedger<string>): void {
  for (const [reason, ids] of b.lists) {
    const list = a.lists.get(reason);
    if (list === undefined) a.lists.set(reason, ids.slice());
    else list.push(...ids);
  }
  for (const [reason, extra] of b.extra) a.extra.set(reason, (a.extra.get(reason) ?? 0) + extra);
  a.total += b.total;
}

/** Plain data that JSON and structuredClone give back as it is. */
function expectPlain(s: unknown): void {
  const text = JSON.stringify(s);
  expect(JSON.stringify(json(s))).toBe(text);
  expect(structuredClone(s)).toStrictEqual(s);
  expect(text).not.toMatch(/null,"?__proto__|"__proto__":/);
}

type Mode = 'mergeFrom' | 'json' | 'clone';

/** A fresh call's accumulator with the chunks `parts` merged in `order`, through `mode`. */
function combine(metric: Metric, options: object, parts: readonly CaptureOut[], order: readonly number[], mode: Mode): { out: CaptureOut; result: unknown } {
  const out = capture(metric, options, [], 0);
  const { def, params, overall } = out;
  const via = <T>(x: T): T => (mode === 'json' ? json(x) : structuredClone(x));
  for (const k of order) {
    const part = parts[k] as CaptureOut;
    if (def.saveShared !== undefined && def.loadShared !== undefined) {
      const shared = def.saveShared(part.params);
      def.loadShared(params, mode === 'mergeFrom' ? shared : via(shared));
    }
    if (mode === 'mergeFrom') overall.mergeFrom(part.overall);
    else overall.load(via(part.overall.save()));
  }
  // The ledgers are the framework's: in input order.
  for (const part of parts) appendLedger(overall.ledger, part.overall.ledger);
  return { out, result: def.finish(overall, params, overall) };
}

describe('accumulator partial states: save/load and mergeFrom give the one-shot result', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const metric = fn(c.metric);
      fc.assert(
        fc.property(c.records, c.options, fc.nat(), (records, options, cut) => {
          const k = records.length === 0 ? 0 : cut % (records.length + 1);
          // The overall accumulator only (groups are the incremental API's part below; ticketVolume's legacy
          // `by: 'channel'` is a breakdown too).
          const { groups: _groups, ...oneShot } = metric(records, { invalid: 'exclude', ...options }) as { groups?: unknown };
          const parts = [capture(metric, options, records.slice(0, k), 0), capture(metric, options, records.slice(k), k)];
          for (const part of parts) {
            expectPlain(part.overall.save());
            if (part.def.saveShared !== undefined) expectPlain(part.def.saveShared(part.params));
          }
          const saves: string[] = [];
          for (const order of [[0, 1], [1, 0]]) {
            for (const mode of ['mergeFrom', 'json', 'clone'] as const) {
              const { out, result } = combine(metric, options, parts, order, mode);
              expect(result).toStrictEqual(oneShot);
              const saved = (out.overall as Accumulator).save();
              expectPlain(saved);
              if (order[0] === 0) saves.push(JSON.stringify(saved));
            }
          }
          // In input order, loading the saved states and merging the accumulators leave the same state.
          expect(new Set(saves).size).toBe(1);
        }),
        fcParams(60),
      );
    }, 60_000);
  }
});

/** `records` cut into chunks at `cuts` (positions), as [position, chunk]. */
function chunksOf(records: readonly unknown[], cuts: readonly number[]): [number, unknown[]][] {
  const at = [...new Set(cuts.map((x) => x % (records.length + 1)))].sort((a, b) => a - b);
  const out: [number, unknown[]][] = [];
  let from = 0;
  for (const to of [...at, records.length]) {
    out.push([from, records.slice(from, to)]);
    from = to;
  }
  return out;
}

describe('the incremental API over these accumulators equals the one-shot call', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const metric = fn(c.metric);
      fc.assert(
        fc.property(c.records, c.options, fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), fc.constantFrom(undefined, 'channel', 'priority'), (records, options, cuts, reverse, by) => {
          // Survey responses have no priority; queue tickets no tags: `channel` is in both.
          const o = { invalid: 'exclude', ...options, ...(by === undefined || c.noBy === true || (by === 'priority' && c.metric.endsWith('Score')) ? {} : { by }) };
          const oneShot = metric(records, o);
          const chunks = chunksOf(records, cuts);
          if (reverse) chunks.reverse();
          // Each chunk in its own run, through a JSON state, merged in a random order into the first.
          const states = chunks.map(([position, chunk]) => json(lib.startMetric((lib as unknown as Record<string, lib.IncrementalMetric>)[c.metric] as lib.IncrementalMetric, o as never).add(chunk, { position }).state()));
          const run = lib.resumeMetric((lib as unknown as Record<string, lib.IncrementalMetric>)[c.metric] as lib.IncrementalMetric, o as never, states[0] as lib.MetricState);
          for (const s of states.slice(1)) run.merge(structuredClone(s) as lib.MetricState);
          const result = run.finish();
          expect(result).toStrictEqual(oneShot);
          // Merged in input order, even the order of keys is the one-shot call's.
          expect(JSON.stringify(result)).toBe(JSON.stringify(oneShot));
        }),
        fcParams(40),
      );
    }, 60_000);
  }
});

describe('a metric’s own errors in a chunk name the record’s position in the whole input', () => {
  const ticket = (id: string, extra: object = {}): object => ({ id, createdAt: T0, requesterId: 'U1', status: 'solved', firstResolvedAt: T0 + HOUR, resolvedAt: T0 + HOUR, customerReplies: 1, agentReplies: 1, ...extra });
  const chunk = [ticket('a'), ticket('b', { channel: 7 }), ticket('c', { fields: { plan: {} } })];
  const indexOf = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return (e as lib.MetricsError).recordIndex;
    }
    return 'no error';
  };

  it('firstContactResolution (eligible throws), ticketVolume (legacy key), prioritizeQueue (segment)', () => {
    const failB = (t: { id: string | number }): boolean => {
      if (t.id === 'b') throw new Error('no');
      return true;
    };
    expect(indexOf(() => lib.startMetric(lib.firstContactResolution, { eligible: failB }).add(chunk, { position: 100 }))).toBe(101);
    expect(indexOf(() => lib.startMetric(lib.ticketVolume, { interval: 'day', timeZone: 'UTC', by: 'channel' }).add(chunk, { position: 100 }))).toBe(101);
    const waiting = (id: string, extra: object = {}): object => ({ id, createdAt: Q0, requesterId: 'U1', events: [{ type: 'message', at: Q0, author: 'customer' }], ...extra });
    const open = [waiting('a'), waiting('b', { fields: { plan: 'pro' } }), waiting('c', { fields: { plan: {} } })];
    expect(indexOf(() => lib.startMetric(lib.prioritizeQueue, { at: Q0 + DAY, rules: { segment: 'fields.plan' } }).add(open, { position: 100 }))).toBe(102);
    expect(indexOf(() => lib.startMetric(lib.prioritizeQueue, { at: Q0 + DAY, rules: { segment: () => { throw new Error('no'); } } }).add(open, { position: 100 }))).toBe(100);
  });
});
