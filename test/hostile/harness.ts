/**
 * The contract every public function keeps under hostile input, and the standard hostile properties run for
 * every function (test/hostile/*.test.ts register theirs with {@link describeHostile}).
 *
 * The contract of one call: it returns a result or throws a {@link MetricsError} whose message names the
 * function and whose `field` says what is at fault — never a TypeError, RangeError, plain Error, never a hang.
 * A result holds no NaN, ±Infinity or −0 (nor a −0 or non-finite Decimal), no object whose prototype is not
 * Object.prototype, Array.prototype or null (a Date or a Decimal apart), no function, and serialises to JSON;
 * every `excluded` in it adds up (`total` = Σ `byReason`, one listed id per excluded record).
 *
 * A throwing getter or proxy in the input is the user's bug: its error may come out raw or wrapped.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describe as printValue } from '../../src/_lib/options.js';
import { MetricsError, type MetricsErrorCode } from '../../src/results/errors.js';
import { fcParams } from '../support/fc.js';
import { copyData, dataValueArb, hostileValueArb, isUserBug } from './arbitraries.js';
import { keysOf } from './registry.js';

/** Runs per standard property at FC_RUNS_SCALE = 1 (see {@link RUNS_PER_FUNCTION}). */
export const RUNS = { anyArguments: 40, optionsObject: 20, optionValue: 60, randomTypo: 25, records: 80 } as const;
/** Property runs per function at the default scale (the record property counted once). */
export const RUNS_PER_FUNCTION = Object.values(RUNS).reduce((a, b) => a + b, 0);
/** Timeout of a property test (ms): generous for a loaded 2-core machine, small inputs keep them fast. */
export const PROPERTY_TIMEOUT = 20_000;

export const CODES: readonly MetricsErrorCode[] = [
  'invalid_argument',
  'invalid_option',
  'invalid_record',
  'missing_field',
  'invalid_timestamp',
  'missing_offset',
  'unknown_time_zone',
  'event_before_creation',
  'unknown_status',
  'invalid_value',
  'conflicting_fields',
  'duplicate_id',
  'out_of_range',
  'mixed_currencies',
  'inconsistent',
  'callback_failed',
  'epoch_seconds',
  'internal',
];

/** Codes for which the record as a whole is at fault, so no `field` is required. */
const NO_FIELD_CODES: readonly MetricsErrorCode[] = ['invalid_record', 'internal'];

function typeName(e: unknown): string {
  if (e instanceof Error) return e.constructor.name;
  return e === null ? 'null' : typeof e;
}

/** Asserts that `e` is a MetricsError raised by `fn` as the contract says. */
export function checkError(fn: string, e: unknown): asserts e is MetricsError {
  if (!(e instanceof MetricsError)) {
    const msg = e instanceof Error ? e.message : String(typeof e === 'symbol' ? 'a symbol' : e);
    throw new Error(`${fn} threw ${typeName(e)}, not a MetricsError: ${msg.slice(0, 300)}`);
  }
  const problems: string[] = [];
  if (e.functionName !== fn) problems.push(`functionName is ${JSON.stringify(e.functionName)}`);
  if (!e.message.startsWith(`${fn}: `)) problems.push('the message does not start with the function name');
  if (!CODES.includes(e.code)) problems.push(`unknown code ${String(e.code)}`);
  if (!NO_FIELD_CODES.includes(e.code) && (typeof e.field !== 'string' || e.field.length === 0)) problems.push(`no field for code ${e.code}`);
  if (/\ba (object|undefined|array|Array)\b/.test(e.message)) problems.push('the message says "a object"/"a undefined"');
  if (/(\b\w+\[\d+\]): \1:/.test(e.message)) problems.push('the message names the record twice');
  if (e.message.length > 1000) problems.push(`the message is ${e.message.length} characters long (values must be printed with describe())`);
  if (problems.length > 0) throw new Error(`${fn}: bad MetricsError (${problems.join('; ')}): ${e.message.slice(0, 300)}`);
}

