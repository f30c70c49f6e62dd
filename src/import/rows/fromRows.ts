/**
 * Any spreadsheet or database rows to the model, through a mapping: which column is which field, the time
 * unit (ISO, epoch ms, Unix seconds, or a local date format in a named zone), a case-insensitive status
 * vocabulary and author roles. Rows are tickets (one per row, the summary form) or events (one message or
 * status change per row, grouped into tickets by a ticket-id column).
 * Options (the mapping): kind, columns, time, timeZone, statuses, roles, fields, invalid.
 *
 * @module
 */
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import { zoneOption, type InvalidMode } from '../../_lib/tickets.js';
import type { ZoneInfo } from '../../calendar/timeZone.js';
import type { MessageAuthor, Ticket, TicketStatus } from '../../model/index.js';
import { MetricsError } from '../../results/errors.js';
import { channelOf, TicketDraft, type DraftEvent } from '../_lib/draft.js';
import { collection, fieldValue, optTags, readCommonOptions } from '../_lib/read.js';
import { ImportLog, type ImportRecordRef, type ImportResult } from '../_lib/result.js';
import { cellCount, cellId, cellText, forEachRow, normalizeHeader, type Row } from '../_lib/rows.js';
import { compileFormat, epochMs, formattedTime, isoTime, unixSeconds, type DateFormat, type TimeUnit } from '../_lib/time.js';
import { roleMapOption, statusMapOption, Vocabulary, type Vocabulary as V } from '../_lib/vocab.js';

/**
 * Which column holds which ticket field (column names match case-insensitively, punctuation aside:
 * `'Created At'` finds `created_at`). `id` and `createdAt` are required for ticket rows; for event rows
 * `createdAt` is optional (the ticket's earliest event otherwise).
 *
 * @category Import
 */
export interface RowTicketColumns {
  readonly id: string;
  readonly createdAt?: string;
  readonly status?: string;
  readonly firstRespondedAt?: string;
  readonly firstResolvedAt?: string;
  readonly resolvedAt?: string;
  readonly agentReplies?: string;
  readonly customerReplies?: string;
  readonly reopens?: string;
  readonly channel?: string;
  readonly priority?: string;
  readonly assigneeId?: string;
  readonly groupId?: string;
  readonly requesterId?: string;
  /** Tags, separated by commas or spaces. */
  readonly tags?: string;
  /** Who opened the ticket, read through `roles`. */
  readonly createdBy?: string;
  /** Booleans: `true`/`false`, `yes`/`no`, `1`/`0`. */
  readonly spam?: string;
  readonly deleted?: string;
  readonly mergedInto?: string;
}

/**
 * The columns of event rows (`kind: 'events'`), besides the ticket columns (read from the ticket's first row
 * that has them).
 *
 * @category Import
 */
export interface RowEventColumns {
  /** When the message was sent or the status set. */
  readonly at: string;
  /** `message` or `status` (through `types`); without it, a row with a status value is a status change. */
  readonly type?: string;
  /** The message author, through `roles`. */
  readonly author?: string;
  readonly authorId?: string;
  /** Visibility: booleans, or `public` / `private` / `internal` / `note`. */
  readonly public?: string;
  /** The status set (status rows), through `statuses`. */
  readonly status?: string;
}

/**
 * The mapping of {@link fromRows}.
 *
 * @category Import
 */
export interface FromRowsMapping {
  /** `'tickets'`: one ticket per row (summary form). `'events'`: one event per row. @defaultValue `'tickets'` */
  readonly kind?: 'tickets' | 'events';
  readonly columns: RowTicketColumns;
  /** Event rows only. */
  readonly eventColumns?: RowEventColumns;
  /** How every time column is written. @defaultValue `'iso'` */
  readonly time?: TimeUnit;
  /** The zone of local times (ISO without offset, or a format without `Z`). Never guessed. */
  readonly timeZone?: string;
  /** Status labels (case-insensitive) onto canonical statuses, over the canonical names and `hold`, `resolved`. */
  readonly statuses?: Readonly<Record<string, TicketStatus>>;
  /** Role labels (case-insensitive) onto authors, over `customer`, `agent`, `bot`, `system`, `end-user`, `requester`, `contact`, `admin`. */
  readonly roles?: Readonly<Record<string, MessageAuthor>>;
  /** Event rows: type labels onto `message` / `status`, over `message`, `comment`, `reply`, `note`, `status`. */
  readonly types?: Readonly<Record<string, 'message' | 'status'>>;
  /** Columns kept in the ticket's `fields`, under the column name as given in the mapping. */
  readonly fields?: readonly string[];
  /** @defaultValue `'throw'` */
  readonly invalid?: InvalidMode;
}

