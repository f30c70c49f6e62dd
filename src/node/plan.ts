/**
 * What a plan must be to cross to worker threads: metrics by export name, options that structured clone
 * (plain data: no functions), and one `invalid` mode for all of them (bad lines follow it).
 *
 * @internal
 * @module
 */
import type { InvalidMode } from '../index.js';
import { optionError } from './errors.js';

const IDENT = /^[A-Za-z_$][\w$]*$/;

function join(path: string, key: string): string {
  return IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** The path of the first function (or symbol) in `value`, or `undefined`. */
function findFunction(value: unknown, path: string, seen: Set<object>): string | undefined {
  if (typeof value === 'function' || typeof value === 'symbol') return path;
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findFunction(value[i], `${path}[${i}]`, seen);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const p = findFunction(k, `${path}<key>`, seen) ?? findFunction(v, `${path}.get(${typeof k === 'string' ? JSON.stringify(k) : '…'})`, seen);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (value instanceof Set) {
    for (const v of value) {
      const p = findFunction(v, `${path}<element>`, seen);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') return `${path}[${String(key)}]`;
    const p = findFunction((value as Record<string, unknown>)[key], join(path, key), seen);
    if (p !== undefined) return p;
  }
  return undefined;
}

/**
 * Checks that `plan` can be sent to workers (the library checks the rest: metric names, options) and returns
 * the plan's `invalid` mode. A function anywhere → `invalid_option` naming its path (`plan.frt.options.by[1]`).
 */
export function streamPlanMode(plan: unknown): InvalidMode {
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan)) return 'throw'; // the library names it
  let mode: InvalidMode | undefined;
  let modeFrom = '';
  for (const name of Object.keys(plan)) {
    const entry = (plan as Record<string, unknown>)[name];
    const path = join('plan', name);
    if (entry === null || typeof entry !== 'object') continue; // the library names it
    const metric = (entry as { metric?: unknown }).metric;
    if (typeof metric === 'function') {
      optionError(`${path}.metric`, `a function cannot be sent to a worker thread: give the metric's export name${metric.name === '' ? '' : ` (${JSON.stringify(metric.name)})`}`);
    }
    const options = (entry as { options?: unknown }).options;
    const fn = findFunction(options, `${path}.options`, new Set());
    if (fn !== undefined) {
      optionError(fn, 'a function (a key function, a predicate, a schedule with methods) cannot be sent to a worker thread: run this metric in one thread with startMetrics, or give plain data');
    }
    try {
      structuredClone(options);
    } catch (e) {
      optionError(`${path}.options`, `cannot be sent to a worker thread (structured clone): ${e instanceof Error ? e.message : String(e)}`);
    }
    const inv = options !== null && typeof options === 'object' ? (options as { invalid?: unknown }).invalid : undefined;
    const m: InvalidMode = inv === 'exclude' ? 'exclude' : 'throw';
    if (mode === undefined) {
      mode = m;
      modeFrom = path;
    } else if (m !== mode) {
      optionError(`${path}.options.invalid`, `every metric of a streamed plan takes the same invalid mode (a bad line follows it): ${modeFrom} has '${mode}', ${path} '${m}'`);
    }
  }
  return mode ?? 'throw';
}
