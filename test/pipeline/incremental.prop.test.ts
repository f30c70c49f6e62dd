/**
 * The incremental API (issue 14), tested from its contract (docs: /work/wt/contract.md) and not from its code:
 *
 * 1. For every metric over records, random records (valid and bad), random options (a field, a time bucket, a
 *    cross-tab, a key function as `by`; `invalid` 'exclude' or 'throw'; `period`/`at`), random chunkings and
 *    random merge trees (merged in a random order and direction; through runs, states, JSON, structuredClone and
 *    resumeMetric): `finish()` equals the one-shot call on all records, or throws the same MetricsError.
 * 2. Duplicate ids: across chunks of one run, across merged runs, with `trustIds`, with `AddOptions.duplicates`.
 * 3. Metric sets: startMetrics / resumeMetrics / runMetrics over arrays, generators, async generators and a
 *    browser-style byte stream split into lines.
 * 4. Errors: metrics that are not incremental, unknown option keys, states that do not merge, corrupted states.
 * Also: larger inputs, a run owns its data, options compared by value, states are plain data.
 *
 * Under invalid: 'throw' the error expected of a run is the one-shot error of the first chunk (in add order)
 * that fails on its own, at its position (see chunkError): the one-shot call on the whole input checks every
 * record's identity before any history, so with two bad records it may name the later one, which a run that
 * throws at `add` cannot know of yet. With one bad record, or only identity errors, both name the same record.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { MetricsError } from '../../src/index.js';
import { checkLedgers, resultProblems } from '../hostile/harness.js';
import { fcParams } from '../support/fc.js';
import { addOrder, api, chunksOf, describeError, execute, idKey, jsonTrip, outcome, outcomeAsync, scheduleArb, viaArb, type MetricPlan, type Outcome, type Run, type Schedule } from '../support/incremental.js';
import { byArb, CASES, metricFn, oneShot, recordsArb, TICKET_CASES, type Case } from '../support/incrementalArb.js';
import { DAY, pipelineTicketsArb, T0 } from '../support/pipelineArb.js';
import { ticketsArb } from '../support/ticketArb.js';

/** Timeout of one property (ms): small inputs, but a busy 2-core machine. */
const TIMEOUT = 30_000;

/** The options of one property run: the metric's own, `by` where it takes one, and `invalid`. */
function optionsOf(c: Case, own: Record<string, unknown>, by: unknown, invalid: 'exclude' | 'throw' | undefined): Record<string, unknown> {
  return { ...own, ...(c.by && by !== undefined ? { by } : {}), ...(invalid === undefined ? {} : { invalid }) };
}

/** The error a run must throw: a code and, for a record's error, its global index. */
interface ErrorSpec {
  readonly code: string;
  readonly recordIndex: number | undefined;
}

/**
 * The error an incremental run throws under invalid: 'throw' when no id is in two chunks: each `add` checks its
 * chunk as the one-shot call checks an input, so the run throws the error of the first chunk, in add order, that
 * the one-shot call rejects on its own, at `position` + its index there. (The one-shot call on the whole input
 * checks identities of all records before histories, so when an early chunk holds a bad history and a later one a
 * bad identity it names the later record: a chunked run cannot know of it yet. See the report of this suite.)
 */
function chunkError(name: string, records: readonly unknown[], options: object, s: Schedule): ErrorSpec | undefined {
  const chunks = chunksOf(records.length, s);
  for (const k of addOrder(chunks.length, s)) {
    const [from, to] = chunks[k]!;
    const o = outcome(() => oneShot(name, records.slice(from, to), options));
    if (!o.ok && o.error instanceof MetricsError) return { code: o.error.code, recordIndex: o.error.recordIndex === undefined ? undefined : from + o.error.recordIndex };
  }
  return undefined;
}

/**
 * Compares an incremental outcome with the one-shot one: the same result, or, when the one-shot call throws a
 * MetricsError, a MetricsError: `expected` (see {@link chunkError}), else the one-shot's own code and record.
 */
function expectSame(name: string, records: readonly unknown[], options: object, want: Outcome, got: Outcome, expected: ErrorSpec | undefined, log: readonly string[]): void {
  const where = `\n  ${name} ${JSON.stringify(options, (_k, v: unknown) => (typeof v === 'function' ? `[function ${(v as { name?: string }).name ?? ''}]` : v))}\n  steps: ${log.join('; ')}`;
  if (want.ok) {
    if (!got.ok) throw new Error(`the one-shot call succeeds, the incremental run threw ${describeError(got.error)}${where}`);
    const { count, result } = got.value as { count: number; result: unknown };
    expect(result, `finish() differs from the one-shot result${where}`).toEqual(want.value);
    expect(count, `count after the merges${where}`).toBe(records.length);
    return;
  }
  const e = want.error;
  if (!(e instanceof MetricsError)) throw new Error(`the one-shot call threw ${describeError(e)}${where}`);
  if (got.ok) throw new Error(`the one-shot call threw ${describeError(e)}, the incremental run did not${where}`);
  const g = got.error;
  if (!(g instanceof MetricsError)) throw new Error(`the one-shot call threw ${describeError(e)}, the incremental run threw ${describeError(g)}${where}`);
  const spec = expected ?? { code: e.code, recordIndex: e.recordIndex };
  expect(g.code, `error code (one-shot: ${e.message}; incremental: ${g.message})${where}`).toBe(spec.code);
  expect(g.recordIndex, `recordIndex (one-shot: ${e.message}; incremental: ${g.message})${where}`).toBe(spec.recordIndex);
}

/** Runs a metric through a schedule: its count before finish and its result, or what it threw. */
function incremental(name: string, options: object, s: Schedule, records: readonly unknown[], asName: boolean, trustIds: boolean, log: string[]): Outcome {
  const metric = asName ? name : metricFn(name);
  const resumed = asName ? metricFn(name) : name; // resume by the other spelling: both name one metric
  const start = trustIds ? { trustIds: true } : undefined;
  return outcome(() => {
    const root = execute(records, s, () => api.startMetric(metric, options, start), (st) => api.resumeMetric(resumed, options, st, start), log);
    const count = root.count;
    return { count, result: root.finish() };
  });
}

// ---- 1. chunks and merge trees equal the one-shot call -------------------------------------------------

