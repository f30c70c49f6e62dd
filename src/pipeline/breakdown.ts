/**
 * Breakdowns (`by`): the group key of every record, and the table of groups a metric's accumulators are kept
 * in. A dimension is a field name, a key function, or a time bucket of one of the record's instants; an array
 * of dimensions cross-tabulates. Groups come back as an array of `{ key: { <dimension>: value | null }, … }`
 * rows, never as an object keyed by data.
 *
 * Rules:
 * - a record without a value (absent, `null`, `''`, an empty array, not an object, a key function that
 *   threw under `invalid: 'exclude'`) is in the `null` group of that dimension; no record is dropped;
 * - a multi-valued key (`tags`, or a key function returning an array) puts the record in each of its groups
 *   once (duplicate values count once); in a cross-tabulation, in every combination;
 * - order: by the first dimension, then the next; time buckets chronologically, numbers ascending,
 *   `false` before `true`, strings by UTF-16 code units, `null` last.
 *
 * @internal
 * @module
 */
import { bucketLabel, floorToBucket, type BucketInterval, type WeekStartDay } from '../_lib/buckets.js';
import { checkOptionKeys, describe, nearestName } from '../_lib/options.js';
import type { ZoneInfo } from '../calendar/timeZone.js';
import { Invalid } from '../_lib/records.js';
import { optionError, readChoice, readWholeNumber, readZone } from '../options/shared.js';
import type { GroupKey, GroupValue } from '../results/groups.js';

export type { Group, GroupKey, GroupValue } from '../results/groups.js';

/**
 * A key function: the record's value for a dimension (`undefined`, `null` or `''`: no value), or an array of
 * values for a multi-valued key (the record counts once in each).
 *
 * @category Breakdowns
 */
export type KeyFunction<T> = (record: T) => GroupValue | undefined | readonly GroupValue[];

/**
 * A key function with the name its dimension has in `key` (a bare function is named `'key'`).
 *
 * @category Breakdowns
 */
export interface NamedKey<T> {
  readonly name: string;
  readonly key: KeyFunction<T>;
}

/**
 * A time bucket of one of the record's instants as a dimension: the local hour, day, week or month in an IANA
 * zone. The key value is the bucket's label (`'2026-03-02'` for a day or a week starting that day, `'2026-03'`
 * for a month, `'2026-03-29T02:00+02:00'` for an hour); groups are in time order.
 *
 * @category Breakdowns
 */
export interface TimeBucketKey<I extends string = string> {
  readonly interval: BucketInterval;
  /** Which instant of the record. Each record type documents its instants and the default. */
  readonly of?: I;
  /** IANA zone of the bucket boundaries. Required. */
  readonly timeZone: string;
  /** First day of a week bucket, 0 = Sunday … 6 = Saturday. @defaultValue `1` (Monday) */
  readonly weekStartsOn?: WeekStartDay;
  /** The dimension's name in `key`. @defaultValue the interval (`'week'`) */
  readonly name?: string;
}

/**
 * One dimension of a breakdown.
 *
 * @category Breakdowns
 */
export type Dimension<T, F extends string, I extends string> = F | KeyFunction<T> | NamedKey<T> | TimeBucketKey<I>;

/**
 * A breakdown: one dimension, or an array of them for a cross-tabulation.
 *
 * @category Breakdowns
 */
export type By<T, F extends string, I extends string> = Dimension<T, F, I> | readonly Dimension<T, F, I>[];

/**
 * The option every metric over records takes.
 *
 * @category Breakdowns
 */
export interface BreakdownOptions<B> {
  /**
   * Break the result down: a field name, a key function, a time bucket, or an array of these. The result keeps
   * its overall figures and adds `groups`.
   */
  readonly by?: B;
}

/** @internal How a record type exposes its fields and instants to breakdowns. */
export interface RecordSchema {
  /** The collection's name in messages: `'tickets'`. */
  readonly collection: string;
  /** Field names readable as they are (`'channel'`); `tags` style fields are multi-valued. */
  readonly fields: readonly string[];
  /** Other names of fields (`agent` for a call's `agentId`): the dimension keeps the name it was given. */
  readonly aliases?: ReadonlyMap<string, string>;
  readonly multiFields: readonly string[];
  /** Fields `fields.<name>` (custom fields) allowed. */
  readonly customFields: boolean;
  /** Built-in attributions computed by the reader: name → instant/attribution id the source provides. */
  readonly derived: readonly string[];
  /** Instants for time buckets, the first is the default. */
  readonly instants: readonly string[];
}

