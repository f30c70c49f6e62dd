/**
 * Case-insensitive vocabularies: a vendor's labels (statuses, channels, roles) matched after trimming,
 * lower-casing and turning runs of spaces and hyphens into one underscore (`'On-hold'`, `'on hold'` and
 * `'ON_HOLD'` are one label). Kept in Maps, so that labels such as `'__proto__'` are data.
 *
 * @internal
 * @module
 */
import { describe } from '../../_lib/options.js';
import type { MessageAuthor, TicketStatus } from '../../model/index.js';
import { MetricsError } from '../../results/errors.js';

/** @internal The normal form of a label. */
export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** @internal A label → value table, case-insensitive. */
export class Vocabulary<V> {
  private readonly map = new Map<string, V>();

  constructor(entries: Iterable<readonly [string, V]> = []) {
    for (const [k, v] of entries) this.map.set(normalizeLabel(k), v);
  }

  /** The value of a label (strings; numbers are looked up as their decimal form), or undefined. */
  get(label: unknown): V | undefined {
    if (typeof label === 'number' && Number.isFinite(label)) return this.map.get(String(label));
    if (typeof label !== 'string') return undefined;
    return this.map.get(normalizeLabel(label));
  }

  set(label: string, value: V): void {
    this.map.set(normalizeLabel(label), value);
  }
}

const CANONICAL: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const AUTHORS: readonly MessageAuthor[] = ['customer', 'agent', 'bot', 'system'];

/**
 * @internal The defaults extended by a user map (an object of label → value), each value checked against
 * `allowed`. Throws `invalid_option` naming `field.<label>` for a bad value.
 */
export function vocabularyOption<V extends string>(
  functionName: string,
  field: string,
  option: unknown,
  defaults: Iterable<readonly [string, V]>,
  allowed: readonly V[],
): Vocabulary<V> {
  const vocab = new Vocabulary<V>(defaults);
  if (option === undefined) return vocab;
  if (option === null || typeof option !== 'object' || Array.isArray(option)) {
    throw new MetricsError({ code: 'invalid_option', functionName, field, rule: `must be an object of label → value, got ${describe(option)}` });
  }
  for (const [k, v] of Object.entries(option)) {
    if (!allowed.includes(v as V)) {
      throw new MetricsError({
        code: 'invalid_option',
        functionName,
        field: `${field}.${k}`,
        rule: `maps to ${describe(v)}; use one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
      });
    }
    vocab.set(k, v as V);
  }
  return vocab;
}

/** @internal A status map option over vendor defaults. */
export function statusMapOption(
  functionName: string,
  option: unknown,
  defaults: Iterable<readonly [string, TicketStatus]>,
  field = 'statusMap',
): Vocabulary<TicketStatus> {
  return vocabularyOption(functionName, field, option, defaults, CANONICAL);
}

/** @internal An author-role map option over vendor defaults. */
export function roleMapOption(functionName: string, field: string, option: unknown, defaults: Iterable<readonly [string, MessageAuthor]>): Vocabulary<MessageAuthor> {
  return vocabularyOption(functionName, field, option, defaults, AUTHORS);
}

/**
 * @internal A channel map option (value → channel name, case-insensitive keys) layered over a vendor's own
 * entries; the shared channel table is consulted after it (see `channelOf`).
 */
export function channelMapOption(functionName: string, option: unknown, vendor: readonly (readonly [string, string])[]): Vocabulary<string> {
  const vocab = new Vocabulary<string>(vendor);
  if (option === undefined) return vocab;
  if (option === null || typeof option !== 'object' || Array.isArray(option)) {
    throw new MetricsError({ code: 'invalid_option', functionName, field: 'channelMap', rule: `must be an object of value → channel name, got ${describe(option)}` });
  }
  for (const [k, v] of Object.entries(option)) {
    if (typeof v !== 'string' || v.length === 0) {
      throw new MetricsError({ code: 'invalid_option', functionName, field: `channelMap.${k}`, rule: `must be a channel name (a non-empty string), got ${describe(v)}` });
    }
    vocab.set(k, v);
  }
  return vocab;
}

/** @internal A list-of-strings option (tags), with its default. */
export function stringListOption(functionName: string, field: string, option: unknown, fallback: readonly string[]): readonly string[] {
  if (option === undefined) return fallback;
  if (!Array.isArray(option) || !option.every((t) => typeof t === 'string')) {
    throw new MetricsError({ code: 'invalid_option', functionName, field, rule: `must be an array of strings, got ${describe(option)}` });
  }
  return option as string[];
}