const NAME = 'fromRows';
const KEYS = ['kind', 'columns', 'eventColumns', 'time', 'timeZone', 'statuses', 'roles', 'types', 'fields', 'invalid'] as const;
const TICKET_KEYS = [
  'id', 'createdAt', 'status', 'firstRespondedAt', 'firstResolvedAt', 'resolvedAt', 'agentReplies', 'customerReplies', 'reopens',
  'channel', 'priority', 'assigneeId', 'groupId', 'requesterId', 'tags', 'createdBy', 'spam', 'deleted', 'mergedInto',
] as const;
const EVENT_KEYS = ['at', 'type', 'author', 'authorId', 'public', 'status'] as const;
const STATUSES: readonly (readonly [string, TicketStatus])[] = [
  ['new', 'new'], ['open', 'open'], ['pending', 'pending'], ['on_hold', 'on_hold'], ['hold', 'on_hold'], ['solved', 'solved'],
  ['resolved', 'solved'], ['closed', 'closed'],
];
const ROLES: readonly (readonly [string, MessageAuthor])[] = [
  ['customer', 'customer'], ['agent', 'agent'], ['bot', 'bot'], ['system', 'system'], ['end_user', 'customer'],
  ['requester', 'customer'], ['contact', 'customer'], ['user', 'customer'], ['admin', 'agent'],
];
const TYPES: readonly (readonly [string, 'message' | 'status' | 'note'])[] = [
  ['message', 'message'], ['comment', 'message'], ['reply', 'message'], ['note', 'note'], ['status', 'status'],
];
const FLAGS = /* @__PURE__ */ new Vocabulary<boolean>([
  ['true', true], ['false', false], ['yes', true], ['no', false], ['1', true], ['0', false], ['y', true], ['n', false],
]);
const VISIBILITY = /* @__PURE__ */ new Vocabulary<boolean>([['public', true], ['private', false], ['internal', false], ['note', false]]);

type TimeReader = (v: unknown, field: string) => number | undefined;

function optionError(field: string, rule: string): never {
  throw new MetricsError({ code: 'invalid_option', functionName: NAME, field, rule });
}

function columnsOption(v: unknown, field: string, known: readonly string[], required: readonly string[]): Readonly<Record<string, string>> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) optionError(field, `must be an object of field → column name, got ${describe(v)}`);
  const out: Record<string, string> = {};
  for (const [k, col] of Object.entries(v)) {
    if (!known.includes(k)) {
      throw new MetricsError({ code: 'invalid_option', functionName: NAME, field: `${field}.${k}`, rule: `unknown field ${JSON.stringify(k)}; known fields: ${known.join(', ')}` });
    }
    if (typeof col !== 'string' || col.length === 0) optionError(`${field}.${k}`, `must be a column name, got ${describe(col)}`);
    out[k] = normalizeHeader(col);
  }
  for (const k of required) if (out[k] === undefined) optionError(`${field}.${k}`, 'is required');
  return out;
}