/** Asserts that a message printing `value` for `field` prints it faithfully (as describe() does). */
export function checkFaithful(e: MetricsError, value: unknown): void {
  const m = e.message;
  if (typeof value === 'number' && !Number.isFinite(value) && /\bnull\b/.test(m)) {
    throw new Error(`${e.functionName}: ${String(value)} printed as null: ${m.slice(0, 300)}`);
  }
  const at = m.lastIndexOf('got ');
  if (at >= 0) {
    const shown = m.slice(at + 4);
    const want = printValue(value);
    if (!shown.startsWith(want)) throw new Error(`${e.functionName}: ${want} printed as "got ${shown.slice(0, 60)}": ${m.slice(0, 300)}`);
  }
}

/** Problems of a returned value (empty when it keeps the contract). */
export function resultProblems(value: unknown): string[] {
  const problems: string[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (problems.length > 5) return;
    switch (typeof v) {
      case 'number':
        if (Number.isNaN(v)) problems.push(`${path} is NaN`);
        else if (!Number.isFinite(v)) problems.push(`${path} is ${v}`);
        else if (Object.is(v, -0)) problems.push(`${path} is -0`);
        return;
      case 'bigint':
        problems.push(`${path} is a bigint`);
        return;
      case 'symbol':
        problems.push(`${path} is a symbol`);
        return;
      case 'function':
        problems.push(`${path} is a function`);
        return;
      case 'object':
        break;
      default:
        return;
    }
    if (v === null || seen.has(v)) return;
    seen.add(v);
    if (Decimal.isDecimal(v)) {
      const d = v as Decimal;
      if (!d.isFinite()) problems.push(`${path} is the Decimal ${d.toString()}`);
      else if (d.isZero() && d.isNegative()) problems.push(`${path} is the Decimal -0`);
      return;
    }
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) problems.push(`${path} is an Invalid Date`);
      return;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
      const name = proto !== null && typeof proto === 'object' && typeof (proto as { constructor?: unknown }).constructor === 'function' ? ((proto as { constructor: { name: string } }).constructor.name || 'anonymous') : printValue(proto);
      problems.push(`${path} has the prototype ${name}`);
    }
    for (const key of Object.keys(v)) walk((v as Record<string, unknown>)[key], `${path}.${key}`);
  };
  walk(value, 'result');
  if (problems.length === 0) {
    try {
      JSON.stringify(value);
    } catch (e) {
      problems.push(`JSON.stringify(result) threw ${typeName(e)}: ${(e as Error).message}`);
    }
  }
  return problems;
}

/** Every `excluded` ledger in a result, with its path. */
export function ledgersOf(value: unknown): Array<[string, { total: number; byReason: Record<string, number>; ids: Record<string, string[]> }]> {
  const out: Array<[string, { total: number; byReason: Record<string, number>; ids: Record<string, string[]> }]> = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (v === null || typeof v !== 'object' || seen.has(v) || Decimal.isDecimal(v)) return;
    seen.add(v);
    for (const key of Object.keys(v)) {
      const child = (v as Record<string, unknown>)[key];
      if (key === 'excluded' && child !== null && typeof child === 'object' && 'total' in child) {
        out.push([`${path}.excluded`, child as never]);
      } else walk(child, `${path}.${key}`);
    }
  };
  walk(value, 'result');
  return out;
}

