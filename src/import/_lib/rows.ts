/**
 * Export rows (objects keyed by column headers, from a CSV or spreadsheet parser): headers matched
 * case-insensitively and regardless of punctuation (`'Requester ID'`, `'Requester id'` and `'requester_id'`
 * are one column), and cell values read from the strings a CSV parser gives (or typed values).
 *
 * @internal
 * @module
 */
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import type { ZoneInfo } from '../../calendar/timeZone.js';
import { MetricsError } from '../../results/errors.js';
import type { InvalidMode } from '../../_lib/tickets.js';
import { asObject, dedupe, guard, ref, type Raw } from './read.js';
import type { ImportLog, ImportRecordRef } from './result.js';
import { compileFormat, formattedTime, optIsoTime, type DateFormat } from './time.js';

/** @internal The normal form of a column header. */
export function normalizeHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** @internal One row, its cells looked up by normalised header. */
export class Row {
  private readonly cells = new Map<string, unknown>();
  /** Headers as given, in order. */
  readonly headers: string[];

  constructor(raw: Raw) {
    this.headers = Object.keys(raw);
    for (const h of this.headers) this.cells.set(normalizeHeader(h), raw[h]);
  }

  /** The cell under the first of `names` (normalised headers) present; `''` and whitespace count as empty. */
  get(...names: string[]): unknown {
    for (const n of names) {
      const v = this.cells.get(n);
      if (v === undefined || v === null) continue;
      if (typeof v === 'string' && v.trim() === '') continue;
      return typeof v === 'string' ? v.trim() : v;
    }
    return undefined;
  }

  /** The header as given for a normalised name (for error messages). */
  header(name: string): string {
    return this.headers.find((h) => normalizeHeader(h) === name) ?? name;
  }

  /** True when every cell is empty. */
  empty(): boolean {
    for (const v of this.cells.values()) {
      if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')) return false;
    }
    return true;
  }
}

/** @internal A count cell: a whole number ≥ 0, or digits in a string; empty is undefined. */
export function cellCount(v: unknown, field: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) {
    const n = Number(v);
    if (Number.isSafeInteger(n)) return n;
  }
  throw new Invalid('invalid_value', field, `must be a whole number ≥ 0, got ${describe(v)}`);
}

/** @internal An id cell: digits become a number (as the vendor's API gives them), other text stays a string. */
export function cellId(v: unknown, field: string): string | number {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && v.length > 0) {
    if (/^\d+$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
    return v;
  }
  if (v === undefined) throw new Invalid('missing_field', field, 'an id is required');
  throw new Invalid('invalid_value', field, `must be an id, got ${describe(v)}`);
}

/** @internal A text cell as a string (numbers as their decimal form); empty is undefined. */
export function cellText(v: unknown, field: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new Invalid('invalid_value', field, `must be text, got ${describe(v)}`);
}

/** @internal How an export's time cells are read. */
export interface CellTimes {
  readonly zone: ZoneInfo | undefined;
  readonly format: DateFormat | undefined;
}

/** @internal A time cell: in `format` when given, else ISO-8601 (offset-less: local in `zone`). */
export function cellTime(v: unknown, field: string, times: CellTimes): number | undefined {
  if (v === undefined) return undefined;
  if (times.format !== undefined && typeof v === 'string') return formattedTime(v, field, times.format, times.zone);
  return optIsoTime(v, field, times.zone);
}

/** @internal Reads a `dateFormat` option. */
export function dateFormatOption(functionName: string, option: unknown): DateFormat | undefined {
  if (option === undefined) return undefined;
  const fmt = typeof option === 'string' ? compileFormat(option) : 'must be a date format string such as \'DD/MM/YYYY HH:mm\'';
  if (typeof fmt === 'string') throw new MetricsError({ code: 'invalid_option', functionName, field: 'dateFormat', rule: fmt });
  return fmt;
}

/**
 * @internal Runs `body` on each row of an export: declares the rows, keeps the first row of each id (the
 * id under the first of `idNames`; later ones are `duplicate`), excludes empty rows (`empty_row`), and turns a
 * bad row into an error or an `invalid:<code>` exclusion. `body` counts the row as imported.
 */
export function forEachRow(
  log: ImportLog,
  invalid: InvalidMode,
  list: readonly unknown[],
  idNames: readonly string[],
  body: (row: Row, record: ImportRecordRef) => void,
): void {
  log.input('rows', list.length);
  const idOf = (raw: unknown): string | undefined => {
    if (raw === null || typeof raw !== 'object') return undefined;
    const v = new Row(raw as Raw).get(...idNames);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  };
  const withIds = list.map((raw) => (raw !== null && typeof raw === 'object' ? { id: idOf(raw) } : raw));
  for (const i of dedupe(log, 'rows', withIds, () => NaN)) {
    const raw = list[i];
    const r = ref('rows', i, withIds[i]);
    guard(log, invalid, { collection: 'rows', index: i, id: idOf(raw) }, r, '', () => {
      const row = new Row(asObject(raw, undefined));
      if (row.empty()) log.exclude('empty_row', r);
      else body(row, r);
    });
  }
}