function timeReader(unit: unknown, zone: ZoneInfo | undefined): TimeReader {
  if (unit === undefined || unit === 'iso') return (v, f) => (v === undefined ? undefined : isoTime(v, f, zone));
  if (unit === 'ms') return (v, f) => (v === undefined ? undefined : epochMs(numeric(v, f), f));
  if (unit === 's') return (v, f) => (v === undefined ? undefined : unixSeconds(numeric(v, f), f));
  if (unit !== null && typeof unit === 'object' && typeof (unit as { format?: unknown }).format === 'string') {
    const u = unit as { format: string; timeZone?: unknown };
    const fmt = compileFormat(u.format);
    if (typeof fmt === 'string') optionError('time.format', fmt);
    const z = u.timeZone === undefined ? zone : zoneOption(NAME, u.timeZone, 'time.timeZone');
    return (v, f) => (v === undefined ? undefined : formattedTime(v, f, fmt as DateFormat, z));
  }
  return optionError('time', `must be 'iso', 'ms', 's' or { format, timeZone? }, got ${describe(unit)}`);
}

/** Digits in a cell as a number (CSV cells are strings). */
function numeric(v: unknown, field: string): unknown {
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  if (typeof v === 'string') throw new Invalid('invalid_timestamp', field, `must be a whole number, got ${describe(v)}`);
  return v;
}

function flag(v: unknown, field: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  const f = FLAGS.get(v);
  if (f === undefined) throw new Invalid('invalid_value', field, `must be true/false, yes/no or 1/0, got ${describe(v)}`);
  return f;
}

/**
 * Reads rows from any source (a CSV, a spreadsheet, a database query) into tickets, through a mapping.
 *
 * @category Import
 * @param rows - objects keyed by column name
 * @param mapping - the columns, the time unit and zone, the vocabularies
 * @returns the model (`tickets`), `excluded`, `warnings`, `counts`
 * @example
 * ```ts
 * import { fromRows, firstResponseTime } from 'helpdesk-metrics';
 * const { tickets } = fromRows(
 *   [{ Ref: 'A1', Opened: '02/03/2026 09:00', 'First answer': '02/03/2026 09:30', State: 'Done' }],
 *   { columns: { id: 'Ref', createdAt: 'Opened', firstRespondedAt: 'First answer', status: 'State', resolvedAt: 'First answer' },
 *     time: { format: 'DD/MM/YYYY HH:mm' }, timeZone: 'Europe/Berlin', statuses: { done: 'solved' } },
 * );
 * firstResponseTime(tickets).meanMs; //=> 1800000
 * tickets[0].createdAt;              //=> 1772438400000 (08:00Z: local time in Berlin)
 * ```
 */
