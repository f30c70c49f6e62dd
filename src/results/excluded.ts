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

/**
 * @internal A mutable ledger the metric functions fill and freeze into an {@link Excluded}.
 *
 * The lists are kept in a `Map` by reason, not in an object given one property per reason: an object grows a
 * new hidden class with each reason added, V8 drops those classes between calls once no object has them, and
 * with them the optimised code of the metric loops that excluded records ("weak objects" deoptimisation).
 */
export interface ExclusionLedger<R extends string> {
  total: number;
  /** The ids excluded under each reason, in the order they were excluded. */
  readonly lists: Map<R, string[]>;
  /**
   * Records counted under a reason beyond its listed ids (aggregated call rows list one label for many
   * calls). `byReason` is built from these and the id lists when the ledger is finished, so that excluding
   * one record is one push and no keyed count update.
   */
  readonly extra: Map<R, number>;
  /** The reason excluded last and its list (runs of one reason are the usual case: no map look-up for them). */
  lastReason: R | undefined;
  lastList: string[];
}

const NO_LIST: string[] = [];

/** @internal */
export function createLedger<R extends string>(): ExclusionLedger<R> {
  return { total: 0, lists: new Map(), extra: new Map(), lastReason: undefined, lastList: NO_LIST };
}

/** @internal Record one excluded record. */
export function exclude<R extends string>(ledger: ExclusionLedger<R>, reason: R, id: string): void {
  ledger.total++;
  if (reason === ledger.lastReason) {
    ledger.lastList.push(id);
    return;
  }
  let list = ledger.lists.get(reason);
  if (list === undefined) {
    list = [id];
    ledger.lists.set(reason, list);
  } else list.push(id);
  ledger.lastReason = reason;
  ledger.lastList = list;
}

/**
 * @internal Records `count` records under `reason` listed under one label (for aggregated rows, whose
 * `byReason` counts calls while `ids` lists the rows they came from). Nothing when `count` ≤ 0.
 */
export function excludeMany<R extends string>(ledger: ExclusionLedger<R>, reason: R, label: string, count: number): void {
  if (count <= 0) return;
  exclude(ledger, reason, label);
  if (count > 1) {
    ledger.total += count - 1;
    ledger.extra.set(reason, (ledger.extra.get(reason) ?? 0) + count - 1);
  }
}

/**
 * @internal Merge several ledgers (for merging partial results). Counts beyond the listed ids (aggregated
 * rows list one label for many calls) are carried over.
 */
export function mergeExcluded<R extends string>(parts: readonly Excluded<R>[]): Excluded<R> {
  const out = createLedger<R>();
  for (const part of parts) {
    for (const reason of Object.keys(part.ids) as R[]) {
      const list = part.ids[reason] ?? [];
      for (const id of list) exclude(out, reason, id);
      const more = (part.byReason[reason] ?? 0) - list.length;
      if (more > 0) {
        out.total += more;
        out.extra.set(reason, (out.extra.get(reason) ?? 0) + more);
      }
    }
  }
  return finishLedger(out);
}

/** @internal Freeze a ledger into the public shape. */
export function finishLedger<R extends string>(ledger: ExclusionLedger<R>): Excluded<R> {
  // Built with Object.fromEntries rather than by adding properties here: the hidden classes of these objects
  // depend on the reasons present, and code that added the properties itself (this function inlined into a
  // metric) would be thrown away once the objects are collected.
  const counts: [R, number][] = [];
  for (const [reason, list] of ledger.lists) counts.push([reason, list.length + (ledger.extra.get(reason) ?? 0)]);
  return {
    total: ledger.total,
    byReason: Object.fromEntries(counts) as Partial<Record<R, number>>,
    ids: Object.fromEntries(ledger.lists) as Partial<Record<R, string[]>>,
  };
}

/**
 * @internal Adds deprecated reason names to an {@link Excluded}: `aliases` maps an old name to the reason
 * that replaced it. The old name reads the same count and ids (`byReason.never_resolved`) but is not
 * enumerable, so JSON, `Object.keys` and totals see each record once.
 */
export function withReasonAliases<R extends string>(excluded: Excluded<R>, aliases: Readonly<Record<string, R>>): Excluded<R> {
  for (const [old, current] of Object.entries(aliases)) {
    if (!Object.prototype.hasOwnProperty.call(excluded.byReason, current)) continue;
    Object.defineProperty(excluded.byReason, old, { get: () => excluded.byReason[current], enumerable: false });
    Object.defineProperty(excluded.ids, old, { get: () => excluded.ids[current], enumerable: false });
  }
  return excluded;
}
