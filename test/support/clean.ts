/**
 * Checks shared by the reliability tests: every number a result carries is finite and not −0 (Decimals
 * included), and a thrown error is a MetricsError.
 */
import Decimal from 'decimal.js';
import { expect } from 'vitest';
import { MetricsError } from '../../src/results/errors.js';

/**
 * The paths of the numbers in `value` that are NaN, ±Infinity or −0 (a Decimal counts as a number; its
 * internal fields are not walked). Empty when the result is clean.
 */
export function dirtyNumbers(value: unknown, path = 'result', seen = new Set<object>()): string[] {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? [] : [`${path} = ${Object.is(value, -0) ? '-0' : String(value)}`];
  if (value === null || typeof value !== 'object') return [];
  if (Decimal.isDecimal(value)) {
    const d = value as Decimal;
    return d.isFinite() && !(d.isZero() && d.isNegative()) ? [] : [`${path} = Decimal ${d.isZero() ? '-0' : d.toString()}`];
  }
  if (seen.has(value)) return [];
  seen.add(value);
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) out.push(...dirtyNumbers(v, `${path}.${k}`, seen));
  return out;
}

/** Asserts that `value` carries no NaN, ±Infinity or −0 anywhere. */
export function expectClean(value: unknown): void {
  expect(dirtyNumbers(value)).toEqual([]);
}

/** What `f` threw (failing the test when it returned), checked to be a MetricsError. */
export function metricsErrorOf(f: () => unknown): MetricsError {
  let caught: unknown = 'no error';
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(MetricsError);
  return caught as MetricsError;
}