/** Asserts that every ledger adds up. With `aggregated`, a listed id may stand for several records. */
export function checkLedgers(value: unknown, aggregated = false): void {
  for (const [path, l] of ledgersOf(value)) {
    const reasons = Object.keys(l.byReason);
    const sum = reasons.reduce((s, r) => s + (l.byReason[r] as number), 0);
    if (sum !== l.total) throw new Error(`${path}: total ${l.total} but byReason adds up to ${sum}`);
    const records = (l as unknown as { records?: ReadonlyArray<{ reason: string }> }).records;
    if (l.ids === undefined && Array.isArray(records)) {
      // An importer's ledger lists its records (collection, index, id, detail) rather than ids by reason.
      for (const r of reasons) {
        const n = records.filter((x) => x.reason === r).length;
        if (n !== l.byReason[r]) throw new Error(`${path}: reason ${JSON.stringify(r)} counts ${l.byReason[r]} but lists ${n} records`);
      }
      if (records.length !== l.total) throw new Error(`${path}: total ${l.total} but ${records.length} records listed`);
      continue;
    }
    for (const r of reasons) {
      const ids = Object.prototype.hasOwnProperty.call(l.ids, r) ? l.ids[r] : undefined;
      if (!Array.isArray(ids)) throw new Error(`${path}.ids has no list for reason ${JSON.stringify(r)}`);
      if (aggregated ? ids.length > (l.byReason[r] as number) : ids.length !== l.byReason[r]) {
        throw new Error(`${path}: reason ${JSON.stringify(r)} counts ${l.byReason[r]} but lists ${ids.length} ids`);
      }
    }
  }
}

/** Asserts included + excluded = input. */
export function checkAccount(fn: string, what: string, included: number, excluded: number, input: number): void {
  if (included + excluded !== input) {
    throw new Error(`${fn}: ${what} ${included} + excluded ${excluded} = ${included + excluded}, but the input has ${input}`);
  }
}

export interface ContractOptions {
  /** The call ran under `invalid: 'exclude'`: a bad record must become an exclusion, not an error. */
  readonly exclude?: boolean;
  /** Collections that stay strict under `invalid: 'exclude'` (cost lines). */
  readonly strictCollections?: readonly string[];
  /** Ledgers may list one id for several records (interval rows). */
  readonly aggregated?: boolean;
}

export type Outcome = { readonly kind: 'result'; readonly value: unknown } | { readonly kind: 'error'; readonly error: MetricsError } | { readonly kind: 'userBug' };

/** Runs `thunk` (a call of `fn`) and asserts the contract; returns what happened for further checks. */
export function expectContract(fn: string, thunk: () => unknown, o: ContractOptions = {}): Outcome {
  let value: unknown;
  try {
    value = thunk();
  } catch (e) {
    if (isUserBug(e)) return { kind: 'userBug' };
    checkError(fn, e);
    if (o.exclude === true && e.recordIndex !== undefined && e.code !== 'callback_failed' && !(o.strictCollections ?? []).some((c) => e.message.startsWith(`${fn}: ${c}[`))) {
      throw new Error(`${fn}: under invalid: 'exclude' a bad record threw instead of being excluded: ${e.message.slice(0, 300)}`);
    }
    return { kind: 'error', error: e };
  }
  const problems = resultProblems(value);
  if (problems.length > 0) throw new Error(`${fn}: the result breaks the contract: ${problems.join('; ')}`);
  checkLedgers(value, o.aggregated === true);
  return { kind: 'result', value };
}

/** Asserts that no object of the result is an object of the input (a caller mutating one changes the other). */
export function checkNoAliasing(fn: string, input: unknown, result: unknown): void {
  const mine = new Set<object>();
  const collect = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || mine.has(v)) return;
    mine.add(v);
    if (!Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) return;
    for (const k of Object.keys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (d !== undefined && 'value' in d) collect(d.value); // never call a getter of the input
    }
  };
  collect(input);
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (v === null || typeof v !== 'object' || seen.has(v) || Decimal.isDecimal(v)) return;
    seen.add(v);
    if (mine.has(v)) throw new Error(`${fn}: ${path} is an object of the input (aliasing)`);
    for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], `${path}.${k}`);
  };
  walk(result, 'result');
}

// ---- unknown option keys ----

