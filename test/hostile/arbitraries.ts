/**
 * Hostile values and records for the adversarial suite (test/hostile/): every kind of JavaScript value, values
 * near the edges of each field's domain, and records of every model type with hostile fields spliced in.
 *
 * Objects are made afresh by factories (a run may freeze or mutate what it is given). Objects carry
 * `fc.toStringMethod` so that a counterexample prints as its label, not as a dump (and so that fast-check's
 * printer never trips a throwing trap).
 */
import fc from 'fast-check';

/** Thrown by the traps of the "user bug" values (throwing getters, proxies): the library may pass it through. */
export class UserBug extends Error {
  constructor(what: string) {
    super(`user bug: ${what}`);
    this.name = 'UserBug';
  }
}

/** True for a {@link UserBug}, raw or as the `cause` of a wrapping error. */
export function isUserBug(e: unknown): boolean {
  if (e instanceof UserBug) return true;
  return e instanceof Error && e.cause instanceof UserBug;
}

function labelled<T extends object>(label: string, value: T): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => label, enumerable: false });
  return value;
}

/** A proxy whose every string-keyed read throws {@link UserBug} (symbol reads answer, for the printer). */
export function throwingProxy(target: object = {}, label = 'throwing proxy'): object {
  return new Proxy(target, {
    get(t, key) {
      if (key === fc.toStringMethod) return () => label;
      if (typeof key === 'symbol') return Reflect.get(t, key);
      throw new UserBug(`${label}.${key}`);
    },
  });
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** 1975-01-01T00:00:00Z: epoch numbers before it are probably Unix seconds (issue 11, class 10). */
export const Y1975 = Date.UTC(1975, 0, 1);
/** 2201-01-01T00:00:00Z, the first instant the library rejects. */
export const Y2201 = Date.UTC(2201, 0, 1);
/** 2026-03-02T00:00:00Z, a Monday. */
export const MON = Date.UTC(2026, 2, 2);

/** Strings that object keys must treat as data. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'] as const;

/** Every kind of JavaScript value, each with a label (the label names it in FINDINGS.md). */
export const HOSTILE_VALUES: ReadonlyArray<readonly [label: string, make: () => unknown]> = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['true', () => true],
  ['false', () => false],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['-0', () => -0],
  ['0', () => 0],
  ['1', () => 1],
  ['-1', () => -1],
  ['0.5', () => 0.5],
  ['1e308', () => 1e308],
  ['5e-324', () => 5e-324],
  ['MAX_SAFE_INTEGER + 2', () => Number.MAX_SAFE_INTEGER + 2],
  ['-MAX_SAFE_INTEGER', () => -Number.MAX_SAFE_INTEGER],
  ['epoch seconds 1772438400', () => 1_772_438_400],
  ['1n', () => 1n],
  ['-1n', () => -1n],
  ['2n ** 64n', () => 2n ** 64n],
  ["'200'", () => '200'],
  ["'1e5'", () => '1e5'],
  ["' 5 '", () => ' 5 '],
  ["''", () => ''],
  ["' '", () => ' '],
  ["'NaN'", () => 'NaN'],
  ["'-0'", () => '-0'],
  ["'0x10'", () => '0x10'],
  ["'1772438400'", () => '1772438400'],
  ['a 100,000-character string', () => 'x'.repeat(100_000)],
  ["'__proto__'", () => '__proto__'],
  ["'constructor'", () => 'constructor'],
  ["'toString'", () => 'toString'],
  ["'hasOwnProperty'", () => 'hasOwnProperty'],
  ['a lone surrogate', () => '\ud800'],
  ['a NUL character', () => '\u0000'],
  ['a symbol', () => Symbol('hostile')],
  ['a function', () => labelled('a function', () => 1)],
  ['a class', () => labelled('a class', class Hostile {})],
  ['a valid Date', () => new Date(MON + 9 * HOUR)],
  ['an Invalid Date', () => new Date(NaN)],
  ['a Date in 1969', () => new Date(Date.UTC(1969, 11, 31, 23, 59, 59))],
  ['a Date in 2201', () => new Date(Date.UTC(2201, 5, 1))],
  ['a Date at epoch 0', () => new Date(0)],
  ['[]', () => []],
  ['[1, 2]', () => [1, 2]],
  ['a sparse array [, 1]', () => [, 1]], // eslint-disable-line no-sparse-arrays
  ['[[]]', () => [[]]],
  ["['__proto__']", () => ['__proto__']],
  ['a frozen array', () => Object.freeze(['a'])],
  ['an Int8Array', () => Int8Array.of(1, -1)],
  ['a Uint8Array', () => Uint8Array.of(0, 255)],
  ['a Uint8ClampedArray', () => Uint8ClampedArray.of(3)],
  ['an Int16Array', () => Int16Array.of(-300)],
  ['a Uint16Array', () => Uint16Array.of(65535)],
  ['an Int32Array', () => Int32Array.of(5)],
  ['a Uint32Array', () => Uint32Array.of(7)],
  ['a Float32Array', () => Float32Array.of(NaN, 1.5)],
  ['a Float64Array', () => Float64Array.of(-0, Infinity)],
  ['a BigInt64Array', () => BigInt64Array.of(1n, -1n)],
  ['a BigUint64Array', () => BigUint64Array.of(2n ** 63n)],
  ['a DataView', () => new DataView(new ArrayBuffer(4))],
  ['an ArrayBuffer', () => new ArrayBuffer(4)],
  ['{}', () => labelled('{}', {})],
  ['Object.create(null)', () => labelled('Object.create(null)', Object.create(null) as object)],
  ['JSON {"__proto__": 1}', () => labelled('JSON {"__proto__": 1}', JSON.parse('{"__proto__": 1}') as object)],
  ['{ constructor: 1 }', () => labelled('{ constructor: 1 }', { constructor: 1 })],
  ['JSON {"toString": 1}', () => labelled('JSON {"toString": 1}', JSON.parse('{"toString": 1}') as object)],
  ['{ hasOwnProperty: 1 }', () => labelled('{ hasOwnProperty: 1 }', { hasOwnProperty: 1 })],
  ['{ valueOf: () => NaN }', () => labelled('{ valueOf: () => NaN }', { valueOf: () => NaN })],
  ['a frozen {}', () => Object.freeze(labelled('a frozen {}', {}))],
  ['an object with a getter', () => labelled('an object with a getter', { get value(): number { return 1; } })],
  ['a Map', () => new Map([['a', 1]])],
  ['a Set', () => new Set([1])],
  ['a RegExp', () => /x/],
  ['an Error', () => new Error('boom')],
  ['a boxed Number', () => labelled('a boxed Number', new Number(5))], // eslint-disable-line no-new-wrappers
  ['a boxed String', () => labelled('a boxed String', new String('5'))], // eslint-disable-line no-new-wrappers
  ['a WeakMap', () => new WeakMap()],
  ['a Date look-alike { getTime }', () => labelled('a Date look-alike', { getTime: () => MON, toISOString: () => '2026-03-02T00:00:00.000Z' })],
  ['an object with a throwing getter', () => labelled('an object with a throwing getter', { get value(): never { throw new UserBug('getter'); } })],
  ['a throwing proxy', () => throwingProxy()],
  ['a throwing proxy of an array', () => throwingProxy([], 'a throwing proxy of an array')],
];

