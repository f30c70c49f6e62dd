import { describe as group, expect, it } from 'vitest';
import { callbackError, checkOptionKeys, describe, nearestName } from '../../src/_lib/options.js';
import { MetricsError } from '../../src/results/errors.js';

group('describe: values printed faithfully', () => {
  it('keeps strings apart from numbers and prints non-finite numbers as written', () => {
    expect(describe('200')).toBe('"200"');
    expect(describe(200)).toBe('200');
    expect(describe(NaN)).toBe('NaN');
    expect(describe(-Infinity)).toBe('-Infinity');
    expect(describe(-0)).toBe('-0');
    expect(describe(5n)).toBe('5n');
  });
  it('names kinds with the right article', () => {
    expect(describe({})).toBe('an object');
    expect(describe([1])).toBe('an array');
    expect(describe(() => 1)).toBe('a function');
    expect(describe(new Date(NaN))).toBe('a Date (Invalid Date)');
    expect(describe(new BigInt64Array(1))).toBe('a BigInt64Array');
    expect(describe(undefined)).toBe('undefined');
    expect(describe(null)).toBe('null');
  });
});

group('checkOptionKeys', () => {
  const known = ['businessHours', 'period', 'invalid', 'percentiles'];
  it('rejects a misspelled key and suggests the nearest known one', () => {
    let err: unknown;
    try {
      checkOptionKeys('firstResponseTime', { bussinessHours: {} }, known);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MetricsError);
    expect((err as MetricsError).code).toBe('invalid_option');
    expect((err as MetricsError).field).toBe('bussinessHours');
    expect((err as MetricsError).message).toContain('did you mean "businessHours"?');
  });
  it('lists the known keys when nothing is close, and counts keys set to undefined', () => {
    expect(() => checkOptionKeys('f', { zzz: undefined }, known)).toThrow(/known options: businessHours, period/);
  });
  it('accepts undefined and known keys; rejects non-objects', () => {
    expect(() => checkOptionKeys('f', undefined, known)).not.toThrow();
    expect(() => checkOptionKeys('f', { period: undefined, invalid: 'throw' }, known)).not.toThrow();
    expect(() => checkOptionKeys('f', [], known)).toThrow(/must be an object of options, got an empty array/);
    expect(() => checkOptionKeys('f', 'x', known)).toThrow(MetricsError);
  });
  it('finds transpositions and case slips but not unrelated words', () => {
    expect(nearestName('peroid', known)).toBe('period');
    expect(nearestName('Invalid', known)).toBe('invalid');
    expect(nearestName('colour', known)).toBeUndefined();
  });
});

group('callbackError', () => {
  it('wraps what a callback threw, naming the option and the record, with the cause', () => {
    const boom = new TypeError('x is undefined');
    const e = callbackError({ functionName: 'firstResponseTime', option: 'isQualifyingReply', collection: 'tickets', recordIndex: 3, recordId: 'T-9' }, boom);
    expect(e.code).toBe('callback_failed');
    expect(e.field).toBe('isQualifyingReply');
    expect(e.recordId).toBe('T-9');
    expect(e.cause).toBe(boom);
    expect(e.message).toBe('firstResponseTime: tickets[3] (id "T-9"): isQualifyingReply: the isQualifyingReply callback threw TypeError: x is undefined [callback_failed]');
  });
  it('lets a MetricsError through', () => {
    const inner = new MetricsError({ code: 'invalid_value', functionName: 'f', rule: 'r' });
    expect(callbackError({ functionName: 'g', option: 'by' }, inner)).toBe(inner);
  });
});
