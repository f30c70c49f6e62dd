/**
 * What every record reader shares: the "this record broke a rule" signal, the record's id label, and the
 * decision to throw a {@link MetricsError} or exclude the record as `'invalid:<code>'`.
 *
 * @internal
 * @module
 */
import { MetricsError, type MetricsErrorCode } from '../results/errors.js';
import { exclude, type ExclusionLedger, type InvalidReason } from '../results/excluded.js';
import type { ZoneInfo } from '../calendar/timeZone.js';
import { explainTimestamp, isEpochMs, PLAUSIBLE_EPOCH_MS, toEpochMs } from './timestamp.js';

/**
 * @internal A record's timestamp field as epoch ms; throws {@link Invalid} naming `field` and the rule when it
 * is not one (ISO strings without an offset are read in `zone`).
 */
export function recordTime(value: unknown, field: string, zone: ZoneInfo | undefined, minMs = PLAUSIBLE_EPOCH_MS): number {
  if (isEpochMs(value, minMs)) return value;
  const t = toEpochMs(value, zone, minMs);
  if (t !== t) {
    const why = explainTimestamp(value, zone, minMs);
    throw new Invalid(why.code, field, why.rule);
  }
  return t;
}

/**
 * @internal The part of a reader's per-record facts that says which record they are. A class, so that the `id`
 * getter lives on the prototype and the facts object keeps one hidden class.
 */
export class RecordFacts {
  index = 0;
  /** The id as given. */
  rawId: string | number = '';

  /** The id as a label (numbers as their decimal string), built when read: exclusions and errors only. */
  get id(): string {
    const r = this.rawId;
    return typeof r === 'string' ? r : String(r);
  }
}

/** @internal Thrown inside a reader when a record breaks a rule; turned into an error or an exclusion. */
export class Invalid {
  constructor(
    readonly code: MetricsErrorCode,
    /** The field broken; undefined when the record as a whole is (a survey score given as a bare value). */
    readonly field: string | undefined,
    readonly rule: string,
    /** What a user callback threw (`callback_failed`). */
    readonly cause?: unknown,
  ) {}
}

/**
 * @internal The {@link MetricsError} for record `index` of `collection` that broke `rule` (its id, when it has a
 * usable one, names it).
 */
export function recordError(functionName: string, collection: string, rule: Invalid, index: number, raw: unknown): MetricsError {
  return new MetricsError({
    code: rule.code,
    functionName,
    collection,
    recordIndex: index,
    recordId: recordLabel(raw),
    field: rule.field,
    rule: rule.rule,
    cause: rule.cause,
  });
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
  if (invalid === 'throw') throw recordError(functionName, collection, caught, index, raw);
  exclude(ledger, `invalid:${caught.code}` as InvalidReason, recordLabel(raw) ?? `#${index}`);
  return false;
}
