/**
 * Hostile input for the rest of the public surface: customer retention and churn (counts and records),
 * ageBucketLabels, the MetricsError class itself, and the incremental API (startMetric, resumeMetric,
 * startMetrics, resumeMetrics, runMetrics, and the add options of their runs).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  ageBucketLabels,
  backlog,
  churnRate,
  customerRetentionRate,
  firstResponseTime,
  MetricsError,
  reopenRate,
  resolutionRate,
  resumeMetric,
  resumeMetrics,
  runMetrics,
  startMetric,
  startMetrics,
  ticketVolume,
  type IncrementalMetricName,
  type MetricPlan,
  type MetricSetState,
  type MetricState,
} from '../../src/index.js';
import * as api from '../../src/index.js';
import { describe as describeValue } from '../../src/_lib/options.js';
import { MetricsError as MetricsErrorFromSource } from '../../src/results/errors.js';
import { fcParams } from '../support/fc.js';
import { collidingIds, customerRecordsArb, DAY, dataValueArb, epochSecondsArb, hostileTicketsArb, hostileValueArb, HOUR, MON, PROTO_KEYS, validTicketsArb } from './arbitraries.js';
import {
  checkAccount,
  checkError,
  checkFaithful,
  checkLedgers,
  describeHostile,
  documentedOptions,
  expectContract,
  expectMetricsError,
  expectResult,
  expectUnknownOption,
  boundedTimeout,
  PROPERTY_TIMEOUT,
  recordsProperty,
  runBounded,
  standardProperties,
  typoVariants,
  type ContractOptions,
  type FnSpec,
  type Outcome,
} from './harness.js';
import { keysOf, TYPE_KEYS } from './registry.js';

const PERIOD = { from: MON, to: MON + 30 * DAY };
const sampleCustomers = (): Array<Record<string, unknown>> => [
  { id: 1, startedAt: MON - 10 * DAY },
  { id: 2, startedAt: MON - 5 * DAY, endedAt: MON + 3 * DAY },
  { id: 3, startedAt: MON + 2 * DAY },
  { id: 4, startedAt: MON + 3 * DAY, endedAt: MON + 4 * DAY },
];

function spec(name: string, call: (input: unknown, options: unknown) => unknown, options: Record<string, unknown>): FnSpec {
  return {
    name,
    call: (i, o) => call(i, o),
    arity: 2,
    valid: () => [sampleCustomers()],
    optionsIndex: 1,
    base: { period: PERIOD },
    options: documentedOptions(name, options),
    nested: { period: { keys: TYPE_KEYS.Period as readonly string[], valid: PERIOD } },
    // Another valid period can leave no customer at its start: S = 0 is an error about the counts.
    related: { period: ['customersAtStart'] },
  };
}

const RETENTION = spec('customerRetentionRate', (i, o) => customerRetentionRate(i as never, o as never), { period: PERIOD, timeZone: 'Europe/Paris', invalid: 'exclude', confidence: 0.9 });
const CHURN = spec('churnRate', (i, o) => churnRate(i as never, o as never), { period: PERIOD, timeZone: 'Europe/Paris', invalid: 'exclude', confidence: 0.9, newCustomers: 'include' });

const countArb = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(-0, -1, 0.5, NaN, Infinity, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, '5', 5n), dataValueArb);

function customerProperties(s: FnSpec): void {
  standardProperties(s);
  recordsProperty(
    s.name,
    customerRecordsArb,
    (records, invalid) => s.call(records, { period: PERIOD, invalid }),
    (records, r) =>
      checkAccount(s.name, 'customersAtStart + newCustomers', (r.customersAtStart as number) + ((r.newCustomers as number | undefined) ?? 0), (r.excluded as { total: number }).total, (records as unknown[]).length),
  );
  it('counts of any kind: a rate or a MetricsError naming the count', () => {
    fc.assert(
      fc.property(fc.record({ customersAtStart: countArb, customersAtEnd: countArb, newCustomers: countArb, customersLost: countArb, newCustomersLost: countArb }, { requiredKeys: [] }), (counts) => {
        expectContract(s.name, () => s.call(counts, undefined));
      }),
      fcParams(100),
    );
  }, PROPERTY_TIMEOUT);
  it('epoch numbers before 1975 as startedAt are rejected as epoch_seconds', () => {
    fc.assert(
      fc.property(epochSecondsArb, (t) => {
        expectMetricsError(s.name, () => s.call([{ id: 1, startedAt: t }], { period: { from: '1970-01-01T00:00:00Z', to: MON } }), 'epoch_seconds', 'startedAt');
      }),
      fcParams(30),
    );
  }, PROPERTY_TIMEOUT);
}

describeHostile('customerRetentionRate', () => {
  customerProperties(RETENTION);
  it('a misspelled key of the counts is rejected, naming it', () => {
    const counts = { customersAtStart: 100, customersAtEnd: 95, newCustomers: 10 };
    for (const key of TYPE_KEYS.CustomerCounts as readonly string[]) {
      for (const typo of typoVariants(key, TYPE_KEYS.CustomerCounts as readonly string[])) {
        expectMetricsError('customerRetentionRate', () => customerRetentionRate({ ...counts, [typo]: 10 } as never), ['invalid_option', 'invalid_argument'], new RegExp(`(^|\\.)${typo}$`));
      }
    }
  });
});

describeHostile('churnRate', () => {
  customerProperties(CHURN);
  it('customersLost that contradicts start, end and new counts is an inconsistent MetricsError naming customersLost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(500), fc.nat(500), fc.nat(500), (S, kept, N, L) => {
        const E = Math.min(kept, S) + N; // E − N ≤ S: the three counts agree
        const implied = S - (E - N);
        fc.pre(L !== implied && L <= S);
        expectMetricsError('churnRate', () => churnRate({ customersAtStart: S, customersAtEnd: E, newCustomers: N, customersLost: L } as never), 'inconsistent', /customersLost|customersAtEnd|newCustomers/);
      }),
      fcParams(100),
    );
  }, PROPERTY_TIMEOUT);
  it('the issue case: lost 50 against counts that imply 20', () => {
    expectMetricsError('churnRate', () => churnRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30, customersLost: 50 } as never), 'inconsistent', 'customersLost');
  });
  it('a misspelled key of the churn counts is rejected, naming it (newCustomer is not "no new customers")', () => {
    const counts = { customersAtStart: 100, customersLost: 5, newCustomers: 10, newCustomersLost: 2 };
    for (const key of TYPE_KEYS.ChurnCounts as readonly string[]) {
      for (const typo of typoVariants(key, [...(TYPE_KEYS.ChurnCounts as readonly string[]), 'customersAtEnd'])) {
        expectMetricsError('churnRate', () => churnRate({ ...counts, [typo]: 3 } as never), ['invalid_option', 'invalid_argument'], new RegExp(`(^|\\.)${typo}$`));
      }
    }
  });
});

describeHostile('ageBucketLabels', () => {
  it('any value: labels or a MetricsError', () => {
    fc.assert(
      fc.property(fc.oneof(hostileValueArb, fc.array(fc.oneof(fc.integer({ min: -5, max: 10 ** 9 }), dataValueArb), { maxLength: 5 })), (edges) => {
        expectContract('ageBucketLabels', () => ageBucketLabels(edges as never));
      }),
      fcParams(150),
    );
  }, PROPERTY_TIMEOUT);
  it('strictly increasing whole ms > 0: one distinct label per bucket, no NaN', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 10 ** 10 }), fc.constantFrom(1, 999, 1000, 60_000, 3_600_000, DAY, 7 * DAY)), { maxLength: 8 }), (raw) => {
        const edges = [...raw].sort((a, b) => a - b);
        const labels = expectResult<string[]>('ageBucketLabels', () => ageBucketLabels(edges));
        expect(labels.length).toBe(edges.length + 1);
        expect(new Set(labels).size).toBe(labels.length);
        for (const l of labels) expect(l).not.toMatch(/NaN|Infinity|undefined|null/);
      }),
      fcParams(100),
    );
  }, PROPERTY_TIMEOUT);
  it('edges that are not strictly increasing whole ms > 0 are a MetricsError (not a TypeError, not NaN labels)', () => {
    for (const edges of [5, [NaN, -5], [0], [-1], [2, 1], [1, 1], [1.5], [Infinity], ['1000'], [1n], null, 'abc', {}]) {
      expectMetricsError('ageBucketLabels', () => ageBucketLabels(edges as never), ['invalid_option', 'invalid_argument', 'out_of_range']);
    }
  });
});

describeHostile('MetricsError', () => {
  it('is one class: the export is the class of src/results/errors.ts, an Error named MetricsError', () => {
    expect(MetricsError).toBe(MetricsErrorFromSource);
    const e = new MetricsError({ code: 'invalid_option', functionName: 'f', rule: 'r', field: 'x' });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.field, e.message]).toEqual(['MetricsError', 'invalid_option', 'x', 'f: x: r [invalid_option]']);
    checkError('f', e);
  });
  it('details of any kind in every field: constructing never throws, and the fields echo the details', () => {
    fc.assert(
      fc.property(
        fc.record(
          { code: fc.oneof(fc.constantFrom('invalid_option', 'internal'), dataValueArb), functionName: fc.oneof(fc.string(), dataValueArb), rule: fc.oneof(fc.string(), dataValueArb), recordId: dataValueArb, recordIndex: dataValueArb, field: dataValueArb, collection: dataValueArb, cause: dataValueArb },
          { requiredKeys: [] },
        ),
        (details) => {
          let e: MetricsError;
          try {
            e = new MetricsError(details as never);
          } catch (caught) {
            throw new Error(`new MetricsError(details) threw ${(caught as Error).constructor.name}: ${(caught as Error).message}`);
          }
          expect(e).toBeInstanceOf(MetricsError);
          expect(typeof e.message).toBe('string');
          expect(e.code).toBe(details.code);
          if (details.cause !== undefined) expect(e.cause).toBe(details.cause);
        },
      ),
      fcParams(200),
    );
  }, PROPERTY_TIMEOUT);
  it('no details, or details that are not an object: a MetricsError or a MetricsError thrown, never a TypeError', () => {
    for (const details of [undefined, null, 5, 'x', Symbol('s'), [], () => 1]) {
      try {
        expect(new MetricsError(details as never)).toBeInstanceOf(MetricsError);
      } catch (caught) {
        if (!(caught instanceof MetricsError)) throw new Error(`new MetricsError(${String(typeof details)}) threw ${(caught as Error).constructor.name}: ${(caught as Error).message}`);
      }
    }
  });
});

// ---- the incremental API (issue 14): startMetric, resumeMetric, startMetrics, resumeMetrics, runMetrics ----
//
// A run's own errors (records, add options, positions, states) name the metric it runs (`functionName` is the
// metric's export name, as a record error of the one-shot call); the start functions' errors name themselves.
// `incContract` accepts either, and checks the rest of the contract as expectContract does.

const INC_TICKETS = (): Array<Record<string, unknown>> => [
  { id: 'T-1', createdAt: MON, createdBy: 'customer', channel: 'email', events: [{ type: 'message', at: MON + HOUR, author: 'agent' }, { type: 'status', at: MON + 2 * HOUR, status: 'solved' }] },
  { id: 'T-2', createdAt: MON + DAY, createdBy: 'customer', channel: 'chat', events: [{ type: 'message', at: MON + DAY + 3 * HOUR, author: 'agent' }] },
  { id: 'T-3', createdAt: 'not a time', events: [] },
  { id: 'T-4', createdAt: MON + 2 * DAY, createdBy: 'customer', channel: '__proto__', events: [{ type: 'message', at: MON + 2 * DAY + HOUR, author: 'agent' }] },
];
/** Metrics the incremental blocks run, with options under either invalid mode and their account check. */
const INC_METRICS: ReadonlyArray<{
  readonly name: IncrementalMetricName;
  readonly options: (invalid: 'throw' | 'exclude') => Record<string, unknown>;
  readonly account: (records: readonly unknown[], r: Record<string, unknown>) => void;
  /** state() works (FINDING I4: 13 metrics cannot save a state yet). */
  readonly saves?: false;
}> = [
  { name: 'firstResponseTime', options: (invalid) => ({ invalid, by: 'channel' }), account: (rs, r) => checkAccount('firstResponseTime', 'count', r.count as number, (r.excluded as { total: number }).total, rs.length) },
  { name: 'resolutionRate', options: (invalid) => ({ invalid, by: 'priority' }), account: (rs, r) => checkAccount('resolutionRate', 'denominator', r.denominator as number, (r.excluded as { total: number }).total, rs.length) },
  {
    name: 'ticketVolume',
    // Not by channel: FINDING I5 (a record without a channel is "" in byKey, "(none)" in the one-shot call).
    options: (invalid) => ({ invalid, interval: 'day', timeZone: 'Europe/Paris' }),
    account: (rs, r) => checkAccount('ticketVolume', 'total', r.total as number, (r.excluded as { total: number }).total, rs.length),
    saves: false,
  },
  { name: 'reopenRate', options: (invalid) => ({ invalid, by: 'channel' }), account: (rs, r) => checkAccount('reopenRate', 'denominator', r.denominator as number, (r.excluded as { total: number }).total, rs.length) },
  // FINDING I6: backlog's state keeps the ages, not the aged count nor byAge.
  { name: 'backlog', saves: false, options: (invalid) => ({ invalid, at: MON + 40 * DAY }), account: (rs, r) => checkAccount('backlog', 'count', r.count as number, (r.excluded as { total: number }).total, rs.length) },
];
const INC_NAMES = new Set<string>(['firstResponseTime', 'resolutionRate', 'ticketVolume', 'backlog', 'reopenRate', 'averageResolutionTime', 'netPromoterScore']);
const ONE_SHOT = { firstResponseTime, resolutionRate, ticketVolume, backlog, reopenRate } as Readonly<Record<string, (r: unknown, o: unknown) => unknown>>;

