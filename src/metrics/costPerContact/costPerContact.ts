/**
 * Cost per contact (CPC).
 *
 * Formula: CPC = total support cost / contacts handled, per period and per channel; exact decimals end to end.
 * Default definition: every cost line counts (salaries, tooling, training, overhead, credits as negative
 * lines); per-channel CPC uses the channel's direct costs, plus its share of the costs with no channel when
 * `allocateShared: 'by-contacts'` (split by contact share, to the cent, largest remainder).
 * Options: currency, rates, by (channel, category, key functions; 'total' deprecated), allocateShared,
 * minorUnits, decimalPlaces, rounding, invalid.
 *
 * @module
 */
import type { Decimal } from 'decimal.js';
import { plusZero } from '../../_lib/decimal.js';
import {
  allocateLargestRemainder,
  digitsOf,
  divideToPlaces,
  moneyDecimal,
  parseAmount,
  positiveZero,
  roundingConstant,
  type RoundingMode,
} from '../../_lib/money.js';
import { checkOptionKeys, describe } from '../../_lib/options.js';
import { readError } from '../../_lib/readError.js';
import { Invalid, recordError } from '../../_lib/records.js';
import type { CostEntry } from '../../model/index.js';
import { optionError, readChoice, readInvalid, type InvalidOptions } from '../../options/shared.js';
import { fieldDimension, GroupTable, readBy, type BreakdownSpec, type GroupValue, type KeyFunction, type KeySource, type NamedKey, type RecordSchema } from '../../pipeline/breakdown.js';
import { MetricsError, type MetricsErrorCode } from '../../results/errors.js';
import { createLedger, exclude, finishLedger, type Excluded, type ExclusionLedger, type InvalidReason } from '../../results/excluded.js';
import type { Group } from '../../results/groups.js';

/**
 * A contact as {@link costPerContact} reads it: any object, with an optional `id` (string or number) and an
 * optional `channel`. Tickets and calls qualify as they are.
 *
 * @category Cost
 */
export interface ContactRecord {
  readonly id?: string | number;
  readonly channel?: string | null;
}

/**
 * The contacts handled: a count, the contact records themselves (tickets, calls, chats: counted, and grouped
 * by `channel`), or counts by channel (`{ email: 1200, phone: 800 }`).
 *
 * @category Cost
 */
export type Contacts = number | readonly ContactRecord[] | Readonly<Record<string, number>>;

/**
 * Why a contact record was not counted: `'invalid:<code>'` under `invalid: 'exclude'` (not an object, a
 * bad `id` or `channel`, a duplicate id).
 *
 * @category Cost
 */
export type CostPerContactExclusion = InvalidReason;

/**
 * A cost-line field to break cost per contact down by: `'channel'` (contacts are split too, when they carry
 * channels) or `'category'`.
 *
 * @category Cost
 */
export type CostField = 'channel' | 'category';

/**
 * One dimension of a cost breakdown: a {@link CostField} or a key function of the cost line.
 *
 * @category Cost
 */
export type CostDimension = CostField | KeyFunction<CostEntry> | NamedKey<CostEntry>;

/**
 * The `by` option of {@link costPerContact}: a {@link CostDimension}, or an array of them (a
 * cross-tabulation). Cost lines have no instant: no time buckets.
 *
 * @category Cost
 */
export type CostBy = CostDimension | readonly CostDimension[];

/**
 * Options of {@link costPerContact}.
 *
 * @category Cost
 */