describe.each(CASES)('$name: any chunking and merge tree equals the one-shot call', (c) => {
  it("invalid: 'exclude', with and without by", () => {
    fc.assert(
      fc.property(recordsArb(c.kind), c.options, fc.option(byArb(c.kind), { nil: undefined }), scheduleArb, fc.boolean(), fc.boolean(), (records, own, by, s, asName, trustIds) => {
        const options = optionsOf(c, own, by, 'exclude');
        const log: string[] = [];
        expectSame(c.name, records, options, outcome(() => oneShot(c.name, records, options)), incremental(c.name, options, s, records, asName, trustIds, log), chunkError(c.name, records, options, s), log);
      }),
      fcParams(40),
    );
  }, TIMEOUT);

  it('one run, its chunks added in any order, no state taken: the one-shot result', () => {
    fc.assert(
      fc.property(recordsArb(c.kind), c.options, fc.option(byArb(c.kind), { nil: undefined }), scheduleArb, fc.constantFrom<'exclude' | 'throw'>('exclude', 'throw'), (records, own, by, s0, invalid) => {
        const s: Schedule = { ...s0, leaves: 1, final: 'none' };
        const options = optionsOf(c, own, by, invalid);
        const log: string[] = [];
        expectSame(c.name, records, options, outcome(() => oneShot(c.name, records, options)), incremental(c.name, options, s, records, true, false, log), chunkError(c.name, records, options, s), log);
      }),
      fcParams(30),
    );
  }, TIMEOUT);

  it("invalid: 'throw' (and the default): the same MetricsError, at the same record", () => {
    fc.assert(
      fc.property(recordsArb(c.kind), c.options, fc.option(byArb(c.kind), { nil: undefined }), scheduleArb, fc.constantFrom<'throw' | undefined>('throw', undefined), fc.boolean(), (records, own, by, s, invalid, asName) => {
        const options = optionsOf(c, own, by, invalid);
        const log: string[] = [];
        expectSame(c.name, records, options, outcome(() => oneShot(c.name, records, options)), incremental(c.name, options, s, records, asName, false, log), chunkError(c.name, records, options, s), log);
      }),
      fcParams(25),
    );
  }, TIMEOUT);
});

// ---- larger inputs: many groups, long sorted runs ---------------------------------------------------------

/** `n` tickets from a seeded generator (a few per cent bad): cheap to make in bulk. */
function bulkTickets(n: number, seed: number): unknown[] {
  let x = seed >>> 0 || 1;
  const rnd = (k: number): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const created = T0 + rnd(30 * 24) * 3_600_000 + rnd(3_600_000);
    const events: Record<string, unknown>[] = [{ type: 'message', at: created, author: 'customer' }];
    if (rnd(5) > 0) events.push({ type: 'message', at: created + rnd(5 * 86_400_000), author: 'agent' });
    if (rnd(3) > 0) events.push({ type: 'status', at: created + rnd(9 * 86_400_000), status: rnd(4) === 0 ? 'pending' : 'solved' });
    const t: Record<string, unknown> = { id: rnd(2) === 0 ? i : `B${i}`, createdAt: created, channel: `ch${rnd(40)}`, priority: ['low', 'high', 'urgent'][rnd(3)], events };
    if (rnd(50) === 0) t.createdAt = 'bad';
    return t;
  });
}

describe('larger inputs (a few thousand records, dozens of groups)', () => {
  const names = ['firstResponseTime', 'resolutionTime', 'resolutionRate', 'backlog', 'timeInStatus'];
  it.each(names)('%s by channel and by a day bucket through a random merge tree', (name) => {
    const c = CASES.find((x) => x.name === name)!;
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 3000 }), fc.nat(), scheduleArb, fc.constantFrom<unknown>('channel', ['priority', { interval: 'day', timeZone: 'Europe/Paris' }]), (n, seed, s, by) => {
        const records = bulkTickets(n, seed);
        const options = { ...c.base, by, invalid: 'exclude' };
        const log: string[] = [];
        expectSame(name, records, options, outcome(() => oneShot(name, records, options)), incremental(name, options, s, records, true, false, log), undefined, log);
      }),
      fcParams(3),
    );
  }, 60_000);
});

// ---- 2. duplicate ids --------------------------------------------------------------------------------------

/** The records of a case that are valid on their own under the default options (throw). */
function validOnly(c: Case, records: readonly unknown[]): unknown[] {
  return records.filter((r) => r !== null && typeof r === 'object' && outcome(() => oneShot(c.name, [r], c.base)).ok).map((r) => ({ ...(r as object) }));
}
const ID_POOL: readonly unknown[] = [7, '7', 'T1', 'x', 8, '__proto__'];
/** Ids that look alike (compared with the one-shot call only: it says which are one id). */
const HOSTILE_IDS: readonly unknown[] = [...ID_POOL, 0, -0, '0', 1e21, '1e+21', '07', 7.5, '', ' 7', 'constructor', 2 ** 53, Number.MAX_SAFE_INTEGER];
/** Records with ids from a small pool (7 and '7' among them), so that ids repeat. */
const withRepeatsArb = (c: Case, pool: readonly unknown[] = ID_POOL): fc.Arbitrary<unknown[]> =>
  fc.tuple(recordsArb(c.kind), fc.array(fc.option(fc.constantFrom(...pool), { nil: undefined, freq: 2 }), { minLength: 40, maxLength: 40 })).map(([records, ids]) =>
    records.map((r, i) => (r !== null && typeof r === 'object' && ids[i] !== undefined ? { ...(r as object), id: ids[i] } : r)),
  );
const oneLeafArb: fc.Arbitrary<Schedule> = scheduleArb.map((s) => ({ ...s, leaves: 1, ordered: true }));

