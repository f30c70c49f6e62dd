/**
 * What every record reader shares: the "this record broke a rule" signal, the record's id label, and the
 * decision to throw a {@link MetricsError} or exclude the record as `'invalid:<code>'`.
 *
 * @internal
 * @module
 */
import { MetricsError, type MetricsErrorCode } from '../results/errors.js';
import { exclude, type ExclusionLedger, type InvalidReason } from '../results/excluded.js';

/** @internal Thrown inside a reader when a record breaks a rule; turned into an error or an exclusion. */
export class Invalid {
  constructor(
    readonly code: MetricsErrorCode,
    readonly field: string,
    readonly rule: string,
  ) {}
}

/** @internal The id label of a raw record (numbers as their decimal string), or undefined without a usable id. */
export function recordLabel(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const id = (raw as { id?: unknown }).id;
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

/**
 * @internal Handles what a reader caught for record `index`: rethrows anything that is not {@link Invalid},
 * throws a {@link MetricsError} in `'throw'` mode, otherwise excludes the record. Returns false (not read).
 */
export function rejectRecord(
  caught: unknown,
  invalid: 'throw' | 'exclude',
  functionName: string,
  collection: string,
  index: number,
  raw: unknown,
  ledger: ExclusionLedger<string>,
): false {
  if (!(caught instanceof Invalid)) throw caught;
  const label = recordLabel(raw);
  if (invalid === 'throw') {
    throw new MetricsError({
      code: caught.code,
      functionName,
      collection,
      recordIndex: index,
      recordId: label,
      field: caught.field,
      rule: caught.rule,
    });
  }
  exclude(ledger, `invalid:${caught.code}` as InvalidReason, label ?? `#${index}`);
  return false;
}
