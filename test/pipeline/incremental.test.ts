/**
 * The incremental API (issue 14) by example, with numbers computed by hand from docs/metrics.md
 * (firstResponseTime: first public agent reply − creation; R7 quantiles: h = (n − 1)·p, linear interpolation;
 * the mean is the exact total divided once).
 *
 * Six tickets on Monday 2026-03-02 (UTC), each opened by a customer message at its creation:
 *
 * | ticket | channel | created | first agent reply | FRT    |
 * | ------ | ------- | ------- | ----------------- | ------ |
 * | A1     | email   | 09:00   | 09:30             | 30 min |
 * | A2     | chat    | 09:00   | 09:05             | 5 min  |
 * | A3     | email   | 10:00   | 11:00             | 60 min |
 * | A4     | chat    | 10:00   | none              | no_reply |
 * | A5     | email   | 12:00   | 12:15             | 15 min |
 * | A6     | chat    | 12:00   | 12:25             | 25 min |
 *
 * Three chunks: [A1, A2], [A3, A4], [A5, A6].
 */
import { describe, expect, it } from 'vitest';
import { firstContactResolution, firstResponseTime, MetricsError, ticketVolume, resumeMetric, resumeMetrics, runMetrics, startMetric, startMetrics, type MetricPlan, type Ticket } from '../../src/index.js';

const jsonTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const T0 = Date.UTC(2026, 2, 2);
const MIN = 60_000;
const HOUR = 60 * MIN;

function ticket(id: string, channel: string, createdH: number, replyMin?: number): Ticket {
  const created = T0 + createdH * HOUR;
  return {
    id,
    channel,
    createdAt: created,
    events: [
      { type: 'message', at: created, author: 'customer' },
      ...(replyMin === undefined ? [] : [{ type: 'message' as const, at: created + replyMin * MIN, author: 'agent' as const }]),
    ],
  };
}
const TICKETS: Ticket[] = [
  ticket('A1', 'email', 9, 30),
  ticket('A2', 'chat', 9, 5),
  ticket('A3', 'email', 10, 60),
  ticket('A4', 'chat', 10),
  ticket('A5', 'email', 12, 15),
  ticket('A6', 'chat', 12, 25),
];
const CHUNKS = [TICKETS.slice(0, 2), TICKETS.slice(2, 4), TICKETS.slice(4, 6)];

/**
 * By hand. Whole: 5, 15, 25, 30, 60 min → total 135 min, mean 27 min, median 25 min; p90: h = 4 · 0.9 = 3.6 →
 * 30 + 0.6 · (60 − 30) = 48 min; p95: h = 3.8 → 30 + 0.8 · 30 = 54 min. A4 is excluded as no_reply.
 * chat: 5, 25 (A4 excluded) → total 30, mean 15, median (h = 0.5) 15; p90: h = 0.9 → 5 + 0.9 · 20 = 23;
 * p95: h = 0.95 → 5 + 0.95 · 20 = 24 min.
 * email: 15, 30, 60 → total 105, mean 35, median 30; p90: h = 1.8 → 30 + 0.8 · 30 = 54; p95: h = 1.9 → 57 min.
 * Groups: 'chat' before 'email' (UTF-16 order).
 */
const EXPECTED = {
  count: 5,
  totalMs: 135 * MIN,
  meanMs: 27 * MIN,
  medianMs: 25 * MIN,
  minMs: 5 * MIN,
  maxMs: 60 * MIN,
  percentilesMs: { p50: 25 * MIN, p90: 48 * MIN, p95: 54 * MIN },
  excluded: { total: 1, byReason: { no_reply: 1 }, ids: { no_reply: ['A4'] } },
  groups: [
    {
      key: { channel: 'chat' },
      count: 2,
      totalMs: 30 * MIN,
      meanMs: 15 * MIN,
      medianMs: 15 * MIN,
      minMs: 5 * MIN,
      maxMs: 25 * MIN,
      percentilesMs: { p50: 15 * MIN, p90: 23 * MIN, p95: 24 * MIN },
      excluded: { total: 1, byReason: { no_reply: 1 }, ids: { no_reply: ['A4'] } },
    },
    {
      key: { channel: 'email' },
      count: 3,
      totalMs: 105 * MIN,
      meanMs: 35 * MIN,
      medianMs: 30 * MIN,
      minMs: 15 * MIN,
      maxMs: 60 * MIN,
      percentilesMs: { p50: 30 * MIN, p90: 54 * MIN, p95: 57 * MIN },
      excluded: { total: 0, byReason: {}, ids: {} },
    },
  ],
};