describe.each(CASES)('$name: duplicate ids', (c) => {
  it("repeated across the chunks of one run added in order: as the one-shot call (exclude), duplicate_id (throw)", () => {
    fc.assert(
      fc.property(withRepeatsArb(c, HOSTILE_IDS), oneLeafArb, fc.constantFrom<'exclude' | 'throw'>('exclude', 'throw'), (raw, s, invalid) => {
        // Under 'throw' only valid records, so that the first error is the first repeat, as in the one-shot call.
        const records = invalid === 'throw' ? validOnly(c, raw) : raw;
        const options = { ...c.base, invalid };
        const log: string[] = [];
        expectSame(c.name, records, options, outcome(() => oneShot(c.name, records, options)), incremental(c.name, options, s, records, true, false, log), undefined, log);
      }),
      fcParams(12),
    );
  }, TIMEOUT);

  it('merging two runs whose chunks share an id throws duplicate_id naming the id, in both modes', () => {
    fc.assert(
      fc.property(recordsArb(c.kind), fc.nat(), fc.nat(), fc.nat(), fc.constantFrom(['T-9', 'T-9'], [7, '7'], ['7', 7], ['__proto__', '__proto__']), fc.constantFrom<'exclude' | 'throw'>('exclude', 'throw'), viaArb, fc.boolean(), (raw, k0, i0, j0, [first, second], invalid, via, flip) => {
        const records = validOnly(c, raw) as Record<string, unknown>[];
        fc.pre(records.length >= 2);
        const k = 1 + (k0 % (records.length - 1));
        const i = i0 % k;
        const j = k + (j0 % (records.length - k));
        records[i]!.id = first;
        records[j]!.id = second;
        const options = { ...c.base, invalid };
        const a = api.startMetric(c.name, options).add(records.slice(0, k));
        const b = api.startMetric(c.name, options).add(records.slice(k), { position: k });
        const [x, y] = flip ? [b, a] : [a, b];
        const got = outcome(() => {
          switch (via) {
            case 'run':
              return x.merge(y).finish();
            case 'state':
              return x.merge(y.state()).finish();
            case 'json':
              return x.merge(jsonTrip(y.state())).finish();
            case 'clone':
              return x.merge(structuredClone(y.state())).finish();
            case 'resume-json':
              return api.resumeMetric(c.name, options, jsonTrip(x.state())).merge(y).finish();
            case 'resume-clone':
              return api.resumeMetric(c.name, options, structuredClone(x.state())).merge(structuredClone(y.state())).finish();
          }
        });
        if (got.ok) throw new Error(`records[${i}] and records[${j}] share the id ${JSON.stringify(first)}/${JSON.stringify(second)}; merging (${via}) did not throw`);
        expect(got.error, describeError(got.error)).toBeInstanceOf(MetricsError);
        expect((got.error as MetricsError).code, describeError(got.error)).toBe('duplicate_id');
        expect((got.error as MetricsError).message).toContain(String(first));
      }),
      fcParams(10),
    );
  }, TIMEOUT);

  it('trustIds: true with ids partitioned by chunk (repeats inside a chunk) equals the one-shot call', () => {
    fc.assert(
      fc.property(recordsArb(c.kind), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }), scheduleArb, fc.constantFrom<'exclude' | 'throw'>('exclude', 'throw'), fc.boolean(), (raw, picks, s, invalid, twin) => {
        // The ids of chunk k are k·10 + pick (as a number, or its string twin): no id is in two chunks.
        const chunkOf = (i: number): number => {
          let k = 0;
          for (const [from, to] of chunksOf(raw.length, s)) {
            if (i >= from && i < to) return k;
            k++;
          }
          return k;
        };
        const records = raw.map((r, i) => {
          if (r === null || typeof r !== 'object') return r;
          const n = chunkOf(i) * 10 + picks[i]!;
          return { ...(r as object), id: twin && i % 2 === 0 ? String(n) : n };
        });
        const options = { ...c.base, invalid };
        const log: string[] = [];
        expectSame(c.name, records, options, outcome(() => oneShot(c.name, records, options)), incremental(c.name, options, s, records, true, true, log), chunkError(c.name, records, options, s), log);
      }),
      fcParams(10),
    );
  }, TIMEOUT);

  it('AddOptions.duplicates from an outside check (trustIds, one run per chunk) equals the one-shot call', () => {
    fc.assert(
      fc.property(withRepeatsArb(c), scheduleArb, fc.constantFrom<'exclude' | 'throw'>('exclude', 'throw'), (raw, s, invalid) => {
        const records = validOnly(c, raw);
        // The main thread's check: an id seen at a lower position makes this record a duplicate.
        const seen = new Set<string>();
        const dup: boolean[] = records.map((r) => {
          const k = idKey((r as { id?: unknown }).id);
          if (k === undefined) return false;
          if (seen.has(k)) return true;
          seen.add(k);
          return false;
        });
        const options = { ...c.base, invalid };
        const want = outcome(() => oneShot(c.name, records, options));
        const log: string[] = [];
        const got = outcome(() => {
          const runs = chunksOf(records.length, s).map(([from, to]) => {
            const duplicates: number[] = [];
            for (let i = from; i < to; i++) if (dup[i]) duplicates.push(i - from);
            log.push(`startMetric(trustIds).add(records[${from}..${to}), { position: ${from}, duplicates: [${duplicates.join(', ')}] })`);
            return api.startMetric(c.name, options, { trustIds: true }).add(records.slice(from, to), { position: from, duplicates });
          });
          const root = runs.reduceRight((acc, r) => acc.merge(jsonTrip(r.state())));
          return { count: root.count, result: root.finish() };
        });
        expectSame(c.name, records, options, want, got, undefined, log);
      }),
      fcParams(10),
    );
  }, TIMEOUT);
});

describe('AddOptions.duplicates marks exactly those records', () => {
  const tickets = (n: number): lib.Ticket[] =>
    Array.from({ length: n }, (_, i) => ({ id: `D${i}`, createdAt: T0 + i * 3_600_000, events: [{ type: 'message', at: T0 + i * 3_600_000, author: 'customer' }, { type: 'message', at: T0 + i * 3_600_000 + 60_000 * (i + 1), author: 'agent' }] }) as lib.Ticket);

  it("under 'exclude' they are invalid:duplicate_id, in input order, and the rest is measured", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.uniqueArray(fc.nat(), { maxLength: 5 }), fc.integer({ min: 0, max: 50 }), (n, picks, position) => {
        const ts = tickets(n);
        const marked = [...new Set(picks.map((p) => p % n))];
        const r = api.startMetric('firstResponseTime', { invalid: 'exclude' }, { trustIds: true }).add(ts, { position, duplicates: marked }).finish() as lib.DurationSummary;
        const sorted = [...marked].sort((a, b) => a - b);
        expect(r.excluded.byReason).toEqual(sorted.length === 0 ? {} : { 'invalid:duplicate_id': sorted.length });
        expect(r.excluded.ids['invalid:duplicate_id'] ?? []).toEqual(sorted.map((i) => `D${i}`));
        expect(r.count).toBe(n - sorted.length);
        // The measured ones are the others: the same as the one-shot call on them alone.
        const rest = lib.firstResponseTime(ts.filter((_, i) => !marked.includes(i)));
        expect({ count: r.count, totalMs: r.totalMs, medianMs: r.medianMs, percentilesMs: r.percentilesMs }).toEqual({ count: rest.count, totalMs: rest.totalMs, medianMs: rest.medianMs, percentilesMs: rest.percentilesMs });
      }),
      fcParams(40),
    );
  }, TIMEOUT);

  it("under 'throw' the first marked record throws duplicate_id with its global recordIndex", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 50 }), (n, picks, position) => {
        const marked = [...new Set(picks.map((p) => p % n))];
        const got = outcome(() => api.startMetric('firstResponseTime', {}, { trustIds: true }).add(tickets(n), { position, duplicates: marked }).finish());
        expect(got.ok).toBe(false);
        if (got.ok) return;
        expect(got.error, describeError(got.error)).toBeInstanceOf(MetricsError);
        expect((got.error as MetricsError).code).toBe('duplicate_id');
        expect((got.error as MetricsError).recordIndex).toBe(position + Math.min(...marked));
      }),
      fcParams(30),
    );
  }, TIMEOUT);
});

// ---- runs keep no references and finish as often as asked ------------------------------------------------