/** describe() for a test message (it reads an array's length, which a throwing proxy refuses). */
function printValue(v: unknown): string {
  try {
    return describeValue(v);
  } catch {
    return 'a throwing proxy';
  }
}

/** What `thunk` gave: its value, or what it threw. */
function attempt(thunk: () => unknown): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: thunk() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** expectContract for the incremental API: an error may name `fn` or the metric the run runs. */
function incContract(fn: string, thunk: () => unknown, o: ContractOptions = {}): Outcome {
  const a = attempt(thunk);
  const name = !a.ok && a.error instanceof MetricsError && INC_NAMES.has(a.error.functionName) ? a.error.functionName : fn;
  return expectContract(name, () => {
    if (a.ok) return a.value;
    throw a.error;
  }, o);
}

/** incContract for a promise (runMetrics). */
async function incContractAsync(fn: string, thunk: () => Promise<unknown>, o: ContractOptions = {}): Promise<Outcome> {
  let settled: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    settled = { ok: true, value: await thunk() };
  } catch (error) {
    settled = { ok: false, error };
  }
  return incContract(fn, () => {
    if (settled.ok) return settled.value;
    throw settled.error;
  }, o);
}

/** Asserts an error outcome whose field is one of `fields` (or starts with `field.` / `field[`); a throwing proxy's error (the user's bug) passes. */
function expectFieldError(fn: string, outcome: Outcome, fields: readonly string[], what: string): MetricsError | undefined {
  if (outcome.kind === 'userBug') return undefined;
  if (outcome.kind !== 'error') throw new Error(`${fn}: ${what} was accepted (${outcome.kind === 'result' ? `result ${JSON.stringify(outcome.value)?.slice(0, 120)}` : 'user bug'})`);
  const f = outcome.error.field ?? '';
  if (!fields.some((k) => f === k || f.startsWith(`${k}.`) || f.startsWith(`${k}[`))) {
    throw new Error(`${fn}: ${what} was reported on field ${JSON.stringify(outcome.error.field)}, not ${fields.join('/')}: ${outcome.error.message.slice(0, 200)}`);
  }
  return outcome.error;
}

