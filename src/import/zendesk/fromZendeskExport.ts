/**
 * Rows of Zendesk's CSV ticket export (Admin Center › Account › Tools › Reports › CSV export), objects keyed by
 * its column headers, to the summary form.
 *
 * Mapping: `Status` (`Solved`, `Hold`, … case-insensitive), `Via` → channel, `Submitter` ≠ `Requester` →
 * agent-created, the metric columns (whole minutes) → first reply, first and last resolution, waits, on-hold,
 * `Replies` → agentReplies, `Reopens`, stations, `Satisfaction Score` (`Good`/`Bad`/`Offered`) → surveys,
 * `[list]` columns → fields. Times are local to the account's zone: pass `timeZone`.
 * Options: timeZone, dateFormat, invalid, statusMap, channelMap, spamTags.
 *
 * @module
 */
import { describe } from '../../_lib/options.js';
import { Invalid } from '../../_lib/records.js';
import type { SurveyResponse, Ticket, TicketStatus } from '../../model/index.js';
import { channelOf, TicketDraft } from '../_lib/draft.js';
import { collection, fieldValue, optTags, readCommonOptions } from '../_lib/read.js';
import { ImportLog, type ImportOptions, type ImportResult } from '../_lib/result.js';
import { cellCount, cellId, cellText, cellTime, dateFormatOption, forEachRow, normalizeHeader, type CellTimes } from '../_lib/rows.js';
import { channelMapOption, statusMapOption, stringListOption } from '../_lib/vocab.js';
import { ratingScore, summaryFromMinutes, ZENDESK_CHANNELS, ZENDESK_STATUSES } from './shared.js';

/**
 * Options of {@link fromZendeskExport}.
 *
 * @category Import
 */
export interface FromZendeskExportOptions extends ImportOptions {
  /**
   * The IANA zone the export's times are written in: the account's default time zone at the time of the
   * export (Zendesk converts every date to it). Required for times without an offset; never guessed.
   */
  readonly timeZone?: string;
  /** The times' format when they are not ISO-like (`'DD/MM/YYYY HH:mm'`; tokens as in {@link TimeUnit}). */
  readonly dateFormat?: string;
  /** Tags that mark spam. @defaultValue `['spam']` */
  readonly spamTags?: readonly string[];
}

const NAME = 'fromZendeskExport';
const OPTION_KEYS = ['timeZone', 'dateFormat', 'invalid', 'statusMap', 'channelMap', 'spamTags'] as const;

/**
 * Reads Zendesk's CSV ticket export (rows keyed by its column headers, as a CSV parser gives them) into
 * summary-form tickets and survey responses.
 *
 * What the export cannot say: the messages themselves (so no customer message count: `customerReplies` is
 * absent), the first resolution to the second (it is `Created at` + whole minutes), deleted tickets (the
 * export leaves them out), and the target of a merge (`closed_by_merge` rows get a `merge_target_unknown`
 * warning). See docs/import.md.
 *
 * @category Import
 * @param rows - the export's rows, keyed by header (`'Id'`, `'Status'`, `'Created at'`, …)
 * @param options - `timeZone` (the account's zone) and the vocabularies
 * @returns the model (`tickets`, `surveys`), `excluded`, `warnings`, `counts`
 * @example
 * ```ts
 * import { fromZendeskExport, firstResponseTime } from 'helpdesk-metrics';
 * const { tickets, warnings } = fromZendeskExport([
 *   { Id: '1', Status: 'Solved', Via: 'Mail', Requester: 'Ann', Submitter: 'Ann', 'Created at': '2026-03-02 09:00:00',
 *     'Solved at': '2026-03-02 11:00:00', 'First reply time in minutes': '45', Replies: '1', Reopens: '0',
 *     'Satisfaction Score': 'Good' },
 * ], { timeZone: 'Europe/Paris' });
 * firstResponseTime(tickets).meanMs; //=> 2700000
 * tickets[0].channel;                //=> 'email'
 * warnings[0].code;                  //=> 'minute_precision'
 * ```
 */
