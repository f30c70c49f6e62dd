/**
 * Which importer reads the input (from `--source`, else from the shape of the records), and reading it: the
 * records of every file gathered by collection, imported, every excluded record kept with the file and line
 * it came from.
 *
 * Detection looks at the first record of each file (and the header of a CSV): a source is named only when one
 * importer's marks are there (Zendesk's `via` / `submitter_id`, Freshdesk's numeric `status` and
 * `responder_id`, Intercom's `conversation_parts`, Help Scout's `mailboxId` / `threads`, Chatwoot's `inbox_id`,
 * the exports' headers, the model's `createdAt`); otherwise the message asks for `--source`.
 *
 * @internal
 * @module
 */
import {
  fromChatwoot,
  fromFreshdesk,
  fromFreshdeskExport,
  fromHelpScout,
  fromIntercom,
  fromRows,
  fromZendesk,
  fromZendeskExport,
  type FromRowsMapping,
  type ImportExclusion,
  type ImportResult,
  type ImportWarning,
  type SurveyResponse,
  type Ticket,
} from '../index.js';
import { describe } from '../results/describe.js';
import { inputError, usageError } from './errors.js';
import type { InputFile, RecordBatch } from './input.js';
import { SOURCES, type SourceName } from './settings.js';

/** The collection a file's own records (an array, NDJSON lines, CSV rows) belong to, per source. */
export function mainCollection(source: SourceName): string {
  switch (source) {
    case 'zendesk':
    case 'freshdesk':
    case 'model':
      return 'tickets';
    case 'intercom':
    case 'helpscout':
    case 'chatwoot':
      return 'conversations';
    case 'zendesk-export':
    case 'freshdesk-export':
    case 'rows':
      return 'rows';
  }
}