/** Not an object of options (what the standard properties call "not options"). */
const notOptions = (v: unknown): boolean => v === null || (typeof v !== 'object' && v !== undefined) || Array.isArray(v) || v instanceof Date;
/** A metric startMetric and resumeMetric take: the function itself (an export name is for plans). */
const isMetricRef = (m: unknown): boolean => Object.values(ONE_SHOT).includes(m as never);
/** The metric function of an export name (startMetric and resumeMetric take functions). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fnOf = (name: string): any => (api as unknown as Record<string, unknown>)[name] as never;

/** A valid state with groups, exclusions, ids and durations, as JSON text (each test parses its own copy). */
const STATE_OPTIONS = { invalid: 'exclude', by: 'channel' } as const;
const STATE_TEXT = JSON.stringify(startMetric(firstResponseTime, STATE_OPTIONS).add(INC_TICKETS()).state());
const freshState = (): Record<string, unknown> => JSON.parse(STATE_TEXT) as Record<string, unknown>;

/** Every path of a JSON value (arrays by index), with the root. */
function jsonPaths(v: unknown, path: readonly (string | number)[] = []): Array<readonly (string | number)[]> {
  const out: Array<readonly (string | number)[]> = [path];
  if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) out.push(...jsonPaths((v as Record<string, unknown>)[k], [...path, Array.isArray(v) ? Number(k) : k]));
  return out;
}
const STATE_PATHS = jsonPaths(freshState()).filter((p) => p.length > 0);
/** The paths outside the accumulators' own data (FINDING I7: that data is not checked as it loads). */
const STATE_FRAME_PATHS = STATE_PATHS.filter((p) => !(p[0] === 'overall' && p.length > 1) && !(p[0] === 'groups' && p[2] === 'acc' && p.length > 3));

/** `state` with the value at `path` replaced (or, with `remove`, deleted). */
function setPath(state: Record<string, unknown>, path: readonly (string | number)[], value: unknown, remove = false): Record<string, unknown> {
  let at: Record<string | number, unknown> = state;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete at[last];
  else at[last] = value;
  return state;
}

/** Cut points splitting `n` records into chunks (sorted, distinct, inside 1..n-1). */
const cutsArb = fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 5 }).map((c) => [...c].sort((a, b) => a - b));
function chunksOf<T>(records: readonly T[], cuts: readonly number[]): Array<{ position: number; records: T[] }> {
  const bounds = [0, ...cuts.filter((c) => c < records.length), records.length];
  const out: Array<{ position: number; records: T[] }> = [];
  for (let k = 0; k + 1 < bounds.length; k++) out.push({ position: bounds[k] as number, records: records.slice(bounds[k], bounds[k + 1]) });
  return out;
}

/** Same JSON, or the same MetricsError (code and recordIndex): the one-shot call and the run agree. */
function expectSameOutcome(fn: string, oneShot: Outcome, run: Outcome): void {
  if (oneShot.kind === 'result' && run.kind === 'result') {
    expect(JSON.stringify(run.value), `${fn}: the run's finish() differs from the one-shot call`).toBe(JSON.stringify(oneShot.value));
  } else if (oneShot.kind === 'error' && run.kind === 'error') {
    expect([run.error.code, run.error.recordIndex], `${fn}: the run threw another error than the one-shot call: ${run.error.message}`).toEqual([oneShot.error.code, oneShot.error.recordIndex]);
  } else if (oneShot.kind !== 'userBug' && run.kind !== 'userBug') {
    throw new Error(`${fn}: one-shot gave ${oneShot.kind === 'result' ? 'a result' : `${oneShot.error.message.slice(0, 150)}`}, the run ${run.kind === 'result' ? 'a result' : `${run.error.message.slice(0, 150)}`}`);
  }
}

/** Tickets whose ids are `ids`, valid apart from the ids. */
const ticketsWithIds = (ids: readonly unknown[]): Array<Record<string, unknown>> =>
  ids.map((id, i) => ({ id, createdAt: MON + (i % 1000) * HOUR, createdBy: 'customer', channel: i % 2 === 0 ? 'email' : 'chat', events: [{ type: 'message', at: MON + (i % 1000) * HOUR + ((i % 7) + 1) * 60_000, author: 'agent' }] }));

/** The hostile-records property of the incremental API over one way of running a chunked input. */
function chunkedRecordsProperty(fn: string, label: string, run: (m: (typeof INC_METRICS)[number], options: Record<string, unknown>, chunks: Array<{ position: number; records: unknown[] }>) => unknown, states = false): void {
  const metrics = INC_METRICS.filter((m) => !states || m.saves !== false);
  it(`hostile tickets split into random chunks (${label}), under invalid: 'exclude': ledgers add up, included + excluded = input, and finish() is the one-shot result`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...metrics), hostileTicketsArb, cutsArb, (m, records, cuts) => {
        const options = m.options('exclude');
        const oneShot = expectContract(m.name, () => ONE_SHOT[m.name]?.(records, options), { exclude: true });
        const got = incContract(fn, () => run(m, options, chunksOf(records, cuts)), { exclude: true });
        if (got.kind === 'result') {
          checkLedgers(got.value);
          m.account(records, got.value as Record<string, unknown>);
        }
        expectSameOutcome(m.name, oneShot, got);
      }),
      fcParams(60),
    );
  }, PROPERTY_TIMEOUT);
}

/** Records for the round trips: tickets (events and summary form), calls, survey answers. */
const ROUND_TRIP_TICKETS: readonly unknown[] = [
  { id: 'T-3', createdAt: MON - 20 * DAY, status: 'open', channel: 'email' },
  { id: 'T-1', createdAt: MON, createdBy: 'customer', channel: 'email', priority: 'urgent', requesterId: 'R1', events: [{ type: 'message', at: MON, author: 'customer' }, { type: 'message', at: MON + HOUR, author: 'agent' }, { type: 'status', at: MON + 2 * HOUR, status: 'solved' }] },
  { id: 'T-2', createdAt: MON + DAY, createdBy: 'customer', channel: 'chat', events: [{ type: 'message', at: MON + DAY + 3 * HOUR, author: 'agent' }] },
];
const ROUND_TRIP_CALLS: readonly unknown[] = [
  { id: 'C1', queuedAt: MON, answeredAt: MON + 30_000, endedAt: MON + 300_000 },
  { id: 'C2', queuedAt: MON, abandonedAt: MON + 10_000 },
  { id: 'C3', queuedAt: MON + HOUR, answeredAt: MON + HOUR + 5_000, endedAt: MON + 2 * HOUR },
];
const AT = MON + 2 * DAY;
/** Deadline of the bounded checks (as tickets.test.ts's). */
const SPARSE_DEADLINE = 5_000;
/** [metric, records, options] for every metric the API runs. */
const ROUND_TRIP: ReadonlyArray<readonly [IncrementalMetricName, readonly unknown[], Record<string, unknown> | undefined]> = [
  ['firstResponseTime', ROUND_TRIP_TICKETS, { by: 'channel' }],
  ['averageResponseTime', ROUND_TRIP_TICKETS, undefined],
  ['resolutionTime', ROUND_TRIP_TICKETS, undefined],
  ['averageResolutionTime', ROUND_TRIP_TICKETS, undefined],
  ['firstContactResolution', ROUND_TRIP_TICKETS, undefined],
  ['resolutionRate', ROUND_TRIP_TICKETS, { by: 'channel' }],
  ['reopenRate', ROUND_TRIP_TICKETS, undefined],
  ['backlog', ROUND_TRIP_TICKETS, { at: AT }],
  ['backlogSeries', ROUND_TRIP_TICKETS, { from: MON, to: MON + 3 * DAY, interval: 'day', timeZone: 'UTC' }],
  ['interactionsPerTicket', ROUND_TRIP_TICKETS, undefined],
  ['ticketVolume', ROUND_TRIP_TICKETS, { interval: 'day', timeZone: 'UTC' }],
  ['slaCompliance', ROUND_TRIP_TICKETS, { targets: { urgent: { firstReply: HOUR } }, defaultPriority: 'urgent' }],
  ['timeInStatus', ROUND_TRIP_TICKETS, undefined],
  ['assignmentTime', ROUND_TRIP_TICKETS, undefined],
  ['assignmentStations', ROUND_TRIP_TICKETS, undefined],
  ['reassignmentRate', ROUND_TRIP_TICKETS, undefined],
  ['agentActivity', ROUND_TRIP_TICKETS, undefined],
  ['botResolutionRate', ROUND_TRIP_TICKETS, undefined],
  ['prioritizeQueue', ROUND_TRIP_TICKETS, { at: AT }],
  ['queueSnapshot', ROUND_TRIP_TICKETS, { at: AT }],
  ['abandonmentRate', ROUND_TRIP_CALLS, undefined],
  ['serviceLevel', ROUND_TRIP_CALLS, { thresholdMs: 20_000 }],
  ['averageSpeedOfAnswer', ROUND_TRIP_CALLS, undefined],
  ['averageHandleTime', ROUND_TRIP_CALLS, undefined],
  ['averageAbandonTime', ROUND_TRIP_CALLS, undefined],
  ['netPromoterScore', [9, 10, 3], undefined],
  ['customerSatisfactionScore', [4, 5, 1], undefined],
  ['customerEffortScore', [2, 5, 7], undefined],
];