/** The factory of a value by its label. */
export function hostile(label: string): unknown {
  const entry = HOSTILE_VALUES.find(([l]) => l === label);
  if (entry === undefined) throw new Error(`no hostile value ${label}`);
  return entry[1]();
}

/** Every value kind, from the list and from fast-check's own generator of anything. */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_VALUES).map(([, make]) => make()) },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 2,
      maxKeys: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    }),
  },
);

/** The hostile values without the user-bug ones (throwing getters and proxies). */
export const dataValueArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...HOSTILE_VALUES.filter(([l]) => !/throwing/.test(l)))
      .map(([, make]) => make()),
  },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1, maxKeys: 3, withBigInt: true, withDate: true, withNullPrototype: true, withTypedArray: true }) },
);

/** Strings that must stay data wherever they land (ids, channels, priorities, tags, currencies, ...). */
export const hostileStringArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTO_KEYS, '', ' ', '(none)', '200', '1e5', ' 5 ', 'NaN', '-0', '\ud800', '\u0000', 'EUR', 'email', 'urgent', 'spam', 'x'.repeat(10_000)),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

// ---- timestamps ----

const ISO = (ms: number): string => new Date(ms).toISOString();

/** An ISO string of `ms` written with the offset `offMin` minutes (east positive), as `+HH:MM`. */
export function isoWithOffset(ms: number, offMin: number): string {
  const local = new Date(ms + offMin * 60_000).toISOString().slice(0, 23);
  const sign = offMin < 0 ? '-' : '+';
  const a = Math.abs(offMin);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** A valid instant in 1975–2200 as epoch ms. */
export const validMsArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: Y1975, max: Y2201 - 1 }),
  fc.integer({ min: MON - 30 * DAY, max: MON + 30 * DAY }),
  fc.constantFrom(Y1975, Y2201 - 1, Y2201 - DAY, MON),
);