/** The collections each source's importer takes (a JSON object file may hold any of them). */
const COLLECTIONS: Readonly<Record<SourceName, readonly string[]>> = {
  zendesk: ['tickets', 'audits', 'comments', 'users', 'ticketMetrics', 'satisfactionRatings'],
  freshdesk: ['tickets', 'conversations', 'satisfactionRatings', 'activities'],
  intercom: ['conversations'],
  helpscout: ['conversations'],
  chatwoot: ['conversations', 'messages', 'csatSurveyResponses'],
  model: ['tickets', 'surveys'],
  'zendesk-export': ['rows'],
  'freshdesk-export': ['rows'],
  rows: ['rows'],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A header as the export importers compare it: lower case, punctuation as spaces. */
function headerKey(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function exportOf(columns: readonly string[]): SourceName | undefined {
  const h = new Set(columns.map(headerKey));
  if (h.has('ticket id') && h.has('created time')) return 'freshdesk-export';
  if (h.has('id') && h.has('created at') && (h.has('submitter') || h.has('via') || h.has('requester'))) return 'zendesk-export';
  return undefined;
}

/** A flat object (every value a string, number, boolean or null): a row of a table. */
function isRow(r: Record<string, unknown>): boolean {
  return Object.values(r).every((v) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
}

/** The source a batch's records look like, or why none can be told. */
export function detectSource(batch: RecordBatch, hasMap: boolean): SourceName | { readonly rule: string } {
  if (batch.columns !== undefined) {
    const exp = exportOf(batch.columns);
    if (exp !== undefined) return exp;
    if (hasMap) return 'rows';
    return { rule: `its columns (${batch.columns.slice(0, 8).join(', ')}${batch.columns.length > 8 ? ', …' : ''}) are not a Zendesk or Freshdesk export's; give --source rows --map mapping.json` };
  }
  switch (batch.collection) {
    case 'audits':
    case 'comments':
    case 'users':
    case 'ticketMetrics':
      return 'zendesk';
    case 'activities':
      return 'freshdesk';
    case 'messages':
    case 'csatSurveyResponses':
      return 'chatwoot';
    case 'surveys':
      return 'model';
    default:
  }
  const r = batch.records.find(isObject);
  if (r === undefined) {
    if (batch.records.length === 0) return { rule: 'it holds no records' };
    return { rule: `its records are not objects (the first is ${describe(batch.records[0])})` };
  }
  if (isObject(r.ticket) && Object.keys(r).length <= 2) return 'zendesk';
  if ('mailboxId' in r || 'threads' in r || 'primaryCustomer' in r || (isObject(r._embedded) && 'threads' in r._embedded)) return 'helpscout';
  if ('conversation_parts' in r || r.type === 'conversation' || (isObject(r.source) && 'delivered_as' in r.source)) return 'intercom';
  if ('inbox_id' in r || 'account_id' in r || (isObject(r.meta) && ('channel' in r.meta || 'sender' in r.meta))) return 'chatwoot';
  if ('createdAt' in r && 'id' in r) return 'model';
  if ('created_at' in r && ('via' in r || 'submitter_id' in r || typeof r.status === 'string')) {
    if (!('responder_id' in r)) return 'zendesk';
  }
  if ('created_at' in r && ('responder_id' in r || typeof r.status === 'number' || typeof r.source === 'number')) return 'freshdesk';
  if (isRow(r)) {
    const exp = exportOf(Object.keys(r));
    if (exp !== undefined) return exp;
    if (hasMap) return 'rows';
  }
  const keys = Object.keys(r).slice(0, 10).join(', ');
  return { rule: `its records (keys: ${keys}) are not any importer's that can be told apart` };
}

/** Where an input record came from. */
export interface Position {
  readonly file: number;
  /** 1-based; 0 inside a JSON document. */
  readonly line: number;
  /** Index in its file's collection. */
  readonly index: number;
}

/** Where every input record came from, by collection: file, line, index in the file. */
export class Positions {
  /** Per collection: ranges (start index in the collection, file, first index in the file, lines). */
  private readonly places = new Map<string, { start: number; file: number; offset: number; lines: Int32Array }[]>();
  private readonly sizes = new Map<string, number>();

  add(collection: string, batch: RecordBatch): void {
    let ranges = this.places.get(collection);
    if (ranges === undefined) {
      ranges = [];
      this.places.set(collection, ranges);
    }
    const start = this.sizes.get(collection) ?? 0;
    ranges.push({ start, file: batch.file, offset: batch.offset, lines: Int32Array.from(batch.lines) });
    this.sizes.set(collection, start + batch.records.length);
  }

  /** The file and line of record `index` of `collection`. */
  position(collection: string, index: number): Position | undefined {
    const ranges = this.places.get(collection);
    if (ranges === undefined) return undefined;
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ranges[mid]!.start <= index) lo = mid;
      else hi = mid - 1;
    }
    const r = ranges[lo];
    if (r === undefined || index < r.start || index - r.start >= r.lines.length) return undefined;
    return { file: r.file, line: r.lines[index - r.start]!, index: r.offset + index - r.start };
  }
}

/** The input records gathered by collection (for the importers that need all of them at once). */
export class Gathered {
  readonly collections = new Map<string, unknown[]>();

  add(collection: string, records: readonly unknown[]): void {
    let list = this.collections.get(collection);
    if (list === undefined) {
      list = [];
      this.collections.set(collection, list);
    }
    for (const r of records) list.push(r);
  }
}

/** The collection a batch's records go to under `source`, checked against what its importer takes. */
export function collectionOf(batch: RecordBatch, source: SourceName, file: InputFile): string {
  const name = batch.collection ?? mainCollection(source);
  if (!COLLECTIONS[source].includes(name)) {
    throw inputError(`${file.label}: holds ${describe(name)}, which --source ${source} does not read; it reads ${COLLECTIONS[source].join(', ')}`);
  }
  return name;
}

/** Checks that a source name is one of ours (for the config file's `source`). */
export function isSource(name: string): name is SourceName {
  return (SOURCES as readonly string[]).includes(name);
}

/** What an import gives the metrics, and what it left out. */
export interface Imported {
  readonly tickets: Ticket[];
  readonly surveys: SurveyResponse[];
  readonly excluded: readonly ImportExclusion[];
  readonly warnings: readonly ImportWarning[];
  readonly counts: ImportResult['counts'];
}

/** Options every import gets from the command line. */
export interface ImportSettings {
  readonly invalid: 'throw' | 'exclude';
  readonly timeZone: string | undefined;
  readonly map: unknown;
  /** The config file's `import`: the importer's own options (statusMap, channelMap, spamTags, dateFormat, …). */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Runs the importer of `source` on the gathered records. */
export function importRecords(source: SourceName, gathered: Gathered, settings: ImportSettings): Imported {
  const c = (name: string): unknown[] => gathered.collections.get(name) ?? [];
  /** The source's collections that the input holds, keyed as its importer takes them. */
  const present = (source: SourceName): Record<string, unknown[]> =>
    Object.fromEntries(COLLECTIONS[source].filter((n) => gathered.collections.has(n)).map((n) => [n, c(n)]));
  const common = { invalid: settings.invalid, ...settings.extra };
  const zoned = settings.timeZone === undefined ? common : { timeZone: settings.timeZone, ...common };
  let result: ImportResult;
  switch (source) {
    case 'model': {
      const tickets = c('tickets') as Ticket[];
      const surveys = c('surveys') as SurveyResponse[];
      return { tickets, surveys, excluded: [], warnings: [], counts: [{ collection: 'tickets', input: tickets.length, imported: tickets.length, excluded: 0 }] };
    }
    case 'zendesk':
      result = fromZendesk({ tickets: c('tickets'), ...present('zendesk') }, common);
      break;
    case 'freshdesk':
      result = fromFreshdesk({ tickets: c('tickets'), ...present('freshdesk') }, common);
      break;
    case 'intercom':
      result = fromIntercom({ conversations: c('conversations') }, common);
      break;
    case 'helpscout':
      result = fromHelpScout({ conversations: c('conversations') }, common);
      break;
    case 'chatwoot':
      result = fromChatwoot({ conversations: c('conversations'), ...present('chatwoot') }, common);
      break;
    case 'zendesk-export':
      result = fromZendeskExport(c('rows'), zoned);
      break;
    case 'freshdesk-export':
      result = fromFreshdeskExport(c('rows'), zoned);
      break;
    case 'rows': {
      if (settings.map === undefined) throw usageError('--source rows needs --map mapping.json (which column is the id, createdAt, …: docs/import.md, "Rows")');
      const m = settings.map as FromRowsMapping & Record<string, unknown>;
      const mapping = { ...(settings.timeZone === undefined || 'timeZone' in m ? {} : { timeZone: settings.timeZone }), ...('invalid' in m ? {} : { invalid: settings.invalid }), ...m };
      result = fromRows(c('rows'), mapping as FromRowsMapping);
      break;
    }
  }
  return { tickets: result.tickets, surveys: result.surveys ?? [], excluded: result.excluded.records, warnings: result.warnings, counts: result.counts };
}