describe('startMetric: FRT by channel over three chunks', () => {
  it('sequential adds give the hand-computed figures, the one-shot result', () => {
    const run = startMetric(firstResponseTime, { by: 'channel' });
    for (const chunk of CHUNKS) run.add(chunk);
    expect(run.count).toBe(6);
    const result = run.finish();
    expect(result).toMatchObject(EXPECTED);
    expect(result).toEqual(firstResponseTime(TICKETS, { by: 'channel' }));
  });

  it('three runs (one per chunk, with positions) merged in another order, through JSON and structuredClone', () => {
    const [a, b, c] = CHUNKS.map((chunk, k) => startMetric(firstResponseTime, { by: 'channel' }).add(chunk, { position: 2 * k }));
    // c absorbs a's state from JSON, then b absorbs a structured clone of that: the tree ((c + a) + b).
    const ca = c!.merge(jsonTrip(a!.state()));
    const result = b!.merge(structuredClone(ca.state())).finish();
    expect(result).toMatchObject(EXPECTED);
    expect(result).toEqual(firstResponseTime(TICKETS, { by: 'channel' }));
  });

  it('a saved state resumes in a "later session" and takes the last chunk', () => {
    const saved = JSON.stringify(startMetric(firstResponseTime, { by: 'channel' }).add(CHUNKS[0]!).add(CHUNKS[1]!).state());
    const run = resumeMetric(firstResponseTime, { by: 'channel' }, JSON.parse(saved));
    expect(run.count).toBe(4);
    expect(run.add(CHUNKS[2]!).finish()).toMatchObject(EXPECTED);
  });

  it('positions order the excluded ids and label records without an id (#index in the whole input)', () => {
    // Two tickets without a reply and without an id, in the second and third chunks, added last chunk first.
    const noId = (createdH: number): Ticket => {
      const { id: _id, ...rest } = ticket('x', 'chat', createdH);
      return rest as Ticket;
    };
    const input = [...TICKETS.slice(0, 2), noId(10), TICKETS[3]!, TICKETS[4]!, noId(12)];
    const run = startMetric(firstResponseTime, { invalid: 'exclude' });
    run.add(input.slice(4), { position: 4 }).add(input.slice(0, 2), { position: 0 }).add(input.slice(2, 4), { position: 2 });
    const result = run.finish();
    // A record without an id is invalid (missing_field) and labelled by its index in the whole input; A4 has no
    // reply. In input order, whatever the order of the adds.
    expect(result.excluded.byReason).toEqual({ 'invalid:missing_field': 2, no_reply: 1 });
    expect(result.excluded.ids).toEqual({ 'invalid:missing_field': ['#2', '#5'], no_reply: ['A4'] });
    expect(result).toEqual(firstResponseTime(input, { invalid: 'exclude' }));
  });
});