/** Optimal string alignment distance, case-sensitive (a case change is a typo too). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      let v = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Deterministic one-edit misspellings of `key`: a deletion, an insertion, a substitution, a transposition, a case change. */
export function typoVariants(key: string, known: readonly string[]): string[] {
  const mid = Math.floor(key.length / 2);
  const sub = (c: string): string => (c === 'e' ? 'a' : c === 'a' ? 'e' : c === 's' ? 'z' : 'e');
  const candidates = [
    key.slice(0, mid) + key.slice(mid + 1), // deletion
    key.slice(0, mid) + (key[mid] ?? 'x') + key.slice(mid), // doubled letter
    key.slice(0, mid) + sub(key[mid] ?? 'x') + key.slice(mid + 1), // substitution
    key.length > 2 ? key.slice(0, mid - 1) + (key[mid] ?? '') + (key[mid - 1] ?? '') + key.slice(mid + 1) : `${key}s`, // transposition
    (key[0] === (key[0] ?? '').toUpperCase() ? (key[0] ?? '').toLowerCase() : (key[0] ?? '').toUpperCase()) + key.slice(1), // case
    `${key}s`, // plural
  ];
  return [...new Set(candidates)].filter((k) => k.length > 0 && k !== key && !known.includes(k));
}

/** A random one-edit misspelling of one of `keys` (not itself a known key). */
export function randomTypoArb(keys: readonly string[], known: readonly string[]): fc.Arbitrary<[string, string]> {
  return fc
    .tuple(fc.constantFrom(...keys), fc.constantFrom('delete', 'insert', 'substitute', 'transpose'), fc.nat(), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0'.split('')))
    .map(([key, op, pos, ch]): [string, string] => {
      const i = pos % (key.length + (op === 'insert' ? 1 : 0));
      let typo: string;
      if (op === 'delete') typo = key.slice(0, i) + key.slice(i + 1);
      else if (op === 'insert') typo = key.slice(0, i) + ch + key.slice(i);
      else if (op === 'substitute') typo = key.slice(0, i) + ch + key.slice(i + 1);
      else typo = i + 1 < key.length ? key.slice(0, i) + (key[i + 1] as string) + (key[i] as string) + key.slice(i + 2) : key.slice(0, -2) + key.slice(-1) + key.slice(-2, -1);
      return [key, typo];
    })
    .filter(([key, typo]) => typo.length > 0 && typo !== key && !known.includes(typo) && typo !== '__proto__');
}

/**
 * Asserts that `thunk` (a call with the unknown key `typo` at `path`) is rejected as an `invalid_option` whose rule
 * says "unknown option" (decision: one code for every wrong option), naming the key and a nearest known one.
 */
export function expectUnknownOption(fn: string, thunk: () => unknown, typo: string, known: readonly string[], path?: string): void {
  const outcome = expectContract(fn, thunk);
  const field = path === undefined ? typo : `${path}.${typo}`;
  if (outcome.kind !== 'error') throw new Error(`${fn}: the misspelled option ${field} was ignored (${outcome.kind === 'result' ? 'a result came back' : 'user bug'})`);
  const e = outcome.error;
  if ((e.code !== 'invalid_option' && e.code !== 'invalid_argument') || e.field !== field || !/unknown/.test(e.rule)) {
    throw new Error(`${fn}: the misspelled option ${field} gave ${e.code} on ${String(e.field)}, not an unknown-option error on ${field}: ${e.message.slice(0, 200)}`);
  }
  const best = Math.min(...known.map((k) => editDistance(typo, k)));
  const nearest = known.filter((k) => editDistance(typo, k) === best);
  if (best <= 2 && !nearest.some((k) => e.message.includes(`"${k}"`))) {
    throw new Error(`${fn}: the message for ${field} does not suggest ${nearest.join(' or ')}: ${e.message}`);
  }
}

// ---- the standard properties ----

/** How to call one public function for the standard hostile properties. */
export interface FnSpec {
  readonly name: string;
  /** Calls the function with the whole argument list. */
  readonly call: (...args: unknown[]) => unknown;
  readonly arity: number;
  /** Valid arguments before the options argument, made afresh (`[tickets]`, `[costs, contacts]`, `[]`). */
  readonly valid: () => unknown[];
  /** The position of the options argument (absent: the function takes none). */
  readonly optionsIndex?: number;
  /** Options every call needs (`at`, `interval`, `timeZone`, ...). */
  readonly base?: Readonly<Record<string, unknown>>;
  /** Every documented option key with a valid value. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Documented keys of option values that are objects, with a valid object (`period: { from, to }`). */
  readonly nested?: Readonly<Record<string, { readonly keys: readonly string[]; readonly valid: Readonly<Record<string, unknown>> }>>;
  /** Other option keys an error about a key may name (`to` → `from`: "from is after to"). */
  readonly related?: Readonly<Record<string, readonly string[]>>;
  /** The valid records argument is treated under `invalid: 'exclude'` when the options say so. */
  readonly strictCollections?: readonly string[];
}

function optionsWith(spec: FnSpec, extra: Record<string, unknown>): unknown[] {
  const args = spec.valid();
  const opts = { ...copyData(spec.base ?? {}), ...extra };
  args[spec.optionsIndex as number] = opts;
  return args;
}

/** Sets one option, or one key of a nested option, to `value`. */
function withKey(spec: FnSpec, key: string, value: unknown): Record<string, unknown> {
  const dot = key.indexOf('.');
  if (dot < 0) return { [key]: value };
  const outer = key.slice(0, dot);
  const inner = key.slice(dot + 1);
  const nested = spec.nested?.[outer];
  return { [outer]: { ...copyData(nested?.valid ?? {}), [inner]: value } };
}

/** The option keys of a spec, nested ones as `outer.inner`. */
export function optionKeys(spec: FnSpec): string[] {
  const keys = Object.keys(spec.options ?? {});
  for (const [outer, n] of Object.entries(spec.nested ?? {})) for (const k of n.keys) keys.push(`${outer}.${k}`);
  return keys;
}

/** Returns `options` after checking that its keys are exactly the documented option keys of `name` (registry.ts). */
export function documentedOptions<T extends Record<string, unknown>>(name: string, options: T): T {
  const documented = [...keysOf(name)].sort();
  const given = Object.keys(options).sort();
  if (JSON.stringify(documented) !== JSON.stringify(given)) throw new Error(`${name}: the spec's options ${given.join(',')} are not the documented ${documented.join(',')}`);
  return options;
}

/** Names `describe` blocks by function, so that coverage.test.ts can find them. */
export function describeHostile(name: string, body: () => void): void {
  describe(`hostile ${name}`, body);
}

/** The standard hostile properties of one function (inside its {@link describeHostile} block). */
export function standardProperties(spec: FnSpec): void {
  const fn = spec.name;
  it('any value in any argument: a result or a MetricsError', () => {
    fc.assert(
      fc.property(fc.array(hostileValueArb, { minLength: spec.arity, maxLength: spec.arity }), (args) => {
        expectContract(fn, () => spec.call(...args));
      }),
      fcParams(RUNS.anyArguments),
    );
  }, PROPERTY_TIMEOUT);

  if (spec.optionsIndex === undefined || spec.options === undefined) return;
  const known = Object.keys(spec.options);

  it('each documented option with a valid value gives a result that shares no object with the arguments (and the spec is valid)', () => {
    for (const key of optionKeys(spec)) {
      const dot = key.indexOf('.');
      const value = dot < 0 ? spec.options?.[key] : spec.nested?.[key.slice(0, dot)]?.valid[key.slice(dot + 1)];
      const args = optionsWith(spec, withKey(spec, key, copyData(value)));
      const outcome = expectContract(fn, () => spec.call(...args));
      if (outcome.kind !== 'result') throw new Error(`${fn}: the valid value of ${key} was refused: ${outcome.kind === 'error' ? outcome.error.message : 'user bug'}`);
      checkNoAliasing(fn, args, outcome.value);
    }
  });

  it('an options argument of any kind: a result or a MetricsError; one that is not an object of options is an error', () => {
    fc.assert(
      fc.property(hostileValueArb, (opts) => {
        const args = spec.valid();
        args[spec.optionsIndex as number] = opts;
        const outcome = expectContract(fn, () => spec.call(...args));
        const notOptions = opts === null || (typeof opts !== 'object' && opts !== undefined) || Array.isArray(opts) || opts instanceof Date;
        if (notOptions && outcome.kind === 'result') throw new Error(`${fn}: ${printValue(opts)} as the options argument was taken for no options`);
      }),
      fcParams(RUNS.optionsObject),
    );
  }, PROPERTY_TIMEOUT);

  const keys = optionKeys(spec);
  it('every option (and nested option) given any value: a result or a MetricsError naming it, printing the value faithfully', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), dataValueArb, (key, value) => {
        const outcome = expectContract(fn, () => spec.call(...optionsWith(spec, withKey(spec, key, value))));
        if (outcome.kind !== 'error') return;
        const e = outcome.error;
        if (e.recordIndex !== undefined) return; // the option changed how a record reads
        const outer = key.split('.')[0] as string;
        const allowed = [key, outer, ...(spec.related?.[outer] ?? [])];
        const f = e.field ?? '';
        if (!allowed.some((k) => f === k || f.startsWith(`${k}.`) || f.startsWith(`${k}[`))) {
          throw new Error(`${fn}: a bad ${key} was reported on field ${JSON.stringify(e.field)}: ${e.message.slice(0, 200)}`);
        }
        if (f === key) checkFaithful(e, value);
      }),
      fcParams(RUNS.optionValue),
    );
  }, PROPERTY_TIMEOUT);

  it('every option key with one typo is rejected, naming the nearest known key', () => {
    const failures: string[] = [];
    for (const key of known) {
      for (const typo of typoVariants(key, known)) {
        try {
          expectUnknownOption(fn, () => spec.call(...optionsWith(spec, { [typo]: copyData(spec.options?.[key]) })), typo, known);
        } catch (e) {
          failures.push((e as Error).message);
        }
      }
    }
    for (const [outer, n] of Object.entries(spec.nested ?? {})) {
      for (const key of n.keys) {
        for (const typo of typoVariants(key, n.keys)) {
          try {
            expectUnknownOption(fn, () => spec.call(...optionsWith(spec, { [outer]: { ...copyData(n.valid), [typo]: copyData(n.valid[key]) } })), typo, n.keys, outer);
          } catch (e) {
            failures.push((e as Error).message);
          }
        }
      }
    }
    expect(failures, `${failures.length} misspelled keys not rejected; first: ${failures[0] ?? ''}`).toEqual([]);
  }, PROPERTY_TIMEOUT);

  it('a random one-edit typo of an option key is rejected', () => {
    fc.assert(
      fc.property(randomTypoArb(known, known), ([key, typo]) => {
        expectUnknownOption(fn, () => spec.call(...optionsWith(spec, { [typo]: copyData(spec.options?.[key]) })), typo, known);
      }),
      fcParams(RUNS.randomTypo),
    );
  }, PROPERTY_TIMEOUT);
}