/** A valid timestamp in any accepted form (epoch ms, Date, ISO with Z or an offset from −12:00 to +14:00). */
export const validTimestampArb: fc.Arbitrary<number | string | Date> = fc.oneof(
  validMsArb,
  validMsArb.map((ms) => new Date(ms)),
  validMsArb.map(ISO),
  fc.tuple(validMsArb, fc.integer({ min: -48, max: 56 })).map(([ms, q]) => isoWithOffset(ms, q * 15)),
);

/** Timestamps at and beyond the edges of the accepted domain, and near-misses of the ISO grammar. */
export const EDGE_TIMESTAMPS: readonly unknown[] = [
  0,
  1,
  -1,
  -0,
  1.5,
  Y1975 - 1,
  Y1975,
  1_772_438_400, // 2026-03-02T08:00Z in Unix seconds
  1_772_438_400_000,
  Y2201 - 1,
  Y2201,
  Number.MAX_SAFE_INTEGER,
  '1970-01-01T00:00:00Z',
  '1974-12-31T23:59:59.999Z',
  '1975-01-01T00:00:00Z',
  '2200-12-31T23:59:59.999Z',
  '2201-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2026-03-02T09:00:00',
  '2026-03-02',
  '2026-03-02T09:00:00+14:00',
  '2026-03-02T09:00:00-12:00',
  '2026-03-02T09:00:00+0530',
  '2026-03-02T09:00:00+05',
  '2026-03-02T09:00:00+24:00',
  '2026-03-02T09:00:00-00:00',
  '2026-03-02T09:00:00.123456789Z',
  '2026-03-02T09:00:00.1234567890Z',
  '2026-03-02 09:00Z',
  '2026-03-02t09:00:00z',
  '2026-03-02T09:00:60Z',
  '2026-03-02T24:00:00Z',
  '2026-02-29T00:00:00Z',
  '2028-02-29T00:00:00Z',
  '2026-03-08T02:30:00', // a DST gap in America/New_York
  '+002026-03-02T09:00:00Z',
  ' 2026-03-02T09:00:00Z',
  '1772438400',
  new Date(NaN),
  new Date(-1),
  new Date(0),
  new Date(Y2201),
];

/** A timestamp that is valid, at an edge, or any hostile value. */
export const hostileTimestampArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: validTimestampArb },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_TIMESTAMPS).map((v) => (v instanceof Date ? new Date(v.getTime()) : v)) },
  { weight: 1, arbitrary: hostileValueArb },
);

/** Epoch numbers (and Dates) in 1970–1974: what Unix seconds read as milliseconds look like. */
export const epochSecondsArb: fc.Arbitrary<number | Date> = fc.oneof(
  fc.integer({ min: 0, max: Y1975 - 1 }),
  fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }), // 2017–2033 in seconds
  fc.integer({ min: 0, max: Y1975 - 1 }).map((ms) => new Date(ms)),
);

// ---- records ----

type Rec = Record<string, unknown>;