const FIELD = 0;
const FUNC = 1;
const BUCKET = 2;
const DERIVED = 3;

/** @internal A parsed dimension. */
export interface Dim {
  readonly kind: number;
  readonly name: string;
  /** FIELD: the field; DERIVED: the attribution; BUCKET: the instant. */
  readonly field: string;
  /** `fields.<name>`: the custom field name. */
  readonly custom: string | undefined;
  readonly multi: boolean;
  readonly fn: KeyFunction<unknown> | undefined;
  readonly zone: ZoneInfo | undefined;
  readonly interval: BucketInterval;
  readonly weekStartsOn: WeekStartDay;
}

/** @internal The index of the dimension that reads `field` of the record as it is, or −1. */
export function fieldDimension(spec: BreakdownSpec, field: string): number {
  return spec.dims.findIndex((d) => d.kind === FIELD && d.field === field && d.custom === undefined);
}

/** @internal A parsed `by`: the dimensions, and the instants and attributions the reader must provide. */
export interface BreakdownSpec {
  readonly dims: readonly Dim[];
  /** Stable text of the spec (for caching group assignments on a prepared set); undefined with functions. */
  readonly cacheKey: string | undefined;
  readonly instants: readonly string[];
  readonly derived: readonly string[];
}

const BUCKET_KEYS = ['interval', 'of', 'timeZone', 'weekStartsOn', 'name'];

/** @internal Validates `by` for records of `schema`; `undefined` when there is no breakdown. */
export function readBy(functionName: string, by: unknown, schema: RecordSchema): BreakdownSpec | undefined {
  if (by === undefined) return undefined;
  const list: readonly unknown[] = Array.isArray(by) ? by : [by];
  if (list.length === 0) optionError(functionName, 'by', 'must name at least one dimension');
  if (list.length > 8) optionError(functionName, 'by', 'at most 8 dimensions');
  const dims: Dim[] = [];
  const names = new Set<string>();
  let cacheable = true;
  const instants: string[] = [];
  const derived: string[] = [];
  let unnamed = 0;
  list.forEach((d, i) => {
    const field = Array.isArray(by) ? `by[${i}]` : 'by';
    let dim: Dim;
    const base = { custom: undefined, multi: false, fn: undefined, zone: undefined, interval: 'day' as BucketInterval, weekStartsOn: 1 as WeekStartDay };
    if (typeof d === 'string') {
      if (d.startsWith('fields.') && schema.customFields && d.length > 7) {
        dim = { ...base, kind: FIELD, name: d, field: 'fields', custom: d.slice(7) };
      } else if (schema.fields.includes(d)) {
        dim = { ...base, kind: FIELD, name: d, field: d, multi: schema.multiFields.includes(d) };
      } else if (schema.aliases?.has(d) === true) {
        dim = { ...base, kind: FIELD, name: d, field: schema.aliases.get(d) as string };
      } else if (schema.derived.includes(d)) {
        dim = { ...base, kind: DERIVED, name: d, field: d };
        if (!derived.includes(d)) derived.push(d);
      } else {
        const known = [...schema.fields, ...(schema.aliases?.keys() ?? []), ...schema.derived];
        const near = nearestName(d, known);
        optionError(functionName, field, `${describe(d)} is not a field of ${schema.collection}${near === undefined ? `; use one of ${known.join(', ')}${schema.customFields ? ", 'fields.<name>'" : ''}, a key function or a time bucket` : `; did you mean ${JSON.stringify(near)}?`}`);
      }
    } else if (typeof d === 'function') {
      unnamed++;
      dim = { ...base, kind: FUNC, name: unnamed === 1 ? 'key' : `key${unnamed}`, field: 'key', fn: d as KeyFunction<unknown> };
      cacheable = false;
    } else if (d !== null && typeof d === 'object' && !Array.isArray(d)) {
      const o = d as Record<string, unknown>;
      if ('key' in o) {
        checkOptionKeys(functionName, o, ['name', 'key'], field);
        if (typeof o.name !== 'string' || o.name.length === 0) optionError(functionName, `${field}.name`, `must be a non-empty string, got ${describe(o.name)}`);
        if (typeof o.key !== 'function') optionError(functionName, `${field}.key`, `must be a function, got ${describe(o.key)}`);
        dim = { ...base, kind: FUNC, name: o.name, field: o.name, fn: o.key as KeyFunction<unknown> };
        cacheable = false;
      } else {
        checkOptionKeys(functionName, o, BUCKET_KEYS, field);
        if (schema.instants.length === 0) optionError(functionName, field, `${schema.collection} have no instant to bucket by; use a field name or a key function`);
        if (o.interval === undefined) optionError(functionName, `${field}.interval`, "is required: 'hour', 'day', 'week' or 'month'");
        const interval = readChoice<BucketInterval>(functionName, `${field}.interval`, o.interval, ['hour', 'day', 'week', 'month'], 'day');
        if (o.timeZone === undefined) optionError(functionName, `${field}.timeZone`, 'is required: bucket boundaries are local times');
        const zone = readZone(functionName, o.timeZone, `${field}.timeZone`) as ZoneInfo;
        const weekStartsOn = readWholeNumber(functionName, `${field}.weekStartsOn`, o.weekStartsOn, 1, 0, 6) as WeekStartDay;
        const of = o.of === undefined ? (schema.instants[0] as string) : o.of;
        if (typeof of !== 'string' || !schema.instants.includes(of)) {
          optionError(functionName, `${field}.of`, `must be one of ${schema.instants.map((x) => `'${x}'`).join(', ')}, got ${describe(of)}`);
        }
        if (o.name !== undefined && (typeof o.name !== 'string' || o.name.length === 0)) optionError(functionName, `${field}.name`, `must be a non-empty string, got ${describe(o.name)}`);
        const name = (o.name as string | undefined) ?? interval;
        dim = { ...base, kind: BUCKET, name, field: of, zone, interval, weekStartsOn };
        if (!instants.includes(of)) instants.push(of);
      }
    } else {
      optionError(functionName, field, `must be a field name, a key function, { name, key } or a time bucket { interval, timeZone, of? }, got ${describe(d)}`);
    }
    if (names.has(dim.name)) optionError(functionName, field, `two dimensions are named ${JSON.stringify(dim.name)}; give one a name`);
    names.add(dim.name);
    dims.push(dim);
  });
  const cacheKey = cacheable
    ? JSON.stringify(dims.map((d) => [d.kind, d.name, d.field, d.custom ?? null, d.zone?.name ?? null, d.interval, d.weekStartsOn]))
    : undefined;
  return { dims, cacheKey, instants, derived };
}