export function fromZendeskExport(rows: readonly unknown[], options?: FromZendeskExportOptions): ImportResult {
  const { invalid, zone } = readCommonOptions(NAME, options, OPTION_KEYS);
  const times: CellTimes = { zone, format: dateFormatOption(NAME, options?.dateFormat) };
  const statuses = statusMapOption(NAME, options?.statusMap, ZENDESK_STATUSES);
  const channels = channelMapOption(NAME, options?.channelMap, ZENDESK_CHANNELS);
  const spamTags = stringListOption(NAME, 'spamTags', options?.spamTags, ['spam']);
  const list = collection(NAME, rows, 'rows', false);
  const log = new ImportLog(NAME);
  const tickets: Ticket[] = [];
  const surveys: SurveyResponse[] = [];

  if (list.length > 0) {
    log.warnOnce('minute_precision', 'the export gives durations in whole minutes: first reply and first resolution instants are within a minute of the real ones');
  }
  forEachRow(log, invalid, list, ['id'], (row, r) => {
    const h = (name: string): string => row.header(name);
    const id = cellId(row.get('id'), h('id'));
    const createdMs = cellTime(row.get('created_at'), h('created_at'), times);
    if (createdMs === undefined) throw new Invalid('missing_field', h('created_at'), 'the creation time is required');
    const draft = new TicketDraft(id, createdMs, r);
    const b = draft.base;
    const statusLabel = cellText(row.get('status'), h('status'));
    let status: TicketStatus | undefined;
    if (statusLabel !== undefined) {
      status = statuses.get(statusLabel);
      if (status === undefined) throw new Invalid('unknown_status', h('status'), `${describe(statusLabel)} is not a Zendesk status; map it with the statusMap option`);
    }
    const channel = channelOf(row.get('via'), log, r, channels);
    if (channel !== undefined) b.channel = channel;
    const priority = cellText(row.get('priority'), h('priority'));
    if (priority !== undefined) b.priority = priority.toLowerCase();
    const assignee = cellText(row.get('assignee'), h('assignee'));
    if (assignee !== undefined) b.assigneeId = assignee;
    const group = cellText(row.get('group'), h('group'));
    if (group !== undefined) b.groupId = group;
    const requesterId = cellText(row.get('requester_id'), h('requester_id'));
    const requester = cellText(row.get('requester'), h('requester'));
    if (requesterId !== undefined || requester !== undefined) b.requesterId = (requesterId ?? requester) as string;
    const submitter = cellText(row.get('submitter'), h('submitter'));
    if (submitter !== undefined && requester !== undefined) {
      b.createdBy = submitter === requester ? 'customer' : 'agent';
      if (b.createdBy === 'agent') log.warn('created_by_inferred', `submitter ${describe(submitter)} is not the requester: taken as agent-created`, r);
    }
    const tags = optTags(row.get('tags'), h('tags'));
    if (tags !== undefined) {
      b.tags = tags;
      if (spamTags.some((s) => tags.includes(s))) b.spam = true;
      if (tags.includes('closed_by_merge')) log.warn('merge_target_unknown', 'tagged closed_by_merge; the export does not say which ticket it was merged into', r);
    }
    const fieldEntries: [string, string | number | boolean | null][] = [];
    for (const header of row.headers) {
      if (/\[[^\]]*\]\s*$/.test(header)) fieldEntries.push([header, fieldValue(row.get(normalizeHeader(header)) ?? null, header)]);
    }
    if (fieldEntries.length > 0) b.fields = Object.fromEntries(fieldEntries);
    const pair = (name: string): { calendar: number | undefined; business: number | undefined } => {
      const cal = cellCount(row.get(name), h(name));
      const bus = cellCount(row.get(`${name}_within_business_hours`), h(`${name}_within_business_hours`));
      return { calendar: cal === undefined ? undefined : cal * 60_000, business: bus === undefined ? undefined : bus * 60_000 };
    };
    const time = (name: string): number | undefined => cellTime(row.get(name), h(name), times);
    draft.summary = summaryFromMinutes({
      createdMs,
      reply: pair('first_reply_time_in_minutes'),
      firstResolution: pair('first_resolution_time_in_minutes'),
      fullResolution: pair('full_resolution_time_in_minutes'),
      agentWait: pair('agent_wait_time_in_minutes'),
      requesterWait: pair('requester_wait_time_in_minutes'),
      onHold: pair('on_hold_time_in_minutes'),
      solvedMs: time('solved_at'),
      reopens: cellCount(row.get('reopens'), h('reopens')),
      replies: cellCount(row.get('replies'), h('replies')),
      assigneeStations: cellCount(row.get('assignee_stations'), h('assignee_stations')),
      groupStations: cellCount(row.get('group_stations'), h('group_stations')),
      firstAssignedMs: time('initially_assigned_at'),
      assignedMs: time('assigned_at'),
      status,
    });
    const score = row.get('satisfaction_score', 'satisfaction');
    if (score !== undefined) {
      const s = ratingScore(score, h('satisfaction_score'));
      if (s !== 'not_sent') {
        const resp: { id: string; ticketId: string | number; score: number | null; channel?: string; agentId?: string } = { id: `rating:${String(id)}`, ticketId: id, score: s };
        if (channel !== undefined) resp.channel = channel;
        if (assignee !== undefined) resp.agentId = assignee;
        surveys.push(resp);
      }
    }
    tickets.push(draft.build());
    log.imported('rows');
  });
  return log.finish(tickets, surveys);
}