describeHostile('startMetric', () => {
  it('any metric, options and start options: a run or a MetricsError naming metric / the option / start', () => {
    const metricArb = fc.oneof(hostileValueArb, fc.constantFrom<unknown>('firstResponseTime', firstResponseTime, 'churnRate', churnRate, 'erlangC', 'firstResponseTim', 'FirstResponseTime', '__proto__', 'constructor', 'toString'));
    fc.assert(
      fc.property(metricArb, fc.oneof(fc.constant(undefined), hostileValueArb), fc.oneof(fc.constant(undefined), fc.constant({ trustIds: true }), hostileValueArb), (metric, options, start) => {
        const outcome = incContract('startMetric', () => startMetric(metric as never, options as never, start as never).add(INC_TICKETS()).finish());
        if (!isMetricRef(metric)) expectFieldError('startMetric', outcome, ['metric'], `the metric ${printValue(metric)}`);
        else if (notOptions(start)) expectFieldError('startMetric', outcome, ['start'], `the start options ${printValue(start)}`);
      }),
      fcParams(80),
    );
  }, PROPERTY_TIMEOUT);

  it('a start argument that is not an object of options (an array, a Date) is an error on start', () => {
    for (const start of [[], [true], new Date(MON), null, true, 'trustIds', 1]) {
      expectFieldError('startMetric', incContract('startMetric', () => startMetric(firstResponseTime, undefined, start as never).finish()), ['start'], `the start options ${printValue(start)}`);
      expectFieldError('startMetrics', incContract('startMetrics', () => startMetrics({ a: { metric: 'backlog', options: { at: MON } } }, start as never).finish()), ['start'], `the start options ${printValue(start)}`);
    }
  });

  it('trustIds of any kind other than a boolean is an invalid_option naming trustIds', () => {
    fc.assert(
      fc.property(dataValueArb, (v) => {
        fc.pre(typeof v !== 'boolean' && v !== undefined);
        const e = expectMetricsError('startMetric', () => startMetric(firstResponseTime, undefined, { trustIds: v } as never), 'invalid_option', 'trustIds');
        checkFaithful(e, v);
      }),
      fcParams(40),
    );
  }, PROPERTY_TIMEOUT);

  it('misspelled keys of the start options, of the metric options and of the add options are unknown-option errors naming the nearest key', () => {
    for (const typo of typoVariants('trustIds', ['trustIds'])) {
      expectUnknownOption('startMetric', () => startMetric(firstResponseTime, undefined, { [typo]: true } as never), typo, ['trustIds']);
      expectUnknownOption('startMetrics', () => startMetrics({ a: { metric: 'firstResponseTime' } }, { [typo]: true } as never), typo, ['trustIds']);
    }
    expectUnknownOption('firstResponseTime', () => startMetric(firstResponseTime, { bussinessHours: undefined, invalid: 'exclude' } as never), 'bussinessHours', keysOf('firstResponseTime'));
    const addKeys = TYPE_KEYS.AddOptions as readonly string[];
    for (const key of addKeys) {
      for (const typo of typoVariants(key, addKeys)) {
        expectUnknownOption('firstResponseTime', () => startMetric(firstResponseTime).add(INC_TICKETS(), { [typo]: key === 'position' ? 0 : [] } as never), typo, addKeys);
        expectUnknownOption('startMetrics', () => startMetrics({ a: { metric: 'firstResponseTime' } }).add(INC_TICKETS(), { [typo]: key === 'position' ? 0 : [] } as never), typo, addKeys);
      }
    }
  });

  it('add: records, position and duplicates of any kind give a result or a MetricsError naming records / position / duplicates (never a TypeError or RangeError)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(INC_TICKETS()), hostileValueArb), fc.oneof(fc.constant(undefined), fc.nat(5), hostileValueArb), fc.oneof(fc.constant(undefined), fc.constant([0]), hostileValueArb), (records, position, duplicates) => {
        const add = duplicates === undefined && position === undefined ? undefined : { position, duplicates };
        const outcome = incContract('startMetric', () => startMetric(firstResponseTime, { invalid: 'exclude' }).add(records as never, add as never).finish(), { exclude: true });
        if (!Array.isArray(records)) expectFieldError('firstResponseTime', outcome, ['records'], `the records ${printValue(records)}`);
        else if (position !== undefined && !(typeof position === 'number' && Number.isSafeInteger(position) && position >= 0)) expectFieldError('firstResponseTime', outcome, ['position'], `the position ${printValue(position)}`);
      }),
      fcParams(80),
    );
  }, PROPERTY_TIMEOUT);

  it('add: a position that is not a whole number ≥ 0 is an error naming position', () => {
    for (const position of [-1, -0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 53, '3', 3n, null, [], {}, new Date(0), true]) {
      expectFieldError('firstResponseTime', incContract('startMetric', () => startMetric(firstResponseTime).add(INC_TICKETS(), { position } as never)), ['position'], `the position ${printValue(position)}`);
    }
  });

  it('add: duplicates that are not indices of the chunk are an error naming duplicates (no RangeError for a huge length, nothing silently ignored)', () => {
    const bad: unknown[] = [{ length: 2 ** 32 }, { length: 1e15 }, { length: -1, 0: 0 }, ['0'], [-1], [1.5], [NaN], [4], [99], [0n], [null], 'x', 5, null, () => 1, new Set([0])];
    for (const duplicates of bad) {
      expectFieldError('firstResponseTime', incContract('startMetric', () => startMetric(firstResponseTime, { invalid: 'exclude' }).add(INC_TICKETS(), { duplicates } as never).finish()), ['duplicates'], `duplicates ${printValue(duplicates)}`);
    }
  }, PROPERTY_TIMEOUT);

  it('add: duplicates mark those records duplicate_id, as the later of two records in the one-shot call (Int32Array too)', () => {
    for (const duplicates of [[1], Int32Array.of(1)]) {
      const r = expectResult<{ count: number; excluded: { byReason: Record<string, number>; ids: Record<string, string[]> } }>('firstResponseTime', () =>
        startMetric(firstResponseTime, { invalid: 'exclude' }).add(INC_TICKETS(), { duplicates }).finish(),
      );
      expect(r.excluded.ids['invalid:duplicate_id']).toEqual(['T-2']);
    }
    const e = expectMetricsError('firstResponseTime', () => startMetric(firstResponseTime).add(INC_TICKETS(), { position: 10, duplicates: [1] }), 'duplicate_id', 'id');
    expect(e.recordIndex).toBe(11);
  });

  it('add: chunks whose positions overlap are an error naming position (in either order), and a record error names its global position', () => {
    const run = startMetric(firstResponseTime, { invalid: 'exclude' }).add(INC_TICKETS(), { position: 10 });
    for (const position of [7, 10, 13, 11]) expectMetricsError('firstResponseTime', () => run.add(INC_TICKETS(), { position }), 'invalid_argument', 'position');
    expect(run.count).toBe(4);
    const e = expectMetricsError('firstResponseTime', () => startMetric(firstResponseTime).add(INC_TICKETS(), { position: 1000 }), 'invalid_timestamp', 'createdAt');
    expect(e.recordIndex).toBe(1002);
  });

  chunkedRecordsProperty('startMetric', 'adds in order', (m, options, chunks) => {
    const run = startMetric(fnOf(m.name), options);
    for (const c of chunks) run.add(c.records);
    return run.finish();
  });

  chunkedRecordsProperty('startMetric', 'one run per chunk, states through JSON, merged in reverse order', (m, options, chunks) => {
    const states = chunks.map((c) => JSON.parse(JSON.stringify(startMetric(fnOf(m.name), options).add(c.records, { position: c.position }).state())) as MetricState);
    const run = startMetric(fnOf(m.name), options);
    for (const s of states.reverse()) run.merge(s);
    return run.finish();
  }, true);

  // FINDING I1 (fixed, decision 52): an add before a chunk already added that shares an id with it is
  // duplicate_id (the one-shot call counts the earlier record, which the run would have to take back); the run is
  // left as it was. In position order it is the one-shot result.
  it("adds out of position order with an id in two chunks: duplicate_id, the run unchanged; in order, the one-shot result", () => {
    // One-shot: T-X at position 0 (1 h) counts and the T-X at position 2 (5 h) is the duplicate: mean 1.5 h.
    const frtTicket = (id: string, hours: number): Record<string, unknown> => ({ id, createdAt: MON, createdBy: 'customer', events: [{ type: 'message', at: MON + hours * HOUR, author: 'agent' }] });
    const a = [frtTicket('T-X', 1)];
    const b = [frtTicket('T-Y', 2), frtTicket('T-X', 5)];
    const oneShot = expectResult('firstResponseTime', () => firstResponseTime([...a, ...b] as never, { invalid: 'exclude' }));
    const run = startMetric(firstResponseTime, { invalid: 'exclude' }).add(b as never, { position: 1 });
    const before = JSON.stringify(run.state());
    expectMetricsError('firstResponseTime', () => run.add(a as never, { position: 0 }), 'duplicate_id', 'id');
    expect(JSON.stringify(run.state())).toBe(before);
    expect(expectResult('firstResponseTime', () => startMetric(firstResponseTime, { invalid: 'exclude' }).add(a as never).add(b as never).finish())).toEqual(oneShot);
  });
});

