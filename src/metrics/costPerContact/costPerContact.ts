/**
 * Cost per contact (CPC).
 *
 * Formula: CPC = total support cost / contacts handled, per period and per channel; exact decimals end to end.
 * Default definition: every cost line counts (salaries, tooling, training, overhead, credits as negative
 * lines); per-channel CPC uses the channel's direct costs, plus its share of the costs with no channel when
 * `allocateShared: 'by-contacts'` (split by contact share, to the cent, largest remainder).
 * Options: currency, rates, by, allocateShared, minorUnits, decimalPlaces, rounding, invalid.
 *
 * @module
 */
import type { Decimal } from 'decimal.js';
import { D } from '../../_lib/decimal.js';
import { allocateLargestRemainder, parseAmount, roundingConstant, type RoundingMode } from '../../_lib/money.js';
import type { InvalidMode } from '../../_lib/tickets.js';
import type { CostEntry } from '../../model/index.js';
import { MetricsError, type MetricsErrorCode } from '../../results/errors.js';
import { createLedger, exclude, finishLedger, type Excluded, type InvalidReason } from '../../results/excluded.js';

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
 * Options of {@link costPerContact}.
 *
 * @category Cost
 */
export interface CostPerContactOptions {
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
   * `'channel'`: a breakdown per channel when the contacts carry channels; `'total'`: the total only.
   * @defaultValue `'channel'`
   */
  readonly by?: 'channel' | 'total';
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
  /** Round every cost per contact to this many decimal places. Without it, 40 significant digits. */
  readonly decimalPlaces?: number;
  /**
   * How `decimalPlaces` rounds.
   * @defaultValue `'half-even'`
   */
  readonly rounding?: RoundingMode;
  /**
   * A bad contact record: throw, or exclude it. Cost lines are always strict (a money total never skips a
   * line).
   * @defaultValue `'throw'`
   */
  readonly invalid?: InvalidMode;
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
  /** Per channel, sorted by name (`null` last); empty unless the contacts are grouped by channel. */
  readonly byChannel: readonly ChannelCost[];
  /** Per category, sorted by name (`null` last). */
  readonly byCategory: readonly CategoryCost[];
  /** Contact records not counted. */
  readonly excluded: Excluded<CostPerContactExclusion>;
}

const NAME = 'costPerContact';
const CURRENCY_RE = /^[A-Z]{3}$/;