/** Deep copy of plain data (arrays and plain objects that are not frozen; everything else shared). */
export function copyData<T>(value: T): T {
  if (value !== null && typeof value === 'object' && Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Rec = {};
    for (const k of Object.keys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, k) as PropertyDescriptor;
      Object.defineProperty(out, k, 'value' in d ? { value: copyData(d.value), enumerable: true, writable: true, configurable: true } : d);
    }
    return out as T;
  }
  return value;
}

/** Freezes plain data deeply (arrays and plain objects); returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)) {
    for (const k of Object.keys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, k);
      if (d !== undefined && 'value' in d) deepFreeze(d.value); // never call a getter
    }
    Object.freeze(value);
  }
  return value;
}

/** Sets `path` (`'events[2].at'`, `'tags'`) of a record to `value`, or replaces the record for `'.'`. */
function setPath(record: unknown, path: string, value: unknown): unknown {
  if (path === '.') return value;
  if (record === null || typeof record !== 'object') return record;
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let o: Rec = record as Rec;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = o[parts[i] as string];
    if (next === null || typeof next !== 'object') return record;
    o = next as Rec;
  }
  Object.defineProperty(o, parts[parts.length - 1] as string, { value, enumerable: true, writable: true, configurable: true });
  return record;
}

export interface Mutation {
  readonly index: number;
  readonly path: string;
  readonly value: unknown;
}

/** Applies mutations to a deep copy of `records`. */
export function mutate(records: readonly unknown[], mutations: readonly Mutation[]): unknown[] {
  const out = copyData(records as unknown[]);
  for (const m of mutations) {
    if (out.length === 0) break;
    const i = m.index % out.length;
    out[i] = setPath(out[i], m.path, m.value);
  }
  return out;
}