describe('duplicate ids, by example', () => {
  it("an id in two chunks of one run: the later one is invalid:duplicate_id (exclude) or throws (throw)", () => {
    const again = { ...TICKETS[0]!, channel: 'chat' }; // A1 again, in the third chunk
    const input = [...TICKETS, again];
    const run = startMetric(firstResponseTime, { by: 'channel', invalid: 'exclude' }).add(CHUNKS[0]!).add(CHUNKS[1]!).add([...CHUNKS[2]!, again]);
    const result = run.finish();
    expect(result.count).toBe(5);
    expect(result.excluded.byReason).toEqual({ no_reply: 1, 'invalid:duplicate_id': 1 });
    expect(result.excluded.ids['invalid:duplicate_id']).toEqual(['A1']);
    expect(result).toEqual(firstResponseTime(input, { by: 'channel', invalid: 'exclude' }));

    const thrown = (() => {
      try {
        startMetric(firstResponseTime).add(CHUNKS[0]!).add([...CHUNKS[1]!, again]);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(MetricsError);
    expect(thrown).toMatchObject({ code: 'duplicate_id', recordIndex: 4 });
  });

  it("7 and '7' are one id; merging runs that share it throws duplicate_id naming it", () => {
    const seven = { ...TICKETS[0]!, id: 7 };
    const sevenText = { ...TICKETS[1]!, id: '7' };
    const a = startMetric(firstResponseTime, { invalid: 'exclude' }).add([seven]);
    const b = startMetric(firstResponseTime, { invalid: 'exclude' }).add([sevenText], { position: 1 });
    expect(() => a.merge(b)).toThrowError(MetricsError);
    try {
      startMetric(firstResponseTime, { invalid: 'exclude' }).add([seven]).merge(jsonTrip(startMetric(firstResponseTime, { invalid: 'exclude' }).add([sevenText], { position: 1 }).state()));
      expect.unreachable('the merge must throw');
    } catch (e) {
      expect(e).toMatchObject({ code: 'duplicate_id' });
      expect((e as Error).message).toContain('7');
    }
  });

  it('trustIds: the caller partitioned by id; duplicates: the caller found repeats itself', () => {
    const a = startMetric(firstResponseTime, { invalid: 'exclude' }, { trustIds: true }).add(CHUNKS[0]!);
    // The main thread saw A2 earlier: the second chunk's record 1 (A2 again) is a duplicate.
    const b = startMetric(firstResponseTime, { invalid: 'exclude' }, { trustIds: true }).add([TICKETS[2]!, TICKETS[1]!], { position: 2, duplicates: [1] });
    const result = a.merge(b.state()).finish();
    expect(result).toEqual(firstResponseTime([...CHUNKS[0]!, TICKETS[2]!, TICKETS[1]!], { invalid: 'exclude' }));
    expect(result.excluded.ids).toEqual({ 'invalid:duplicate_id': ['A2'] });
  });
});

describe('several metrics at once', () => {
  const plan: MetricPlan = {
    frt: { metric: firstResponseTime, options: { by: 'channel' } },
    resolved: { metric: 'resolutionRate' },
  };

  it('startMetrics / resumeMetrics: one add for all metrics, results by name', () => {
    const set = startMetrics(plan).add(CHUNKS[0]!).add(CHUNKS[1]!);
    const resumed = resumeMetrics(plan, jsonTrip(set.state())).add(CHUNKS[2]!);
    expect(resumed.count).toBe(6);
    const results = resumed.finish() as Record<string, unknown>;
    expect(results.frt).toMatchObject(EXPECTED);
    // No ticket is solved: resolution rate 0 of 6.
    expect(results.resolved).toMatchObject({ numerator: 0, denominator: 6, rate: 0 });
  });

  it('runMetrics over an async iterable (the lines of a response body)', async () => {
    async function* lines(): AsyncGenerator<unknown> {
      const text = TICKETS.map((t) => JSON.stringify(t)).join('\n');
      for (const line of text.split('\n')) yield JSON.parse(line);
    }
    const results = await runMetrics(plan, lines(), { chunkSize: 4 });
    expect(results.frt).toMatchObject(EXPECTED);
    expect(results.frt).toEqual(firstResponseTime(TICKETS, { by: 'channel' }));
  });
});

describe('rules that look across the whole input, over chunks (docs/metrics.md, "Breakdowns")', () => {
  const DAY = 24 * HOUR;
  /** A ticket of `requester`: customer message at creation, agent reply 30 min later, solved 30 min after. */
  const solved = (id: string, requester: string, day: number, hour: number): Ticket => {
    const created = T0 + day * DAY + hour * HOUR;
    return {
      id,
      requesterId: requester,
      createdAt: created,
      events: [
        { type: 'message', at: created, author: 'customer' },
        { type: 'message', at: created + 30 * MIN, author: 'agent' },
        { type: 'status', at: created + 60 * MIN, status: 'solved' },
      ],
    };
  };
  // 2026-03-02 is day 0. U1 comes back on day 3 (a repeat contact of T1 within 7 days); T4, pending, is the
  // latest creation (day 18), so every 7-day window of T1–T3 has closed by the default asOf.
  const T1 = solved('T1', 'U1', 0, 9);
  const T2 = solved('T2', 'U2', 0, 11);
  const T3 = solved('T3', 'U1', 3, 9);
  const T4: Ticket = { id: 'T4', requesterId: 'U3', createdAt: T0 + 18 * DAY, events: [{ type: 'message', at: T0 + 18 * DAY, author: 'customer' }] };

  it("FCR 'no-repeat-contact': a repeat contact in a later chunk, and asOf = the latest creation of the whole input", () => {
    // By hand: T1 fails (U1 opened T3 within 7 days), T2 and T3 succeed, T4 is unresolved → 2 / 3.
    const options = { definition: 'no-repeat-contact' } as const;
    const run = startMetric(firstContactResolution, options).add([T1, T2]).add([T3, T4]);
    expect(run.finish()).toMatchObject({ numerator: 2, denominator: 3, excluded: { total: 1, byReason: { unresolved: 1 }, ids: { unresolved: ['T4'] } } });
    expect(run.finish()).toEqual(firstContactResolution([T1, T2, T3, T4], options));
    // Without T4 the latest creation is T3's (day 3): every window is still open, 0 / 0, window_open 3 — the
    // chunk [T1, T2] alone would have said day 0.
    const early = startMetric(firstContactResolution, options).add([T1, T2]).add([T3]).finish();
    expect(early).toMatchObject({ numerator: 0, denominator: 0, excluded: { total: 3, byReason: { window_open: 3 } } });
    // The same through two runs merged.
    const merged = startMetric(firstContactResolution, options).add([T3, T4], { position: 2 }).merge(jsonTrip(startMetric(firstContactResolution, options).add([T1, T2]).state()));
    expect(merged.finish()).toEqual(firstContactResolution([T1, T2, T3, T4], options));
  });

  it('ticketVolume without period: every group has the buckets from the earliest to the latest creation of the whole input', () => {
    const V1: Ticket = { id: 'V1', channel: 'email', createdAt: T0 + 9 * HOUR, events: [] };
    const V2: Ticket = { id: 'V2', channel: 'chat', createdAt: T0 + 2 * DAY + 9 * HOUR, events: [] };
    const options = { interval: 'day', timeZone: 'UTC', by: 'channel' } as const;
    // By hand: days 2, 3 and 4 March; chat 0, 0, 1; email 1, 0, 0 (each chunk alone would have one day).
    const counts = (r: { groups?: readonly { key: unknown; buckets: readonly { label: string; count: number }[] }[] }): unknown =>
      r.groups?.map((g) => [g.key, g.buckets.map((b) => `${b.label}:${b.count}`)]);
    const run = startMetric(ticketVolume, options).add([V1]).add([V2]);
    expect(counts(run.finish())).toEqual([
      [{ channel: 'chat' }, ['2026-03-02:0', '2026-03-03:0', '2026-03-04:1']],
      [{ channel: 'email' }, ['2026-03-02:1', '2026-03-03:0', '2026-03-04:0']],
    ]);
    expect(run.finish()).toEqual(ticketVolume([V1, V2], options));
    const merged = startMetric(ticketVolume, options).add([V2], { position: 1 }).merge(jsonTrip(startMetric(ticketVolume, options).add([V1]).state()));
    expect(merged.finish()).toEqual(ticketVolume([V1, V2], options));
  });
});