// ---- checks that must be bounded in time: run in a child process, killed at the deadline ----

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a scenario gave in the child: its JSON result, or the error it threw. */
export type ChildOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly metrics: boolean; readonly name: string; readonly code?: string; readonly field?: string; readonly message: string };

/**
 * Runs `scenario` (test/hostile/scenarios.ts) with `arg` in a child process (512 MB heap) and resolves with its
 * outcome. The child builds the input, says READY, and from then on has `deadlineMs` to finish the call: the
 * promise rejects when it has not (a hang, or a super-linear cost: the sizes are chosen so that a quadratic
 * algorithm takes many times the deadline and a linear one a small part of it), or when the child dies (out of
 * memory). Starting Node and building the input are not counted (they get a minute).
 */
export function runBounded(scenario: string, arg: unknown, deadlineMs: number): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', CHILD, scenario, JSON.stringify(arg ?? null)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: ReturnType<typeof setTimeout> = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${scenario}: the child did not start within a minute`));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      const before = out;
      out += d.toString();
      if (!before.includes('READY\n') && out.includes('READY\n')) {
        clearTimeout(timer);
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${scenario}: did not finish within ${deadlineMs} ms (a hang, or a cost that grows faster than linearly)`));
        }, deadlineMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`${scenario}: the child exited with ${String(code)}: ${err.slice(-600)}`));
        return;
      }
      resolve(JSON.parse(line) as ChildOutcome);
    });
  });
}

/** Timeout of a test around {@link runBounded}: its deadline plus room to start a child on a loaded machine. */
export const boundedTimeout = (deadlineMs: number): number => deadlineMs + 30_000;

/** Asserts that a child outcome is a result and returns its value. */
export function childResult(scenario: string, o: ChildOutcome): Record<string, unknown> {
  if (!o.ok) throw new Error(`${scenario}: threw ${o.metrics ? 'MetricsError' : o.name}: ${o.message.slice(0, 300)}`);
  return o.value as Record<string, unknown>;
}

/**
 * The hostile-records property: `run(records, invalid)` keeps the contract for records from `arb` under both
 * `invalid` modes (a bad record under 'exclude' is an exclusion, not an error); on a result, `account` checks
 * included + excluded = input, the result shares no object with the input, and a second call gives the same.
 */
export function recordsProperty(
  fn: string,
  arb: fc.Arbitrary<unknown>,
  run: (records: unknown, invalid: 'throw' | 'exclude') => unknown,
  account?: (records: unknown, result: Record<string, unknown>) => void,
  o: ContractOptions = {},
): void {
  it('hostile records (both invalid modes): the contract, included + excluded = input, no aliasing, deterministic', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom('throw' as const, 'exclude' as const), (records, invalid) => {
        const outcome = expectContract(fn, () => run(records, invalid), { ...o, exclude: invalid === 'exclude' });
        if (outcome.kind !== 'result') return;
        const value = outcome.value as Record<string, unknown>;
        account?.(records, value);
        checkNoAliasing(fn, records, value);
        const again = expectContract(fn, () => run(records, invalid), o);
        if (again.kind !== 'result' || JSON.stringify(again.value) !== JSON.stringify(value)) throw new Error(`${fn}: a second call on the same input gave another answer`);
      }),
      fcParams(RUNS.records),
    );
  }, PROPERTY_TIMEOUT);
}

/** Asserts that `thunk` throws a MetricsError of `fn` with `code` (and `field` when given); returns it. */
export function expectMetricsError(fn: string, thunk: () => unknown, code: MetricsErrorCode | readonly MetricsErrorCode[], field?: string | RegExp): MetricsError {
  const outcome = expectContract(fn, thunk);
  if (outcome.kind !== 'error') throw new Error(`${fn}: expected a MetricsError ${String(code)}, got ${outcome.kind === 'result' ? `a result ${JSON.stringify(outcome.value)?.slice(0, 200)}` : 'a user bug'}`);
  const e = outcome.error;
  const codes = typeof code === 'string' ? [code] : code;
  if (!codes.includes(e.code)) throw new Error(`${fn}: expected code ${codes.join(' or ')}, got ${e.code}: ${e.message.slice(0, 200)}`);
  if (field !== undefined && !(typeof field === 'string' ? e.field === field : field.test(e.field ?? ''))) {
    throw new Error(`${fn}: expected field ${String(field)}, got ${String(e.field)}: ${e.message.slice(0, 200)}`);
  }
  return e;
}

/** Asserts that `thunk` returns a result keeping the contract; returns it. */
export function expectResult<T = Record<string, unknown>>(fn: string, thunk: () => unknown, o: ContractOptions = {}): T {
  const outcome = expectContract(fn, thunk, o);
  if (outcome.kind !== 'result') throw new Error(`${fn}: expected a result, got ${outcome.kind === 'error' ? `${outcome.error.code}: ${outcome.error.message.slice(0, 200)}` : 'a user bug'}`);
  return outcome.value as T;
}