describe.each(CASES.filter((c) => ['firstResponseTime', 'resolutionRate', 'timeInStatus', 'averageHandleTime', 'serviceLevel', 'netPromoterScore'].includes(c.name)))('$name: a run owns its data', (c) => {
  it('finish() twice gives the same result; add after finish goes on; records and states changed afterwards change nothing', () => {
    fc.assert(
      fc.property(recordsArb(c.kind), c.options, fc.option(byArb(c.kind), { nil: undefined }), fc.nat(), (records, own, by, k0) => {
        const options = optionsOf(c, own, by, 'exclude');
        const k = k0 % (records.length + 1);
        const want = outcome(() => oneShot(c.name, records, options));
        fc.pre(want.ok);
        const copy = structuredClone(records);
        const run = api.startMetric(c.name, options).add(copy.slice(0, k));
        const first = jsonTrip(run.finish());
        expect(jsonTrip(run.finish())).toEqual(first);
        // Scribble over what was added and over a state taken from the run: neither is the run's.
        for (const r of copy.slice(0, k)) if (r !== null && typeof r === 'object') for (const key of Object.keys(r)) (r as Record<string, unknown>)[key] = 'scribbled';
        const st = run.state() as Record<string, unknown>;
        for (const key of Object.keys(st)) if (key !== 'format' && key !== 'version' && key !== 'metric' && key !== 'options') st[key] = null;
        run.add(records.slice(k));
        expect(run.finish()).toEqual(want.value);
      }),
      fcParams(15),
    );
  }, TIMEOUT);

  it('a run merged with itself (or its own state) is a MetricsError: the same records counted twice', () => {
    for (const trustIds of [false, true]) {
      const [records] = fc.sample(recordsArb(c.kind).filter((r) => r.some((x) => x !== null && typeof x === 'object')), { seed: 3, numRuns: 1 });
      const run = (): Run => api.startMetric(c.name, { ...c.base, invalid: 'exclude' }, { trustIds }).add(records!);
      metricsError(() => {
        const r = run();
        return r.merge(r).finish();
      });
      metricsError(() => {
        const r = run();
        return r.merge(jsonTrip(r.state())).finish();
      });
    }
  });
});

// ---- states are plain data --------------------------------------------------------------------------------