/** Value arbitraries by field: timestamps get the timestamp edges, labels the hostile strings, and so on. */
function fieldValueArb(path: string): fc.Arbitrary<unknown> {
  if (/(At|\.at|^at)$/.test(path) || /createdAt|queuedAt|startedAt|endedAt/.test(path)) return hostileTimestampArb;
  if (/^id$|Id$|channel|priority|currency|category|status|author|type|createdBy|tags\[/.test(path)) {
    return fc.oneof({ weight: 3, arbitrary: hostileStringArb }, { weight: 1, arbitrary: hostileValueArb });
  }
  if (/Replies|reopens|Ms$|offered|answered|abandoned|shortAbandons|Within|weight|score|amount/.test(path)) {
    return fc.oneof(
      fc.constantFrom(-0, -1, 0.5, 1e15, 2 ** 31, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e308, 5e-324, NaN, Infinity, '5', 5n),
      fc.integer({ min: -2, max: 12 }),
      hostileValueArb,
    );
  }
  return hostileValueArb;
}

/** Mutations of records over the given field paths (`'.'` replaces a whole record). */
export function mutationsArb(paths: readonly string[], maxLength = 3): fc.Arbitrary<Mutation[]> {
  return fc.array(
    fc.tuple(fc.nat(1000), fc.constantFrom(...paths)).chain(([index, path]) => fieldValueArb(path).map((value) => ({ index, path, value }))),
    { maxLength },
  );
}

/** Records from `valid`, sometimes with hostile fields spliced in, sometimes frozen. */
export function hostileRecordsArb(valid: fc.Arbitrary<unknown[]>, paths: readonly string[]): fc.Arbitrary<unknown[]> {
  return fc
    .tuple(valid, fc.oneof({ weight: 1, arbitrary: fc.constant([] as Mutation[]) }, { weight: 3, arbitrary: mutationsArb(paths) }), fc.boolean())
    .map(([records, mutations, freeze]) => {
      const out = mutate(records, mutations);
      return freeze ? deepFreeze(out) : out;
    });
}

/** How a list's ids are spelt: increasing strings, strings that stop increasing, numbers, data-keyed strings. */
export const idStyleArb = fc.constantFrom('T-i', 'T-9999i', 'number', 'reversed', 'proto', 'same-number-and-string');

export function idFor(style: string, i: number, n: number): string | number {
  switch (style) {
    case 'T-9999i':
      return `T-${99_998 + i}`; // T-99998, T-99999, T-100000: stops increasing in string order
    case 'number':
      return i + 1;
    case 'reversed':
      return `T-${String(n - i).padStart(4, '0')}`;
    case 'proto':
      return i < PROTO_KEYS.length ? (PROTO_KEYS[i] as string) : `P-${i}`;
    case 'same-number-and-string':
      return i % 2 === 0 ? i : String(i); // numbers and numeric strings, all distinct labels
    default:
      return `T-${String(i).padStart(4, '0')}`;
  }
}

const AUTHORS = ['customer', 'agent', 'agent', 'bot', 'system'] as const;
const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;

/** A valid event of a ticket created at `created` (within ten days; coarse times so that instants collide). */
const eventArb = (created: number): fc.Arbitrary<Rec> =>
  fc.oneof(
    fc.record(
      {
        type: fc.constant('message'),
        at: fc.integer({ min: 0, max: 240 }).map((h) => created + h * HOUR),
        author: fc.constantFrom(...AUTHORS),
        public: fc.boolean(),
      },
      { requiredKeys: ['type', 'at', 'author'] },
    ),
    fc.record({ type: fc.constant('status'), at: fc.integer({ min: 0, max: 240 }).map((h) => created + h * HOUR), status: fc.constantFrom(...STATUSES) }),
  );

/** A valid ticket without its id: the events form or the summary form, with labels drawn from hostile strings. */
export const validTicketBodyArb: fc.Arbitrary<Rec> = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.boolean())
  .chain(([day, events]) => {
    const created = MON - 30 * DAY + day * DAY;
    const labels = {
      channel: fc.constantFrom('email', 'chat', '__proto__', 'constructor', 'toString'),
      priority: fc.constantFrom('urgent', 'normal', '__proto__', 'constructor', 'hasOwnProperty'),
      requesterId: fc.constantFrom('R1', 'R2', '__proto__', 'constructor'),
      tags: fc.array(fc.constantFrom('spam', 'closed_by_merge', 'vip', '__proto__'), { maxLength: 2 }),
      createdBy: fc.constantFrom('customer', 'agent', 'system'),
    };
    if (events) {
      return fc.record(
        { createdAt: fc.constant(created), events: fc.array(eventArb(created), { maxLength: 8 }), ...labels },
        { requiredKeys: ['createdAt', 'events'] },
      );
    }
    return fc
      .record(
        {
          createdAt: fc.constant(created),
          reply: fc.option(fc.integer({ min: 0, max: 100 })),
          first: fc.option(fc.integer({ min: 0, max: 100 })),
          extra: fc.integer({ min: 0, max: 100 }),
          status: fc.constantFrom(...STATUSES),
          agentReplies: fc.integer({ min: 0, max: 7 }),
          customerReplies: fc.integer({ min: 0, max: 7 }),
          reopens: fc.integer({ min: 0, max: 2 }),
          ...labels,
        },
        { requiredKeys: ['createdAt', 'status'] },
      )
      .map((r) => {
        const { reply, first, extra, ...rest } = r as Rec & { reply?: number | null; first?: number | null; extra: number };
        const t: Rec = { ...rest };
        if (reply !== undefined && reply !== null) t.firstRespondedAt = created + reply * HOUR;
        const solved = t.status === 'solved' || t.status === 'closed';
        if (first !== undefined && first !== null) {
          t.firstResolvedAt = created + first * HOUR;
          t.resolvedAt = created + (first + extra) * HOUR;
        } else if (solved) t.resolvedAt = created + extra * HOUR;
        return t;
      });
  });

/** Valid tickets with distinct ids in one of the id styles. */
export const validTicketsArb: fc.Arbitrary<unknown[]> = fc
  .tuple(idStyleArb, fc.array(validTicketBodyArb, { maxLength: 10 }))
  .map(([style, bodies]) => bodies.map((b, i) => ({ id: idFor(style, i, bodies.length), ...b })));

export const TICKET_PATHS: readonly string[] = [
  '.',
  'id',
  'createdAt',
  'channel',
  'priority',
  'tags',
  'tags[0]',
  'requesterId',
  'createdBy',
  'events',
  'events[0]',
  'events[0].at',
  'events[0].type',
  'events[0].author',
  'events[0].public',
  'events[1].status',
  'firstRespondedAt',
  'firstResolvedAt',
  'resolvedAt',
  'status',
  'agentReplies',
  'customerReplies',
  'reopens',
];