export interface CostPerContactOptions extends InvalidOptions {
  /**
   * The reporting currency (ISO 4217). Without `rates` every cost line must be in it.
   * @defaultValue the currency of the cost lines
   */
  readonly currency?: string;
  /**
   * Conversion rates into `currency`: units of `currency` per unit of each other currency, as decimal
   * strings (`{ USD: '0.92' }`) or numbers. Without it, mixed currencies are an error.
   */
  readonly rates?: Readonly<Record<string, string | number>>;
  /**
   * Break the result down by the cost lines' `channel`, `category` or a key function (see {@link CostBy}): the
   * result adds `groups`, each the cost per contact of its lines. A group's contacts are those of its
   * channel when the dimensions include `'channel'` and the contacts carry channels; otherwise every contact
   * (the group's cost per contact is then its share of the whole: the groups' CPCs add up to it).
   * `'total'` (deprecated) leaves out the per-channel figures `byChannel`, which are filled otherwise.
   */
  readonly by?: CostBy | 'total';
  /**
   * Costs with no channel (shared): `'none'` leaves them out of the per-channel figures (reported as
   * `unallocatedSharedCost`); `'by-contacts'` splits them across channels by contact share, exactly.
   * @defaultValue `'none'`
   */
  readonly allocateShared?: 'none' | 'by-contacts';
  /**
   * Decimal places of the currency's minor unit (2 for EUR/USD, 0 for JPY, 3 for KWD): the step of the
   * allocation. Amounts with finer digits are split in steps of their finest digit.
   * @defaultValue `2`
   */
  readonly minorUnits?: number;
  /**
   * Round every cost per contact to this many decimal places (exactly: one integer division, then
   * `rounding`). Without it, 40 significant digits, or 20 more than the largest exact sum of the amounts
   * has when that is more.
   */
  readonly decimalPlaces?: number;
  /**
   * How `decimalPlaces` rounds.
   * @defaultValue `'half-even'`
   */
  readonly rounding?: RoundingMode;
}

/**
 * One channel's figures.
 *
 * @category Cost
 */
export interface ChannelCost {
  /** The channel, or `null` for contacts with no channel. */
  readonly channel: string | null;
  readonly contacts: number;
  /** Cost lines booked to this channel. */
  readonly directCost: Decimal;
  /** Its share of the costs with no channel (zero unless `allocateShared: 'by-contacts'`). */
  readonly allocatedSharedCost: Decimal;
  /** directCost + allocatedSharedCost. */
  readonly totalCost: Decimal;
  /** totalCost / contacts; `undefined` with no contacts. */
  readonly costPerContact: Decimal | undefined;
}

/**
 * One cost category's total and share.
 *
 * @category Cost
 */
export interface CategoryCost {
  /** The category, or `null` for lines without one. */
  readonly category: string | null;
  readonly cost: Decimal;
  /** cost / total cost (0..1 unless credits make the total smaller than a part); `undefined` when the total is 0. */
  readonly share: Decimal | undefined;
}

/**
 * The result of {@link costPerContact}. Amounts are Decimals (they serialise to JSON as strings). With a
 * per-channel breakdown, Σ byChannel.totalCost + unallocatedSharedCost = totalCost exactly.
 *
 * @category Cost
 */
export interface CostPerContactResult {
  /** The reporting currency; `undefined` when there were no cost lines and no `currency` option. */
  readonly currency: string | undefined;
  readonly totalCost: Decimal;
  readonly contacts: number;
  /** totalCost / contacts; `undefined` when there are no contacts. */
  readonly costPerContact: Decimal | undefined;
  /** Cost lines with no channel. */
  readonly sharedCost: Decimal;
  /** The part of `sharedCost` not allocated to a channel. */
  readonly unallocatedSharedCost: Decimal;
  /**
   * Per channel, sorted by name (`null` last), with the shared costs allocated as `allocateShared` says;
   * empty unless the contacts are grouped by channel, and with `by: 'total'`.
   * @deprecated for a breakdown, use `by: 'channel'` and `groups`; kept, with its meaning, for the shared-cost
   * allocation it carries.
   */
  readonly byChannel: readonly ChannelCost[];
  /** Per category, sorted by name (`null` last). */
  readonly byCategory: readonly CategoryCost[];
  /** Contact records not counted. */
  readonly excluded: Excluded<CostPerContactExclusion>;
  /** Present with `by` (not `'total'`): one row per group of cost lines, each with its `key` and the same figures. */
  readonly groups?: readonly Group<CostPerContactResult>[];
}

