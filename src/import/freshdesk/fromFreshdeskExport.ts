/**
 * Rows of Freshdesk's ticket export (Tickets › Export, CSV or Excel), objects keyed by its column headers, to
 * the summary form.
 *
 * Mapping: `Ticket ID`, `Status` and `Priority` labels (custom statuses through `statusMap`), `Source` →
 * channel (Outbound Email: agent-created), `Agent` / `Group` / `Contact ID`, `Created time`, `Initial response
 * time` → first reply, `Resolved time` (else `Closed time`) → resolution, `Agent interactions` → agentReplies,
 * `Customer interactions` (the description included) → customerReplies, `Survey results` → surveys (1–7).
 * Times are local to the account's zone: pass `timeZone`.
 * Options: timeZone, dateFormat, invalid, statusMap, channelMap.
 *
 * @module
 */
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import type { SurveyResponse, Ticket, TicketStatus } from '../../model/index.js';
import { channelOf, TicketDraft } from '../_lib/draft.js';
import { collection, optTags, readCommonOptions } from '../_lib/read.js';
import { ImportLog, type ImportOptions, type ImportResult } from '../_lib/result.js';
import { cellCount, cellId, cellText, cellTime, dateFormatOption, forEachRow, type CellTimes } from '../_lib/rows.js';
import { channelMapOption, normalizeLabel, statusMapOption, Vocabulary } from '../_lib/vocab.js';
import { FRESHDESK_SOURCES, FRESHDESK_STATUSES, priorityOf } from './shared.js';

/**
 * Options of {@link fromFreshdeskExport}.
 *
 * @category Import
 */
export interface FromFreshdeskExportOptions extends ImportOptions {
  /** The IANA zone the export's times are written in (the account's time zone). Required for local times. */
  readonly timeZone?: string;
  /** The times' format when not ISO-like (`'DD-MM-YYYY HH:mm:ss'`; tokens as in {@link TimeUnit}). */
  readonly dateFormat?: string;
  /** The account's custom status labels onto the canonical statuses. */
  readonly statusMap?: Readonly<Record<string, TicketStatus>>;
  /** Extra `Source` labels onto channel names. */
  readonly channelMap?: Readonly<Record<string, string>>;
}

const NAME = 'fromFreshdeskExport';
const OPTION_KEYS = ['timeZone', 'dateFormat', 'invalid', 'statusMap', 'channelMap'] as const;
/** Survey answers as the export writes them, on the 1–7 scale of the API's ratings. */
const SURVEY_LABELS = /* @__PURE__ */ new Vocabulary<number>([
  ['extremely_unhappy', 1], ['very_unhappy', 2], ['unhappy', 3], ['neutral', 4], ['happy', 5], ['very_happy', 6], ['extremely_happy', 7],
  ['not_good', 1], ['awesome', 7],
]);

/**
 * Reads Freshdesk's ticket export into summary-form tickets and survey responses.
 *
 * What the export cannot say: reopens and the first resolution (only the latest resolution time is there;
 * the summary rule then takes it for the only one), the messages themselves, merges and spam (not exported).
 * See docs/import.md.
 *
 * @category Import
 * @param rows - the export's rows, keyed by header (`'Ticket ID'`, `'Status'`, `'Created time'`, …)
 * @param options - `timeZone` (the account's zone) and the vocabularies
 * @returns the model (`tickets`, `surveys`), `excluded`, `warnings`, `counts`
 * @example
 * ```ts
 * import { fromFreshdeskExport, firstResponseTime } from 'helpdesk-metrics';
 * const { tickets } = fromFreshdeskExport([
 *   { 'Ticket ID': '7', Status: 'Resolved', Priority: 'Medium', Source: 'Email', 'Created time': '2026-03-02 10:00:00',
 *     'Initial response time': '2026-03-02 10:40:00', 'Resolved time': '2026-03-03 09:00:00',
 *     'Agent interactions': '1', 'Customer interactions': '1' },
 * ], { timeZone: 'Europe/Paris' });
 * firstResponseTime(tickets).meanMs; //=> 2400000
 * tickets[0].status;                 //=> 'solved'
 * ```
 */