/** @internal What the reader gives a breakdown for one batch: instants and attributions by name. */
export interface KeySource {
  /** The raw records of the batch: record j is `records[base + j]`. */
  readonly records: ArrayLike<unknown>;
  readonly base: number;
  readonly n: number;
  /** The instant `name` of record j (NaN: none). */
  instant(name: string): ArrayLike<number>;
  /** The attribution `name` of record j (undefined: none). */
  derived(name: string, j: number): GroupValue | undefined;
  /** Whether record j is readable at all (an object with a valid identity). */
  readable(j: number): boolean;
}

const NULL_SORT = 3;

function typeRank(v: GroupValue): number {
  if (v === null) return NULL_SORT;
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return 1;
  return 2;
}

function compareValues(a: GroupValue, b: GroupValue): number {
  const ta = typeRank(a);
  const tb = typeRank(b);
  if (ta !== tb) return ta - tb;
  if (a === b || a === null) return 0;
  if (typeof a === 'number') return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
  if (typeof a === 'boolean') return a ? 1 : -1;
  return a < (b as string) ? -1 : 1;
}

/** A group's key values and, for time buckets, the bucket start (its sort key). */
interface GroupRow {
  readonly values: GroupValue[];
  readonly starts: number[];
}

/**
 * @internal The groups of one metric call: their keys, and which groups each record of the current batch is in
 * (`first[j]` when single-valued; `start[j] .. start[j+1]` of `list` otherwise).
 */
export class GroupTable {
  readonly rows: GroupRow[] = [];
  /** Nested maps for cross-tabs: value → index (last dimension) or → Map. */
  private readonly root = new Map<unknown, unknown>();
  /** Single-valued: the group of record j. */
  first = new Int32Array(0);
  /** Multi-valued: groups of record j are list[start[j] .. start[j + 1]). */
  start = new Int32Array(1);
  list = new Int32Array(0);
  readonly multi: boolean;
  private scratch: GroupValue[][] = [];

  constructor(
    readonly functionName: string,
    readonly spec: BreakdownSpec,
  ) {
    this.multi = spec.dims.some((d) => d.multi || d.kind === FUNC);
  }

  get size(): number {
    return this.rows.length;
  }