const NAME = 'costPerContact';
const CURRENCY_RE = /^[A-Z]{3}$/;
const OPTIONS: readonly (keyof CostPerContactOptions)[] = [
  'currency',
  'rates',
  'by',
  'allocateShared',
  'minorUnits',
  'decimalPlaces',
  'rounding',
  'invalid',
];

/** The schema of cost lines for breakdowns. */
const COST_SCHEMA: RecordSchema = {
  collection: 'cost lines',
  fields: ['channel', 'category'],
  multiFields: [],
  customFields: false,
  derived: [],
  instants: [],
};


function costError(code: MetricsErrorCode, index: number, id: string | undefined, field: string | undefined, rule: string): never {
  throw new MetricsError({ code, functionName: NAME, collection: 'costs', recordIndex: index, recordId: id, field, rule });
}

function byKey<T>(map: Map<string | null, T>): [string | null, T][] {
  return [...map.entries()].sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
}

function labelOf(value: unknown, index: number, field: string, collection: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.length > 0) return value;
  throw new MetricsError({
    code: 'invalid_value',
    functionName: NAME,
    collection,
    recordIndex: index,
    field,
    rule: `${field} must be a non-empty string, got ${describe(value)}`,
  });
}


function places(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 20) return plusZero(value);
  return optionError(NAME, field, `must be a whole number in 0..20, got ${describe(value)}`);
}

/** A cost line, validated: its amount (in its own currency), the rate into the reporting one, its labels. */
interface CostLine {
  readonly amount: Decimal;
  readonly rate: Decimal | undefined;
  readonly channel: string | null;
  readonly category: string | null;
}

/**
 * Validates every cost line and bounds the digits of any exact sum of them (integer digits + decimal places of
 * the largest converted amount, + the digits of the line count + 1), so that the arithmetic can be sized to
 * hold every sum exactly.
 */
function readCostLines(
  costs: unknown,
  currency: string | undefined,
  rates: ReadonlyMap<string, Decimal>,
): { lines: CostLine[]; currency: string | undefined; digits: number } {
  if (!Array.isArray(costs)) {
    throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field: 'costs', rule: `costs must be an array, got ${describe(costs)}` });
  }
  const lines: CostLine[] = [];
  let integer = 1;
  let fraction = 0;
  let i = -1;
  try {
    for (i = 0; i < costs.length; i++) {
      const raw: unknown = costs[i];
      if (raw === null || typeof raw !== 'object') costError('invalid_record', i, undefined, undefined, `a cost line must be an object, got ${describe(raw)}`);
      const entry = raw as CostEntry;
      const id = typeof entry.id === 'string' || typeof entry.id === 'number' ? String(entry.id) : undefined;
      const amount = parseAmount(entry.amount);
      if (typeof amount === 'string') costError(entry.amount === undefined ? 'missing_field' : 'invalid_value', i, id, 'amount', amount);
      const category = labelOf(entry.category, i, 'category', 'costs');
      const channel = labelOf(entry.channel, i, 'channel', 'costs');
      if (amount.isNegative() && category !== 'credit') {
        costError('out_of_range', i, id, 'amount', `${amount.toString()} is negative; only category 'credit' may be negative`);
      }
      const cur: unknown = entry.currency;
      if (typeof cur !== 'string' || !CURRENCY_RE.test(cur)) {
        costError(cur === undefined ? 'missing_field' : 'invalid_value', i, id, 'currency', `must be an ISO 4217 code such as 'EUR', got ${describe(cur)}`);
      }
      currency ??= cur;
      let rate: Decimal | undefined;
      if (cur !== currency) {
        rate = rates.get(cur);
        if (rate === undefined) {
          costError('mixed_currencies', i, id, 'currency', `${cur} differs from ${currency}; pass rates to convert (no silent conversion)`);
        }
      }
      // amount × rate has at most the integer digits and the decimal places of both together.
      const a = digitsOf(amount);
      const r = rate === undefined ? { integer: 0, places: 0 } : digitsOf(rate);
      integer = Math.max(integer, a.integer + r.integer);
      fraction = Math.max(fraction, a.places + r.places);
      lines.push({ amount, rate, channel, category });
    }
  } catch (e) {
    throw readError(NAME, 'costs', i, e);
  }
  return { lines, currency, digits: integer + fraction + String(lines.length).length + 1 };
}