function optionError(field: string, rule: string): never {
  throw new MetricsError({ code: 'invalid_option', functionName: NAME, field, rule });
}

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
    rule: `${field} must be a non-empty string, got ${JSON.stringify(value)}`,
  });
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
  // Options.
  const by = options?.by ?? 'channel';
  if (by !== 'channel' && by !== 'total') optionError('by', `must be 'channel' or 'total', got ${JSON.stringify(by)}`);
  const allocate = options?.allocateShared ?? 'none';
  if (allocate !== 'none' && allocate !== 'by-contacts') {
    optionError('allocateShared', `must be 'none' or 'by-contacts', got ${JSON.stringify(allocate)}`);
  }
  const minorUnits = options?.minorUnits ?? 2;
  if (typeof minorUnits !== 'number' || !Number.isInteger(minorUnits) || minorUnits < 0 || minorUnits > 20) {
    optionError('minorUnits', 'must be a whole number in 0..20');
  }
  const dp = options?.decimalPlaces;
  if (dp !== undefined && (typeof dp !== 'number' || !Number.isInteger(dp) || dp < 0 || dp > 20)) {
    optionError('decimalPlaces', 'must be a whole number in 0..20');
  }
  const rm = roundingConstant(options?.rounding ?? 'half-even');
  if (rm === undefined) optionError('rounding', `unknown rounding mode ${JSON.stringify(options?.rounding)}`);
  const invalid = options?.invalid ?? 'throw';
  if (invalid !== 'throw' && invalid !== 'exclude') optionError('invalid', `must be 'throw' or 'exclude', got ${JSON.stringify(invalid)}`);
  let currency = options?.currency;
  if (currency !== undefined && (typeof currency !== 'string' || !CURRENCY_RE.test(currency))) {
    optionError('currency', `must be an ISO 4217 code such as 'EUR', got ${JSON.stringify(currency)}`);
  }
  const rates = new Map<string, Decimal>();
  if (options?.rates !== undefined) {
    const given: unknown = options.rates;
    if (given === null || typeof given !== 'object') optionError('rates', 'must be an object of currency → rate');
    if (currency === undefined) optionError('currency', 'is required with rates (the currency the rates convert into)');
    for (const [code, value] of Object.entries(given as Record<string, unknown>)) {
      const r = parseAmount(value);
      if (!CURRENCY_RE.test(code)) optionError(`rates.${code}`, 'keys must be ISO 4217 codes');
      if (typeof r === 'string' || !r.isPositive() || r.isZero()) optionError(`rates.${code}`, 'must be a positive decimal');
      rates.set(code, r);
    }
  }
  const round = (d: Decimal): Decimal => (dp === undefined ? d : d.toDecimalPlaces(dp, rm));

  // Cost lines.
  if (!Array.isArray(costs)) {
    throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field: 'costs', rule: 'costs must be an array' });
  }
  let total = new D(0);
  let shared = new D(0);
  const byCategory = new Map<string | null, Decimal>();
  const direct = new Map<string | null, Decimal>();
  for (let i = 0; i < costs.length; i++) {
    const raw: unknown = costs[i];
    if (raw === null || typeof raw !== 'object') costError('invalid_record', i, undefined, undefined, 'a cost line must be an object');
    const entry = raw as CostEntry;
    const id = typeof entry.id === 'string' || typeof entry.id === 'number' ? String(entry.id) : undefined;
    const amount = parseAmount(entry.amount);
    if (typeof amount === 'string') costError(entry.amount === undefined ? 'missing_field' : 'invalid_value', i, id, 'amount', amount);
    const category = labelOf(entry.category, i, 'category', 'costs');
    const channel = labelOf(entry.channel, i, 'channel', 'costs');
    if (amount.isNegative() && !amount.isZero() && category !== 'credit') {
      costError('out_of_range', i, id, 'amount', `${amount.toString()} is negative; only category 'credit' may be negative`);
    }
    const cur: unknown = entry.currency;
    if (typeof cur !== 'string' || !CURRENCY_RE.test(cur)) {
      costError(cur === undefined ? 'missing_field' : 'invalid_value', i, id, 'currency', `must be an ISO 4217 code such as 'EUR', got ${JSON.stringify(cur)}`);
    }
    let value = amount;
    if (currency === undefined) currency = cur;
    if (cur !== currency) {
      const rate = rates.get(cur);
      if (rate === undefined) {
        costError('mixed_currencies', i, id, 'currency', `${cur} differs from ${currency}; pass rates to convert (no silent conversion)`);
      }
      value = amount.times(rate);
    }
    total = total.plus(value);
    byCategory.set(category, (byCategory.get(category) ?? new D(0)).plus(value));
    if (channel === null) shared = shared.plus(value);
    else direct.set(channel, (direct.get(channel) ?? new D(0)).plus(value));
  }

  // Contacts.
  const ledger = createLedger<CostPerContactExclusion>();
  const perChannel = new Map<string | null, number>();
  let contactCount = 0;
  let grouped = false;
  if (typeof contacts === 'number') {
    if (!Number.isSafeInteger(contacts) || contacts < 0) {
      throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field: 'contacts', rule: `a contact count must be a whole number ≥ 0, got ${contacts}` });
    }
    contactCount = contacts;
  } else if (Array.isArray(contacts)) {
    grouped = true;
    const seen = new Set<string>();
    for (let i = 0; i < contacts.length; i++) {
      const raw: unknown = contacts[i];
      let label = `#${i}`;
      let hasId = false;
      try {
        if (raw === null || typeof raw !== 'object') {
          throw new MetricsError({ code: 'invalid_record', functionName: NAME, collection: 'contacts', recordIndex: i, rule: 'a contact must be an object' });
        }
        const rec = raw as ContactRecord;
        const id: unknown = rec.id;
        if (id !== undefined) {
          if (!((typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id)))) {
            throw new MetricsError({ code: 'invalid_value', functionName: NAME, collection: 'contacts', recordIndex: i, field: 'id', rule: 'id must be a non-empty string or a finite number' });
          }
          label = String(id);
          hasId = true;
          if (seen.has(label)) {
            throw new MetricsError({ code: 'duplicate_id', functionName: NAME, collection: 'contacts', recordIndex: i, recordId: label, field: 'id', rule: `id ${JSON.stringify(label)} appears more than once (a transfer counted twice?)` });
          }
          seen.add(label);
        }
        const channel = labelOf(rec.channel, i, 'channel', 'contacts');
        contactCount++;
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
      }
    }
  } else if (contacts !== null && typeof contacts === 'object') {
    grouped = true;
    for (const [channel, count] of Object.entries(contacts as Record<string, unknown>)) {
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
        throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field: `contacts.${channel}`, rule: `a contact count must be a whole number ≥ 0, got ${String(count)}` });
      }
      contactCount += count;
      perChannel.set(channel, count);
    }
  } else {
    throw new MetricsError({ code: 'invalid_argument', functionName: NAME, field: 'contacts', rule: 'contacts must be a count, an array of contacts, or counts by channel' });
  }
  if (contactCount > Number.MAX_SAFE_INTEGER) {
    throw new MetricsError({ code: 'out_of_range', functionName: NAME, field: 'contacts', rule: 'more contacts than a safe integer' });
  }

  // Per channel.
  const withBreakdown = by === 'channel' && grouped;
  if (allocate === 'by-contacts' && !withBreakdown) {
    optionError('allocateShared', "'by-contacts' needs contacts grouped by channel (records or counts by channel) and by: 'channel'");
  }
  let unallocated = shared;
  const byChannel: ChannelCost[] = [];
  if (withBreakdown) {
    const keys = new Map<string | null, true>();
    for (const k of perChannel.keys()) keys.set(k, true);
    for (const k of direct.keys()) keys.set(k, true);
    const channels = byKey(keys).map(([k]) => k);
    const allocated = channels.map(() => new D(0));
    if (allocate === 'by-contacts' && !shared.isZero()) {
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
        const places = Math.max(minorUnits, shared.decimalPlaces());
        const parts = allocateLargestRemainder(shared, shares, places);
        receivers.forEach((ch, j) => {
          allocated[ch] = parts[j] as Decimal;
        });
        unallocated = new D(0);
      }
    }
    channels.forEach((k, i) => {
      const c = perChannel.get(k) ?? 0;
      const d = direct.get(k) ?? new D(0);
      const a = allocated[i] as Decimal;
      const t = d.plus(a);
      byChannel.push({
        channel: k,
        contacts: c,
        directCost: d,
        allocatedSharedCost: a,
        totalCost: t,
        costPerContact: c === 0 ? undefined : round(t.div(c)),
      });
    });
  }

  const categories: CategoryCost[] = byKey(byCategory).map(([category, cost]) => ({
    category,
    cost,
    share: total.isZero() ? undefined : cost.div(total),
  }));
  return {
    currency,
    totalCost: total,
    contacts: contactCount,
    costPerContact: contactCount === 0 ? undefined : round(total.div(contactCount)),
    sharedCost: shared,
    unallocatedSharedCost: unallocated,
    byChannel,
    byCategory: categories,
    excluded: finishLedger(ledger),
  };
}