export function fromRows(rows: readonly unknown[], mapping: FromRowsMapping): ImportResult {
  if (mapping === undefined) optionError('mapping', 'a mapping is required');
  const { invalid, zone } = readCommonOptions(NAME, mapping, KEYS);
  const kind = mapping.kind ?? 'tickets';
  if (kind !== 'tickets' && kind !== 'events') optionError('kind', `must be 'tickets' or 'events', got ${describe(kind)}`);
  const cols = columnsOption(mapping.columns, 'columns', TICKET_KEYS, kind === 'tickets' ? ['id', 'createdAt'] : ['id']);
  const ecols = kind === 'events' ? columnsOption(mapping.eventColumns, 'eventColumns', EVENT_KEYS, ['at']) : undefined;
  if (kind === 'tickets' && mapping.eventColumns !== undefined) optionError('eventColumns', "only for kind: 'events'");
  const time = timeReader(mapping.time, zone);
  const statuses = statusMapOption(NAME, mapping.statuses, STATUSES, 'statuses');
  const roles = roleMapOption(NAME, 'roles', mapping.roles, ROLES);
  const types = new Vocabulary<'message' | 'status' | 'note'>(TYPES);
  if (mapping.types !== undefined) {
    if (mapping.types === null || typeof mapping.types !== 'object') optionError('types', `must be an object of label → 'message' | 'status', got ${describe(mapping.types)}`);
    for (const [k, v] of Object.entries(mapping.types)) {
      if (v !== 'message' && v !== 'status') optionError(`types.${k}`, `must be 'message' or 'status', got ${describe(v)}`);
      types.set(k, v);
    }
  }
  const fieldCols = mapping.fields ?? [];
  if (!Array.isArray(fieldCols) || !fieldCols.every((f) => typeof f === 'string' && f.length > 0)) optionError('fields', 'must be an array of column names');
  const list = collection(NAME, rows, 'rows', false);
  const log = new ImportLog(NAME);
  const ctx: Ctx = { cols, time, statuses, roles, fieldCols, log };

  if (kind === 'tickets') {
    const tickets: Ticket[] = [];
    forEachRow(log, invalid, list, [cols.id as string], (row, r) => {
      const id = cellId(row.get(cols.id as string), row.header(cols.id as string));
      const createdMs = time(row.get(cols.createdAt as string), row.header(cols.createdAt as string));
      if (createdMs === undefined) throw new Invalid('missing_field', row.header(cols.createdAt as string), 'the creation time is required');
      const d = new TicketDraft(id, createdMs, r);
      readBase(ctx, row, d);
      const status = statusCell(ctx, row, cols.status);
      const count = (k: 'agentReplies' | 'customerReplies' | 'reopens'): number | undefined =>
        cols[k] === undefined ? undefined : cellCount(row.get(cols[k] as string), row.header(cols[k] as string));
      const at = (k: 'firstRespondedAt' | 'firstResolvedAt' | 'resolvedAt'): number | undefined =>
        cols[k] === undefined ? undefined : time(row.get(cols[k] as string), row.header(cols[k] as string));
      d.summary = {
        status,
        firstRespondedAt: at('firstRespondedAt'),
        firstResolvedAt: at('firstResolvedAt'),
        resolvedAt: at('resolvedAt'),
        agentReplies: count('agentReplies'),
        customerReplies: count('customerReplies'),
        reopens: count('reopens'),
      };
      tickets.push(d.build());
      log.imported('rows');
    });
    return log.finish(tickets);
  }

  // Event rows: grouped by ticket, the ticket's fields from its first row that has them.
  const e = ecols as Readonly<Record<string, string>>;
  interface Group {
    id: string | number;
    createdMs: number | undefined;
    events: DraftEvent[];
    rows: { row: Row; ref: ImportRecordRef }[];
  }
  const groups = new Map<string, Group>();
  forEachRow(log, invalid, list, [], (row, r) => {
    const tidRaw = row.get(cols.id as string);
    const tid = cellId(tidRaw, row.header(cols.id as string));
    const at = time(row.get(e.at as string), row.header(e.at as string));
    if (at === undefined) throw new Invalid('missing_field', row.header(e.at as string), 'the event time is required');
    const typeLabel = e.type === undefined ? undefined : cellText(row.get(e.type), row.header(e.type));
    let type = typeLabel === undefined ? undefined : types.get(typeLabel);
    if (typeLabel !== undefined && type === undefined) throw new Invalid('invalid_value', row.header(e.type as string), `${describe(typeLabel)} is not an event type; map it with the types option`);
    const statusValue = e.status === undefined ? undefined : row.get(e.status);
    type ??= statusValue !== undefined ? 'status' : 'message';
    let event: DraftEvent;
    if (type === 'status') {
      const status = statusCell(ctx, row, e.status);
      if (status === undefined) throw new Invalid('missing_field', row.header(e.status ?? 'status'), 'a status row needs a status');
      event = { type: 'status', at, status };
    } else {
      const label = e.author === undefined ? undefined : cellText(row.get(e.author), row.header(e.author));
      const author = label === undefined ? undefined : roles.get(label);
      if (author === undefined) throw new Invalid(label === undefined ? 'missing_field' : 'invalid_value', row.header(e.author ?? 'author'), label === undefined ? 'a message row needs an author' : `${describe(label)} is not a role; map it with the roles option`);
      const visRaw = e.public === undefined ? undefined : row.get(e.public);
      const pub = visRaw === undefined ? type !== 'note' : typeof visRaw === 'boolean' ? visRaw : VISIBILITY.get(visRaw) ?? flag(visRaw, row.header(e.public as string));
      const m: { type: 'message'; at: number; author: MessageAuthor; public?: boolean; authorId?: string } = { type: 'message', at, author };
      if (pub === false) m.public = false;
      const aid = e.authorId === undefined ? undefined : cellText(row.get(e.authorId), row.header(e.authorId));
      if (aid !== undefined) m.authorId = aid;
      event = m;
    }
    const created = cols.createdAt === undefined ? undefined : time(row.get(cols.createdAt), row.header(cols.createdAt));
    const key = String(tid);
    let g = groups.get(key);
    if (g === undefined) {
      g = { id: tid, createdMs: undefined, events: [], rows: [] };
      groups.set(key, g);
    }
    if (created !== undefined && g.createdMs === undefined) g.createdMs = created;
    g.events.push(event);
    g.rows.push({ row, ref: { ...r, ticketId: key } });
  });
  const tickets: Ticket[] = [];
  for (const g of groups.values()) {
    const earliest = Math.min(...g.events.map((x) => x.at));
    const first = g.rows[0] as Group['rows'][number];
    const d = new TicketDraft(g.id, g.createdMs ?? earliest, first.ref);
    const done = new Set<string>();
    for (const { row } of g.rows) readBase(ctx, row, d, done);
    g.events.forEach((ev, k) => d.emit(log, (g.rows[k] as Group['rows'][number]).ref, [ev]));
    tickets.push(d.build());
  }
  return log.finish(tickets);
}