/**
 * Contacts counted, in total and by channel (grouped: the contacts said which channel), and the ledger of
 * those not counted, in total and by the channel they name (null when they name none, or not a valid one).
 */
interface ContactTally {
  readonly count: number;
  readonly perChannel: Map<string | null, number>;
  readonly grouped: boolean;
  readonly ledger: ExclusionLedger<CostPerContactExclusion>;
  readonly ledgerByChannel: Map<string | null, ExclusionLedger<CostPerContactExclusion>>;
}

/** The channel a contact record names, for the ledger of its channel (null: none, or not a valid one). */
function namedChannel(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const c = (raw as ContactRecord).channel;
  return typeof c === 'string' && c.length > 0 ? c : null;
}

function readContacts(contacts: unknown, invalid: 'throw' | 'exclude'): ContactTally {
  const ledger = createLedger<CostPerContactExclusion>();
  const ledgerByChannel = new Map<string | null, ExclusionLedger<CostPerContactExclusion>>();
  const perChannel = new Map<string | null, number>();
  let count = 0;
  let grouped = false;
  const whole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  let i: number | undefined;
  try {
    if (typeof contacts === 'number') {
      if (!whole(contacts)) {
        throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field: 'contacts', rule: `a contact count must be a whole number ≥ 0, got ${describe(contacts)}` });
      }
      count = plusZero(contacts);
    } else if (Array.isArray(contacts)) {
      grouped = true;
      const seen = new Set<string>();
      for (i = 0; i < contacts.length; i++) {
        const raw: unknown = contacts[i];
        let label = `#${i}`;
        let hasId = false;
        try {
          if (raw === null || typeof raw !== 'object') {
            throw new MetricsError({ code: 'invalid_record', functionName: NAME, collection: 'contacts', recordIndex: i, rule: `a contact must be an object, got ${describe(raw)}` });
          }
          const rec = raw as ContactRecord;
          const id: unknown = rec.id;
          if (id !== undefined) {
            if (!((typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id)))) {
              throw new MetricsError({ code: 'invalid_value', functionName: NAME, collection: 'contacts', recordIndex: i, field: 'id', rule: `id must be a non-empty string or a finite number, got ${describe(id)}` });
            }
            label = String(id);
            hasId = true;
            if (seen.has(label)) {
              throw new MetricsError({ code: 'duplicate_id', functionName: NAME, collection: 'contacts', recordIndex: i, recordId: label, field: 'id', rule: `id ${JSON.stringify(label)} appears more than once (a transfer counted twice?)` });
            }
            seen.add(label);
          }
          const channel = labelOf(rec.channel, i, 'channel', 'contacts');
          count++;
          perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
        } catch (e) {
          if (!(e instanceof MetricsError)) throw e;
          if (invalid === 'throw') {
            if (hasId && e.recordId === undefined) {
              throw new MetricsError({ code: e.code, functionName: NAME, collection: 'contacts', recordIndex: i, recordId: label, field: e.field, rule: e.rule });
            }
            throw e;
          }
          exclude(ledger, `invalid:${e.code}` as InvalidReason, label);
          const named = namedChannel(raw);
          let own = ledgerByChannel.get(named);
          if (own === undefined) ledgerByChannel.set(named, (own = createLedger<CostPerContactExclusion>()));
          exclude(own, `invalid:${e.code}` as InvalidReason, label);
        }
      }
      i = undefined;
    } else if (contacts !== null && typeof contacts === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(contacts))) {
      // Counts by channel are a plain object; a Map, a Set, a Date, a typed array or a boxed number is not.
      grouped = true;
      for (const [channel, n] of Object.entries(contacts as Record<string, unknown>)) {
        if (!whole(n)) {
          throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field: `contacts.${channel}`, rule: `a contact count must be a whole number ≥ 0, got ${describe(n)}` });
        }
        count += n;
        perChannel.set(channel, plusZero(n));
      }
    } else {
      throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field: 'contacts', rule: `contacts must be a count, an array of contacts, or counts by channel, got ${describe(contacts)}` });
    }
  } catch (e) {
    throw readError(NAME, 'contacts', i, e);
  }
  if (count > Number.MAX_SAFE_INTEGER) {
    throw new MetricsError({ code: 'out_of_range', functionName: NAME, field: 'contacts', rule: 'more contacts than a safe integer' });
  }
  return { count, perChannel, grouped, ledger, ledgerByChannel };
}