describeHostile('resumeMetric', () => {
  it('a state of any kind: a run or a MetricsError naming state; anything but a state object is an error', () => {
    fc.assert(
      fc.property(hostileValueArb, (state) => {
        const outcome = incContract('resumeMetric', () => resumeMetric(firstResponseTime, STATE_OPTIONS, state as never).finish());
        expectFieldError('resumeMetric', outcome, ['state', 'start', 'trustIds'], `the state ${printValue(state)}`);
      }),
      fcParams(40),
    );
  }, PROPERTY_TIMEOUT);

  it('any value in any argument (metric, options, state, start): a result or a MetricsError; a bad metric is named metric', () => {
    fc.assert(
      fc.property(fc.oneof(hostileValueArb, fc.constant<unknown>('firstResponseTime')), fc.oneof(fc.constant<unknown>(STATE_OPTIONS), hostileValueArb), fc.oneof(fc.constant<unknown>(undefined), hostileValueArb), fc.oneof(fc.constant<unknown>(undefined), hostileValueArb), (metric, options, state, start) => {
        const outcome = incContract('resumeMetric', () => resumeMetric(metric as never, options as never, (state ?? freshState()) as never, start as never).finish());
        if (!isMetricRef(metric)) expectFieldError('resumeMetric', outcome, ['metric'], `the metric ${printValue(metric)}`);
      }),
      fcParams(60),
    );
  }, PROPERTY_TIMEOUT);

  it('the valid state resumes to the same result, also after structuredClone, and the field checks below start from it', () => {
    const direct = startMetric(firstResponseTime, STATE_OPTIONS).add(INC_TICKETS()).finish();
    expect(expectResult('firstResponseTime', () => resumeMetric(firstResponseTime, STATE_OPTIONS, freshState() as MetricState).finish())).toEqual(direct);
    expect(expectResult('firstResponseTime', () => resumeMetric(firstResponseTime, STATE_OPTIONS, structuredClone(freshState()) as MetricState).finish())).toEqual(direct);
    expect(STATE_PATHS.length).toBeGreaterThan(20);
  });

  it('any field of a state replaced by a value of any kind, or removed: a result that keeps the contract, or a MetricsError naming state (resumed and merged)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATE_FRAME_PATHS), fc.oneof(dataValueArb, hostileValueArb), fc.boolean(), fc.boolean(), (path, value, remove, viaMerge) => {
        const state = setPath(freshState(), path, value, remove);
        const outcome = incContract('resumeMetric', () =>
          viaMerge ? startMetric(firstResponseTime, STATE_OPTIONS).add(INC_TICKETS(), { position: 100 }).merge(state as never).finish() : resumeMetric(firstResponseTime, STATE_OPTIONS, state as never).finish(),
        );
        if (outcome.kind === 'error' && outcome.error.code !== 'duplicate_id') expectFieldError('resumeMetric', outcome, ['state', 'position'], `the state with ${path.join('.')} = ${printValue(value)}`);
      }),
      fcParams(200),
    );
  }, PROPERTY_TIMEOUT);

  it('__proto__ and constructor keys from JSON.parse anywhere in a state: a result or a MetricsError, and no prototype pollution', () => {
    const objects = STATE_PATHS.filter((p) => {
      let v: unknown = freshState();
      for (const k of p) v = (v as Record<string | number, unknown>)[k];
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    for (const path of [[], ...objects]) {
      for (const key of PROTO_KEYS) {
        const text = JSON.stringify(setPath(freshState(), [...path, 'HOSTILE_KEY'], { polluted: 1, total: 1 })).replace('"HOSTILE_KEY"', JSON.stringify(key));
        incContract('resumeMetric', () => resumeMetric(firstResponseTime, STATE_OPTIONS, JSON.parse(text) as MetricState).finish());
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
    }
    // A group key and an excluded id that are prototype keys are data.
    const r = expectResult<{ groups: Array<{ key: unknown }> }>('firstResponseTime', () => resumeMetric(firstResponseTime, STATE_OPTIONS, freshState() as MetricState).finish());
    expect(r.groups.map((g) => (g.key as { channel: unknown }).channel)).toContain('__proto__');
  });

  it('corrupted states are a MetricsError naming state: wrong counts, huge counts, negative / inverted / overlapping positions, ledgers that do not add up', () => {
    const corrupt: Array<[string, (s: Record<string, any>) => void]> = [
      ['count a string', (s) => (s.count = '4')],
      ['count negative', (s) => (s.count = -1)],
      ['count 2^53 − 1', (s) => (s.count = 2 ** 53 - 1)],
      ['count 1e300', (s) => (s.count = 1e300)],
      ['count more than the segments cover', (s) => (s.count = 5)],
      ['next 1e308', (s) => (s.next = 1e308)],
      ['next negative', (s) => (s.next = -3)],
      ['a segment at negative positions', (s) => Object.assign(s.segments[0], { from: -5, to: -1 })],
      ['a segment from after its end', (s) => Object.assign(s.segments[0], { from: 4, to: 0 })],
      ['a segment at fractional positions', (s) => Object.assign(s.segments[0], { from: 0.5, to: 4.5 })],
      ['a segment at NaN (null in JSON)', (s) => Object.assign(s.segments[0], { from: NaN, to: NaN })],
      ['two overlapping segments', (s) => s.segments.push({ ...s.segments[0], from: 2, to: 6 })],
      ['a ledger total of 10^9', (s) => (s.segments[0].overall.total = 1e9)],
      ['a ledger total of −1', (s) => (s.segments[0].overall.total = -1)],
      ['a ledger id that is an object', (s) => (s.segments[0].overall.lists[0][1] = [{}])],
      ['ids that are not strings', (s) => (s.ids = [1, 2])],
      ['ids an object', (s) => (s.ids = { 0: 'T-1' })],
      ['a duplicated id in the state', (s) => (s.ids = ['T-1', 'T-1', 'T-2'])],
      ['another metric', (s) => (s.metric = 'resolutionTime')],
      ['a metric __proto__', (s) => (s.metric = '__proto__')],
      ['another format', (s) => (s.format = 'helpdesk-metrics/set-state')],
      ['version 2', (s) => (s.version = 2)],
      ['groups an object', (s) => (s.groups = {})],
      ['a group whose sum is not a number', (s) => (s.groups[0].acc.sum = 'x')],
      ['the overall accumulator empty', (s) => (s.overall = {})],
    ];
    const wrong: string[] = [];
    for (const [label, f] of corrupt) {
      const state = freshState();
      f(state);
      try {
        const outcome = incContract('resumeMetric', () => resumeMetric(firstResponseTime, STATE_OPTIONS, state as never).finish());
        // Overlapping positions are reported as positions; an id twice as a duplicate id.
        expectFieldError('resumeMetric', outcome, ['state', ...(label.includes('overlapping') ? ['position'] : []), ...(label.includes('duplicated id') ? ['id'] : [])], label);
      } catch (e) {
        wrong.push((e as Error).message);
      }
    }
    expect(wrong, 'corrupted states accepted or misreported').toEqual([]);
  });

  // Every metric the API runs, through a state: the first record in one run, its state through JSON, resumed, the
  // rest added. FINDING I4 (open): 13 metrics have no state (state() throws a plain Error "…Accumulator: not
  // incremental"); FINDING I6 (open): backlog's state loses `aged` and `byAge`. Those run as `it.fails` until
  // fixed (then drop them from NO_STATE).
  const NO_STATE = new Set<string>([]);
  for (const [name, records, options] of ROUND_TRIP) {
    (NO_STATE.has(name) ? it.fails : it)(`${name}: a state through JSON, resumed, gives the one-shot result (a MetricsError at worst, never a plain Error)`, () => {
      const fn = (api as unknown as Record<string, (r: unknown, o: unknown) => unknown>)[name] as (r: unknown, o: unknown) => unknown;
      const oneShot = expectResult(name, () => fn(records, options));
      const resumed = expectResult(name, () => {
        const saved = JSON.parse(JSON.stringify(startMetric(fnOf(name), options as object).add(records.slice(0, 2)).state())) as MetricState;
        return resumeMetric(fnOf(name), options as object, saved).add(records.slice(2)).finish();
      });
      expect(resumed).toEqual(oneShot);
    });
  }

  it('valid tickets in random chunks, each chunk a state through JSON merged in random order: the one-shot result, for every metric with a state', () => {
    const saving = ROUND_TRIP.filter(([name, records]) => !NO_STATE.has(name) && records === ROUND_TRIP_TICKETS);
    fc.assert(
      fc.property(fc.constantFrom(...saving), validTicketsArb, cutsArb, fc.nat(), ([name, , options], tickets, cuts, seed) => {
        const fn = (api as unknown as Record<string, (r: unknown, o: unknown) => unknown>)[name] as (r: unknown, o: unknown) => unknown;
        const oneShot = incContract(name, () => fn(tickets, { ...(options as object), invalid: 'exclude' }));
        const chunks = chunksOf(tickets, cuts);
        const order = chunks.map((_, k) => k).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
        const got = incContract(name, () => {
          const run = startMetric(fnOf(name), { ...(options as object), invalid: 'exclude' });
          for (const k of order) {
            const c = chunks[k] as { position: number; records: unknown[] };
            run.merge(JSON.parse(JSON.stringify(startMetric(fnOf(name), { ...(options as object), invalid: 'exclude' }).add(c.records, { position: c.position }).state())) as MetricState);
          }
          return run.finish();
        });
        if (got.kind === 'error' && got.error.code === 'duplicate_id') return; // ids shared across runs cannot merge
        expectSameOutcome(name, oneShot, got);
      }),
      fcParams(120),
    );
  }, PROPERTY_TIMEOUT);

  // FINDING I7 (fixed for durations and rates): an accumulator's saved data was not checked as it loads (src/pipeline/collect.ts
  // DurationCollector.load and the others): a duration that is not a whole number ≥ 0, or a sum that is not
  // theirs, goes into the result (NaN medians, a totalMs that is not the sum of the durations).
  it('durations in a state that are not whole ms ≥ 0, or a sum that is not theirs, are a MetricsError naming state', () => {
    const wrong: string[] = [];
    for (const [label, f] of [
      ['a duration undefined', (st: Record<string, any>) => (st.overall.values = [undefined, ...st.overall.values])],
      ['a duration −5', (st: Record<string, any>) => (st.overall.values = [-5, ...st.overall.values])],
      ['a duration "x"', (st: Record<string, any>) => (st.overall.values = ['x', ...st.overall.values])],
      ['a sum that is not the durations\' sum', (st: Record<string, any>) => (st.overall.sum = '1')],
    ] as const) {
      const state = freshState();
      f(state as Record<string, any>);
      const outcome = incContract('resumeMetric', () => resumeMetric(firstResponseTime, STATE_OPTIONS, state as never).finish());
      if (outcome.kind !== 'error') wrong.push(label);
    }
    // A rate's data: ['__proto__'] loads (string concatenation), and finish() throws a raw DecimalError.
    const rate = JSON.parse(JSON.stringify(startMetric(resolutionRate).add(INC_TICKETS().filter((t) => t.id !== 'T-3')).state())) as Record<string, unknown>;
    rate.overall = ['__proto__'];
    if (incContract('resumeMetric', () => resumeMetric(resolutionRate, undefined, rate as never).finish()).kind !== 'error') wrong.push('rate data ["__proto__"]');
    expect(wrong, 'accumulator data accepted').toEqual([]);
  });

  // FINDING I5 (fixed): ticketVolume by a field, incremental: a ticket without the field counted under "" in byKey
  // and totalsByKey; the one-shot call says "(none)".
  it('ticketVolume by channel, a ticket without a channel: byKey says "(none)" as in the one-shot call', () => {
    const options = { interval: 'day', timeZone: 'UTC', by: 'channel' } as const;
    const tickets = [{ id: 'A', createdAt: MON, events: [] }];
    expect(startMetric(ticketVolume, options).add(tickets).finish()).toEqual(ticketVolume(tickets, options));
  });

  it('states of another metric, or of other plain options, or of another trustIds, do not merge (invalid_argument on state)', () => {
    const other = startMetric(resolutionRate, { invalid: 'exclude' }).add(INC_TICKETS()).state();
    expectMetricsError('firstResponseTime', () => startMetric(firstResponseTime, STATE_OPTIONS).merge(other), 'invalid_argument', 'state');
    expectMetricsError('firstResponseTime', () => resumeMetric(firstResponseTime, { invalid: 'exclude', by: 'priority' }, freshState() as MetricState), 'invalid_argument', 'state');
    expectMetricsError('firstResponseTime', () => resumeMetric(firstResponseTime, STATE_OPTIONS, freshState() as MetricState, { trustIds: true }), 'invalid_argument', 'state');
    expectMetricsError('resolutionRate', () => resumeMetric(resolutionRate, { invalid: 'exclude' }, freshState() as MetricState), 'invalid_argument', 'state');
    expectMetricsError('firstResponseTime', () => startMetric(firstResponseTime, STATE_OPTIONS).merge(startMetrics({ a: { metric: 'firstResponseTime', options: STATE_OPTIONS } }).state() as never), 'invalid_argument', 'state');
  });

  it('merging a state that shares an id is duplicate_id naming the id, in either mode', () => {
    for (const invalid of ['throw', 'exclude'] as const) {
      const e = expectMetricsError('firstResponseTime', () => startMetric(firstResponseTime, { invalid }).add(ticketsWithIds(['A', 7])).merge(startMetric(firstResponseTime, { invalid }).add(ticketsWithIds(['7']), { position: 2 }).state()), 'duplicate_id', 'id');
      expect(e.message).toContain('"7"');
    }
  });

  it('a merge that fails leaves the run as it was (FINDING I2, fixed: a state is read whole before any of it is added)', () => {
    const run = startMetric(firstResponseTime, STATE_OPTIONS).add(ticketsWithIds(['a']), { position: 0 });
    const before = JSON.stringify(run.state());
    const bad = JSON.parse(JSON.stringify(startMetric(firstResponseTime, STATE_OPTIONS).add(INC_TICKETS(), { position: 1 }).state())) as Record<string, any>;
    bad.segments[0].overall = 5;
    expectMetricsError('firstResponseTime', () => run.merge(bad as never), 'invalid_argument', 'state');
    expect(JSON.stringify(run.state())).toBe(before);
  });
});

describeHostile('startMetrics', () => {
  it('a plan of any kind: a set run or a MetricsError naming plan (or plan.<name>…)', () => {
    const entryArb = fc.oneof(hostileValueArb, fc.record({ metric: fc.oneof(hostileValueArb, fc.constantFrom('firstResponseTime', 'backlog', 'erlangC')), options: fc.oneof(fc.constant(undefined), hostileValueArb) }, { requiredKeys: ['metric'] }));
    const planArb = fc.oneof(hostileValueArb, fc.dictionary(fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom(...PROTO_KEYS)), entryArb, { maxKeys: 3 }));
    fc.assert(
      fc.property(planArb, (plan) => {
        const outcome = incContract('startMetrics', () => startMetrics(plan as never).add(INC_TICKETS()).finish());
        if (notOptions(plan)) expectFieldError('startMetrics', outcome, ['plan'], `the plan ${printValue(plan)}`);
        else if (outcome.kind === 'error' && outcome.error.recordIndex === undefined && !INC_NAMES.has(outcome.error.functionName)) expectFieldError('startMetrics', outcome, ['plan', 'metric'], `the plan ${printValue(plan)}`);
      }),
      fcParams(80),
    );
  }, PROPERTY_TIMEOUT);

  it('a misspelled key of a plan entry is rejected naming plan.<name>.<key>', () => {
    for (const typo of [...typoVariants('metric', ['metric', 'options']), ...typoVariants('options', ['metric', 'options'])]) {
      expectUnknownOption('startMetrics', () => startMetrics({ a: { metric: 'firstResponseTime', [typo]: {} } } as never), typo, ['metric', 'options'], 'plan.a');
    }
  });

  it('a plan whose result names are prototype keys gives them back as own keys', () => {
    const plan = JSON.parse('{"__proto__": {"metric": "firstResponseTime"}, "constructor": {"metric": "backlog", "options": {"at": 1772409600000}}}') as MetricPlan;
    const r = expectResult<Record<string, unknown>>('startMetrics', () => startMetrics(plan).add(INC_TICKETS().filter((t) => t.id !== 'T-3')).finish());
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.keys(r).sort()).toEqual(['__proto__', 'constructor']);
  });

  chunkedRecordsProperty('startMetrics', 'a plan of the four, adds in order', (m, options, chunks) => {
    const run = startMetrics({ x: { metric: m.name, options }, frt: { metric: firstResponseTime, options: { invalid: 'exclude' } } });
    for (const c of chunks) run.add(c.records);
    return run.finish().x;
  });

  it('add: records, position and duplicates of any kind: a result or a MetricsError naming them', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(INC_TICKETS()), hostileValueArb), fc.oneof(fc.constant(undefined), fc.nat(5), hostileValueArb), fc.oneof(fc.constant(undefined), fc.constant([0]), hostileValueArb), (records, position, duplicates) => {
        const add = duplicates === undefined && position === undefined ? undefined : { position, duplicates };
        const outcome = incContract('startMetrics', () => startMetrics({ a: { metric: 'firstResponseTime', options: { invalid: 'exclude' } } }).add(records as never, add as never).finish(), { exclude: true });
        if (!Array.isArray(records)) expectFieldError('startMetrics', outcome, ['records'], `the records ${printValue(records)}`);
        else if (position !== undefined && !(typeof position === 'number' && Number.isSafeInteger(position) && position >= 0)) expectFieldError('startMetrics', outcome, ['position'], `the position ${printValue(position)}`);
      }),
      fcParams(60),
    );
  }, PROPERTY_TIMEOUT);
});