  /**
   * Assigns the records of a batch to groups. A key function that throws (`callback_failed`) or a key value
   * that is not a string, number, boolean or null (`invalid_value`) is recorded in `failures` by batch index
   * (the driver throws it or excludes the record); the record is then in the null group.
   */
  assign(src: KeySource, failures: Map<number, Invalid>): void {
    const { n } = src;
    const dims = this.spec.dims;
    if (this.first.length < n) this.first = new Int32Array(n);
    if (this.multi && this.start.length < n + 1) this.start = new Int32Array(n + 1);
    const instants = dims.map((d) => (d.kind === BUCKET ? src.instant(d.field) : undefined));
    let listLen = 0;
    const scratch = this.scratch;
    while (scratch.length < dims.length) scratch.push([]);
    const startsScratch: number[] = new Array(dims.length).fill(NaN);
    for (let j = 0; j < n; j++) {
      const readable = src.readable(j);
      const record = src.records[src.base + j];
      // Values per dimension.
      for (let d = 0; d < dims.length; d++) {
        const dim = dims[d] as Dim;
        const out = scratch[d] as GroupValue[];
        out.length = 0;
        // Key functions see every valid record (a bare survey score too) and every bad one that is an object
        // (its group is still known); the reader's instants and attributions exist only for valid records.
        if (!readable && (dim.kind === FUNC ? record === null || typeof record !== 'object' : dim.kind !== FIELD)) {
          out.push(null);
          continue;
        }
        if (dim.kind === FIELD) {
          const obj = record !== null && typeof record === 'object' ? (record as Record<string, unknown>) : undefined;
          let v: unknown = obj === undefined ? undefined : obj[dim.field];
          if (dim.custom !== undefined) {
            v = v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, dim.custom) ? (v as Record<string, unknown>)[dim.custom] : undefined;
          }
          pushValues(dim, v, out, j, failures);
        } else if (dim.kind === FUNC) {
          let v: unknown;
          try {
            v = (dim.fn as KeyFunction<unknown>)(record);
          } catch (err) {
            const rule = new Invalid('callback_failed', 'by', `the by key function threw ${err instanceof Error ? `${err.name}: ${err.message}` : describe(err)}`, err);
            if (!failures.has(j)) failures.set(j, rule);
            out.push(null);
            continue;
          }
          pushValues(dim, v, out, j, failures);
        } else if (dim.kind === BUCKET) {
          const t = (instants[d] as ArrayLike<number>)[j] as number;
          if (t !== t) out.push(null);
          else {
            const s = floorToBucket(dim.zone as ZoneInfo, dim.interval, dim.weekStartsOn, t);
            out.push(s);
          }
        } else {
          const v = src.derived(dim.field, j);
          out.push(v === undefined || v === '' ? null : v);
        }
      }
      // Combinations → group indices.
      if (!this.multi) {
        this.first[j] = this.indexOf(scratch);
      } else {
        this.start[j] = listLen;
        listLen = this.combinations(scratch, 0, this.root, listLen, startsScratch);
        this.start[j + 1] = listLen;
      }
    }
    if (this.multi) this.start[n] = listLen;
  }

  private indexOf(values: GroupValue[][]): number {
    const dims = this.spec.dims;
    let map = this.root;
    for (let d = 0; d < dims.length; d++) {
      const v = (values[d] as GroupValue[])[0] as GroupValue;
      const last = d === dims.length - 1;
      const hit = map.get(v);
      if (last) {
        if (hit !== undefined) return hit as number;
        return this.register(values.map((vs) => vs[0] as GroupValue), map, v);
      }
      let next = hit as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        map.set(v, next);
      }
      map = next;
    }
    return -1;
  }

  private combinations(values: GroupValue[][], d: number, map: Map<unknown, unknown>, len: number, path: number[]): number {
    const dims = this.spec.dims;
    const vs = values[d] as GroupValue[];
    const last = d === dims.length - 1;
    for (let k = 0; k < vs.length; k++) {
      const v = vs[k] as GroupValue;
      path[d] = k;
      if (last) {
        let g = map.get(v) as number | undefined;
        if (g === undefined) g = this.register(dims.map((_, dd) => (values[dd] as GroupValue[])[path[dd] as number] as GroupValue), map, v);
        if (len >= this.list.length) {
          const grown = new Int32Array(Math.max(64, this.list.length * 2));
          grown.set(this.list);
          this.list = grown;
        }
        this.list[len++] = g;
      } else {
        let next = map.get(v) as Map<unknown, unknown> | undefined;
        if (next === undefined) {
          next = new Map();
          map.set(v, next);
        }
        len = this.combinations(values, d + 1, next, len, path);
      }
    }
    return len;
  }

  private register(values: GroupValue[], map: Map<unknown, unknown>, v: GroupValue): number {
    const g = this.rows.length;
    const dims = this.spec.dims;
    const starts: number[] = [];
    const shown: GroupValue[] = values.map((x, d) => {
      const dim = dims[d] as Dim;
      if (dim.kind === BUCKET && typeof x === 'number') {
        starts[d] = x;
        return bucketLabel(dim.zone as ZoneInfo, dim.interval, x);
      }
      starts[d] = NaN;
      return x;
    });
    this.rows.push({ values: shown, starts });
    map.set(v, g);
    return g;
  }

  private interned: Map<string, number> | undefined = undefined;

  /** The shown values and bucket starts (NaN: not a bucket) of group g. */
  row(g: number): { readonly values: readonly GroupValue[]; readonly starts: readonly number[] } {
    return this.rows[g] as GroupRow;
  }

  /**
   * The index of the group with these shown values and bucket starts (a group of another table of the same
   * spec: a chunk's, or a saved state's), added when it is new (the incremental API merges groups by key).
   */
  intern(values: readonly GroupValue[], starts: readonly number[]): number {
    if (this.interned === undefined) {
      this.interned = new Map();
      for (let g = 0; g < this.rows.length; g++) this.interned.set(internKey((this.rows[g] as GroupRow).values, (this.rows[g] as GroupRow).starts), g);
    }
    const k = internKey(values, starts);
    let g = this.interned.get(k);
    if (g === undefined) {
      g = this.rows.length;
      this.rows.push({ values: values.slice(), starts: starts.slice() });
      this.interned.set(k, g);
    }
    return g;
  }

  /** Group indices in the documented order. */
  order(): number[] {
    const dims = this.spec.dims;
    const idx = this.rows.map((_, g) => g);
    idx.sort((a, b) => {
      const ra = this.rows[a] as GroupRow;
      const rb = this.rows[b] as GroupRow;
      for (let d = 0; d < dims.length; d++) {
        const sa = ra.starts[d] as number;
        const sb = rb.starts[d] as number;
        let c: number;
        if (sa === sa || sb === sb) c = sa !== sa ? 1 : sb !== sb ? -1 : sa - sb;
        else c = compareValues(ra.values[d] as GroupValue, rb.values[d] as GroupValue);
        if (c !== 0) return c;
      }
      return 0;
    });
    return idx;
  }

  /** The value of dimension d in group g (the bucket's label for a time bucket). */
  value(g: number, d: number): GroupValue {
    return (this.rows[g] as GroupRow).values[d] as GroupValue;
  }

  /** The key of group g: `{ <dimension>: value }`, built with Object.fromEntries (names are data). */
  key(g: number): GroupKey {
    const row = this.rows[g] as GroupRow;
    return Object.fromEntries(this.spec.dims.map((d, k) => [d.name, row.values[k] as GroupValue])) as GroupKey;
  }
}

