/**
 * Reading vendor records: typed field readers that throw `Invalid` naming the field, and the guard that turns
 * a bad record into a {@link MetricsError} (naming the collection, the record and the field) or, under
 * `invalid: 'exclude'`, into an exclusion.
 *
 * @internal
 * @module
 */
import { describe, checkOptionKeys } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import { zoneOption, type InvalidMode } from '../../_lib/tickets.js';
import type { ZoneInfo } from '../../calendar/timeZone.js';
import { MetricsError } from '../../results/errors.js';
import type { InvalidReason } from '../../results/excluded.js';
import type { ImportLog, ImportRecordRef } from './result.js';

/** @internal A vendor record: any object. */
export type Raw = Readonly<Record<string, unknown>>;

/** @internal The top-level record an error is reported against. */
export interface TopRecord {
  readonly collection: string;
  readonly index: number;
  readonly id?: string | undefined;
}

/** @internal Options every importer takes. */
export interface CommonOptions {
  readonly invalid?: InvalidMode;
}

/** @internal Checks the options object and reads `invalid` (and `timeZone` when `zoneKey` is given). */
export function readCommonOptions(
  functionName: string,
  options: unknown,
  known: readonly string[],
): { invalid: InvalidMode; zone: ZoneInfo | undefined } {
  checkOptionKeys(functionName, options, known);
  const o = (options ?? {}) as { invalid?: unknown; timeZone?: unknown };
  const invalid = o.invalid ?? 'throw';
  if (invalid !== 'throw' && invalid !== 'exclude') {
    throw new MetricsError({ code: 'invalid_option', functionName, field: 'invalid', rule: `must be 'throw' or 'exclude', got ${describe(invalid)}` });
  }
  const zone = known.includes('timeZone') ? zoneOption(functionName, o.timeZone) : undefined;
  return { invalid, zone };
}

/** @internal Throws `invalid_argument` unless `value` is an array (or, when optional, undefined). */
export function collection(functionName: string, value: unknown, name: string, optional: boolean): readonly unknown[] {
  if (value === undefined && optional) return [];
  if (!Array.isArray(value)) {
    throw new MetricsError({
      code: 'invalid_argument',
      functionName,
      field: name,
      rule: `${name} must be an array${optional ? ' when given' : ''}, got ${describe(value)}`,
    });
  }
  return value;
}

/** @internal Throws `invalid_argument` unless `value` is a plain object. */
export function inputObject(functionName: string, value: unknown, name: string): Raw {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MetricsError({ code: 'invalid_argument', functionName, field: name, rule: `${name} must be an object of collections, got ${describe(value)}` });
  }
  return value as Raw;
}

/**
 * @internal Runs `fn` on one record. An {@link Invalid} it throws becomes a {@link MetricsError} in `'throw'`
 * mode (reported against `top`, the field prefixed with `prefix`), or an exclusion of `ref` as
 * `invalid:<code>`; returns false then. Any other error passes through.
 */
export function guard(
  log: ImportLog,
  invalid: InvalidMode,
  top: TopRecord,
  ref: ImportRecordRef,
  prefix: string,
  fn: () => void,
): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const field = e.field === undefined ? (prefix === '' ? undefined : prefix.replace(/\.$/, '')) : `${prefix}${e.field}`;
    if (invalid === 'throw') {
      throw new MetricsError({
        code: e.code,
        functionName: log.functionName,
        collection: top.collection,
        recordIndex: top.index,
        recordId: top.id,
        field,
        rule: e.rule,
      });
    }
    log.exclude(`invalid:${e.code}` as InvalidReason, ref, field === undefined ? e.rule : `${field}: ${e.rule}`);
    return false;
  }
}

/** @internal `v` as an object, or throws (an entry that is not an object is `invalid_record`). */
export function asObject(v: unknown, field: string | undefined): Raw {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new Invalid(field === undefined ? 'invalid_record' : 'invalid_value', field, `must be an object, got ${describe(v)}`);
  }
  return v as Raw;
}

/** @internal An optional object field (`null` / absent: undefined). */
export function optObject(v: unknown, field: string): Raw | undefined {
  return v === undefined || v === null ? undefined : asObject(v, field);
}

/** @internal An id: a non-empty string or a finite integer, as given. */
export function asId(v: unknown, field: string): string | number {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (v === undefined || v === null) throw new Invalid('missing_field', field, 'an id is required');
  throw new Invalid('invalid_value', field, `must be a non-empty string or a whole number, got ${describe(v)}`);
}

/** @internal An optional id, as a string (`null` / absent: undefined). */
export function optIdString(v: unknown, field: string): string | undefined {
  return v === undefined || v === null ? undefined : String(asId(v, field));
}

/** @internal The id label of a raw record's `key`, for references; never throws. */
export function idLabel(raw: unknown, key = 'id'): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const v = (raw as Raw)[key];
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** @internal A string field (absent: `missing_field`). */
export function asString(v: unknown, field: string): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) throw new Invalid('missing_field', field, 'a string is required');
  throw new Invalid('invalid_value', field, `must be a string, got ${describe(v)}`);
}

/** @internal An optional string field; the empty string counts as absent. */
export function optString(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return asString(v, field);
}