interface Ctx {
  readonly cols: Readonly<Record<string, string>>;
  readonly time: TimeReader;
  readonly statuses: V<TicketStatus>;
  readonly roles: V<MessageAuthor>;
  readonly fieldCols: readonly string[];
  readonly log: ImportLog;
}

function statusCell(ctx: Ctx, row: Row, col: string | undefined): TicketStatus | undefined {
  if (col === undefined) return undefined;
  const label = cellText(row.get(col), row.header(col));
  if (label === undefined) return undefined;
  const s = ctx.statuses.get(label);
  if (s === undefined) throw new Invalid('unknown_status', row.header(col), `${describe(label)} is not a known status; map it with the statuses option`);
  return s;
}

/** The ticket's base fields from one row; with `done`, only fields no earlier row gave. */
function readBase(ctx: Ctx, row: Row, d: TicketDraft, done?: Set<string>): void {
  const { cols } = ctx;
  const b = d.base;
  const take = (k: string): unknown => {
    const col = cols[k];
    if (col === undefined || done?.has(k) === true) return undefined;
    const v = row.get(col);
    if (v !== undefined) done?.add(k);
    return v;
  };
  const text = (k: string): string | undefined => {
    const v = take(k);
    return v === undefined ? undefined : cellText(v, row.header(cols[k] as string));
  };
  const channel = take('channel');
  if (channel !== undefined) b.channel = channelOf(channel, ctx.log, d.ref) as string;
  const priority = text('priority');
  if (priority !== undefined) b.priority = priority.toLowerCase();
  const assignee = text('assigneeId');
  if (assignee !== undefined) b.assigneeId = assignee;
  const group = text('groupId');
  if (group !== undefined) b.groupId = group;
  const requester = text('requesterId');
  if (requester !== undefined) b.requesterId = requester;
  const tags = take('tags');
  if (tags !== undefined) b.tags = optTags(tags, row.header(cols.tags as string)) ?? [];
  const by = text('createdBy');
  if (by !== undefined) {
    const role = ctx.roles.get(by);
    if (role === undefined || role === 'bot') throw new Invalid('invalid_value', row.header(cols.createdBy as string), `${describe(by)} is not customer, agent or system; map it with the roles option`);
    b.createdBy = role;
  }
  const spam = flag(take('spam'), row.header(cols.spam ?? 'spam'));
  if (spam !== undefined) b.spam = spam;
  const deleted = flag(take('deleted'), row.header(cols.deleted ?? 'deleted'));
  if (deleted !== undefined) b.deleted = deleted;
  const merged = take('mergedInto');
  if (merged !== undefined) b.mergedInto = cellId(merged, row.header(cols.mergedInto as string));
  if (ctx.fieldCols.length > 0 && b.fields === undefined) {
    b.fields = Object.fromEntries(ctx.fieldCols.map((c) => [c, fieldValue(row.get(normalizeHeader(c)) ?? null, c)]));
  }
}