/** A group's identity as text: a bucket by its start, any other value by its type and value. */
function internKey(values: readonly GroupValue[], starts: readonly number[]): string {
  return JSON.stringify(values.map((v, d) => (starts[d] === starts[d] ? ['t', starts[d]] : [v === null ? 'null' : typeof v, v])));
}

/** Pushes the group values of one field or key-function result (arrays: each distinct value once). */
function pushValues(dim: Dim, v: unknown, out: GroupValue[], j: number, failures: Map<number, Invalid>): void {
  if (Array.isArray(v) && (dim.multi || dim.kind === FUNC)) {
    for (let k = 0; k < v.length; k++) {
      const x = normalise(dim, v[k], j, failures);
      if (x !== null && !out.includes(x)) out.push(x);
    }
    if (out.length === 0) out.push(null);
    return;
  }
  out.push(normalise(dim, v, j, failures));
}

function normalise(dim: Dim, v: unknown, j: number, failures: Map<number, Invalid>): GroupValue {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v === 0 ? 0 : v;
  const rule = new Invalid('invalid_value', dim.kind === FUNC ? 'by' : dim.name, `a group key must be a string, a finite number, a boolean or null, got ${describe(v)}`);
  if (!failures.has(j)) failures.set(j, rule);
  return null;
}