/** @internal An optional boolean field. */
export function optBool(v: unknown, field: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new Invalid('invalid_value', field, `must be a boolean, got ${describe(v)}`);
  return v;
}

/** @internal An optional whole number ≥ 0. */
export function optCount(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new Invalid('invalid_value', field, `must be a whole number ≥ 0, got ${describe(v)}`);
  }
  return v;
}

/** @internal An optional array field. */
export function optArray(v: unknown, field: string): readonly unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new Invalid('invalid_value', field, `must be an array, got ${describe(v)}`);
  return v;
}

/** @internal Tags: an array of strings (non-strings are an error), or a separated string (exports). */
export function optTags(v: unknown, field: string): string[] | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    const parts = v.split(/[\s,]+/).filter((s) => s.length > 0);
    return parts.length === 0 ? undefined : parts;
  }
  const list = optArray(v, field) as readonly unknown[];
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (typeof t !== 'string') throw new Invalid('invalid_value', `${field}[${i}]`, `a tag must be a string, got ${describe(t)}`);
    out.push(t);
  }
  return out;
}

/** @internal A reference to record `index` of `collection`. */
export function ref(collection: string, index: number, raw: unknown, kind?: string, ticketId?: string): ImportRecordRef {
  const id = idLabel(raw);
  const r: { collection: string; index: number; id?: string; kind?: string; ticketId?: string } = { collection, index };
  if (id !== undefined) r.id = id;
  if (kind !== undefined) r.kind = kind;
  if (ticketId !== undefined) r.ticketId = ticketId;
  return r;
}

/**
 * @internal Keeps one record per id: the latest by `updatedAt(raw)` (ms, NaN when unknown), else the first;
 * the others are excluded as `duplicate`. Records without a usable id are kept (the reader reports them).
 * Returns the indices kept, in input order.
 */
export function dedupe(
  log: ImportLog,
  name: string,
  list: readonly unknown[],
  updatedAt: (raw: unknown) => number,
  idKey = 'id',
): number[] {
  const best = new Map<string, number>();
  const keep: boolean[] = new Array<boolean>(list.length).fill(true);
  for (let i = 0; i < list.length; i++) {
    const id = idLabel(list[i], idKey);
    if (id === undefined) continue;
    const j = best.get(id);
    if (j === undefined) {
      best.set(id, i);
      continue;
    }
    const later = updatedAt(list[i]) > updatedAt(list[j]);
    const loser = later ? j : i;
    if (later) best.set(id, i);
    keep[loser] = false;
    log.exclude('duplicate', ref(name, loser, list[loser]), `another record has id ${JSON.stringify(id)}`);
  }
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) if (keep[i]) out.push(i);
  return out;
}

/** @internal A custom field value as the model holds it: scalars as given, lists joined with commas. */
export function fieldValue(v: unknown, field: string): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(',');
  throw new Invalid('invalid_value', field, `must be a string, number, boolean, list or null, got ${describe(v)}`);
}

/**
 * @internal Runs `body` on each record of `collection` kept by {@link dedupe}, inside {@link guard}: a bad
 * record becomes an error or an `invalid:<code>` exclusion. `kindKey` names the field that holds the record's
 * kind (for the references).
 */
export function eachRecord(
  log: ImportLog,
  invalid: InvalidMode,
  list: readonly unknown[],
  collection: string,
  updatedAt: (raw: unknown) => number,
  body: (record: Raw, ref: ImportRecordRef, top: TopRecord) => void,
  kindKey?: string,
): void {
  for (const i of dedupe(log, collection, list, updatedAt)) {
    const raw = list[i];
    const k = kindKey === undefined || raw === null || typeof raw !== 'object' ? undefined : (raw as Raw)[kindKey];
    const kind = typeof k === 'string' ? k : typeof k === 'number' ? String(k) : undefined;
    const top = { collection, index: i, id: idLabel(raw) };
    const r = ref(collection, i, raw, kind);
    guard(log, invalid, top, r, '', () => body(asObject(raw, undefined), r, top));
  }
}

/** @internal An object of custom attributes (`{ name: value }`) as the model's `fields`; empty or absent: undefined. */
export function objectFields(v: unknown, field: string): Record<string, string | number | boolean | null> | undefined {
  const o = optObject(v, field);
  if (o === undefined) return undefined;
  const entries = Object.entries(o).map(([k, x]) => [k, fieldValue(x, `${field}.${k}`)] as const);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/**
 * @internal The collections of an importer's input object: each checked to be an array (`required` ones always,
 * the others when given) and declared to the log (the optional ones only when given). Returns them, absent ones
 * as empty lists, and whether each was given.
 */
export function collections<K extends string>(
  functionName: string,
  log: ImportLog,
  input: unknown,
  spec: Readonly<Record<K, 'required' | 'optional'>>,
): { lists: Record<K, readonly unknown[]>; given: (name: K) => boolean } {
  const src = inputObject(functionName, input, 'input');
  const lists = {} as Record<K, readonly unknown[]>;
  for (const name of Object.keys(spec) as K[]) {
    const required = spec[name] === 'required';
    lists[name] = collection(functionName, src[name], name, !required);
    if (required || src[name] !== undefined) log.input(name, lists[name].length);
  }
  return { lists, given: (name) => src[name] !== undefined };
}