describeHostile('resumeMetrics', () => {
  const plan = { frt: { metric: 'firstResponseTime', options: STATE_OPTIONS }, vol: { metric: 'resolutionRate', options: { invalid: 'exclude', by: 'channel' } } } as const;
  const setText = JSON.stringify(startMetrics(plan).add(INC_TICKETS()).state());
  // Accumulator data apart (FINDING I7).
  const setPaths = jsonPaths(JSON.parse(setText)).filter((p) => p.length > 0 && !p.includes('acc') && p[3] !== 'overall');

  it('a set state of any kind, or with any field replaced or removed: a result or a MetricsError naming state', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 1, arbitrary: hostileValueArb.map((v) => ({ whole: v })) }, { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...setPaths), fc.oneof(dataValueArb, hostileValueArb), fc.boolean()) }), (c) => {
        const state = 'whole' in c ? c.whole : setPath(JSON.parse(setText) as Record<string, unknown>, c[0], c[1], c[2]);
        const outcome = incContract('resumeMetrics', () => resumeMetrics(plan, state as never).finish());
        if ('whole' in c) expectFieldError('resumeMetrics', outcome, ['state', 'start', 'trustIds'], `the state ${printValue(state)}`);
        else if (outcome.kind === 'error' && outcome.error.code !== 'duplicate_id') expectFieldError('resumeMetrics', outcome, ['state', 'position'], `the state with ${c[0].join('.')}`);
      }),
      fcParams(150),
    );
  }, PROPERTY_TIMEOUT);

  it('any value as the plan, the state and start: a result or a MetricsError naming plan / state / start', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant<unknown>(plan), hostileValueArb), fc.oneof(fc.constant<unknown>(undefined), hostileValueArb), fc.oneof(fc.constant<unknown>(undefined), hostileValueArb), (p, state, start) => {
        const outcome = incContract('resumeMetrics', () => resumeMetrics(p as never, (state ?? JSON.parse(setText)) as never, start as never).finish());
        // An unknown key of start is named by itself.
        if (outcome.kind === 'error' && outcome.error.recordIndex === undefined && !/unknown/.test(outcome.error.rule)) expectFieldError('resumeMetrics', outcome, ['plan', 'metric', 'state', 'start', 'trustIds', 'options', 'id'], 'a hostile argument');
      }),
      fcParams(60),
    );
  }, PROPERTY_TIMEOUT);

  it('a set state of another plan (other names, order, metrics, options), or a metric state, is invalid_argument on state', () => {
    const others: MetricPlan[] = [
      { frt: plan.frt },
      { vol: plan.vol, frt: plan.frt },
      { frt: plan.frt, vol2: plan.vol },
      { frt: plan.frt, vol: { metric: 'backlog', options: { at: MON } } },
      { frt: plan.frt, vol: { metric: 'resolutionRate', options: { invalid: 'exclude', by: 'priority' } } },
    ];
    for (const other of others) {
      const outcome = incContract('resumeMetrics', () => resumeMetrics(other, JSON.parse(setText) as MetricSetState).finish());
      expectFieldError('resumeMetrics', outcome, ['state'], `the state of another plan ${JSON.stringify(Object.keys(other))}`);
    }
    expectFieldError('resumeMetrics', incContract('resumeMetrics', () => resumeMetrics(plan, freshState() as never).finish()), ['state'], 'a metric state');
  });

  it('the set state round-trips through JSON and structuredClone and merges with a run of the rest', () => {
    const all = [...INC_TICKETS(), ...ticketsWithIds(['Z1', 'Z2'])];
    const whole = startMetrics(plan).add(all).finish();
    const merged = resumeMetrics(plan, structuredClone(JSON.parse(setText)) as MetricSetState).merge(startMetrics(plan).add(all.slice(4), { position: 4 })).finish();
    expect(merged).toEqual(whole);
  });
});