/** Tickets, valid or with hostile fields, sometimes frozen. */
export const hostileTicketsArb = hostileRecordsArb(validTicketsArb, TICKET_PATHS);

/** A valid call: answered, abandoned or waiting, with hold and wrap-up. */
export const validCallBodyArb: fc.Arbitrary<Rec> = fc
  .tuple(fc.integer({ min: 0, max: 1000 }), fc.constantFrom('answered', 'abandoned', 'waiting'), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 600 }))
  .chain(([minute, outcome, waitS, talkS]) => {
    const q = MON + minute * 60_000;
    const base: Rec = { queuedAt: q };
    if (outcome === 'answered') {
      base.answeredAt = q + waitS * 1000;
      base.endedAt = q + (waitS + talkS) * 1000;
    } else if (outcome === 'abandoned') base.abandonedAt = q + waitS * 1000;
    return fc.record(
      {
        base: fc.constant(base),
        enteredAt: fc.integer({ min: 0, max: 30 }).map((s) => q - s * 1000),
        holdMs: fc.integer({ min: 0, max: Math.min(talkS, 60) * 1000 }),
        wrapUpMs: fc.integer({ min: 0, max: 60_000 }),
        channel: fc.constantFrom('voice', 'chat', '__proto__'),
        agentId: fc.constantFrom('A1', 'constructor'),
      },
      { requiredKeys: ['base'] },
    ).map(({ base: b, ...rest }) => ({ ...b, ...(outcome === 'answered' ? rest : { channel: rest.channel }) }));
  });

export const validCallsArb: fc.Arbitrary<unknown[]> = fc
  .tuple(idStyleArb, fc.array(validCallBodyArb, { maxLength: 12 }))
  .map(([style, bodies]) => bodies.map((b, i) => ({ id: idFor(style, i, bodies.length), ...b })));

export const CALL_PATHS: readonly string[] = ['.', 'id', 'queuedAt', 'enteredAt', 'answeredAt', 'abandonedAt', 'endedAt', 'holdMs', 'wrapUpMs', 'channel'];

export const hostileCallsArb = hostileRecordsArb(validCallsArb, CALL_PATHS);

/** Valid aggregated interval rows. */
export const validRowsArb: fc.Arbitrary<unknown[]> = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 10 }), fc.nat(100), fc.nat(100), fc.nat(100), fc.integer({ min: 0, max: 47 }))
    .map(([answered, abandoned, queued, a, b, c, slot]) => ({
      intervalStart: MON + slot * 1_800_000,
      offered: answered + abandoned + queued,
      answered,
      abandoned,
      answeredWithin: Math.floor((answered * a) / 100),
      abandonedWithin: Math.floor((abandoned * b) / 100),
      shortAbandons: Math.floor((abandoned * c) / 100),
    })),
  { maxLength: 6 },
);

export const ROW_PATHS: readonly string[] = ['.', 'id', 'intervalStart', 'offered', 'answered', 'abandoned', 'answeredWithin', 'abandonedWithin', 'shortAbandons'];

export const hostileRowsArb = hostileRecordsArb(validRowsArb, ROW_PATHS);

/** Survey answers: bare numbers, gaps, response objects; valid and hostile. */
export const answerArb = (min: number, max: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min, max }) },
    { weight: 2, arbitrary: fc.record({ id: fc.oneof(fc.nat(30), hostileStringArb), score: fc.integer({ min, max }), weight: fc.double({ min: 0, max: 5, noNaN: true }) }, { requiredKeys: ['score'] }) },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, NaN, -0, min - 1, max + 1, min + 0.5, 1e308, -Infinity, '5', 5n, 'good', 'bad', 'offered', true, false) },
    { weight: 1, arbitrary: fc.record({ id: hostileValueArb, score: fieldValueArb('score'), weight: fieldValueArb('weight') }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: hostileValueArb },
  );