export function fromFreshdeskExport(rows: readonly unknown[], options?: FromFreshdeskExportOptions): ImportResult {
  const { invalid, zone } = readCommonOptions(NAME, options, OPTION_KEYS);
  const times: CellTimes = { zone, format: dateFormatOption(NAME, options?.dateFormat) };
  const statuses = statusMapOption(NAME, options?.statusMap, FRESHDESK_STATUSES);
  const channels = channelMapOption(NAME, options?.channelMap, FRESHDESK_SOURCES);
  const list = collection(NAME, rows, 'rows', false);
  const log = new ImportLog(NAME);
  if (list.length > 0) {
    log.warnOnce('first_resolution_unknown', 'the export has no reopen history: reopens and the first resolution are unknown');
  }
  const tickets: Ticket[] = [];
  const surveys: SurveyResponse[] = [];
  forEachRow(log, invalid, list, ['ticket_id', 'id'], (row, r) => {
    const h = (name: string): string => row.header(name);
    const id = cellId(row.get('ticket_id', 'id'), h('ticket_id'));
    const createdMs = cellTime(row.get('created_time', 'created_at'), h('created_time'), times);
    if (createdMs === undefined) throw new Invalid('missing_field', h('created_time'), 'the creation time is required');
    const draft = new TicketDraft(id, createdMs, r);
    const b = draft.base;
    const label = cellText(row.get('status'), h('status'));
    let status: TicketStatus | undefined;
    if (label !== undefined) {
      status = statuses.get(label);
      if (status === undefined) throw new Invalid('unknown_status', h('status'), `${describe(label)} is not a built-in Freshdesk status; map the account's custom statuses with the statusMap option`);
    }
    const source = cellText(row.get('source'), h('source'));
    const channel = channelOf(source, log, r, channels);
    if (channel !== undefined) b.channel = channel;
    b.createdBy = source !== undefined && normalizeLabel(source) === 'outbound_email' ? 'agent' : 'customer';
    const priority = priorityOf(row.get('priority'), h('priority'));
    if (priority !== undefined) b.priority = priority;
    const agent = cellText(row.get('agent'), h('agent'));
    if (agent !== undefined) b.assigneeId = agent;
    const group = cellText(row.get('group'), h('group'));
    if (group !== undefined) b.groupId = group;
    const requester = cellText(row.get('contact_id', 'requester_id', 'email'), h('contact_id'));
    if (requester !== undefined) b.requesterId = requester;
    const tags = optTags(row.get('tags'), h('tags'));
    if (tags !== undefined) b.tags = tags;
    const resolved = cellTime(row.get('resolved_time'), h('resolved_time'), times);
    const closed = cellTime(row.get('closed_time'), h('closed_time'), times);
    draft.summary = {
      status,
      firstRespondedAt: cellTime(row.get('initial_response_time'), h('initial_response_time'), times),
      resolvedAt: resolved ?? closed,
      agentReplies: cellCount(row.get('agent_interactions'), h('agent_interactions')),
      customerReplies: cellCount(row.get('customer_interactions'), h('customer_interactions')),
    };
    const survey = row.get('survey_results', 'satisfaction_survey');
    if (survey !== undefined) {
      const score = SURVEY_LABELS.get(survey);
      if (score === undefined) throw new Invalid('invalid_value', h('survey_results'), `${describe(survey)} is not a Freshdesk survey answer (Extremely happy … Extremely unhappy)`);
      const resp: { id: string; ticketId: string | number; score: number; channel?: string; agentId?: string } = { id: `survey:${String(id)}`, ticketId: id, score };
      if (channel !== undefined) resp.channel = channel;
      if (agent !== undefined) resp.agentId = agent;
      surveys.push(resp);
    }
    tickets.push(draft.build());
    log.imported('rows');
  });
  return log.finish(tickets, surveys);
}