/** The contacts of one channel (or, null, of none), as a tally of their own. */
function channelTally(tally: ContactTally, channel: string | null): ContactTally {
  const n = tally.perChannel.get(channel) ?? 0;
  return {
    count: n,
    perChannel: new Map(tally.perChannel.has(channel) ? [[channel, n]] : []),
    grouped: true,
    ledger: tally.ledgerByChannel.get(channel) ?? createLedger<CostPerContactExclusion>(),
    ledgerByChannel: new Map(),
  };
}

/**
 * Cost per contact (CPC): total cost over contacts handled, with per-channel and per-category breakdowns,
 * in exact decimals.
 *
 * Cost: O(cost lines + contacts).
 *
 * @category Cost
 * @param costs - cost lines (`amount` as a decimal string, preferred, or a number)
 * @param contacts - a count, the contact records (grouped by `channel`), or counts by channel
 * @param options - currency and rates, breakdown, allocation of shared costs, rounding
 * @returns the totals and breakdowns as Decimals
 * @example
 * ```ts
 * import { costPerContact } from 'helpdesk-metrics';
 * const cpc = costPerContact(
 *   [
 *     { amount: '6000.00', currency: 'EUR', channel: 'phone', category: 'salaries' },
 *     { amount: '3000.00', currency: 'EUR', channel: 'email', category: 'salaries' },
 *     { amount: '1000.00', currency: 'EUR', category: 'tooling' },
 *   ],
 *   { phone: 1000, email: 2000 },
 *   { allocateShared: 'by-contacts', decimalPlaces: 2 },
 * );
 * cpc.costPerContact?.toString();                               //=> '3.33'
 * cpc.byChannel.map((c) => [c.channel, c.totalCost.toFixed(2)]); //=> [['email', '3666.67'], ['phone', '6333.33']]
 * ```
 */
export function costPerContact(
  costs: readonly CostEntry[],
  contacts: Contacts,
  options?: CostPerContactOptions,
): CostPerContactResult {
  const o = readCostOptions(options);
  // Cost lines, then the arithmetic sized to hold every sum of them exactly.
  const read = readCostLines(costs, o.currency, o.rates);
  const C = moneyDecimal(read.digits);
  const tally = readContacts(contacts, o.invalid);
  const result = computeCost(C, read.lines, read.currency, tally, o);
  if (o.spec === undefined) return result;
  const spec = o.spec;
  const table = new GroupTable(NAME, spec);
  const failures = new Map<number, Invalid>();
  table.assign(new CostKeys(costs), failures);
  for (const [j, rule] of failures) throw recordError(NAME, 'costs', rule, j, costs[j]);
  const members: CostLine[][] = Array.from({ length: table.size }, () => []);
  for (let j = 0; j < read.lines.length; j++) {
    if (!table.multi) (members[table.first[j] as number] as CostLine[]).push(read.lines[j] as CostLine);
    else for (let k = table.start[j] as number, e = table.start[j + 1] as number; k < e; k++) (members[table.list[k] as number] as CostLine[]).push(read.lines[j] as CostLine);
  }
  // A group's contacts: those of its channel when a dimension is the channel and the contacts carry one.
  const channelDim = tally.grouped ? fieldDimension(spec, 'channel') : -1;
  const groups = table.order().map((g) => {
    const own = channelDim < 0 ? tally : channelTally(tally, table.value(g, channelDim) as string | null);
    return { key: table.key(g), ...computeCost(C, members[g] as CostLine[], read.currency, own, o) } as Group<CostPerContactResult>;
  });
  return { ...result, groups };
}