describeHostile('runMetrics', () => {
  const plan = { frt: { metric: firstResponseTime, options: { invalid: 'exclude', by: 'channel' } } } as const;

  it('records, options and plan of any kind: a result or a MetricsError (a rejected promise) naming the field, with runMetrics as the function', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(INC_TICKETS() as unknown), hostileValueArb), fc.oneof(fc.constant(undefined), fc.constant({ chunkSize: 2 } as unknown), hostileValueArb), async (records, options) => {
        const outcome = await incContractAsync('runMetrics', () => runMetrics(plan, records as never, options as never), { exclude: true });
        if (notOptions(options)) expectFieldError('runMetrics', outcome, ['options'], `the options ${printValue(options)}`);
        else if (options === undefined && (records === null || typeof records !== 'object')) expectFieldError('runMetrics', outcome, ['records'], `the records ${printValue(records)}`);
      }),
      fcParams(60),
    );
  }, PROPERTY_TIMEOUT);

  it('chunkSize and trustIds of any kind: a result or an invalid_option on them, from runMetrics', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('chunkSize', 'trustIds'), dataValueArb, async (key, value) => {
        const outcome = await incContractAsync('runMetrics', () => runMetrics(plan, INC_TICKETS(), { [key]: value }));
        if (outcome.kind === 'error') {
          expect(outcome.error.functionName).toBe('runMetrics');
          expectFieldError('runMetrics', outcome, [key], `${key} = ${printValue(value)}`);
        }
      }),
      fcParams(40),
    );
  }, PROPERTY_TIMEOUT);

  it('a misspelled option or plan is an error of runMetrics naming the nearest key', async () => {
    const keys = keysOf('runMetrics');
    for (const key of keys) {
      for (const typo of typoVariants(key, keys)) {
        const outcome = await incContractAsync('runMetrics', () => runMetrics(plan, [], { [typo]: key === 'chunkSize' ? 10 : true } as never));
        expectUnknownOption('runMetrics', () => {
          if (outcome.kind === 'error') throw outcome.error;
          return outcome.kind === 'result' ? outcome.value : undefined;
        }, typo, keys);
      }
    }
    const bad = await incContractAsync('runMetrics', () => runMetrics({ a: { metric: 'firstResponseTim' } } as never, []));
    expect(bad.kind === 'error' && bad.error.functionName, 'a bad plan given to runMetrics names startMetrics — FINDING I3').toBe('runMetrics');
  });

  it("hostile tickets from a generator, an async generator or an array, in chunks of any size: the one-shot result (invalid: 'exclude')", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...INC_METRICS), hostileTicketsArb, fc.integer({ min: 1, max: 5 }), fc.constantFrom('array', 'generator', 'async'), async (m, records, chunkSize, kind) => {
        const options = m.options('exclude');
        const oneShot = expectContract(m.name, () => ONE_SHOT[m.name]?.(records, options), { exclude: true });
        const source =
          kind === 'array'
            ? records
            : kind === 'generator'
              ? (function* () {
                  yield* records;
                })()
              : (async function* () {
                  for (const r of records) yield await Promise.resolve(r);
                })();
        const got = await incContractAsync('runMetrics', async () => ((await runMetrics({ x: { metric: m.name, options } }, source, { chunkSize })) as { x: unknown }).x, { exclude: true });
        if (got.kind === 'result') {
          checkLedgers(got.value);
          m.account(records, got.value as Record<string, unknown>);
        }
        expectSameOutcome(m.name, oneShot, got);
      }),
      fcParams(60),
    );
  }, PROPERTY_TIMEOUT);

  it('20,000 hostile ids across chunks (numeric strings out of string order, 7 and "7", decreasing, FNV-colliding, __proto__) finish, with exactly the one-shot duplicates', async () => {
    const n = 20_000;
    const styles: Array<[string, unknown[]]> = [
      ['numeric strings', Array.from({ length: n }, (_, i) => String(i))],
      ['7 and "7" alternating', Array.from({ length: n }, (_, i) => (i % 2 === 0 ? Math.floor(i / 2) : String(Math.floor(i / 2))))],
      ['decreasing numbers', Array.from({ length: n }, (_, i) => n - i)],
      ['decreasing strings', Array.from({ length: n }, (_, i) => `T-${String(n - i).padStart(6, '0')}`)],
      ['FNV-colliding', collidingIds(n)],
      ['prototype keys, then every id twice', [...PROTO_KEYS, ...Array.from({ length: n / 2 - PROTO_KEYS.length }, (_, i) => i), ...Array.from({ length: n / 2 }, (_, i) => String(n / 2 - 1 - i))]],
    ];
    for (const [label, ids] of styles) {
      const tickets = ticketsWithIds(ids);
      const oneShot = firstResponseTime(tickets as never, { invalid: 'exclude' });
      // Sequential chunks, one run per chunk merged (partitioned ids apart: merging shared ids throws), and runMetrics.
      const run = startMetric(firstResponseTime, { invalid: 'exclude' });
      for (let at = 0; at < n; at += 997) run.add(tickets.slice(at, at + 997));
      expect(run.finish(), label).toEqual(oneShot);
      const viaRunMetrics = await runMetrics({ frt: { metric: 'firstResponseTime', options: { invalid: 'exclude' } } }, tickets, { chunkSize: 1009 });
      expect(viaRunMetrics.frt, label).toEqual(oneShot);
      if (oneShot.excluded.total === 0) {
        const merged = startMetric(firstResponseTime, { invalid: 'exclude' });
        for (let at = 0; at < n; at += 2003) merged.merge(JSON.parse(JSON.stringify(startMetric(firstResponseTime, { invalid: 'exclude' }).add(tickets.slice(at, at + 2003), { position: at }).state())) as MetricState);
        expect(merged.finish(), label).toEqual(oneShot);
      }
    }
  }, 120_000);

  // FINDING I8 (fixed): the run's cross-chunk id check walked all 2^32 − 2 holes before the metric reported the
  // first; ids of earlier chunks are now checked by the reader itself (startMetrics the same: startMetrics/huge-sparse).
  it(
    "startMetric: a chunk that is a sparse array of length 2^32 − 1 is a MetricsError for its first hole, not a hang (invalid: 'throw')",
    async () => {
      const name = 'startMetric';
      const o = await runBounded(`${name}/huge-sparse`, null, SPARSE_DEADLINE);
      if (o.ok) throw new Error(`${name}: a result for 2^32 − 2 holes under invalid: 'throw'`);
      expect([o.metrics, o.code], o.message).toEqual([true, 'invalid_record']);
    },
    boundedTimeout(SPARSE_DEADLINE),
  );

  it('20,000 one-record chunks added in reverse position order finish (segments are placed without a scan per chunk)', () => {
    const n = 20_000;
    const tickets = ticketsWithIds(Array.from({ length: n }, (_, i) => `R-${i}`));
    const run = startMetric(firstResponseTime, { invalid: 'exclude' }, { trustIds: true });
    for (let i = n - 1; i >= 0; i--) run.add([tickets[i]], { position: i });
    expect(run.finish()).toEqual(firstResponseTime(tickets as never, { invalid: 'exclude' }));
  }, 120_000);
});