/** Responses as a plain array, a sparse array or a typed array of any kind. */
export const responsesArb = (min: number, max: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(answerArb(min, max), { maxLength: 25 }) },
    { weight: 1, arbitrary: fc.sparseArray(fc.integer({ min, max }), { maxLength: 10 }) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.int8Array({ min: -2, max: 12, maxLength: 10 }),
        fc.uint8Array({ max: 12, maxLength: 10 }),
        fc.uint8ClampedArray({ max: 12, maxLength: 10 }),
        fc.int16Array({ min: -2, max: 12, maxLength: 10 }),
        fc.uint16Array({ max: 12, maxLength: 10 }),
        fc.int32Array({ min: -2, max: 12, maxLength: 10 }),
        fc.uint32Array({ max: 12, maxLength: 10 }),
        fc.float32Array({ maxLength: 10 }),
        fc.float64Array({ maxLength: 10 }),
        fc.bigInt64Array({ min: -2n, max: 12n, maxLength: 10 }),
        fc.bigUint64Array({ max: 12n, maxLength: 10 }),
      ),
    },
  );

/** A decimal string with many digits (a money amount). */
export const longAmountArb: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[1-9][0-9]{0,44}$/), fc.stringMatching(/^[0-9]{0,6}$/))
  .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`);

/** Amounts that break the stated grammar ("digits, one '.', optional sign"). */
export const BAD_AMOUNTS: readonly string[] = ['1e5', ' 5 ', '1e1000000000', '5.', '.5', '+', '1,000.00', '€5', '0x10', 'Infinity', 'NaN', '1_000', '١٢٣', '5\n', '--5'];

export const costLineArb: fc.Arbitrary<Rec> = fc.record(
  {
    id: fc.oneof(fc.nat(50), hostileStringArb),
    amount: fc.oneof(longAmountArb.filter((s) => !s.startsWith('-')), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(...BAD_AMOUNTS), hostileValueArb),
    currency: fc.oneof({ weight: 5, arbitrary: fc.constant('EUR') }, { weight: 1, arbitrary: fc.constantFrom('USD', 'eur', '', '__proto__') }, { weight: 1, arbitrary: hostileValueArb }),
    channel: fc.oneof(fc.constantFrom('email', 'chat', '__proto__', 'constructor'), hostileValueArb),
    category: fc.oneof(fc.constantFrom('salaries', 'credit', 'tooling', '__proto__'), hostileValueArb),
  },
  { requiredKeys: ['amount', 'currency'] },
);

/** Customer records over March 2026, valid and hostile. */
export const customerRecordsArb: fc.Arbitrary<unknown[]> = fc
  .tuple(
    idStyleArb,
    fc.array(fc.tuple(fc.integer({ min: -40, max: 70 }), fc.option(fc.integer({ min: 0, max: 80 }))), { maxLength: 12 }),
    mutationsArb(['.', 'id', 'startedAt', 'endedAt']),
  )
  .map(([style, spans, mutations]) =>
    mutate(
      spans.map(([start, len], i) => ({
        id: idFor(style, i, spans.length),
        startedAt: MON + start * DAY,
        ...(len === null ? {} : { endedAt: MON + (start + len) * DAY }),
      })),
      mutations,
    ),
  );

// ---- ids that collide in FNV-1a ----

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * `n` distinct ids whose 32-bit FNV-1a hashes agree in their low `bits` bits (so they fall into one slot of any
 * open-addressing table of up to 2^bits slots). Built, not searched: the last character of each id is chosen so
 * that the low 16 bits of the hash are 0 (the multiplier is odd, so this is exact), and ids whose next bits are
 * not 0 as well are skipped (1 in 2^(bits − 16)).
 */
export function collidingIds(n: number, bits = 20): string[] {
  const mask = bits >= 32 ? -1 : (1 << bits) - 1;
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const prefix = `C-${i}-`;
    const c = fnv1a(prefix) & 0xffff;
    if (c >= 0xd800 && c <= 0xdfff) continue; // keep the ids well-formed UTF-16
    const id = prefix + String.fromCharCode(c);
    if ((fnv1a(id) & mask) === 0) out.push(id);
  }
  return out;
}