/** Cost lines as a breakdown reads them (each line is valid by now: a bad line has thrown). */
class CostKeys implements KeySource {
  readonly base = 0;
  readonly n: number;
  constructor(readonly records: readonly unknown[]) {
    this.n = records.length;
  }
  instant(): ArrayLike<number> {
    return [];
  }
  derived(): GroupValue | undefined {
    return undefined;
  }
  readable(): boolean {
    return true;
  }
}

/** The validated options. */
interface CostOptions {
  readonly spec: BreakdownSpec | undefined;
  /** Per-channel figures (`byChannel`): all but the deprecated `by: 'total'`. */
  readonly perChannel: boolean;
  readonly allocate: 'none' | 'by-contacts';
  readonly minorUnits: number;
  readonly dp: number | undefined;
  readonly rm: Decimal.Rounding;
  readonly invalid: 'throw' | 'exclude';
  readonly currency: string | undefined;
  readonly rates: ReadonlyMap<string, Decimal>;
}

function readCostOptions(options: CostPerContactOptions | undefined): CostOptions {
  checkOptionKeys(NAME, options, OPTIONS);
  const by = options?.by;
  const spec = by === 'total' ? undefined : readBy(NAME, by, COST_SCHEMA);
  const allocate = readChoice(NAME, 'allocateShared', options?.allocateShared, ['none', 'by-contacts'], 'none');
  const minorUnits = places('minorUnits', options?.minorUnits) ?? 2;
  const dp = places('decimalPlaces', options?.decimalPlaces);
  const rm = roundingConstant(options?.rounding ?? 'half-even');
  if (rm === undefined) optionError(NAME, 'rounding', `unknown rounding mode ${describe(options?.rounding)}`);
  const invalid = readInvalid(NAME, options?.invalid);
  const currency = options?.currency;
  if (currency !== undefined && (typeof currency !== 'string' || !CURRENCY_RE.test(currency))) {
    optionError(NAME, 'currency', `must be an ISO 4217 code such as 'EUR', got ${describe(currency)}`);
  }
  const rates = new Map<string, Decimal>();
  if (options?.rates !== undefined) {
    const given: unknown = options.rates;
    if (given === null || typeof given !== 'object') optionError(NAME, 'rates', `must be an object of currency → rate, got ${describe(given)}`);
    if (currency === undefined) optionError(NAME, 'currency', 'is required with rates (the currency the rates convert into)');
    for (const [code, value] of Object.entries(given as Record<string, unknown>)) {
      if (!CURRENCY_RE.test(code)) optionError(NAME, `rates.${code}`, 'keys must be ISO 4217 codes');
      const r = parseAmount(value);
      if (typeof r === 'string') optionError(NAME, `rates.${code}`, r);
      if (r.isNegative() || r.isZero()) optionError(NAME, `rates.${code}`, `must be a positive decimal, got ${describe(value)}`);
      rates.set(code, r);
    }
  }
  return { spec, perChannel: by !== 'total', allocate, minorUnits, dp, rm, invalid, currency, rates };
}

