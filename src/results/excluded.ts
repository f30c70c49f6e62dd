/**
 * The account of records a metric did not measure.
 *
 * @module
 */
import type { MetricsErrorCode } from './errors.js';

/**
 * The reason given for a record dropped under `invalid: 'exclude'`: `'invalid:'` and the error code.
 *
 * @category Results
 */
export type InvalidReason = `invalid:${MetricsErrorCode}`;

/**
 * Every record a metric was given but did not count, by reason. `total` is the sum of `byReason`; `ids`
 * lists the record ids (or `#<index>` for records without an id) for each reason.
 *
 * Included + excluded = input, always.
 *
 * @category Results
 */
export interface Excluded<R extends string = string> {
  readonly total: number;
  readonly byReason: Readonly<Partial<Record<R, number>>>;
  readonly ids: Readonly<Partial<Record<R, readonly string[]>>>;
}

/** @internal A mutable ledger the metric functions fill and freeze into an {@link Excluded}. */
export interface ExclusionLedger<R extends string> {
  total: number;
  /**
   * Records counted under a reason beyond its listed ids (aggregated call rows list one label for many
   * calls). `byReason` is built from these and the id lists when the ledger is finished, so that excluding
   * one record is one push and no keyed count update.
   */
  extra: Partial<Record<R, number>>;
  ids: Partial<Record<R, string[]>>;
}

/** @internal */
export function createLedger<R extends string>(): ExclusionLedger<R> {
  return { total: 0, extra: {}, ids: {} };
}

/** @internal Record one excluded record. */
export function exclude<R extends string>(ledger: ExclusionLedger<R>, reason: R, id: string): void {
  ledger.total++;
  const list = ledger.ids[reason];
  if (list === undefined) ledger.ids[reason] = [id];
  else list.push(id);
}

/** @internal Merge several ledgers (for merging partial results). */
export function mergeExcluded<R extends string>(parts: readonly Excluded<R>[]): Excluded<R> {
  const out = createLedger<R>();
  for (const part of parts) {
    for (const reason of Object.keys(part.ids) as R[]) {
      for (const id of part.ids[reason] ?? []) exclude(out, reason, id);
    }
  }
  return finishLedger(out);
}

/** @internal Freeze a ledger into the public shape. */
export function finishLedger<R extends string>(ledger: ExclusionLedger<R>): Excluded<R> {
  const byReason: Partial<Record<R, number>> = {};
  for (const reason of Object.keys(ledger.ids) as R[]) {
    byReason[reason] = (ledger.ids[reason] as string[]).length + (ledger.extra[reason] ?? 0);
  }
  return { total: ledger.total, byReason, ids: ledger.ids };
}