/** Where a value is not plain data (finite numbers, strings, booleans, null, arrays, plain objects). */
function notPlain(v: unknown, path = 'state'): string | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${path} is ${v}`;
  if (typeof v !== 'object') return `${path} is a ${typeof v}`;
  const proto: unknown = Object.getPrototypeOf(v);
  if (Array.isArray(v)) {
    if (proto !== Array.prototype) return `${path} is an array with another prototype`;
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return `${path}[${i}] is a hole`;
      const p = notPlain(v[i], `${path}[${i}]`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (proto !== Object.prototype && proto !== null) return `${path} is a ${(v as object).constructor?.name ?? 'non-plain object'}`;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) return `${path}.${k} is undefined (lost in JSON)`;
    const p = notPlain(x, `${path}.${k}`);
    if (p !== undefined) return p;
  }
  return undefined;
}

describe.each(CASES)('$name: a state is plain data', (c) => {
  it('only finite numbers, strings, booleans, null, arrays and plain objects; JSON and structuredClone give it back', () => {
    fc.assert(
      fc.property(recordsArb(c.kind), c.options, fc.option(byArb(c.kind), { nil: undefined }), fc.boolean(), (records, own, by, trustIds) => {
        const options = optionsOf(c, own, by, 'exclude');
        const st = api.startMetric(c.name, options, { trustIds }).add(records).state();
        expect(notPlain(st)).toBeUndefined();
        expect(jsonTrip(st)).toStrictEqual(st);
        expect(structuredClone(st)).toStrictEqual(st);
        expect((st as { version?: unknown }).version).toBeTypeOf('number');
        expect((st as { metric?: unknown }).metric).toBe(c.name);
      }),
      fcParams(10),
    );
  }, TIMEOUT);
});

// ---- the same options, written differently --------------------------------------------------------------

/**
 * The same plain options with their keys (at every depth of plain objects) in reverse order. A schedule
 * (`businessHours`) stays the object createSchedule made: a copy of it is not a schedule.
 */
function reversedKeys(o: unknown): unknown {
  if (Array.isArray(o)) return o.map(reversedKeys);
  if (o === null || typeof o !== 'object' || Object.getPrototypeOf(o) !== Object.prototype) return o;
  return Object.fromEntries(Object.entries(o).reverse().map(([k, v]) => [k, k === 'businessHours' ? v : reversedKeys(v)]));
}

describe.each(CASES)('$name: options are compared by value', (c) => {
  it('a state resumes and merges under the same options written in another key order', () => {
    fc.assert(
      fc.property(recordsArb(c.kind), c.options, fc.option(byArb(c.kind), { nil: undefined }), fc.nat(), (records, own, by, k0) => {
        const options = optionsOf(c, own, by, 'exclude');
        fc.pre(Object.keys(options).length >= 2);
        const want = outcome(() => oneShot(c.name, records, options));
        fc.pre(want.ok);
        const other = reversedKeys(options) as object;
        const k = k0 % (records.length + 1);
        const a = api.startMetric(c.name, options).add(records.slice(0, k));
        const b = api.startMetric(c.name, other).add(records.slice(k), { position: k });
        const got = outcome(() => api.resumeMetric(c.name, other, jsonTrip(a.state())).merge(jsonTrip(b.state())).finish());
        if (!got.ok) throw new Error(`${JSON.stringify(options)} and ${JSON.stringify(other)}: ${describeError(got.error)}`);
        expect(got.value).toEqual(want.value);
      }),
      fcParams(8),
    );
  }, TIMEOUT);
});

// ---- 3. metric sets ------------------------------------------------------------------------------------------

const AT = T0 + 40 * DAY;
/** The dashboard of the breakdowns issue: ten ticket metrics, each by channel (metrics by name or function). */
function dashboard(invalid: 'exclude' | 'throw' | undefined, asName: boolean): MetricPlan {
  const m = (name: string): unknown => (asName ? name : metricFn(name));
  const o = (x: object = {}): object => ({ ...x, by: 'channel', ...(invalid === undefined ? {} : { invalid }) });
  return {
    firstResponseTime: { metric: m('firstResponseTime'), options: o() },
    averageResponseTime: { metric: m('averageResponseTime'), options: o() },
    firstResolutionTime: { metric: m('resolutionTime'), options: o({ resolution: 'first' }) },
    resolutionTime: { metric: m('resolutionTime'), options: o() },
    firstContactResolution: { metric: m('firstContactResolution'), options: o() },
    resolutionRate: { metric: m('resolutionRate'), options: o() },
    reopenRate: { metric: m('reopenRate'), options: o() },
    backlog: { metric: m('backlog'), options: o({ at: AT }) },
    interactionsPerTicket: { metric: m('interactionsPerTicket'), options: o() },
    ticketVolume: { metric: m('ticketVolume'), options: o({ interval: 'day', timeZone: 'UTC' }) },
  };
}
/** Each entry's one-shot outcome. */
function oneShots(plan: MetricPlan, records: readonly unknown[]): Record<string, Outcome> {
  return Object.fromEntries(Object.entries(plan).map(([k, e]) => [k, outcome(() => oneShot(typeof e.metric === 'string' ? e.metric : (e.metric as { name: string }).name, records, e.options))]));
}
/**
 * The errors a set may throw: those its entries' one-shot calls give on the first chunk (in add order, `chunks`
 * as [from, to)) on which one of them fails, at global indices (see {@link chunkError}).
 */
function setChunkErrors(plan: MetricPlan, records: readonly unknown[], chunks: readonly (readonly [number, number])[]): ErrorSpec[] {
  for (const [from, to] of chunks) {
    const specs: ErrorSpec[] = [];
    for (const o of Object.values(oneShots(plan, records.slice(from, to)))) {
      if (!o.ok && o.error instanceof MetricsError) specs.push({ code: o.error.code, recordIndex: o.error.recordIndex === undefined ? undefined : from + o.error.recordIndex });
    }
    if (specs.length > 0) return specs;
  }
  return [];
}
/** A set's outcome against its entries' one-shot outcomes: all results equal, or one of `errors`. */
function expectSetSame(want: Record<string, Outcome>, got: Outcome, errors: readonly ErrorSpec[], where: string): void {
  const failed = Object.values(want).filter((o) => !o.ok);
  if (failed.length === 0) {
    if (!got.ok) throw new Error(`every one-shot call succeeds, the set threw ${describeError(got.error)}${where}`);
    expect(got.value, where).toEqual(Object.fromEntries(Object.entries(want).map(([k, o]) => [k, (o as { value: unknown }).value])));
    return;
  }
  if (got.ok) throw new Error(`a one-shot call threw ${describeError((failed[0] as { error: unknown }).error)}, the set did not${where}`);
  if (!(got.error instanceof MetricsError)) throw new Error(`the set threw ${describeError(got.error)}${where}`);
  const g = got.error;
  expect(errors.map((e) => `${e.code}@${String(e.recordIndex)}`), `the set threw ${describeError(g)}${where}`).toContain(`${g.code}@${String(g.recordIndex)}`);
}
/** The chunks of a schedule in add order. */
const scheduled = (n: number, s: Schedule): [number, number][] => {
  const chunks = chunksOf(n, s);
  return addOrder(chunks.length, s).map((k) => chunks[k]!);
};
/** The chunks runMetrics makes: `size` records each, in order. */
const sized = (n: number, size: number): [number, number][] => Array.from({ length: Math.ceil(n / size) }, (_, k) => [k * size, Math.min(n, (k + 1) * size)]);
const ticketInputArb = fc.oneof(pipelineTicketsArb as fc.Arbitrary<unknown[]>, ticketsArb as fc.Arbitrary<unknown[]>);

describe('metric sets: startMetrics, resumeMetrics, runMetrics', () => {
  it('the dashboard ten by channel through any chunking and merge tree equal the one-shot results', () => {
    fc.assert(
      fc.property(ticketInputArb, scheduleArb, fc.constantFrom<'exclude' | 'throw' | undefined>('exclude', 'exclude', 'throw', undefined), fc.boolean(), (records, s, invalid, asName) => {
        const plan = dashboard(invalid, asName);
        const log: string[] = [];
        const got = outcome(() => {
          const root = execute(records, s, () => api.startMetrics(plan), (st) => api.resumeMetrics(plan, st), log);
          expect(root.count).toBe(records.length);
          return root.finish();
        });
        expectSetSame(oneShots(plan, records), got, setChunkErrors(plan, records, scheduled(records.length, s)), `\n  invalid ${String(invalid)}; steps: ${log.join('; ')}`);
      }),
      fcParams(30),
    );
  }, 60_000);

  it('a plan of any ticket metrics with their random options equals the per-metric one-shot results', () => {
    const entryArb = fc.constantFrom(...TICKET_CASES).chain((c) => fc.tuple(fc.constant(c), c.options, fc.option(byArb('tickets'), { nil: undefined })));
    fc.assert(
      fc.property(pipelineTicketsArb, fc.array(entryArb, { minLength: 1, maxLength: 4 }), scheduleArb, (records, entries, s) => {
        const plan: MetricPlan = Object.fromEntries(entries.map(([c, own, by], i) => [`m${i}`, { metric: c.name, options: optionsOf(c, own, by, 'exclude') }]));
        const log: string[] = [];
        const got = outcome(() => execute(records, s, () => api.startMetrics(plan), (st) => api.resumeMetrics(plan, st), log).finish());
        expectSetSame(oneShots(plan, records), got, setChunkErrors(plan, records, scheduled(records.length, s)), `\n  plan ${entries.map(([c]) => c.name).join(', ')}; steps: ${log.join('; ')}`);
      }),
      fcParams(25),
    );
  }, 60_000);

  it('runMetrics over an array, a generator and an async generator, with any chunk size, equals the one-shot results', async () => {
    await fc.assert(
      fc.asyncProperty(ticketInputArb, fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }), fc.constantFrom('array', 'generator', 'async'), fc.constantFrom<'exclude' | 'throw'>('exclude', 'exclude', 'throw'), async (records, chunkSize, source, invalid) => {
        const plan = dashboard(invalid, true);
        function* sync(): Generator<unknown> {
          yield* records;
        }
        async function* later(): AsyncGenerator<unknown> {
          for (const r of records) {
            await Promise.resolve();
            yield r;
          }
        }
        const input = source === 'array' ? records : source === 'generator' ? sync() : later();
        const got = await outcomeAsync(() => api.runMetrics(plan, input, chunkSize === undefined ? undefined : { chunkSize }));
        expectSetSame(oneShots(plan, records), got, setChunkErrors(plan, records, sized(records.length, chunkSize ?? 32_768)), `\n  ${source}, chunkSize ${String(chunkSize)}, invalid ${invalid}`);
      }),
      fcParams(25),
    );
  }, 60_000);

  it('a browser-style source: a ReadableStream of UTF-8 bytes split into lines and JSON.parse’d', async () => {
    await fc.assert(
      fc.asyncProperty(pipelineTicketsArb, fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 12 }), fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }), async (tickets, cuts, chunkSize) => {
        const records = jsonTrip(tickets) as unknown[];
        const bytes = new TextEncoder().encode(records.map((r) => JSON.stringify(r)).join('\n') + '\n');
        const at = [0, ...cuts.map((c) => Math.floor((c * bytes.length) / 1000)).sort((a, b) => a - b), bytes.length];
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let k = 0; k + 1 < at.length; k++) controller.enqueue(bytes.slice(at[k], at[k + 1]));
            controller.close();
          },
        });
        // What a page does with a fetch body: decode, split into lines, parse each.
        async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
          const decoder = new TextDecoder();
          let rest = '';
          for await (const part of stream as unknown as AsyncIterable<Uint8Array>) {
            rest += decoder.decode(part, { stream: true });
            let nl: number;
            while ((nl = rest.indexOf('\n')) >= 0) {
              const line = rest.slice(0, nl);
              rest = rest.slice(nl + 1);
              if (line.trim() !== '') yield JSON.parse(line);
            }
          }
          rest += decoder.decode();
          if (rest.trim() !== '') yield JSON.parse(rest);
        }
        const plan = dashboard('exclude', false);
        const got = await outcomeAsync(() => api.runMetrics(plan, lines(body), chunkSize === undefined ? undefined : { chunkSize }));
        expectSetSame(oneShots(plan, records), got, [], `\n  ${at.length - 1} byte chunks, chunkSize ${String(chunkSize)}`);
      }),
      fcParams(20),
    );
  }, 60_000);

  it("runMetrics: what is not an iterable is invalid_argument; a source's own error comes out; a bad record closes the source", async () => {
    const plan: MetricPlan = { f: { metric: 'firstResponseTime', options: { invalid: 'exclude' } } };
    for (const records of ['tickets', null, undefined, 42, { length: 1, 0: SOME_TICKETS[0] }]) {
      expect((await metricsErrorAsync(() => api.runMetrics(plan, records as never))).code, String(records)).toBe('invalid_argument');
    }
    const boom = new Error('network down');
    for (const source of [
      (async function* () { yield SOME_TICKETS[0]; throw boom; })(),
      (function* () { yield SOME_TICKETS[0]; throw boom; })(),
    ]) {
      const o = await outcomeAsync(() => api.runMetrics(plan, source, { chunkSize: 1 }));
      expect(o.ok).toBe(false);
      if (!o.ok) expect(o.error === boom || (o.error as { cause?: unknown }).cause === boom, describeError(o.error)).toBe(true);
    }
    let closed = false;
    const source: AsyncIterable<unknown> = {
      [Symbol.asyncIterator]() {
        let i = 0;
        return {
          next: async () => (i++ < 100 ? { value: i === 2 ? null : SOME_TICKETS[0], done: false } : { value: undefined, done: true }),
          return: async () => {
            closed = true;
            return { value: undefined, done: true };
          },
        };
      },
    };
    const e = await metricsErrorAsync(() => api.runMetrics({ f: { metric: 'firstResponseTime' } }, source, { chunkSize: 1 }));
    expect(e).toMatchObject({ code: 'invalid_record', recordIndex: 1 });
    expect(closed, 'the source was closed (return() called)').toBe(true);
  });

  it('a set state survives JSON and structuredClone, and a set merges a set state', () => {
    fc.assert(
      fc.property(pipelineTicketsArb, fc.nat(), (records, k0) => {
        const plan = dashboard('exclude', true);
        const k = records.length === 0 ? 0 : k0 % (records.length + 1);
        const a = api.startMetrics(plan).add(records.slice(0, k));
        const b = api.startMetrics(plan).add(records.slice(k), { position: k });
        const want = Object.fromEntries(Object.entries(oneShots(plan, records)).map(([n, o]) => [n, (o as { value: unknown }).value]));
        expect(api.resumeMetrics(plan, jsonTrip(a.state())).merge(structuredClone(b.state())).finish()).toEqual(want);
        expect(api.resumeMetrics(plan, structuredClone(b.state())).merge(jsonTrip(a.state())).finish()).toEqual(want);
      }),
      fcParams(20),
    );
  }, TIMEOUT);
});

// ---- 4. errors ------------------------------------------------------------------------------------------------

/** What `f` threw, as a MetricsError (fails on anything else or on no error). */
function metricsError(f: () => unknown): MetricsError {
  const o = outcome(f);
  if (o.ok) throw new Error('expected a MetricsError, nothing was thrown');
  if (!(o.error instanceof MetricsError)) throw new Error(`expected a MetricsError, got ${describeError(o.error)}`);
  return o.error;
}
async function metricsErrorAsync(f: () => Promise<unknown>): Promise<MetricsError> {
  const o = await outcomeAsync(f);
  if (o.ok) throw new Error('expected a MetricsError, nothing was thrown');
  if (!(o.error instanceof MetricsError)) throw new Error(`expected a MetricsError, got ${describeError(o.error)}`);
  return o.error;
}

const NOT_INCREMENTAL = ['erlangC', 'requiredAgents', 'compareNetPromoterScores', 'churnRate', 'customerRetentionRate', 'costPerContact'] as const;
const SOME_TICKETS: lib.Ticket[] = [
  { id: 'E1', createdAt: T0, channel: 'email', events: [{ type: 'message', at: T0, author: 'customer' }, { type: 'message', at: T0 + 60_000, author: 'agent' }] },
  { id: 'E2', createdAt: T0 + DAY, channel: 'chat', events: [{ type: 'message', at: T0 + DAY, author: 'customer' }, { type: 'status', at: T0 + DAY + 5_000, status: 'solved' }] },
];

describe('errors', () => {
  it.each(NOT_INCREMENTAL)('%s is not incremental: invalid_argument, by name, as a function, in a plan', async (name) => {
    expect(metricsError(() => api.startMetric(name)).code).toBe('invalid_argument');
    expect(metricsError(() => api.startMetric(metricFn(name))).code).toBe('invalid_argument');
    expect(metricsError(() => api.resumeMetric(name, undefined, api.startMetric('firstResponseTime').state())).code).toBe('invalid_argument');
    expect(metricsError(() => api.startMetrics({ x: { metric: name } })).code).toBe('invalid_argument');
    expect((await metricsErrorAsync(() => api.runMetrics({ ok: { metric: 'backlog', options: { at: AT } }, x: { metric: metricFn(name) } }, SOME_TICKETS))).code).toBe('invalid_argument');
  });

  it('what is not a metric: invalid_argument, never a TypeError', () => {
    for (const m of ['firstResponsTime', '', 'constructor', '__proto__', 'toString', 'prepareTickets', 'createSchedule', 'MetricsError', undefined, null, 42, {}, [], () => 1, lib.prepareTickets, lib.createSchedule]) {
      expect(metricsError(() => api.startMetric(m)).code, String(m)).toBe('invalid_argument');
    }
    expect(metricsError(() => api.startMetrics(null as never)).code).toBe('invalid_argument');
    expect(metricsError(() => api.startMetrics({ x: null } as never)).code).toBe('invalid_argument');
    expect(metricsError(() => api.startMetrics(JSON.parse('{"__proto__": {"metric": "backlog"}}') as MetricPlan)).code).toMatch(/invalid_argument|invalid_option/);
  });

  it('call metrics given interval rows are not incremental (invalid_argument), in both modes', () => {
    const row = { intervalStart: T0, offered: 10, answered: 8, abandoned: 2, answeredWithin: 6 };
    for (const name of ['abandonmentRate', 'serviceLevel']) {
      for (const invalid of ['throw', 'exclude'] as const) {
        const options = name === 'serviceLevel' ? { thresholdMs: 20_000, invalid } : { invalid };
        expect(metricsError(() => api.startMetric(name, options).add([row]).finish()).code, `${name} ${invalid}`).toBe('invalid_argument');
      }
    }
  });

  it('an unknown option key is invalid_option for every metric (as in the one-shot call)', () => {
    for (const c of CASES) {
      const [own] = fc.sample(c.options, { seed: 7, numRuns: 1 });
      const options = { ...own, bussinessHours: 1 };
      expect(outcome(() => oneShot(c.name, [], options)), c.name).toMatchObject({ ok: false, error: { code: 'invalid_option' } });
      expect(metricsError(() => api.startMetric(c.name, options).add([]).finish()).code, c.name).toBe('invalid_option');
      expect(metricsError(() => api.startMetrics({ x: { metric: c.name, options } })).code, c.name).toBe('invalid_option');
    }
  });

  it('unknown keys of StartOptions, AddOptions, plan entries and runMetrics options are MetricsErrors', async () => {
    expect(metricsError(() => api.startMetric('backlog', { at: AT }, { trustId: true } as never)).code).toBe('invalid_option');
    expect(metricsError(() => api.startMetric('backlog', { at: AT }).add(SOME_TICKETS, { positon: 0 } as never)).code).toBe('invalid_option');
    expect(metricsError(() => api.startMetrics({ x: { metric: 'backlog', option: { at: AT } } as never })).code).toMatch(/invalid_option|invalid_argument/);
    expect((await metricsErrorAsync(() => api.runMetrics({ x: { metric: 'backlog', options: { at: AT } } }, SOME_TICKETS, { chunksize: 2 } as never))).code).toBe('invalid_option');
  });

  it('bad add arguments are MetricsErrors: not an array, bad positions, bad duplicate indices', () => {
    const run = (): ReturnType<typeof api.startMetric> => api.startMetric('firstResponseTime', { invalid: 'exclude' });
    for (const records of [null, undefined, 'tickets', 42, { length: 2 }]) metricsError(() => run().add(records as never));
    for (const position of [-1, 1.5, NaN, Infinity, '0', null, 2 ** 53]) metricsError(() => run().add(SOME_TICKETS, { position } as never));
    for (const duplicates of [[2], [-1], [0.5], ['0'], 'x', 5]) metricsError(() => run().add(SOME_TICKETS, { duplicates } as never));
  });

  it('overlapping positions, in one run or across a merge, are invalid_argument (the same records counted twice)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), (p, n, q, m, merged) => {
        fc.pre(p < q + m && q < p + n); // [p, p+n) and [q, q+m) overlap
        const chunk = (k: number, from: number): lib.Ticket[] => Array.from({ length: k }, (_, i) => ({ ...SOME_TICKETS[0]!, id: `O${from + i}` }));
        const e = metricsError(() => {
          const a = api.startMetric('firstResponseTime', { invalid: 'exclude' }, { trustIds: true }).add(chunk(n, p), { position: p });
          if (merged) return a.merge(api.startMetric('firstResponseTime', { invalid: 'exclude' }, { trustIds: true }).add(chunk(m, q), { position: q }).state()).finish();
          return a.add(chunk(m, q), { position: q }).finish();
        });
        expect(e.code, e.message).toBe('invalid_argument');
      }),
      fcParams(40),
    );
  }, TIMEOUT);

  it('survey scores with a weights array are not incremental (invalid_argument)', () => {
    for (const name of ['netPromoterScore', 'customerSatisfactionScore', 'customerEffortScore']) {
      const options = name === 'netPromoterScore' ? { weights: [1, 2] } : { scale: '1-5', weights: [1, 2] };
      const o = outcome(() => api.startMetric(name, options).add([5, 4]).finish());
      if (!o.ok && o.error instanceof MetricsError && o.error.code === 'invalid_option') continue; // the metric takes no weights at all
      expect(o.ok ? 'no error' : describeError(o.error), name).toMatch(/invalid_argument/);
    }
  });

  it('states of different metrics, or of different plain options, do not merge (invalid_argument)', () => {
    const frt = (o: object = {}): Run => api.startMetric('firstResponseTime', { invalid: 'exclude', ...o }).add(SOME_TICKETS.slice(0, 1));
    const other = (o: object = {}): Run => api.startMetric('firstResponseTime', { invalid: 'exclude', ...o }).add(SOME_TICKETS.slice(1), { position: 1 });
    const pairs: [string, () => Run, () => Run][] = [
      ['another metric', () => frt(), () => api.startMetric('resolutionTime', { invalid: 'exclude' }).add(SOME_TICKETS.slice(1), { position: 1 })],
      ['another metric of the same shape', () => api.startMetric('resolutionRate').add(SOME_TICKETS.slice(0, 1)), () => api.startMetric('reopenRate').add(SOME_TICKETS.slice(1), { position: 1 })],
      ['percentiles', () => frt({ percentiles: [50] }), () => other({ percentiles: [90] })],
      ['by', () => frt({ by: 'channel' }), () => other({ by: 'priority' })],
      ['by and none', () => frt({ by: 'channel' }), () => other()],
      ['period', () => frt({ period: { from: T0, to: T0 + 2 * DAY } }), () => other({ period: { from: T0, to: T0 + 3 * DAY } })],
      ['invalid', () => frt(), () => api.startMetric('firstResponseTime', { invalid: 'throw' }).add(SOME_TICKETS.slice(1), { position: 1 })],
      ['resolution', () => api.startMetric('resolutionTime', { resolution: 'first' }), () => api.startMetric('resolutionTime', { resolution: 'full' })],
    ];
    for (const [what, a, b] of pairs) {
      for (const via of ['run', 'state', 'json'] as const) {
        const e = metricsError(() => {
          const x = a();
          const y = b();
          return x.merge(via === 'run' ? y : via === 'state' ? y.state() : jsonTrip(y.state())).finish();
        });
        expect(e.code, `${what} (${via}): ${e.message}`).toBe('invalid_argument');
      }
    }
    // A state resumed under other options than its own.
    expect(metricsError(() => api.resumeMetric('firstResponseTime', { percentiles: [90] }, jsonTrip(frt({ percentiles: [50] }).state())).finish()).code).toBe('invalid_argument');
    expect(metricsError(() => api.resumeMetric('resolutionTime', undefined, jsonTrip(frt().state())).finish()).code).toBe('invalid_argument');
  });

  it('sets of different plans do not merge (invalid_argument)', () => {
    const plan: MetricPlan = { frt: { metric: 'firstResponseTime', options: { by: 'channel' } }, backlog: { metric: 'backlog', options: { at: AT } } };
    const setA = (): Run => api.startMetrics(plan).add(SOME_TICKETS.slice(0, 1));
    const others: MetricPlan[] = [
      { ...plan, backlog: { metric: 'backlog', options: { at: AT + DAY } } },
      { frt: plan.frt! },
      { ...plan, more: { metric: 'resolutionRate' } },
      { frt: plan.frt!, backlog2: plan.backlog! },
      { frt: { metric: 'resolutionTime', options: { by: 'channel' } }, backlog: plan.backlog! },
    ];
    for (const other of others) {
      const b = api.startMetrics(other).add(SOME_TICKETS.slice(1), { position: 1 });
      expect(metricsError(() => setA().merge(b.state()).finish()).code, JSON.stringify(other)).toBe('invalid_argument');
      expect(metricsError(() => setA().merge(jsonTrip(b.state())).finish()).code, JSON.stringify(other)).toBe('invalid_argument');
      expect(metricsError(() => api.resumeMetrics(other, jsonTrip(setA().state())).finish()).code, JSON.stringify(other)).toBe('invalid_argument');
    }
    // A set is not a run, nor the other way round; neither are other objects.
    expect(metricsError(() => api.startMetric('firstResponseTime', { by: 'channel' }).merge(setA()).finish()).code).toBe('invalid_argument');
    expect(metricsError(() => setA().merge(api.startMetric('firstResponseTime', { by: 'channel' })).finish()).code).toBe('invalid_argument');
    for (const other of [null, undefined, 42, 'state', {}, [], new Map()]) {
      expect(metricsError(() => api.startMetric('firstResponseTime').merge(other).finish()).code, String(other)).toBe('invalid_argument');
      expect(metricsError(() => setA().merge(other).finish()).code, String(other)).toBe('invalid_argument');
    }
    // A set state is not a metric state, nor the other way round.
    expect(metricsError(() => api.resumeMetric('firstResponseTime', { by: 'channel' }, jsonTrip(setA().state())).finish()).code).toBe('invalid_argument');
    expect(metricsError(() => api.resumeMetrics(plan, jsonTrip(api.startMetric('firstResponseTime', { by: 'channel' }).state())).finish()).code).toBe('invalid_argument');
  });

  it('resumeMetric with what is not a state, an empty one, one of the wrong version or with missing fields: MetricsError', () => {
    const good = jsonTrip(api.startMetric('firstResponseTime', { by: 'channel', invalid: 'exclude' }).add(SOME_TICKETS).state()) as Record<string, unknown>;
    const resume = (st: unknown): unknown => api.resumeMetric('firstResponseTime', { by: 'channel', invalid: 'exclude' }, st).finish();
    for (const st of [null, undefined, 42, 'state', [], {}, [good]]) metricsError(() => resume(st));
    expect(good, 'the state is a plain object').toBeTypeOf('object');
    const versionKey = Object.keys(good).find((k) => /version/i.test(k));
    expect(versionKey, `a state says its format version (keys: ${Object.keys(good).join(', ')})`).toBeDefined();
    if (versionKey !== undefined) for (const v of [999, -1, '1', null, 1.5]) if (v !== good[versionKey]) metricsError(() => resume({ ...good, [versionKey]: v }));
    for (const k of Object.keys(good)) {
      const { [k]: _gone, ...rest } = good;
      // A missing field is a MetricsError, never a TypeError (resume, merge or finish may notice it).
      const o = outcome(() => resume(rest));
      if (!o.ok) expect(o.error, `without ${k}: ${describeError(o.error)}`).toBeInstanceOf(MetricsError);
      const m = outcome(() => api.startMetric('firstResponseTime', { by: 'channel', invalid: 'exclude' }).merge(rest).finish());
      if (!m.ok) expect(m.error, `merge without ${k}: ${describeError(m.error)}`).toBeInstanceOf(MetricsError);
      expect(o.ok && m.ok, `a state without ${k} is accepted`).toBe(false);
    }
  });

  it('a state with a __proto__ key (from JSON) is a MetricsError and pollutes nothing', () => {
    const good = jsonTrip(api.startMetric('firstResponseTime', { by: 'channel', invalid: 'exclude' }).add(SOME_TICKETS).state());
    const text = JSON.stringify(good);
    const hostile = JSON.parse(`{"__proto__": {"polluted": 1, "version": 1}, ${text.slice(1)}`) as unknown;
    expect(metricsError(() => api.resumeMetric('firstResponseTime', { by: 'channel', invalid: 'exclude' }, hostile).finish())).toBeInstanceOf(MetricsError);
    expect(metricsError(() => api.startMetric('firstResponseTime', { by: 'channel', invalid: 'exclude' }).merge(hostile).finish())).toBeInstanceOf(MetricsError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('any corruption of a valid state: resume, merge and finish throw a MetricsError or succeed, never anything else', () => {
    const JSON_HOSTILE: unknown[] = [null, true, 0, -1, 1.5, -0, 1e308, 2 ** 32, 1e9, '', 'x', '__proto__', '12', '-3', 'NaN', ['x'], [5, 1], [-5], [], [1, 2], [-1], {}, { __proto__: null }, JSON.parse('{"__proto__": {"x": 1}}'), JSON.parse('{"constructor": {"prototype": {"x": 1}}}')];
    const stateArb = fc.tuple(pipelineTicketsArb, fc.constantFrom<string | undefined>('channel', 'tags', undefined), fc.constantFrom('firstResponseTime', 'firstContactResolution', 'backlog', 'resolutionRate'));
    fc.assert(
      fc.property(stateArb, fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete', 'proto'), fc.constantFrom(...JSON_HOSTILE.map((_, i) => i))), { minLength: 1, maxLength: 3 }), ([records, by, name], edits) => {
        const options = { invalid: 'exclude', ...(by === undefined ? {} : { by }), ...(name === 'backlog' ? { at: AT } : {}) };
        const state = jsonTrip(api.startMetric(name, options).add(records).state());
        for (const [pick, how, v] of edits) corrupt(state, pick, how, JSON_HOSTILE[v]);
        const st = JSON.parse(JSON.stringify(state)) as unknown;
        for (const f of [() => api.resumeMetric(name, options, st).finish(), () => api.startMetric(name, options).merge(st).finish(), () => api.startMetric(name, options).add(records).merge(structuredClone(st)).finish()]) {
          const o = outcome(f);
          if (!o.ok) {
            expect(o.error, describeError(o.error)).toBeInstanceOf(MetricsError);
            continue;
          }
          // What a corrupted state is let through to must still be a result of the contract: no NaN, no
          // infinity, ledgers that add up, whole counts, rates in [0, 1].
          expect(resultProblems(o.value), JSON.stringify(st).slice(0, 400)).toEqual([]);
          checkLedgers(o.value);
          const r = o.value as { numerator?: unknown; denominator?: unknown; rate?: unknown; count?: unknown };
          for (const k of ['numerator', 'denominator', 'count'] as const) if (k in r) expect(Number.isSafeInteger(r[k]) && (r[k] as number) >= 0, `${k} ${String(r[k])} of a result from ${JSON.stringify(st).slice(0, 400)}`).toBe(true);
          if (typeof r.rate === 'number') expect(r.rate >= 0 && r.rate <= 1, `rate ${r.rate}`).toBe(true);
        }
        expect(({} as Record<string, unknown>).x).toBeUndefined();
      }),
      fcParams(150),
    );
  }, 60_000);
});

/** Replaces, deletes or adds `__proto__` at the `pick`-th node (depth first) of a JSON value. */
function corrupt(root: unknown, pick: number, how: string, value: unknown): void {
  const nodes: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach((v, i) => (nodes.push([x, i]), walk(v)));
    else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) (nodes.push([x as Record<string, unknown>, k]), walk(v));
  };
  walk(root);
  if (nodes.length === 0) return;
  const [parent, key] = nodes[pick % nodes.length]!;
  const copy = jsonTrip(value);
  if (how === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (how === 'proto' && !Array.isArray(parent)) {
    Object.defineProperty(parent, '__proto__', { value: copy, enumerable: true, configurable: true, writable: true });
  } else {
    (parent as Record<string | number, unknown>)[key] = copy;
  }
}