/** One exact division by a count: to `decimalPlaces` by `rounding`, or to C's precision, half-even. */
function perContact(C: typeof Decimal, o: CostOptions, cost: Decimal, n: number): Decimal | undefined {
  if (n === 0) return undefined;
  return o.dp === undefined ? positiveZero(cost.div(n)) : divideToPlaces(C, cost, n, o.dp, o.rm);
}

/** The figures of `lines` over the contacts of `tally`: totals, per channel (with the allocation), per category. */
function computeCost(C: typeof Decimal, lines: readonly CostLine[], currency: string | undefined, tally: ContactTally, o: CostOptions): CostPerContactResult {
  let total = new C(0);
  let shared = new C(0);
  const byCategory = new Map<string | null, Decimal>();
  const direct = new Map<string | null, Decimal>();
  for (const line of lines) {
    const value = line.rate === undefined ? new C(line.amount) : new C(line.amount).times(line.rate);
    total = total.plus(value);
    byCategory.set(line.category, (byCategory.get(line.category) ?? new C(0)).plus(value));
    if (line.channel === null) shared = shared.plus(value);
    else direct.set(line.channel, (direct.get(line.channel) ?? new C(0)).plus(value));
  }
  const withBreakdown = o.perChannel && tally.grouped;
  if (o.allocate === 'by-contacts' && !withBreakdown) {
    optionError(NAME, 'allocateShared', "'by-contacts' needs contacts grouped by channel (records or counts by channel) and no by: 'total'");
  }
  const { byChannel, unallocated } = withBreakdown ? channelCosts(C, tally.perChannel, direct, shared, o) : { byChannel: [], unallocated: shared };
  const categories: CategoryCost[] = byKey(byCategory).map(([category, cost]) => ({
    category,
    cost,
    share: total.isZero() ? undefined : positiveZero(cost.div(total)),
  }));
  return {
    currency,
    totalCost: total,
    contacts: tally.count,
    costPerContact: perContact(C, o, total, tally.count),
    sharedCost: shared,
    unallocatedSharedCost: unallocated,
    byChannel,
    byCategory: categories,
    excluded: finishLedger(tally.ledger),
  };
}

/**
 * Per channel: contacts, direct cost and, with `allocateShared: 'by-contacts'`, the channel's share of the
 * shared cost (largest remainder, in steps of the minor unit); the shared cost left unallocated.
 */
function channelCosts(
  C: typeof Decimal,
  perChannel: ReadonlyMap<string | null, number>,
  direct: ReadonlyMap<string | null, Decimal>,
  shared: Decimal,
  o: CostOptions,
): { byChannel: ChannelCost[]; unallocated: Decimal } {
  const keys = new Map<string | null, true>();
  for (const k of perChannel.keys()) keys.set(k, true);
  for (const k of direct.keys()) keys.set(k, true);
  const channels = byKey(keys).map(([k]) => k);
  const allocated = channels.map(() => new C(0));
  let unallocated = shared;
  if (o.allocate === 'by-contacts' && !shared.isZero()) {
    const receivers: number[] = [];
    const shares: number[] = [];
    channels.forEach((k, i) => {
      const c = perChannel.get(k) ?? 0;
      if (c > 0) {
        receivers.push(i);
        shares.push(c);
      }
    });
    if (receivers.length > 0) {
      const parts = allocateLargestRemainder(C, shared, shares, Math.max(o.minorUnits, shared.decimalPlaces()));
      receivers.forEach((ch, j) => {
        allocated[ch] = parts[j] as Decimal;
      });
      unallocated = new C(0);
    }
  }
  const byChannel = channels.map((k, i): ChannelCost => {
    const contacts = perChannel.get(k) ?? 0;
    const d = direct.get(k) ?? new C(0);
    const a = allocated[i] as Decimal;
    const t = d.plus(a);
    return { channel: k, contacts, directCost: d, allocatedSharedCost: a, totalCost: t, costPerContact: perContact(C, o, t, contacts) };
  });
  return { byChannel, unallocated };
}
